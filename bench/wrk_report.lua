-- wrk script of `make bench`.
--
-- With a file argument (`wrk ... -s wrk_report.lua URL -- BODIES`), every request is a POST of
-- the next line of BODIES (one JSON document per line), rotating; without one, every request
-- is wrk's default GET of URL. Requests are formatted once, in init, so that both endpoints
-- cost wrk the same per request. When the run ends, `done` prints one line
-- `BENCH-JSON {...}` with the counts and latency percentiles (microseconds) that the Python
-- side reads; wrk's own report is printed as usual above it.

local prepared = {}
local position = 1

function init(args)
   local path = args[1]
   if path then
      local headers = { ["Content-Type"] = "application/json" }
      for line in io.lines(path) do
         if #line > 0 then
            prepared[#prepared + 1] = wrk.format("POST", nil, headers, line)
         end
      end
   end
   if #prepared == 0 then
      prepared[1] = wrk.format()
   end
end

function request()
   local current = prepared[position]
   position = position % #prepared + 1
   return current
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors_connect": %d, "errors_read": %d, "errors_write": %d, '
      .. '"errors_status": %d, "errors_timeout": %d, '
      .. '"latency_mean_us": %.1f, "latency_p50_us": %d, "latency_p90_us": %d, '
      .. '"latency_p99_us": %d, "latency_p99_9_us": %d, "latency_max_us": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9), latency.max
   ))
end
