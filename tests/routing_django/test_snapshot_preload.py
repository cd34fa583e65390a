"""`routing_snapshot_preload()`: the server's master builds the snapshot before forking."""

from __future__ import annotations

import logging

from django.db import OperationalError

from rete.routing import snapshot as snapshot_module
from rete.routing.snapshot import SnapshotHolder, routing_snapshot_preload


class Connections:
    closed = 0

    def close_all(self) -> None:
        self.closed += 1


def test_it_builds_the_snapshot_and_closes_the_connections(network, monkeypatch):
    # Forked workers must not share the master's connections; patched here because closing
    # the real one would end the test's transaction.
    connections = Connections()
    monkeypatch.setattr(snapshot_module, "connections", connections)
    holder = SnapshotHolder(file="")
    monkeypatch.setattr(snapshot_module, "_holder", holder)

    routing_snapshot_preload()

    assert holder.status().source == "database"
    assert connections.closed == 1


def test_it_starts_without_a_database(db, monkeypatch, caplog):
    connections = Connections()
    monkeypatch.setattr(snapshot_module, "connections", connections)
    monkeypatch.setattr(snapshot_module, "_holder", SnapshotHolder(file=""))

    def unreachable() -> int:
        raise OperationalError("down")

    monkeypatch.setattr(snapshot_module, "network_revision_current", unreachable)

    with caplog.at_level(logging.WARNING, logger="rete.routing.snapshot"):
        routing_snapshot_preload()

    assert "workers will retry" in caplog.text
    assert connections.closed == 1
