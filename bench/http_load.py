"""Decisions over HTTP, served the way the README says production serves it.

gunicorn with its production settings file (`rete/config/gunicorn.py`: synchronous workers,
the application preloaded), two workers, `RETE_ENV=production`, bound to a free loopback port, loaded by `wrk` (32 connections, one thread) on `POST
/api/v1/routing/decide` with bodies rotating over a few thousand pre-generated requests, and on
the trivial `GET /api/v1/ping` of the same server in the same run, so that the ratio between the
two says what the decision costs on top of Django and gunicorn themselves.

gunicorn is always stopped at the end (its whole process group), also on errors; every wait is
bounded; nothing listens on anything but 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from bench.in_process import YEAR_END, YEAR_START
from rete.routing.engine import ROME

HOST = "127.0.0.1"
PING_PATH = "/api/v1/ping"
DECIDE_PATH = "/api/v1/routing/decide"
LUA_SCRIPT = Path(__file__).with_name("wrk_report.lua")
WRK_INSTALL_HINT = "wrk is not installed: `sudo apt-get install wrk` (Debian/Ubuntu), then rerun."
EMERGENCY_SHARE = 0.05


class BenchError(RuntimeError):
    """Something the benchmark needs did not work (the message says what)."""


def wrk_executable(*, install: bool = True) -> str | None:
    """The path of wrk; installed with apt-get when missing and we are root, else None."""
    found = shutil.which("wrk")
    if found or not install or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return found
    if not shutil.which("apt-get"):
        return None
    print("wrk is missing: installing it with apt-get (running as root) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            env=env,
            check=True,
            timeout=600,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        print(f"apt-get install wrk failed: {error}", file=sys.stderr)
        return None
    return shutil.which("wrk")


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def decide_bodies(codes: Sequence[str], count: int, seed: int) -> list[str]:
    """Request bodies: random comuni of all Italy, instants of 2026 with their Europe/Rome
    offset, about one emergency in twenty."""
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        at = datetime.fromtimestamp(rng.uniform(YEAR_START, YEAR_END), ROME)
        body = {
            "comune": rng.choice(codes),
            "at": at.isoformat(timespec="seconds"),
            "emergency": rng.random() < EMERGENCY_SHARE,
        }
        bodies.append(json.dumps(body, separators=(",", ":")))
    return bodies


class Gunicorn:
    """gunicorn serving `rete.config.wsgi` as the README's "How production serves it" says:
    `gunicorn -c python:rete.config.gunicorn rete.config.wsgi` (sync workers, the application
    and the routing snapshot preloaded in the master, `max_requests` restarts), here with two
    workers and bound to a loopback port. `max_requests=0` turns the restarts off, for
    comparison.

    Used as a context manager: started on entry (ready once `/api/v1/ping` answers), stopped
    on exit whatever happened.
    """

    def __init__(
        self,
        *,
        executable: str,
        env: Mapping[str, str],
        port: int,
        log_path: Path,
        workers: int = 2,
        max_requests: int = 10_000,
        ready_timeout: float = 90.0,
    ) -> None:
        bind = f"{HOST}:{port}"
        # The settings file reads these; the command line repeats bind and workers so that
        # nothing but the loopback address is ever bound, whatever the file says.
        self.env = {
            **env,
            "GUNICORN_BIND": bind,
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_MAX_REQUESTS": str(max_requests),
        }
        self.env.pop("GUNICORN_ACCESS_LOG", None)
        self.command = [
            executable,
            "-c", "python:rete.config.gunicorn",
            "rete.config.wsgi",
            "--bind", bind,
            "--workers", str(workers),
            # gunicorn 27 opens a control socket, by default ~/.gunicorn/gunicorn.ctl, shared by
            # every gunicorn of the user: the bench's goes next to its log instead.
            "--control-socket", str(log_path.with_name("gunicorn.ctl")),
        ]  # fmt: skip
        self.description = f"rete/config/gunicorn.py, {workers} sync workers, " + (
            f"max_requests {max_requests}" if max_requests else "no max_requests"
        )
        self.base_url = f"http://{bind}"
        self.log_path = log_path
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Gunicorn:
        try:
            self.start()
        except BaseException:
            # __exit__ does not run when __enter__ fails: stop a server that half started.
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            # A session of its own: stopping it signals the master and its workers together.
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"gunicorn exited with status {self.process.returncode} before answering:\n"
                    + self.log_tail()
                )
            try:
                status, _body = http_request(self.base_url + PING_PATH, timeout=2)
            except OSError:
                time.sleep(0.2)
                continue
            if status == 200:
                return
            raise BenchError(f"{PING_PATH} answered {status}:\n" + self.log_tail())
        raise BenchError(
            f"gunicorn did not answer within {self.ready_timeout:.0f} s:\n" + self.log_tail()
        )

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def events(self) -> dict[str, int]:
        """Workers booted so far (two at start, one more for every restart) and routing
        snapshots built (one by each worker on its first decision, and after every change)."""
        text = self.log_text()
        return {
            "worker_boots": text.count("Booting worker"),
            "snapshot_builds": text.count("Routing snapshot built"),
        }


def http_request(url: str, *, body: str | None = None, timeout: float = 10) -> tuple[int, bytes]:
    """One request to the loopback server: (status, body)."""
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError("only the loopback server is ever asked")
    data = body.encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_answers(base_url: str, bodies: Sequence[str], count: int = 20) -> dict[str, int]:
    """Ask for a few decisions one by one: each must be a 200 with a mode. Returns the modes."""
    modes: dict[str, int] = {}
    for body in bodies[:count]:
        status, answer = http_request(base_url + DECIDE_PATH, body=body, timeout=60)
        if status != 200:
            raise BenchError(f"{DECIDE_PATH} answered {status} to {body}: {answer[:300]!r}")
        mode = json.loads(answer)["mode"]
        modes[mode] = modes.get(mode, 0) + 1
    return modes


@dataclass(frozen=True, slots=True)
class WrkResult:
    endpoint: str
    seconds: float
    connections: int
    requests: int
    per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    p99_9_ms: float
    max_ms: float
    non_2xx: int  # wrk counts answers with status > 399
    bytes_per_response: int  # headers included
    socket_errors: dict[str, int]
    # During the run: workers gunicorn restarted (--max-requests) and snapshots they rebuilt.
    worker_restarts: int = 0
    snapshot_builds: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["per_second"] = round(self.per_second, 1)
        return data


def combine_runs(runs: Sequence[WrkResult]) -> WrkResult:
    """Several runs of one endpoint as one: totals and the overall rate; p50 the median of the
    runs' p50, the higher percentiles and the maximum those of the worst run."""
    if not runs:
        raise ValueError("no runs to combine")
    seconds = sum(run.seconds for run in runs)
    requests = sum(run.requests for run in runs)
    return WrkResult(
        endpoint=runs[0].endpoint,
        seconds=round(seconds, 2),
        connections=runs[0].connections,
        requests=requests,
        per_second=requests / seconds if seconds else 0.0,
        p50_ms=statistics.median(run.p50_ms for run in runs),
        p90_ms=max(run.p90_ms for run in runs),
        p99_ms=max(run.p99_ms for run in runs),
        p99_9_ms=max(run.p99_9_ms for run in runs),
        max_ms=max(run.max_ms for run in runs),
        non_2xx=sum(run.non_2xx for run in runs),
        bytes_per_response=round(
            sum(run.bytes_per_response * run.requests for run in runs) / requests
        )
        if requests
        else 0,
        socket_errors={
            kind: sum(run.socket_errors[kind] for run in runs) for kind in runs[0].socket_errors
        },
        worker_restarts=sum(run.worker_restarts for run in runs),
        snapshot_builds=sum(run.snapshot_builds for run in runs),
    )


_BENCH_LINE = re.compile(r"^BENCH-JSON (\{.*\})$", re.MULTILINE)
_RATE_LINE = re.compile(r"^Requests/sec:\s+([0-9.]+)", re.MULTILINE)


def parse_wrk(endpoint: str, output: str, *, connections: int) -> WrkResult:
    """Read the `BENCH-JSON` line of our Lua `done` and cross-check wrk's own Requests/sec."""
    found = _BENCH_LINE.search(output)
    if not found:
        raise BenchError(f"wrk printed no figures for {endpoint}:\n{output[-2000:]}")
    figures = json.loads(found.group(1))
    seconds = figures["duration_us"] / 1e6
    requests = figures["requests"]
    rate = requests / seconds if seconds else 0.0
    printed = _RATE_LINE.search(output)
    if printed and abs(float(printed.group(1)) - rate) > max(1.0, 0.01 * rate):
        raise BenchError(f"wrk's Requests/sec ({printed.group(1)}) disagrees with {rate:.1f}")
    return WrkResult(
        endpoint=endpoint,
        seconds=round(seconds, 2),
        connections=connections,
        requests=requests,
        per_second=rate,
        p50_ms=figures["latency_p50_us"] / 1000,
        p90_ms=figures["latency_p90_us"] / 1000,
        p99_ms=figures["latency_p99_us"] / 1000,
        p99_9_ms=figures["latency_p99_9_us"] / 1000,
        max_ms=figures["latency_max_us"] / 1000,
        non_2xx=figures["errors_status"],
        bytes_per_response=round(figures["bytes"] / requests) if requests else 0,
        socket_errors={
            kind: figures[f"errors_{kind}"] for kind in ("connect", "read", "write", "timeout")
        },
    )


def run_wrk(
    wrk: str,
    url: str,
    *,
    seconds: int,
    connections: int = 32,
    threads: int = 1,
    bodies_path: Path | None = None,
) -> WrkResult:
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError("wrk only ever loads the loopback server")
    script_args = [str(bodies_path)] if bodies_path is not None else []
    output = wrk_output(
        wrk,
        url,
        seconds=seconds,
        connections=connections,
        threads=threads,
        script=LUA_SCRIPT,
        script_args=script_args,
    )
    return parse_wrk(url.removeprefix(url.split("/api/")[0]), output, connections=connections)


def wrk_output(
    wrk: str,
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    script: Path,
    script_args: list[str],
) -> str:
    """Run wrk with `--latency` and a Lua script for `seconds`; its standard output."""
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout", "10s",
        "--latency",
        "-s", str(script),
        url,
    ]  # fmt: skip
    if script_args:
        command += ["--", *script_args]
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"wrk did not finish within {seconds + 60} s") from None
    if completed.returncode != 0:
        raise BenchError(f"wrk failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return completed.stdout
