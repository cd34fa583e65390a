"""Appending writes the entry and moves the head with a few prepared statements (every
audited write of the platform waits while they run), and hands back the entry as stored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rete.audit.models import AuditChainHead, AuditEntry, AuditLogIsAppendOnly
from rete.audit.selectors import audit_chain_verify
from rete.audit.services import audit_record

pytestmark = pytest.mark.django_db

CONCRETE = [field.attname for field in AuditEntry._meta.concrete_fields]


def test_it_returns_the_entry_as_stored(log, olga) -> None:
    entry = audit_record(
        actor=olga,
        action="contact.update",
        target_type="helpline.contact",
        target_id=41,
        details={"fields": ["outcome"], "rows": 2, "closed": True, "note": None},
        ip_address="2001:DB8::1",
    )

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert {name: getattr(entry, name) for name in CONCRETE} == {
        name: getattr(stored, name) for name in CONCRETE
    }
    assert stored.sequence == 6
    assert stored.previous_hash == log[-1].entry_hash
    assert stored.ip_address == "2001:db8::1"
    assert audit_chain_verify().intact


def test_the_returned_entry_cannot_be_saved_again(olga) -> None:
    entry = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=41
    )
    entry.target_id = "42"

    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()

    assert AuditEntry.objects.get().target_id == "41"


def test_it_moves_the_head_to_the_entry(log, olga) -> None:
    entry = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=41
    )

    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (entry.sequence, entry.entry_hash)


def test_it_appends_with_the_head_locked_in_few_statements(log, olga) -> None:
    with CaptureQueriesContext(connection) as captured:
        audit_record(
            actor=olga, action="contact.read", target_type="helpline.contact", target_id=41
        )

    run = [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    if connection.vendor == "postgresql":
        # The head read FOR UPDATE; the entry and the moved head in one statement.
        assert len(run) == 2, "\n".join(run)
        assert run[0].endswith("FOR UPDATE")
    else:
        assert len(run) == 3, "\n".join(run)
    assert audit_chain_verify().intact
