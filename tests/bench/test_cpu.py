"""bench.cpu reads the CPU time of the processes behind a load from /proc, and tells what
the rest of the machine used meanwhile."""

import os
import shutil
import subprocess
import sys

import pytest

from bench import cpu

pytestmark = pytest.mark.skipif(not cpu.available(), reason="needs Linux /proc")

BURN = "sum(range(3_000_000))"


def sample(server: float, database: dict[int, float], busy: float, total: float):
    return cpu.CpuSample(server=server, database=database, machine_busy=busy, machine_total=total)


def test_it_reads_the_cpu_time_of_this_process() -> None:
    sum(range(1_000_000))

    assert cpu.process_seconds(os.getpid()) > 0


def test_it_reads_nothing_for_a_process_that_is_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()

    assert cpu.process_seconds(child.pid) == 0.0


def test_it_counts_children_once_they_are_waited_for() -> None:
    before = cpu.process_seconds(os.getpid(), with_reaped_children=True)

    subprocess.run([sys.executable, "-c", BURN], check=True)

    assert cpu.process_seconds(os.getpid(), with_reaped_children=True) > before


def test_it_finds_live_children_even_with_odd_command_names(tmp_path) -> None:
    # The command name sits between parentheses in /proc/PID/stat and may hold both.
    odd = tmp_path / "odd name) (x"
    odd.symlink_to(shutil.which("sleep"))
    child = subprocess.Popen([str(odd), "30"])
    try:
        assert child.pid in cpu.children(os.getpid())
        assert cpu.process_seconds(child.pid) >= 0.0
        assert cpu.server_seconds(os.getpid()) > 0
    finally:
        child.kill()
        child.wait()


def test_the_machine_is_busy_part_of_the_time() -> None:
    busy, total = cpu.machine_seconds()

    assert 0 < busy <= total


def test_usage_is_the_difference_of_two_samples() -> None:
    before = sample(10.0, {101: 1.0, 102: 2.0}, busy=100.0, total=400.0)
    # Backend 102 ended during the run (lost), 103 started (counted from zero).
    after = sample(16.0, {101: 3.5, 103: 0.5}, busy=112.0, total=420.0)

    use = cpu.usage(before, after, seconds=10.0, load_generator=0.5)

    assert use.server == 6.0
    assert use.database == 3.0
    assert use.others == 12.0 - 6.0 - 3.0 - 0.5
    assert use.per_request_ms(1_000) == {"server": 6.0, "database": 3.0, "load_generator": 0.5}
    figures = use.to_dict(1_000)
    assert figures["cpus_seen"] == 2.0
    assert figures["others_s"] == 2.5


def test_usage_never_goes_negative_nor_divides_by_zero() -> None:
    before = sample(10.0, {101: 5.0}, busy=100.0, total=400.0)
    after = sample(9.0, {101: 4.0}, busy=100.5, total=402.0)

    use = cpu.usage(before, after, seconds=1.0, load_generator=2.0)

    assert (use.server, use.database, use.others) == (0.0, 0.0, 0.0)
    assert use.per_request_ms(0) == {"server": 0.0, "database": 0.0, "load_generator": 0.0}
