"""The rows of the reserved area's kinds — sign-ins, grants, downloads, admin changes — are
as protected as the helpline's: the ORM refuses to change or delete them, so does the
database (migration 0002), and when someone gets past both `rete verify-audit` names the
row. (test_append_only.py and test_tampering.py cover the helpline's contact rows.)

Grants and admin changes are written by their real code paths; sign-ins and downloads
in the shape their views write them (rete.accounts.signals, rete.reserved.documents).
"""

import json
from collections.abc import Callable

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import DatabaseError, connection, transaction

from rete.accounts.models import Grant
from rete.accounts.roles import NETWORK_OPERATOR
from rete.accounts.services import grant_create, grant_revoke
from rete.audit.models import AuditEntry, AuditLogIsAppendOnly
from rete.audit.services import audit_record
from tests.admin import factories
from tests.audit.conftest import TABLE, rete

pytestmark = pytest.mark.django_db


def _sign_in(people) -> None:
    audit_record(
        actor=people["olga"],
        action="auth.sign_in",
        target_type="auth.user",
        target_id=people["olga"].pk,
        details={"method": "password"},
        ip_address="10.0.0.8",
    )


def _grant_create(people) -> None:
    territory = factories.territory()
    grant_create(
        user=people["olga"],
        role=NETWORK_OPERATOR,
        territory=territory,
        by=people["dora"],
        ip_address="10.0.0.9",
    )


def _grant_revoke(people) -> None:
    grant = Grant.objects.filter(user=people["olga"]).get()
    grant_revoke(grant=grant, by=people["dora"], reason="left", ip_address="10.0.0.9")


def _document_download(people) -> None:
    audit_record(
        actor=people["olga"],
        action="document.download",
        target_type="reserved.document",
        target_id=12,
        details={"territory": "ATR-BA"},
        ip_address="10.0.0.8",
    )


def _admin_change(people) -> None:
    service = factories.service(factories.organization())
    LogEntry.objects.log_actions(
        user_id=people["dora"].pk,
        queryset=[service],
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Name"]}}]),
        single_object=True,
    )


KINDS: dict[str, tuple[str, Callable]] = {
    "sign-in": ("auth.sign_in", _sign_in),
    "grant": ("grant.create", _grant_create),
    "revocation": ("grant.revoke", _grant_revoke),
    "download": ("document.download", _document_download),
    "admin change": ("admin.change", _admin_change),
}


@pytest.fixture(params=list(KINDS))
def row(request, olga, dora, log) -> AuditEntry:
    """The entry of one kind, written after the five-entry log and followed by one more
    entry (so that it sits in the middle of the chain, not at its end)."""
    action, write = KINDS[request.param]
    write({"olga": olga, "dora": dora})
    audit_record(actor=dora, action="contact.read", target_type="helpline.contact", target_id=9)
    return AuditEntry.objects.filter(action=action).order_by("-sequence").first()


def test_the_orm_refuses_to_change_it(row) -> None:
    row.actor_username = "someone-else"

    with pytest.raises(AuditLogIsAppendOnly):
        row.save()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(sequence=row.sequence).update(details={})

    assert AuditEntry.objects.get(sequence=row.sequence).entry_hash == row.entry_hash


def test_the_orm_refuses_to_delete_it(row) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        row.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(sequence=row.sequence).delete()

    assert AuditEntry.objects.filter(sequence=row.sequence).exists()


def test_the_database_refuses_an_update_by_raw_sql(row) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {TABLE} SET actor_username = 'someone-else' WHERE sequence = %s",
            [row.sequence],
        )

    assert AuditEntry.objects.get(sequence=row.sequence).actor_username == row.actor_username


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite guards UPDATE only: Django's test runner flushes SQLite tables with DELETE",
)
def test_the_database_refuses_a_delete_by_raw_sql(row) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = %s", [row.sequence])

    assert AuditEntry.objects.filter(sequence=row.sequence).exists()


TAMPERING = {
    "details": ("details = %s", json.dumps({"fields": ["nothing"]})),
    "actor": ("actor_username = %s", "someone-else"),
    "action": ("action = %s", "contact.read"),
    "address": ("ip_address = %s", "192.0.2.1"),
}


@pytest.mark.parametrize("what", list(TAMPERING))
def test_verify_audit_names_it_when_changed_past_the_trigger(
    monkeypatch, capsys, row, raw_sql, what: str
) -> None:
    assignment, value = TAMPERING[what]
    raw_sql(f"UPDATE {TABLE} SET {assignment} WHERE sequence = %s", [value, row.sequence])

    code = rete(monkeypatch, "verify-audit")

    assert code == 1
    assert f"Audit log broken at entry {row.sequence} (hash_mismatch)" in capsys.readouterr().err


def test_verify_audit_names_it_when_deleted_past_the_trigger(
    monkeypatch, capsys, row, raw_sql
) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence = %s", [row.sequence])

    code = rete(monkeypatch, "verify-audit")

    err = capsys.readouterr().err
    assert code == 1
    assert f"Audit log broken at entry {row.sequence} (sequence_gap)" in err
    assert f"{row.sequence - 1} entries before it are intact" in err
