"""Threads that see a new revision at once build the snapshot once."""

from __future__ import annotations

import threading
import time

from rete.routing import snapshot as snapshot_module
from rete.routing.snapshot import SnapshotHolder


def test_concurrent_threads_build_once(network, monkeypatch):
    built = snapshot_module.snapshot_build(revision=7)
    calls = []

    def slow_build(*, revision: int):
        calls.append(revision)
        time.sleep(0.2)
        return built

    # No database in the threads: the revision is fixed, the build is slow.
    monkeypatch.setattr(snapshot_module, "network_revision_current", lambda: 7)
    monkeypatch.setattr(snapshot_module, "snapshot_build", slow_build)
    holder = SnapshotHolder(file="", check_seconds=0)
    start = threading.Barrier(8)
    results = []

    def ask() -> None:
        start.wait()
        results.append(holder.get())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert calls == [7]
    assert len(results) == 8 and all(result is built for result in results)


def test_threads_serve_the_old_snapshot_while_one_rebuilds(network, monkeypatch):
    revision = [1]
    old = snapshot_module.snapshot_build(revision=1)
    new = snapshot_module.snapshot_build(revision=2)
    monkeypatch.setattr(snapshot_module, "network_revision_current", lambda: revision[0])
    building = threading.Event()
    release = threading.Event()

    def build(*, revision: int):
        if revision == 1:
            return old
        building.set()
        release.wait(5)
        return new

    monkeypatch.setattr(snapshot_module, "snapshot_build", build)
    holder = SnapshotHolder(file="", check_seconds=0)
    assert holder.get() is old
    revision[0] = 2
    rebuilder = threading.Thread(target=holder.get)
    rebuilder.start()
    assert building.wait(5)

    assert holder.get() is old  # not blocked by the rebuild in progress

    release.set()
    rebuilder.join(5)
    assert holder.get() is new
