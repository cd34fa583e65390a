"""CPU time of the processes behind a load, read from /proc (Linux only).

A rate measured on a shared machine moves with whatever else runs on it; the CPU time each
save costs does not (much). So the contact bench also reads, around its measured run, the
CPU seconds used by the server (gunicorn's master and workers), by the PostgreSQL backends
serving the bench database, by the load generator, and by the whole machine: what the
machine did besides the bench is the share it could not give to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROC = Path("/proc")


def available() -> bool:
    return (PROC / "stat").exists() and hasattr(os, "sysconf")


def _ticks_per_second() -> int:
    return os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (which may hold spaces), so that
    index 0 is field 3 (state) of proc(5); None when the process is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def process_seconds(pid: int, *, with_reaped_children: bool = False) -> float:
    """User + system CPU seconds of one process (0 if it is gone); with its children that
    have ended and been waited for (gunicorn's restarted workers) when asked."""
    fields = _stat(pid)
    if fields is None:
        return 0.0
    # proc(5): utime 14, stime 15, cutime 16, cstime 17 -> indexes 11..14 here.
    ticks = int(fields[11]) + int(fields[12])
    if with_reaped_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / _ticks_per_second()


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[1] == str(pid):
                found.append(int(entry.name))
    return found


def server_seconds(master_pid: int) -> float:
    """A server's master, its live workers and the workers it has reaped."""
    return process_seconds(master_pid, with_reaped_children=True) + sum(
        process_seconds(child) for child in children(master_pid)
    )


def machine_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all CPUs together."""
    first = (PROC / "stat").read_text().splitlines()[0].split()
    # user nice system idle iowait irq softirq steal (guest time is already in user).
    values = [int(value) for value in first[1:9]]
    idle = values[3] + values[4]
    total = sum(values)
    return (total - idle) / _ticks_per_second(), total / _ticks_per_second()


@dataclass(frozen=True, slots=True)
class CpuSample:
    server: float
    database: dict[int, float]
    machine_busy: float
    machine_total: float


def sample(master_pid: int, database_pids: Iterable[int]) -> CpuSample:
    busy, total = machine_seconds()
    return CpuSample(
        server=server_seconds(master_pid),
        database={pid: process_seconds(pid) for pid in database_pids},
        machine_busy=busy,
        machine_total=total,
    )


@dataclass(frozen=True, slots=True)
class CpuUse:
    """CPU seconds used during one run, by whom."""

    seconds: float  # wall-clock length of the run
    server: float
    database: float
    load_generator: float
    machine_busy: float
    machine_total: float

    @property
    def others(self) -> float:
        """What the rest of the machine used meanwhile (other users, the kernel's own work)."""
        return max(0.0, self.machine_busy - self.server - self.database - self.load_generator)

    def per_request_ms(self, requests: int) -> dict[str, float]:
        if not requests:
            return {"server": 0.0, "database": 0.0, "load_generator": 0.0}
        return {
            "server": 1000 * self.server / requests,
            "database": 1000 * self.database / requests,
            "load_generator": 1000 * self.load_generator / requests,
        }

    def to_dict(self, requests: int) -> dict[str, Any]:
        cpus = self.machine_total / self.seconds if self.seconds else 0.0
        return {
            "seconds": round(self.seconds, 2),
            "server_s": round(self.server, 2),
            "database_s": round(self.database, 2),
            "load_generator_s": round(self.load_generator, 2),
            "others_s": round(self.others, 2),
            "machine_busy_s": round(self.machine_busy, 2),
            "machine_total_s": round(self.machine_total, 2),
            "cpus_seen": round(cpus, 2),
            "per_request_ms": {
                key: round(value, 3) for key, value in self.per_request_ms(requests).items()
            },
        }


def usage(
    before: CpuSample,
    after: CpuSample,
    *,
    seconds: float,
    load_generator: float,
) -> CpuUse:
    """The difference of two samples. A database backend that started during the run
    counts from zero; one that ended during the run is lost (the bench keeps its
    connections open, so neither happens in a normal run)."""
    database = sum(
        max(0.0, spent - before.database.get(pid, 0.0)) for pid, spent in after.database.items()
    )
    return CpuUse(
        seconds=seconds,
        server=max(0.0, after.server - before.server),
        database=database,
        load_generator=load_generator,
        machine_busy=after.machine_busy - before.machine_busy,
        machine_total=after.machine_total - before.machine_total,
    )
