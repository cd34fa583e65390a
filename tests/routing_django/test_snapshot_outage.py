"""When the database is unreachable routing goes on: from memory, else from the snapshot file."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, override_settings

from rete.directory.models import Service
from rete.network.revision import network_revision_current
from rete.routing import snapshot as snapshot_module
from rete.routing.engine import snapshot_from_json
from rete.routing.snapshot import SnapshotHolder, SnapshotUnavailable

SATURDAY_MORNING = "2026-11-28T10:00:00+01:00"


def database_down(monkeypatch, error: type[Exception] = OperationalError) -> None:
    def unreachable() -> int:
        raise error("connection refused by 10.0.0.5 for user rete")

    monkeypatch.setattr(snapshot_module, "network_revision_current", unreachable)


def test_it_writes_the_snapshot_file_after_a_build(network, tmp_path):
    path = tmp_path / "routing-snapshot.json"
    holder = SnapshotHolder(file=str(path))

    built = holder.get()

    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds shelters' addresses
    loaded = snapshot_from_json(path.read_text(encoding="utf-8"))
    assert loaded.version == str(network_revision_current()) == built.version
    assert set(loaded.services) == set(built.services)
    assert [p.name for p in tmp_path.iterdir()] == ["routing-snapshot.json"]  # no temp file left


def test_it_writes_the_file_named_in_the_settings(network, tmp_path):
    path = tmp_path / "snap.json"
    with override_settings(ROUTING_SNAPSHOT_FILE=str(path)):
        SnapshotHolder().get()

    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "rete-snapshot/1"


def test_it_routes_from_the_file_when_the_database_is_down(network, tmp_path, monkeypatch, caplog):
    path = tmp_path / "routing-snapshot.json"
    SnapshotHolder(file=str(path)).get()
    revision = network_revision_current()
    database_down(monkeypatch)
    fresh = SnapshotHolder(file=str(path))  # a process started during the outage

    with caplog.at_level(logging.WARNING, logger="rete.routing.snapshot"):
        loaded = fresh.get()

    assert "svc-giraffa" in loaded.services
    status = fresh.status()
    assert (status.source, status.revision) == ("file", revision)
    assert "database unreachable (OperationalError)" in caplog.text
    # Nothing of the error's text (hosts, users) reaches the log.
    assert "10.0.0.5" not in caplog.text and "user rete" not in caplog.text


def test_it_keeps_the_snapshot_in_memory_when_the_database_goes_down(network, monkeypatch):
    holder = SnapshotHolder()
    before = holder.get()
    database_down(monkeypatch, InterfaceError)

    assert holder.get() is before
    assert holder.status().source == "database"


def test_it_keeps_the_snapshot_in_memory_when_a_rebuild_fails(network, monkeypatch):
    holder = SnapshotHolder()
    before = holder.get()
    monkeypatch.setattr(snapshot_module, "network_revision_current", lambda: 10**6)

    def export_fails():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(snapshot_module, "network_export", export_fails)

    assert holder.get() is before


def test_it_returns_to_the_database_when_it_answers_again(network, tmp_path, monkeypatch):
    path = tmp_path / "routing-snapshot.json"
    SnapshotHolder(file=str(path)).get()
    holder = SnapshotHolder(file=str(path))
    with monkeypatch.context() as patched:
        database_down(patched)
        holder.get()
        assert holder.status().source == "file"

    holder.get()

    assert holder.status().source == "database"


def test_it_fails_clearly_with_neither_database_nor_file(db, tmp_path, monkeypatch):
    database_down(monkeypatch)

    with pytest.raises(SnapshotUnavailable):
        SnapshotHolder(file=str(tmp_path / "missing.json")).get()
    with pytest.raises(SnapshotUnavailable):
        SnapshotHolder(file="").get()


def test_it_refuses_a_file_that_is_not_a_snapshot(db, tmp_path, monkeypatch):
    path = tmp_path / "routing-snapshot.json"
    path.write_text('{"format": "something-else"}', encoding="utf-8")
    database_down(monkeypatch)

    with pytest.raises(SnapshotUnavailable):
        SnapshotHolder(file=str(path)).get()


def test_the_api_answers_503_with_detail_without_a_snapshot(db, monkeypatch):
    database_down(monkeypatch)
    monkeypatch.setattr(snapshot_module, "_holder", SnapshotHolder(file=""))
    client = Client()

    decided = client.post(
        "/api/v1/routing/decide", {"comune": "072006"}, content_type="application/json"
    )
    health = client.get("/api/v1/health")

    for response in (decided, health):
        assert response.status_code == 503
        assert set(response.json()) == {"detail"}


def test_the_api_routes_from_the_file_during_an_outage(network, tmp_path, monkeypatch):
    path = tmp_path / "routing-snapshot.json"
    SnapshotHolder(file=str(path)).get()
    database_down(monkeypatch)
    monkeypatch.setattr(snapshot_module, "_holder", SnapshotHolder(file=str(path)))
    client = Client()

    decided = client.post(
        "/api/v1/routing/decide",
        {"comune": "072006", "at": SATURDAY_MORNING},
        content_type="application/json",
    )
    health = client.get("/api/v1/health").json()

    assert decided.status_code == 200
    assert decided.json()["mode"] == "out_of_hours"
    assert health["status"] == "degraded"
    assert health["snapshot_source"] == "file"


def test_it_goes_on_routing_when_the_file_cannot_be_written(network, tmp_path, caplog):
    unwritable = tmp_path / "no-such-dir" / "routing-snapshot.json"

    with caplog.at_level(logging.WARNING, logger="rete.routing.snapshot"):
        snapshot = SnapshotHolder(file=str(unwritable)).get()

    assert "svc-giraffa" in snapshot.services
    assert "not written" in caplog.text
    assert not os.path.exists(unwritable)


def test_it_does_not_rewrite_a_file_that_holds_the_same_revision(network, tmp_path, monkeypatch):
    path = tmp_path / "routing-snapshot.json"
    SnapshotHolder(file=str(path)).get()
    writes = []
    monkeypatch.setattr(
        snapshot_module, "snapshot_write", lambda snapshot, target: writes.append(snapshot.version)
    )

    SnapshotHolder(file=str(path)).get()  # a restarted worker, same revision
    assert writes == []

    Service.objects.get(ext_id="svc-giraffa").save()  # a new revision
    SnapshotHolder(file=str(path)).get()
    assert writes == [str(network_revision_current())]


def test_it_keeps_routing_when_the_engine_cannot_compile_the_network(network, monkeypatch, caplog):
    holder = SnapshotHolder(file="")
    before = holder.get()
    monkeypatch.setattr(snapshot_module, "network_revision_current", lambda: 10**6)

    def broken(*args, **kwargs):
        raise KeyError("svc-missing")

    monkeypatch.setattr(snapshot_module, "snapshot_from_network", broken)

    with caplog.at_level(logging.WARNING, logger="rete.routing.snapshot"):
        assert holder.get() is before

    assert "Routing snapshot build failed" in caplog.text


def test_it_logs_an_outage_once(network, monkeypatch, caplog):
    holder = SnapshotHolder(file="", check_seconds=0)
    holder.get()
    with monkeypatch.context() as patched:
        database_down(patched)
        with caplog.at_level(logging.WARNING, logger="rete.routing.snapshot"):
            for _ in range(5):
                holder.get()
    assert caplog.text.count("not refreshed") == 1

    with caplog.at_level(logging.WARNING, logger="rete.routing.snapshot"):
        holder.get()
    assert "reachable again" in caplog.text
