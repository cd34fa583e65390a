"""In-process figures: compiling the snapshot and deciding over it, with no Django and no HTTP.

Latency is measured around every single `decide` call with `time.perf_counter_ns`, so the
percentiles are per decision. The thread's CPU time is read too: it tells a slow decision from
one that waited while another process had the core. Inputs (comune, instant, emergency flag)
are drawn before the clock starts. The engine memoises per comune the services whose area
covers it; `warm_up` fills that memo the way a process that has been serving has it filled,
and the first decisions on a fresh snapshot are measured apart.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rete.geography.istat import read_comuni
from rete.routing.engine import ROME, ComuneInfo, NetworkSnapshot, decide, snapshot_from_network

YEAR_START = datetime(2026, 1, 1, tzinfo=ROME).timestamp()
YEAR_END = datetime(2027, 1, 1, tzinfo=ROME).timestamp()
EMERGENCY_SHARE = 0.05


def istat_comuni() -> list[ComuneInfo]:
    """Every comune of the ISTAT file, as the engine takes them."""
    return [
        ComuneInfo(
            code=row.code,
            name=row.name,
            province=row.province_sigla,
            region=row.region_name,
            is_capital=row.is_capital,
        )
        for row in read_comuni()
    ]


@dataclass(frozen=True, slots=True)
class Timing:
    """Repeated wall-clock timings of one operation, in seconds."""

    runs: tuple[float, ...]

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": len(self.runs),
            "min_ms": round(self.best * 1000, 1),
            "median_ms": round(self.median * 1000, 1),
            "all_ms": [round(run * 1000, 1) for run in self.runs],
        }


def time_runs(operation: Callable[[], object], runs: int) -> Timing:
    laps = []
    for _ in range(runs):
        started = time.perf_counter()
        operation()
        laps.append(time.perf_counter() - started)
    return Timing(tuple(laps))


def time_snapshot_build(
    network: dict[str, Any], comuni: Sequence[ComuneInfo], runs: int = 5
) -> tuple[Timing, NetworkSnapshot]:
    """Compile the snapshot `runs` times; return the timings and the last snapshot."""
    built: list[NetworkSnapshot] = []

    def build() -> None:
        built[:] = [snapshot_from_network(network, comuni, version="bench")]

    timing = time_runs(build, runs)
    return timing, built[0]


def decision_inputs(
    comuni: Sequence[ComuneInfo], count: int, seed: int
) -> list[tuple[str, datetime, bool]]:
    """(comune code, aware Europe/Rome instant in 2026, emergency) drawn uniformly.

    Instants cover the whole year, so weekdays, nights, weekends, holidays and both DST
    changes all occur in proportion.
    """
    rng = random.Random(seed)
    codes = [comune.code for comune in comuni]
    return [
        (
            rng.choice(codes),
            datetime.fromtimestamp(rng.uniform(YEAR_START, YEAR_END), ROME),
            rng.random() < EMERGENCY_SHARE,
        )
        for _ in range(count)
    ]


def _percentile(ordered: Sequence[int], p: float) -> int:
    """Nearest-rank percentile of sorted values."""
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


@dataclass(frozen=True, slots=True)
class DecisionFigures:
    """Per-decision wall-clock latencies (what a caller waits), and per-decision CPU time of
    this thread, which leaves out the time other processes of a busy machine took the core."""

    decisions: int
    seconds: float
    cpu_seconds: float
    latencies_ns: tuple[int, ...]  # sorted, wall clock
    cpu_ns: tuple[int, ...]  # sorted, thread CPU time (includes ~1 µs of clock reading)
    by_mode: dict[str, tuple[int, ...]]  # sorted wall-clock latencies of each mode

    @property
    def per_second(self) -> float:
        return self.decisions / self.seconds

    @property
    def per_cpu_second(self) -> float:
        return self.decisions / self.cpu_seconds

    def percentile_us(self, p: float) -> float:
        return _percentile(self.latencies_ns, p) / 1000

    def cpu_percentile_us(self, p: float) -> float:
        return _percentile(self.cpu_ns, p) / 1000

    def to_dict(self) -> dict[str, Any]:
        return {
            "decisions": self.decisions,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "per_second": round(self.per_second),
            "per_cpu_second": round(self.per_cpu_second),
            "p50_us": round(self.percentile_us(50), 1),
            "p99_us": round(self.percentile_us(99), 1),
            "p99_9_us": round(self.percentile_us(99.9), 1),
            "max_us": round(self.latencies_ns[-1] / 1000, 1),
            "cpu_p50_us": round(self.cpu_percentile_us(50), 1),
            "cpu_p99_us": round(self.cpu_percentile_us(99), 1),
            "cpu_p99_9_us": round(self.cpu_percentile_us(99.9), 1),
            "modes": {
                mode: {
                    "count": len(values),
                    "share": round(len(values) / self.decisions, 4),
                    "p50_us": round(_percentile(values, 50) / 1000, 1),
                    "p99_us": round(_percentile(values, 99) / 1000, 1),
                }
                for mode, values in self.by_mode.items()
            },
        }


def measure_decisions(
    snapshot: NetworkSnapshot, inputs: Sequence[tuple[str, datetime, bool]]
) -> DecisionFigures:
    wall = time.perf_counter_ns
    cpu = time.thread_time_ns
    latencies = [0] * len(inputs)
    cpu_times = [0] * len(inputs)
    modes = [""] * len(inputs)
    gc.collect()  # start from a clean heap: the inputs were just allocated
    started, cpu_started = wall(), cpu()
    for index, (comune, at, emergency) in enumerate(inputs):
        cpu_before = cpu()
        before = wall()
        decision = decide(snapshot, comune, at, emergency)
        latencies[index] = wall() - before
        cpu_times[index] = cpu() - cpu_before
        modes[index] = decision.mode
    seconds, cpu_seconds = (wall() - started) / 1e9, (cpu() - cpu_started) / 1e9
    by_mode: dict[str, list[int]] = {}
    for mode, latency in zip(modes, latencies, strict=True):
        by_mode.setdefault(mode, []).append(latency)
    return DecisionFigures(
        decisions=len(inputs),
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        latencies_ns=tuple(sorted(latencies)),
        cpu_ns=tuple(sorted(cpu_times)),
        by_mode={mode: tuple(sorted(values)) for mode, values in sorted(by_mode.items())},
    )


def warm_up(snapshot: NetworkSnapshot, comuni: Sequence[ComuneInfo]) -> None:
    """Fill the snapshot's per-comune memo of area services, as a running process has it."""
    for comune in comuni:
        snapshot.area_services(comune)
