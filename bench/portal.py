"""The public portal under load (issue 4: "requests per second and p50/p99 of the finder results
page and a service page at 50 concurrent clients on the national-scale network, next to a
trivial endpoint in the same run": ≥ 1,000 req/s, ≥ 40% of the trivial endpoint's rate,
p99 ≤ 200 ms, and "open now" must stay right).

The bench creates a scratch database `rete_bench_portal` on the local PostgreSQL server (dropped
first if it is there, and always dropped at the end), migrates it with the production settings
and imports the national-scale network (`bench.national_network`). It serves it with gunicorn as
`bench.http_load.Gunicorn` does — the page cache is what production has: local memory per
worker by default, Redis with `redis_url` — and loads it with wrk (2 threads, 50 connections):

- the trivial `GET /api/v1/ping`, in the same run, for the ratio;
- the finder results `GET /trova/?comune=<name>&code=<ISTAT code>` over a rotation of a few
  hundred comuni, some with a kind or "open now" filter, and the service page
  `GET /servizi/<id>/` over a rotation of a few hundred services: each wrk thread walks its
  rotation from its own place. Before each measured run wrk loads the page, unmeasured, for
  as long as filling the cache takes (`warmup_seconds`), so that most answers come from the
  page cache, with the key variety real readers give it. A finder or service page is kept
  until what it shows can change (the next opening or closing of one of its services, or
  midnight: rete.portal.freshness), other pages to the end of the minute; a worker restarted
  by max_requests loses its local-memory cache. Each run records the minute boundaries it
  crossed.

What the cache hides is measured apart: the server time of rendering each page of the
rotations once with the cache empty, in-process (as `bench.console_fragment` does: from the
request handed to Django to the response it returns). After the load, a sample of the
benchmarked pages is fetched from the server and every open-now badge on them (see
`open_badges`) is compared with the routing engine's `service_opening` at the minute the page
was served: they must all agree.

The Django work (migrate and import, the cold renders, the engine's answers) runs in child
processes (`python -m bench.portal prepare|cold|open-now`) so that they see the scratch
database whatever database the bench process itself has configured.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.http_load import (
    PING_PATH,
    BenchError,
    Gunicorn,
    WrkResult,
    combine_runs,
    free_port,
    http_request,
    parse_wrk,
    run_wrk,
    wrk_output,
)

DATABASE_NAME = "rete_bench_portal"
NETWORK_SEED = 1522
ROTATION_SEED = 2027
FINDER_PATH = "/trova/"
SERVICE_PATH = "/servizi/{ext_id}/"
CONNECTIONS = 50
THREADS = 2
WARMUP_SECONDS = 3
# Before each measured run of a page, wrk loads it long enough to fill the cache (see
# `warmup_seconds`), up to this (with --quick: a third of it).
WARMUP_MAX_SECONDS = 45
ROTATION_COMUNI = 300
ROTATION_SERVICES = 300
# The finder's query parameters (rete/portal/finder/forms.py): the comune's name with its ISTAT
# code, as the autocomplete and the "did you mean" links send them, and for a share of the
# rotation's comuni a kind filter or "open now" only.
COMUNE_PARAMETER = "comune"
CODE_PARAMETER = "code"
KIND_PARAMETER = "kind"
OPEN_NOW_PARAMETER = "open_now"
KIND_SHARE = 0.2
OPEN_NOW_SHARE = 0.2
# The groups of kinds a reader may filter on (rete.portal.finder.kinds.KIND_GROUPS).
FILTER_KINDS = ("anti_violence_centre", "shelter", "counselling", "health", "police", "legal")
COLD_WARMUP = 20
OPEN_NOW_SAMPLE = 40
# An open-now badge: an element with data-open-now="true" or "false" (the service page), or
# else with the class open-badge or closed-badge (the finder's results and its reference
# service). Its service: the data-service-id of the element or of an enclosing one, else the
# service page a link beside it leads to, else the service of the page.
OPEN_ATTRIBUTE = "data-open-now"
SERVICE_ATTRIBUTE = "data-service-id"
OPEN_CLASS = "open-badge"
CLOSED_CLASS = "closed-badge"

TARGET_PER_SECOND = 1_000
TARGET_RATIO = 0.40
TARGET_P99_MS = 200.0

PAGES = ("finder", "service")
PAGE_LABELS = {"finder": "finder results", "service": "service page"}

# wrk's Lua script: GET the paths of a file (one per line) in turn, each thread from its own
# place in the list; requests are formatted once in init, as bench/wrk_report.lua does. `done`
# prints the same BENCH-JSON line, read by bench.http_load.parse_wrk.
LUA_SCRIPT = r"""
local threads = {}

function setup(thread)
   threads[#threads + 1] = thread
   thread:set("thread_number", #threads)
end

local prepared = {}
local position = 1

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then
         prepared[#prepared + 1] = wrk.format("GET", line)
      end
   end
   position = math.floor((thread_number - 1) * #prepared / tonumber(args[2])) % #prepared + 1
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
"""


# The rotations ---------------------------------------------------------------------------


def rotation_comuni(
    comuni: Mapping[str, str], count: int = ROTATION_COMUNI, seed: int = ROTATION_SEED
) -> list[tuple[str, str]]:
    """`count` distinct comuni (ISTAT code, name) drawn from `comuni` (code -> name; all of
    them if fewer), in a fixed order."""
    rng = random.Random(seed)
    pool = sorted(comuni.items())
    return rng.sample(pool, min(count, len(pool)))


def finder_paths(comuni: Sequence[tuple[str, str]], seed: int = ROTATION_SEED) -> list[str]:
    """One finder results path per comune: most with the comune alone, some with a kind filter,
    some with "open now" only — every path distinct, so every one is a key of its own."""
    rng = random.Random(seed)
    paths = []
    for code, name in comuni:
        query = {COMUNE_PARAMETER: name, CODE_PARAMETER: code}
        draw = rng.random()
        if draw < KIND_SHARE:
            query[KIND_PARAMETER] = rng.choice(FILTER_KINDS)
        elif draw < KIND_SHARE + OPEN_NOW_SHARE:
            query[OPEN_NOW_PARAMETER] = "1"
        paths.append(f"{FINDER_PATH}?{urlencode(query)}")
    return paths


def service_paths(
    ext_ids: Sequence[str], count: int = ROTATION_SERVICES, seed: int = ROTATION_SEED
) -> list[str]:
    """Service page paths of `count` distinct services drawn from `ext_ids`."""
    rng = random.Random(seed + 1)
    pool = sorted(set(ext_ids))
    return [
        SERVICE_PATH.format(ext_id=ext_id) for ext_id in rng.sample(pool, min(count, len(pool)))
    ]


def spread_sample(paths: Sequence[str], count: int) -> list[str]:
    """`count` paths taken at even steps through `paths` (all of them if fewer)."""
    if len(paths) <= count:
        return list(paths)
    step = len(paths) / count
    return [paths[int(index * step)] for index in range(count)]


def finder_variants(paths: Sequence[str]) -> dict[str, int]:
    """How many paths ask with the comune alone, with a kind filter, with "open now"."""
    counts = {"comune": 0, KIND_PARAMETER: 0, OPEN_NOW_PARAMETER: 0}
    for path in paths:
        if f"&{KIND_PARAMETER}=" in path:
            counts[KIND_PARAMETER] += 1
        elif f"&{OPEN_NOW_PARAMETER}=" in path:
            counts[OPEN_NOW_PARAMETER] += 1
        else:
            counts["comune"] += 1
    return counts


# Open-now badges --------------------------------------------------------------------------

# Elements with no end tag: they never enclose a badge.
_VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)


class _BadgeParser(HTMLParser):
    def __init__(self, page_service: str | None) -> None:
        super().__init__(convert_charrefs=True)
        # The open elements, each with the service it is about so far: [tag, service].
        self.stack: list[list[str | None]] = [["", page_service]]
        self.badges: list[tuple[str | None, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        service = attributes.get(SERVICE_ATTRIBUTE) or self.stack[-1][1]
        if tag == "a" and SERVICE_ATTRIBUTE not in attributes:
            # A link to a service page names the service of the element that holds it.
            linked = page_service(attributes.get("href") or "")
            if linked is not None:
                self.stack[-1][1] = service = linked
        shown = _badge_state(attributes)
        if shown is not None:
            self.badges.append((service, shown))
        if tag not in _VOID_ELEMENTS:
            self.stack.append([tag, service])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_ELEMENTS:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        # Pop to the matching element; an end tag with no open match is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return


def _badge_state(attributes: dict[str, str | None]) -> bool | None:
    """True or False for an open-now badge, None for any other element."""
    shown = attributes.get(OPEN_ATTRIBUTE)
    if shown is not None:
        return shown.strip().lower() == "true"
    classes = (attributes.get("class") or "").split()
    if OPEN_CLASS in classes:
        return True
    if CLOSED_CLASS in classes:
        return False
    return None


def page_service(path: str) -> str | None:
    """The service a service page path is about, None for any other path."""
    prefix, suffix = SERVICE_PATH.split("{ext_id}")
    if path.startswith(prefix) and path.endswith(suffix) and len(path) > len(prefix + suffix):
        service = path[len(prefix) : len(path) - len(suffix)]
        return service if "/" not in service else None
    return None


def open_badges(html: str, path: str) -> list[tuple[str | None, bool]]:
    """(service ext_id or None when the page does not say which, shown open) of every badge."""
    parser = _BadgeParser(page_service(path))
    parser.feed(html)
    parser.close()
    return parser.badges


@dataclass(frozen=True, slots=True)
class OpenNowCheck:
    """The open-now badges of pages fetched after the load, against the engine."""

    pages: int
    badges: int
    agree: int
    # Up to 20 disagreements: path, service, what the page showed, what the engine says.
    disagreements: list[dict[str, Any]]
    pages_without_badges: int
    badges_without_service: int

    @property
    def checked(self) -> bool:
        return self.badges > 0

    @property
    def right(self) -> bool:
        return self.checked and self.agree == self.badges and self.badges_without_service == 0


def fetch_pages(
    base_url: str, paths: Sequence[str], *, clock: Callable[[], float] = time.time
) -> list[dict[str, Any]]:
    """GET each path; the page with the minute (epoch minutes) it was served in. A page whose
    fetch straddles a minute boundary is fetched again, so the minute is certain."""
    pages = []
    for path in paths:
        for _attempt in range(5):
            before = int(clock() // 60)
            status, body = http_request(base_url + path, timeout=30)
            after = int(clock() // 60)
            if before == after:
                break
        else:
            raise BenchError(f"{path}: every fetch straddled a minute boundary")
        if status != 200:
            raise BenchError(f"{path} answered {status} after the load")
        html = body.decode("utf-8", errors="replace")
        pages.append({"path": path, "minute": before, "badges": open_badges(html, path)})
    return pages


# The figures ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageLoad:
    """One page under load (rounds combined), with the trivial endpoint's rate beside it."""

    wrk: WrkResult
    paths: int
    rounds: list[WrkResult]
    minute_boundaries: int  # crossed during the measured runs

    @property
    def errors(self) -> int:
        return self.wrk.non_2xx + sum(self.wrk.socket_errors.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "paths": self.paths,
            "per_second": round(self.wrk.per_second, 1),
            "p50_ms": self.wrk.p50_ms,
            "p99_ms": self.wrk.p99_ms,
            "errors": self.errors,
            "minute_boundaries": self.minute_boundaries,
            "wrk": self.wrk.to_dict(),
            "rounds": [run.to_dict() for run in self.rounds],
        }


@dataclass(frozen=True, slots=True)
class PortalBench:
    server: str
    page_cache: str
    cache_seconds: int
    prepare: dict[str, Any]
    ping: WrkResult
    pages: dict[str, PageLoad]
    # Per page: renders, p50_ms, p99_ms, max_ms with the cache empty, in-process.
    cold: dict[str, dict[str, Any]]
    open_now: OpenNowCheck
    finder_variants: dict[str, int]
    seconds: int
    rounds: int
    # Copies of each page the cache holds: one per worker in local memory, one in Redis.
    cache_copies: int = 1
    # Per page: how long wrk loaded it, unmeasured, before each measured run.
    warmup_seconds: dict[str, int] = dataclasses.field(default_factory=dict)

    def ratio(self, page: str) -> float:
        rate = self.ping.per_second
        return self.pages[page].wrk.per_second / rate if rate else 0.0

    def refill_cpu_seconds(self, page: str) -> float | None:
        """CPU seconds a minute the server spends rendering the page's keys again as the
        minute turns (keys x copies x the render with the cache empty, p50)."""
        cold = self.cold.get(page)
        if not cold:
            return None
        return self.pages[page].paths * self.cache_copies * cold["p50_ms"] / 1000

    def to_dict(self) -> dict[str, Any]:
        pages = {}
        for page, load in self.pages.items():
            data = load.to_dict()
            data["ratio_to_ping"] = round(self.ratio(page), 3)
            data["cold"] = self.cold.get(page)
            refill = self.refill_cpu_seconds(page)
            data["refill_cpu_s_per_minute"] = round(refill, 1) if refill is not None else None
            pages[page] = data
        return {
            "database": f"PostgreSQL, scratch database {DATABASE_NAME} (dropped at the end)",
            "network": {"seed": NETWORK_SEED, **self.prepare},
            "server": self.server,
            "page_cache": self.page_cache,
            "cache_seconds": self.cache_seconds,
            "cache_copies": self.cache_copies,
            "warmup_seconds": self.warmup_seconds,
            "wrk": f"-t{THREADS} -c{CONNECTIONS} -d{self.seconds}s --latency",
            "rounds": self.rounds,
            "finder_variants": self.finder_variants,
            "ping": self.ping.to_dict(),
            "pages": pages,
            "open_now": {**asdict(self.open_now), "right": self.open_now.right},
            "targets": {
                "per_second": TARGET_PER_SECOND,
                "ratio_to_ping": TARGET_RATIO,
                "p99_ms": TARGET_P99_MS,
            },
        }


# The run ----------------------------------------------------------------------------------


def _child(step: str, env: dict[str, str], *args: str, timeout: float = 900) -> dict[str, Any]:
    """Run `python -m bench.portal <step> [args]` with `env`; its last stdout line is JSON."""
    from bench.contacts import PROJECT_ROOT

    completed = subprocess.run(
        [sys.executable, "-m", "bench.portal", step, *args],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"portal {step} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _minutes_crossed(started: float, ended: float) -> int:
    return int(ended // 60) - int(started // 60)


def _page_run(
    wrk: str, server: Gunicorn, paths_file: Path, script: Path, label: str, seconds: int
) -> tuple[WrkResult, int]:
    settle(server.base_url)
    events = server.events()
    started = time.time()
    output = wrk_output(
        wrk,
        server.base_url + "/",
        seconds=seconds,
        connections=CONNECTIONS,
        threads=THREADS,
        script=script,
        script_args=[str(paths_file), str(THREADS)],
    )
    crossed = _minutes_crossed(started, time.time())
    after = server.events()
    result = dataclasses.replace(
        parse_wrk(label, output, connections=CONNECTIONS),
        worker_restarts=after["worker_boots"] - events["worker_boots"],
        snapshot_builds=after["snapshot_builds"] - events["snapshot_builds"],
    )
    return result, crossed


def _ping_run(wrk: str, server: Gunicorn, seconds: int) -> WrkResult:
    settle(server.base_url)
    events = server.events()
    result = run_wrk(
        wrk, server.base_url + PING_PATH, seconds=seconds, connections=CONNECTIONS, threads=THREADS
    )
    after = server.events()
    return dataclasses.replace(
        result,
        worker_restarts=after["worker_boots"] - events["worker_boots"],
        snapshot_builds=after["snapshot_builds"] - events["snapshot_builds"],
    )


def settle(
    base_url: str,
    *,
    quick_ms: float = 50.0,
    timeout: float = 300.0,
    clock: Callable[[], float] = time.monotonic,
) -> float:
    """Wait until the server has served what an earlier run left queued (wrk stops, but the
    requests its connections had sent are still served, one after the other): until two pings
    in a row answer within `quick_ms`. The seconds it took; BenchError after `timeout`."""
    started = clock()
    quick = 0
    while quick < 2:
        if clock() - started > timeout:
            raise BenchError(f"the server was still busy {timeout:.0f} s after a run")
        sent = clock()
        status, _body = http_request(base_url + PING_PATH, timeout=timeout)
        if status != 200:
            raise BenchError(f"{PING_PATH} answered {status} between runs")
        quick = quick + 1 if (clock() - sent) * 1000 <= quick_ms else 0
    return clock() - started


def warmup_seconds(
    *, keys: int, copies: int, cold_ms: float, workers: int, longest: int = WARMUP_MAX_SECONDS
) -> int:
    """How long to load a page before measuring it: half as long again as its workers take
    to render every key into every copy of the cache, rounded up, between WARMUP_SECONDS and
    `longest`. (A page whose keys cannot all be rendered within a minute never has a warm
    cache: the minute in the key empties it first.)"""
    fill = keys * copies * cold_ms / 1000 / max(1, workers)
    return max(WARMUP_SECONDS, min(longest, math.ceil(1.5 * fill)))


def _check_pages(base_url: str, paths: Sequence[str]) -> None:
    for path in spread_sample(paths, 5):
        status, body = http_request(base_url + path, timeout=60)
        if status != 200:
            raise BenchError(f"{path} answered {status}: {body[:300]!r}")


def portal_bench(
    *,
    wrk: str,
    seconds: int,
    rounds: int,
    max_requests: int,
    workers: int = 2,
    redis_url: str | None = None,
    cold_renders: int = ROTATION_COMUNI,
) -> PortalBench:
    """Create, fill and load the scratch database; it is dropped at the end, always.

    `redis_url`: the page cache of production with REDIS_URL (shared by the workers, kept
    across their restarts); without it the local-memory cache of each worker, whatever
    REDIS_URL the calling shell has, so that the figures do not change with it unnoticed."""
    from bench.contacts import SERVER_URL, _psql
    from bench.django_side import production_env

    drop = f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)"
    _psql(drop)
    try:
        _psql(f"CREATE DATABASE {DATABASE_NAME}")
        with tempfile.TemporaryDirectory(prefix="rete-bench-portal-") as directory:
            workdir = Path(directory)
            env = production_env(database_url=f"{SERVER_URL}/{DATABASE_NAME}", workdir=workdir)
            env.pop("REDIS_URL", None)
            # The Django steps use the local-memory cache: the cold renders empty it before
            # each page, which on Redis would flush a database the server shares.
            child_env = dict(env)
            if redis_url:
                env["REDIS_URL"] = redis_url
            print(f"Migrating {DATABASE_NAME} and importing the national network ...", flush=True)
            prepared = _child("prepare", child_env)
            comuni = rotation_comuni(prepared.pop("comuni"))
            finder = finder_paths(comuni)
            service = service_paths(prepared.pop("services"))
            rotations = {"finder": finder, "service": service}
            files = {}
            for page, paths in rotations.items():
                files[page] = workdir / f"{page}.paths"
                files[page].write_text("\n".join(paths) + "\n", encoding="utf-8")

            renders = str(max(1, cold_renders))
            print(f"Portal pages rendered with the cache empty ({renders} each) ...", flush=True)
            cold = _child("cold", child_env, str(files["finder"]), str(files["service"]), renders)

            script = workdir / "portal.lua"
            script.write_text(LUA_SCRIPT, encoding="utf-8")
            server = Gunicorn(
                executable=str(Path(sys.executable).with_name("gunicorn")),
                env=env,
                port=free_port(),
                log_path=workdir / "gunicorn.log",
                workers=workers,
                max_requests=max_requests,
            )
            with server:
                for paths in rotations.values():
                    _check_pages(server.base_url, paths)
                copies = 1 if redis_url else workers
                warmups = {
                    page: warmup_seconds(
                        keys=len(rotations[page]),
                        copies=copies,
                        cold_ms=cold[page]["p50_ms"],
                        workers=workers,
                        longest=WARMUP_MAX_SECONDS if seconds >= 10 else WARMUP_MAX_SECONDS // 3,
                    )
                    for page in PAGES
                }
                _ping_run(wrk, server, WARMUP_SECONDS)
                ping_runs: list[WrkResult] = []
                page_runs: dict[str, list[WrkResult]] = {page: [] for page in PAGES}
                crossed = dict.fromkeys(PAGES, 0)
                for number in range(1, rounds + 1):
                    print(
                        f"Portal round {number}/{rounds}: {PING_PATH}, finder results, service "
                        f"page, {seconds} s each (wrk -t{THREADS} -c{CONNECTIONS}) ...",
                        flush=True,
                    )
                    ping_runs.append(_ping_run(wrk, server, seconds))
                    for page in PAGES:
                        print(
                            f"  {PAGE_LABELS[page]}: {warmups[page]} s to fill the cache, "
                            f"then {seconds} s measured ...",
                            flush=True,
                        )
                        _page_run(wrk, server, files[page], script, page, warmups[page])
                        result, minutes = _page_run(
                            wrk, server, files[page], script, PAGE_LABELS[page], seconds
                        )
                        page_runs[page].append(result)
                        crossed[page] += minutes
                print("Checking the open-now badges of the pages served ...", flush=True)
                sample = [
                    *spread_sample(finder, OPEN_NOW_SAMPLE // 2),
                    *spread_sample(service, OPEN_NOW_SAMPLE // 2),
                ]
                settle(server.base_url)
                fetched = fetch_pages(server.base_url, sample)
            pages_file = workdir / "pages.json"
            pages_file.write_text(json.dumps(fetched), encoding="utf-8")
            open_now = OpenNowCheck(**_child("open-now", child_env, str(pages_file)))
            return PortalBench(
                server=server.description,
                page_cache="Redis, shared by the workers"
                if redis_url
                else "local memory, one per worker",
                cache_seconds=int(prepared.pop("cache_seconds")),
                prepare=prepared,
                ping=combine_runs(ping_runs),
                pages={
                    page: PageLoad(
                        wrk=combine_runs(runs),
                        paths=len(rotations[page]),
                        rounds=runs,
                        minute_boundaries=crossed[page],
                    )
                    for page, runs in page_runs.items()
                },
                cold=cold,
                open_now=open_now,
                finder_variants=finder_variants(finder),
                seconds=seconds,
                rounds=rounds,
                cache_copies=copies,
                warmup_seconds=warmups,
            )
    finally:
        _psql(drop)


# Child steps (Django configured on the scratch database) -----------------------------------


def _prepare() -> dict[str, Any]:
    from django.conf import settings
    from django.core.management import call_command

    from bench.national_network import national_network
    from rete.geography.models import Comune
    from rete.network.networkfile.importer import network_import

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, stdout=sys.stderr)
    migrated = time.perf_counter()
    network = national_network(NETWORK_SEED)
    generated = time.perf_counter()
    network_import(network)
    imported = time.perf_counter()
    static = _collect_static()

    return {
        "migrate_s": round(migrated - started, 2),
        "import_s": round(imported - generated, 2),
        "services_total": len(network["services"]),
        "comuni_total": Comune.objects.count(),
        # Every comune is covered (every province is a territory); the rotation draws from all.
        "comuni": dict(Comune.objects.values_list("code", "name")),
        "services": [service["id"] for service in network["services"]],
        "cache_seconds": settings.PORTAL_CACHE_SECONDS,
        "collectstatic": static,
    }


def _collect_static() -> str:
    """Collect the static files as a deployment does (`rete collectstatic`), into the bench's
    temporary STATIC_ROOT: production's templates name them by the hashed names of the
    manifest this writes. If a file refers to one that is missing, which makes the command
    fail, they are collected again leaving such references as they are, so that the pages can
    still be measured; the answer says which happened."""
    from django.contrib.staticfiles.management.commands.collectstatic import Command
    from django.core.management import call_command

    try:
        call_command("collectstatic", interactive=False, verbosity=0, stdout=sys.stderr)
    except ValueError as error:
        command = Command(stdout=sys.stderr, stderr=sys.stderr)
        command.storage = _lenient_storage()
        call_command(command, interactive=False, verbosity=0)
        found = re.search(r"'([^']+)'", str(error))
        missing = found.group(1) if found else str(error).strip().splitlines()[0]
        return f"FAILED as production runs it: {missing} is missing (collected without it)"
    return "collected as production does"


def _lenient_storage() -> Any:
    from django.core.files.storage import storages

    class LenientStorage(type(storages["staticfiles"])):  # type: ignore[misc]
        """Production's storage, but a reference to a missing file stays as it is."""

        def hashed_name(self, name, content=None, filename=None):  # type: ignore[no-untyped-def]
            try:
                return super().hashed_name(name, content, filename)
            except ValueError:
                return name

    return LenientStorage()


def _cold(finder_file: str, service_file: str, renders: str) -> dict[str, Any]:
    """Render each path once with the page cache emptied before it: the server time (the
    request handed to Django to the response it returns) of a cache miss."""
    from django.core.cache import cache
    from django.test import Client

    from bench.console_fragment import _percentile
    from rete.routing.snapshot import routing_snapshot_preload

    # As gunicorn's preload does: the snapshot built, its per-comune memo filled.
    routing_snapshot_preload()
    count = int(renders)
    client = Client()
    handler = client.handler
    get_response = handler.get_response
    timings: list[float] = []

    def timed_get_response(request):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return get_response(request)
        finally:
            timings.append((time.perf_counter() - started) * 1000)

    figures: dict[str, dict[str, Any]] = {}
    for page, file in (("finder", finder_file), ("service", service_file)):
        paths = [line for line in Path(file).read_text(encoding="utf-8").splitlines() if line]
        # The first requests of a process load templates and translations: not measured.
        for path in paths[:COLD_WARMUP]:
            client.get(path)
        timings.clear()
        for path in paths[:count]:
            cache.clear()
            handler.get_response = timed_get_response
            try:
                response = client.get(path)
            finally:
                del handler.get_response
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
        figures[page] = {
            "renders": len(timings),
            "p50_ms": round(_percentile(timings, 0.50), 2),
            "p99_ms": round(_percentile(timings, 0.99), 2),
            "max_ms": round(max(timings), 2),
        }
    cache.clear()
    return figures


def _open_now(pages_file: str) -> dict[str, Any]:
    """Compare each badge of the fetched pages with the engine at the minute it was served."""
    from datetime import UTC, datetime

    from rete.directory.selectors import service_opening
    from rete.routing.snapshot import routing_snapshot

    snapshot = routing_snapshot()
    pages = json.loads(Path(pages_file).read_text(encoding="utf-8"))
    badges = agree = without_badges = without_service = 0
    disagreements: list[dict[str, Any]] = []
    for page in pages:
        at = datetime.fromtimestamp(page["minute"] * 60, UTC)
        if not page["badges"]:
            without_badges += 1
        for service, shown in page["badges"]:
            badges += 1
            if service is None:
                without_service += 1
                continue
            engine = service_opening(snapshot, service, at).open_now
            if engine == shown:
                agree += 1
            elif len(disagreements) < 20:
                disagreements.append(
                    {
                        "path": page["path"],
                        "service": service,
                        "minute": at.isoformat(),
                        "page_open": shown,
                        "engine_open": engine,
                    }
                )
    return {
        "pages": len(pages),
        "badges": badges,
        "agree": agree,
        "disagreements": disagreements,
        "pages_without_badges": without_badges,
        "badges_without_service": without_service,
    }


def _child_main(argv: Sequence[str]) -> int:
    import django

    if os.environ.get("RETE_ENV") != "production":
        print("bench.portal runs only under the bench's production environment", file=sys.stderr)
        return 2
    os.environ["ALLOWED_HOSTS"] = os.environ.get("ALLOWED_HOSTS", "") + ",testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django.setup()
    steps: dict[str, Callable[..., dict[str, Any]]] = {
        "prepare": _prepare,
        "cold": _cold,
        "open-now": _open_now,
    }
    step = argv[0] if argv else ""
    if step not in steps:
        print(f"unknown step {step!r}: {', '.join(steps)}", file=sys.stderr)
        return 2
    print(json.dumps(steps[step](*argv[1:])))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
