"""The chain head: made on the first write, rebuilt (and the rebuild recorded) if removed."""

import pytest

from rete.audit.chain import GENESIS_HASH
from rete.audit.models import AuditChainHead, AuditEntry
from rete.audit.selectors import audit_chain_verify
from rete.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_it_starts_an_empty_log_at_the_genesis_hash(olga) -> None:
    assert not AuditChainHead.objects.exists()

    entry = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=1
    )

    assert entry.sequence == 1
    assert entry.previous_hash == GENESIS_HASH


def test_it_rebuilds_a_removed_head_and_records_that_in_the_chain(log, olga) -> None:
    AuditChainHead.objects.all().delete()

    entry = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=41
    )

    rebuilt = AuditEntry.objects.get(sequence=6)
    assert rebuilt.action == "audit.chain_head_rebuilt"
    assert rebuilt.actor_id is None
    assert rebuilt.details == {"rebuilt_from_sequence": 5}
    assert rebuilt.previous_hash == log[-1].entry_hash
    assert entry.sequence == 7
    assert audit_chain_verify().intact


def test_it_logs_the_rebuild_without_personal_data(log, olga, caplog) -> None:
    AuditChainHead.objects.all().delete()

    audit_record(actor=olga, action="contact.read", target_type="helpline.contact", target_id=41)

    assert [record.getMessage() for record in caplog.records] == [
        "Audit chain head was missing; rebuilt at sequence 5"
    ]
