"""What `make bench` prints for the contact saves: the rate beside its target, p99, the CPU
per save and what the machine could serve, the audit lock's hold, the guarantees (errors,
duplicates, audit chain). A missed target is printed, never raised; a broken guarantee is."""

import os
import sys
from dataclasses import replace

import pytest

import bench.__main__ as bench_main
from bench import contacts
from bench.cpu import CpuUse
from bench.http_load import BenchError, WrkResult


def wrk_result(*, requests: int = 3_000, seconds: float = 10.0) -> WrkResult:
    return WrkResult(
        endpoint=contacts.CONTACTS_PATH,
        seconds=seconds,
        connections=contacts.CONNECTIONS,
        requests=requests,
        per_second=requests / seconds,
        p50_ms=150.0,
        p90_ms=200.0,
        p99_ms=250.5,
        p99_9_ms=300.0,
        max_ms=320.0,
        non_2xx=0,
        bytes_per_response=700,
        socket_errors={"connect": 0, "read": 0, "write": 0, "timeout": 0},
        worker_restarts=1,
    )


def contact_bench(*, other: int = 0, contacts_made: int = 2_900, keys: int = 2_900):
    load = contacts.ContactLoad(
        wrk=wrk_result(),
        new_keys=2_850,
        retries=150,
        created=2_850,
        replayed=150 - other,
        other=other,
        cpu=CpuUse(
            seconds=10.0,
            server=15.0,
            database=4.5,
            load_generator=0.6,
            machine_busy=20.5,
            machine_total=20.0,
        ),
    )
    return contacts.ContactBench(
        migrate_s=3.0,
        server="rete/config/gunicorn.py, 2 sync workers, max_requests 10000",
        channel_layer="in-memory",
        load=load,
        warmup=load,
        contacts=contacts_made,
        distinct_keys=keys,
        audit_contact_rows=contacts_made,
        audit_entries=contacts_made,
        audit_intact=True,
        in_process={
            "saves": 500,
            "cpu_ms_per_save": 3.1,
            "wall_ms_per_save": 4.0,
            "audit_lock_held_p50_ms": 1.25,
            "audit_lock_held_p99_ms": 3.5,
            "note_length": 1_000,
            "encrypt_note_ms": 0.04,
        },
    )


@pytest.fixture
def measured(monkeypatch):
    """Run the contact part of the bench on prepared figures instead of a server."""

    def run(result) -> bench_main.Report:
        monkeypatch.setattr(bench_main, "wrk_executable", lambda: "/usr/bin/wrk")
        monkeypatch.setattr(contacts, "PSQL", sys.executable)
        monkeypatch.setattr(contacts, "contact_bench", lambda **kwargs: result)
        report = bench_main.Report()
        bench_main._contacts(bench_main.parse_args(["--contacts-only"]), report)
        return report

    return run


def rows(report: bench_main.Report) -> dict[str, tuple[str, str, str]]:
    return {
        label.strip(): (figure, target, verdict) for label, figure, target, verdict in report.rows
    }


def test_it_prints_the_rate_beside_its_target_and_the_p99(measured) -> None:
    report = measured(contact_bench())

    printed = rows(report)
    assert printed["saves (2xx) per second"][0].startswith("300 /s")
    assert printed["saves (2xx) per second"][2] == "met"
    assert (
        printed["p50 / p99 / max"][0]
        == "150.0 / 250.5 / 320.0 ms (1 worker restarts during the run)"
    )
    assert report.targets["contact_saves_per_second"] == {
        "figure": 300.0,
        "target": ">= 300",
        "met": True,
    }
    assert report.data["contacts"]["p99_ms"] == 250.5


def test_it_prints_where_the_cpu_goes(measured) -> None:
    report = measured(contact_bench())

    printed = rows(report)
    assert printed["CPU per save"][0] == "app server 5.00 ms + PostgreSQL 1.50 ms (+ wrk 0.20 ms)"
    cpus = os.cpu_count() or 1
    capacity = printed[f"saves/s at full use of the {cpus} CPUs"][0]
    assert capacity.startswith(f"≈ {cpus * 1000 / 6.7:,.0f} /s")
    assert printed["other load on the machine"][0].startswith("0.04 of")
    assert (
        "audit chain locked 1.25 ms (p99 3.50 ms)" in printed["one client in-process, no HTTP"][0]
    )
    assert printed["saves/s the audit chain's lock allows"][0].startswith("≈ 800 /s")
    assert "encrypting a 1,000-character note costs 0.040 ms" in printed["encryption"][0]
    assert report.data["contacts"]["cpu_ms_per_save"] == {
        "server": 5.0,
        "database": 1.5,
        "load_generator": 0.2,
    }


def test_a_missed_target_is_printed_not_raised(measured) -> None:
    result = contact_bench()
    slow = replace(result.load, wrk=wrk_result(requests=1_000), created=950, replayed=50)

    report = measured(replace(result, load=slow))

    assert rows(report)["saves (2xx) per second"][2] == "NOT MET"
    assert report.targets["contact_saves_per_second"]["met"] is False


@pytest.mark.parametrize(
    "broken",
    [
        {"other": 3},
        {"contacts_made": 2_901, "keys": 2_900},
    ],
    ids=["errors", "duplicates"],
)
def test_a_broken_guarantee_is_raised(measured, broken) -> None:
    with pytest.raises(BenchError):
        measured(contact_bench(**broken))


def test_contacts_only_skips_the_routing_benchmarks() -> None:
    settings = bench_main.parse_args(["--contacts-only"])

    assert (settings.routing, settings.contacts) == (False, True)
    assert bench_main.parse_args([]).routing is True


def test_contacts_only_refuses_to_skip_the_contacts(capsys) -> None:
    with pytest.raises(SystemExit):
        bench_main.parse_args(["--contacts-only", "--no-contacts"])

    assert "--contacts-only" in capsys.readouterr().err
