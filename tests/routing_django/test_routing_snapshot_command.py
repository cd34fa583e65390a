"""`rete routing_snapshot --write FILE` / `--check FILE`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from rete.directory.models import Service
from rete.network.revision import network_revision_current
from rete.routing.engine import snapshot_from_json


def run(*args: str) -> str:
    out = StringIO()
    call_command("routing_snapshot", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_snapshot(network, tmp_path):
    path = tmp_path / "snapshot.json"

    output = run("--write", str(path))

    revision = network_revision_current()
    assert f"revision {revision}" in output and "4 services" in output
    assert snapshot_from_json(path.read_text(encoding="utf-8")).version == str(revision)


def test_it_checks_an_up_to_date_file(network, tmp_path):
    path = tmp_path / "snapshot.json"
    run("--write", str(path))

    output = run("--check", str(path))

    assert "up to date" in output


def test_it_fails_the_check_of_a_stale_file(network, tmp_path):
    path = tmp_path / "snapshot.json"
    run("--write", str(path))
    Service.objects.filter(ext_id="svc-giraffa").first().save()  # bumps the revision

    with pytest.raises(CommandError, match="stale"):
        run("--check", str(path))


def test_it_fails_the_check_of_a_missing_or_foreign_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("--check", str(tmp_path / "missing.json"))
    foreign = tmp_path / "foreign.json"
    foreign.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(CommandError, match="not a routing snapshot"):
        run("--check", str(foreign))


def test_it_checks_a_file_without_the_database(network, tmp_path, monkeypatch):
    path = tmp_path / "snapshot.json"
    run("--write", str(path))

    def unreachable() -> int:
        raise OperationalError("down")

    monkeypatch.setattr(
        "rete.routing.management.commands.routing_snapshot.network_revision_current", unreachable
    )

    assert "what routing would use" in run("--check", str(path))


def test_it_refuses_to_write_where_it_cannot(network, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        run("--write", str(tmp_path / "no-dir" / "snapshot.json"))


def test_it_needs_one_action(db):
    with pytest.raises(CommandError):
        run()
