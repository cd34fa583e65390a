"""What `make bench` prints for the public portal: each page's rate, p99 and ratio to the
trivial endpoint beside the targets, the render with the cache empty, and the open-now check;
the rotations of URLs it loads; the badges it reads off the pages. A missed target is printed,
never raised; an error or a badge that disagrees with the engine is."""

import os
import sys
from dataclasses import replace

import pytest

import bench.__main__ as bench_main
from bench import contacts, portal
from bench.http_load import PING_PATH, BenchError, WrkResult


def wrk_result(endpoint: str, *, rate: float, p99_ms: float = 80.0, non_2xx: int = 0) -> WrkResult:
    return WrkResult(
        endpoint=endpoint,
        seconds=15.0,
        connections=portal.CONNECTIONS,
        requests=round(rate * 15),
        per_second=rate,
        p50_ms=30.0,
        p90_ms=60.0,
        p99_ms=p99_ms,
        p99_9_ms=150.0,
        max_ms=180.0,
        non_2xx=non_2xx,
        bytes_per_response=21_000,
        socket_errors={"connect": 0, "read": 0, "write": 0, "timeout": 0},
        worker_restarts=2,
    )


def page_load(endpoint: str, **figures) -> portal.PageLoad:
    result = wrk_result(endpoint, **figures)
    return portal.PageLoad(wrk=result, paths=300, rounds=[result], minute_boundaries=1)


def open_now(*, badges: int = 120, agree: int = 120, **fields) -> portal.OpenNowCheck:
    return portal.OpenNowCheck(
        **{
            "pages": 40,
            "badges": badges,
            "agree": agree,
            "disagreements": [],
            "pages_without_badges": 0,
            "badges_without_service": 0,
            **fields,
        }
    )


def portal_bench(**changes) -> portal.PortalBench:
    result = portal.PortalBench(
        server="rete/config/gunicorn.py, 2 sync workers, max_requests 10000",
        page_cache="local memory, one per worker",
        cache_seconds=60,
        prepare={"migrate_s": 4.0, "import_s": 9.0, "services_total": 5_000},
        ping=wrk_result(PING_PATH, rate=2_500.0, p99_ms=40.0),
        pages={
            "finder": page_load("finder results", rate=1_200.0, p99_ms=150.5),
            "service": page_load("service page", rate=900.0, p99_ms=250.0),
        },
        cold={
            "finder": {"renders": 300, "p50_ms": 42.0, "p99_ms": 95.5, "max_ms": 120.0},
            "service": {"renders": 300, "p50_ms": 12.0, "p99_ms": 20.0, "max_ms": 31.0},
        },
        open_now=open_now(),
        finder_variants={"comune": 180, "kind": 60, "open_now": 60},
        seconds=15,
        rounds=2,
        cache_copies=2,
    )
    return replace(result, **changes)


@pytest.fixture
def measured(monkeypatch):
    """Run the portal part of the bench on prepared figures instead of a server."""

    def run(result) -> bench_main.Report:
        monkeypatch.setattr(bench_main, "wrk_executable", lambda: "/usr/bin/wrk")
        monkeypatch.setattr(contacts, "PSQL", sys.executable)
        monkeypatch.setattr(portal, "portal_bench", lambda **kwargs: result)
        report = bench_main.Report()
        bench_main._portal(bench_main.parse_args(["--portal-only"]), report)
        return report

    return run


def rows(report: bench_main.Report) -> list[tuple[str, str, str, str]]:
    return [
        (label.strip(), figure, target, verdict) for label, figure, target, verdict in report.rows
    ]


def page_rows(report: bench_main.Report, label: str) -> dict[str, tuple[str, str, str]]:
    """The rows of one page's block: its own row under "", then its sub-rows by label."""
    printed = rows(report)
    start = next(index for index, row in enumerate(printed) if row[0] == label)
    block = {"": printed[start][1:]}
    for row in printed[start + 1 :]:
        if row[0] in {portal.PAGE_LABELS[page] for page in portal.PAGES} or row[0] == "open now":
            break
        block[row[0]] = row[1:]
    return block


def test_it_prints_each_page_beside_the_targets(measured) -> None:
    report = measured(portal_bench())

    finder = page_rows(report, "finder results")
    assert finder[""] == ("1,200 /s", "target ≥ 1,000 /s", "met")
    assert finder["p50 / p99 (worst round)"] == (
        "30.00 / 150.50 ms, 21,000 bytes/response",
        "target p99 ≤ 200 ms",
        "met",
    )
    assert finder["/ ping"] == ("48%", "target ≥ 40%", "met")
    assert finder["errors (non-2xx + socket)"] == (
        "0 (0 non-2xx, 0 timeouts after 10 s, 0 other)",
        "must be 0",
        "met",
    )
    assert finder["cache empty, in-process (300 renders)"][0] == (
        "p50 42.0 ms, p99 95.5 ms (max 120.0)"
    )
    cpus = os.cpu_count() or 1
    assert finder["if every key were rendered each minute (keys x copies x p50)"][0] == (
        f"≈ 25 CPU-s = {25.2 / (60 * cpus):.0%} of the {cpus} CPUs (300 keys x 2)"
    )
    service = page_rows(report, "service page")
    assert service[""] == ("900 /s", "target ≥ 1,000 /s", "NOT MET")
    assert service["p50 / p99 (worst round)"][2] == "NOT MET"
    assert service["/ ping"][0] == "36%"


def test_it_records_the_targets_and_the_figures_in_the_json(measured) -> None:
    report = measured(portal_bench())

    assert report.targets["portal_finder_per_second"] == {
        "figure": 1_200.0,
        "target": ">= 1000",
        "met": True,
    }
    assert report.targets["portal_service_p99_ms"]["met"] is False
    assert report.targets["portal_service_to_ping_ratio"]["figure"] == 0.36
    assert report.targets["portal_open_now_right"]["met"] is True
    data = report.data["portal"]
    assert data["pages"]["finder"]["per_second"] == 1_200.0
    assert data["pages"]["finder"]["ratio_to_ping"] == 0.48
    assert data["pages"]["service"]["cold"]["p99_ms"] == 20.0
    assert data["pages"]["service"]["refill_cpu_s_per_minute"] == 7.2
    assert data["pages"]["finder"]["errors"] == 0
    assert data["open_now"]["right"] is True
    assert data["targets"] == {"per_second": 1_000, "ratio_to_ping": 0.4, "p99_ms": 200.0}


def test_it_says_how_many_badges_agree_with_the_engine(measured) -> None:
    report = measured(portal_bench())

    (row,) = [row for row in rows(report) if row[0] == "open now"]
    assert row[1:] == (
        "120 of 120 badges agree with the engine (40 pages after the load)",
        "all agree",
        "met",
    )


def test_pages_without_badges_are_reported_not_checked(measured) -> None:
    report = measured(portal_bench(open_now=open_now(badges=0, agree=0, pages_without_badges=40)))

    (row,) = [row for row in rows(report) if row[0] == "open now"]
    assert row[1] == "not checked: the 40 pages show no open-now badge"
    assert row[3] == "NOT MET"


def test_a_badge_that_disagrees_with_the_engine_is_raised(measured) -> None:
    wrong = open_now(agree=119, disagreements=[{"service": "svc-00001"}])

    with pytest.raises(BenchError, match="open now"):
        measured(portal_bench(open_now=wrong))


def test_errors_under_load_are_raised(measured) -> None:
    result = portal_bench()
    failing = page_load("service page", rate=1_500.0, non_2xx=3)

    with pytest.raises(BenchError, match="service page: 3 non-2xx answers"):
        measured(replace(result, pages={**result.pages, "service": failing}))


def test_timeouts_of_an_overloaded_server_are_printed_not_raised(measured) -> None:
    result = portal_bench()
    slow = wrk_result("finder results", rate=3.0, p99_ms=9_900.0)
    slow = replace(slow, socket_errors={**slow.socket_errors, "timeout": 16})
    overloaded = portal.PageLoad(wrk=slow, paths=300, rounds=[slow], minute_boundaries=0)

    report = measured(replace(result, pages={**result.pages, "finder": overloaded}))

    errors = page_rows(report, "finder results")["errors (non-2xx + socket)"]
    assert errors == ("16 (0 non-2xx, 16 timeouts after 10 s, 0 other)", "must be 0", "NOT MET")
    assert report.data["portal"]["pages"]["finder"]["errors"] == 16


def test_portal_only_skips_the_other_benchmarks() -> None:
    settings = bench_main.parse_args(["--portal-only"])

    assert (settings.routing, settings.contacts, settings.portal) == (False, False, True)
    assert bench_main.parse_args([]).portal is True
    assert bench_main.parse_args(["--contacts-only"]).portal is False
    assert bench_main.parse_args(["--no-portal"]).portal is False


@pytest.mark.parametrize("other", ["--no-portal", "--no-http", "--contacts-only"])
def test_portal_only_refuses_what_would_skip_it(capsys, other) -> None:
    with pytest.raises(SystemExit):
        bench_main.parse_args(["--portal-only", other])

    assert "--portal-only" in capsys.readouterr().err


def test_the_finder_rotation_asks_each_comune_once_some_with_a_filter() -> None:
    names = {f"{number:06d}": f"Comune {number}" for number in range(1, 8_000)}

    comuni = portal.rotation_comuni(names)
    paths = portal.finder_paths(comuni)

    assert len({code for code, _name in comuni}) == portal.ROTATION_COMUNI
    assert all(names[code] == name for code, name in comuni)
    assert len(set(paths)) == len(paths) == portal.ROTATION_COMUNI
    code, name = comuni[0]
    assert paths[0].startswith(f"/trova/?comune={name.replace(' ', '+')}&code={code}")
    variants = portal.finder_variants(paths)
    assert sum(variants.values()) == len(paths)
    assert variants["comune"] > variants["kind"] > 20
    assert variants["open_now"] > 20
    assert all(path.endswith("&open_now=1") for path in paths if "open_now" in path)
    kinds = {path.split("kind=")[1] for path in paths if "kind=" in path}
    assert kinds <= set(portal.FILTER_KINDS)
    assert portal.finder_paths(portal.rotation_comuni(names)) == paths


def test_the_service_rotation_names_distinct_services() -> None:
    ext_ids = [f"svc-{number:05d}" for number in range(1, 5_001)]

    paths = portal.service_paths(ext_ids)

    assert len(set(paths)) == len(paths) == portal.ROTATION_SERVICES
    assert all(path.startswith("/servizi/svc-") and path.endswith("/") for path in paths)
    assert sorted(portal.service_paths(["svc-2", "svc-1", "svc-1"])) == [
        "/servizi/svc-1/",
        "/servizi/svc-2/",
    ]


def test_the_sample_is_spread_through_the_rotation() -> None:
    paths = [f"/p{number}" for number in range(100)]

    assert portal.spread_sample(paths, 4) == ["/p0", "/p25", "/p50", "/p75"]
    assert portal.spread_sample(paths[:3], 4) == paths[:3]


def test_it_reads_the_badges_of_a_finder_page() -> None:
    html = """
      <aside>
        <p><a href="/servizi/svc-00009/"><strong>Centro</strong></a>
          <span class="badge closed-badge">apre lunedì</span><br><a href="tel:1522">1522</a></p>
        <p><span class="badge open-badge">unclaimed</span></p>
      </aside>
      <ol>
        <li data-service-id="svc-00001"><h3><a href="/servizi/svc-00001/">Centro</a></h3>
          <p><span class="badge open-badge">aperto fino alle 13</span> <br></p></li>
        <li data-service-id="svc-00002"><img src="x.png" alt="">
          <p><span class="badge closed-badge">chiuso</span></p></li>
      </ol>"""

    assert portal.open_badges(html, "/trova/?comune=Bari&code=072006") == [
        ("svc-00009", False),
        (None, True),
        ("svc-00001", True),
        ("svc-00002", False),
    ]


def test_a_service_page_badge_is_for_the_page_service() -> None:
    html = """<main><article data-service-id="svc-00042"><p class="service-opening">
      <span class="badge open-badge" data-open-now="false">chiuso ora</span></p></article>
      <p><span class="badge closed-badge" data-open-now="true">aperto</span></p></main>"""

    assert portal.page_service("/servizi/svc-00042/") == "svc-00042"
    assert portal.page_service("/trova/?comune=Bari&code=072006") is None
    assert portal.page_service("/servizi/a/b/") is None
    assert portal.open_badges(html, "/servizi/svc-00042/") == [
        ("svc-00042", False),
        ("svc-00042", True),
    ]


def test_a_page_fetched_across_a_minute_boundary_is_fetched_again(monkeypatch) -> None:
    instants = iter([119.5, 120.2, 120.3, 120.9])
    fetched = []

    def answer(url, *, timeout):
        fetched.append(url)
        return 200, b'<div data-service-id="svc-1"><b data-open-now="true"></b></div>'

    monkeypatch.setattr(portal, "http_request", answer)

    pages = portal.fetch_pages(
        "http://127.0.0.1:1", ["/trova/?comune=1"], clock=lambda: next(instants)
    )

    assert len(fetched) == 2
    assert pages == [{"path": "/trova/?comune=1", "minute": 2, "badges": [("svc-1", True)]}]


def test_a_page_that_is_not_a_200_after_the_load_is_raised(monkeypatch) -> None:
    monkeypatch.setattr(portal, "http_request", lambda url, *, timeout: (500, b""))

    with pytest.raises(BenchError, match="answered 500"):
        portal.fetch_pages("http://127.0.0.1:1", ["/servizi/svc-1/"])


def test_a_page_that_answered_nothing_misses_the_latency_target(measured) -> None:
    result = portal_bench()
    silent = portal.PageLoad(
        wrk=replace(wrk_result("service page", rate=0.0, p99_ms=0.0), requests=0),
        paths=300,
        rounds=[],
        minute_boundaries=0,
    )

    report = measured(replace(result, pages={**result.pages, "service": silent}))

    assert page_rows(report, "service page")["p50 / p99 (worst round)"][2] == "NOT MET"


def test_the_next_run_waits_until_the_server_is_idle(monkeypatch) -> None:
    now = [0.0]
    # What each ping takes: the queue left by the last run drains, then two quick answers.
    durations = iter([2.0, 0.5, 0.01, 0.3, 0.01, 0.02])

    def ping(url, *, timeout):
        assert url.endswith(PING_PATH)
        now[0] += next(durations)
        return 200, b"{}"

    monkeypatch.setattr(portal, "http_request", ping)

    waited = portal.settle("http://127.0.0.1:1", clock=lambda: now[0])

    assert waited == pytest.approx(2.84)


def test_a_server_that_stays_busy_is_raised(monkeypatch) -> None:
    now = [0.0]

    def ping(url, *, timeout):
        now[0] += 1.0
        return 200, b"{}"

    monkeypatch.setattr(portal, "http_request", ping)

    with pytest.raises(BenchError, match="still busy"):
        portal.settle("http://127.0.0.1:1", timeout=10, clock=lambda: now[0])


def test_the_warm_up_lasts_as_long_as_filling_the_cache_takes() -> None:
    # 300 keys in 2 copies at 42 ms, 2 workers: 12.6 s to fill, 19 s with the margin.
    assert portal.warmup_seconds(keys=300, copies=2, cold_ms=42.0, workers=2) == 19
    assert portal.warmup_seconds(keys=300, copies=2, cold_ms=350.0, workers=2) == 45
    assert portal.warmup_seconds(keys=300, copies=1, cold_ms=1.0, workers=2) == 3
    assert portal.warmup_seconds(keys=300, copies=2, cold_ms=350.0, workers=2, longest=15) == 15


def test_it_says_what_happened_during_the_runs(measured) -> None:
    report = measured(portal_bench(warmup_seconds={"finder": 45, "service": 19}))

    assert page_rows(report, "service page")["during the runs"][0] == (
        "1 minute boundaries, 2 worker restarts; 19 s of warm-up before each"
    )
