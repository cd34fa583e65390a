"""Each verification of the chain is kept, so that the audit viewer can show the last
outcome without recomputing the chain on every page view."""

import pytest

from rete.audit.models import AuditVerificationRun
from rete.audit.verification import audit_verification_last, audit_verification_run
from tests.audit.conftest import TABLE, rete

pytestmark = pytest.mark.django_db


def test_the_command_keeps_an_intact_outcome(monkeypatch, capsys, log) -> None:
    assert rete(monkeypatch, "verify-audit") == 0

    run = AuditVerificationRun.objects.get()
    assert run.intact
    assert run.entries_verified == 5
    assert run.last_hash == log[-1].entry_hash
    assert run.source == "command"
    assert run.requested_by is None
    assert run.break_sequence is None
    assert run.started_at <= run.finished_at


def test_the_command_keeps_where_the_chain_broke(monkeypatch, capsys, log, raw_sql) -> None:
    raw_sql(f"UPDATE {TABLE} SET target_id = '42' WHERE sequence = 3")

    assert rete(monkeypatch, "verify-audit") == 1

    run = AuditVerificationRun.objects.get()
    assert not run.intact
    assert (run.break_sequence, run.break_reason, run.entries_verified) == (3, "hash_mismatch", 2)
    assert run.break_message == "its content no longer matches its hash: it was changed."


def test_the_last_run_is_the_newest(log, dora) -> None:
    assert audit_verification_last() is None

    audit_verification_run(source="command")
    _, newest = audit_verification_run(source="web", requested_by=dora)

    assert audit_verification_last() == newest
    assert newest.requested_by == dora


def test_it_refuses_an_unknown_source(db) -> None:
    with pytest.raises(ValueError):
        audit_verification_run(source="cron")
    assert not AuditVerificationRun.objects.exists()
