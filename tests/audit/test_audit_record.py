"""audit_record appends one entry, chained to the one before it."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from rete.audit.chain import GENESIS_HASH, audit_entry_hash
from rete.audit.models import AuditAction, AuditChainHead, AuditEntry
from rete.audit.selectors import audit_chain_verify
from rete.audit.services import audit_record

pytestmark = pytest.mark.django_db


def recomputed(entry: AuditEntry) -> str:
    return audit_entry_hash(
        sequence=entry.sequence,
        created_at=entry.created_at,
        actor_id=entry.actor_id,
        actor_username=entry.actor_username,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        details=entry.details,
        ip_address=entry.ip_address,
        previous_hash=entry.previous_hash,
    )


def test_it_records_who_did_what_to_which_record(olga) -> None:
    entry = audit_record(
        actor=olga,
        action=AuditAction.CONTACT_READ,
        target_type="helpline.contact",
        target_id=41,
        details={"via": "console"},
        ip_address="192.0.2.10",
    )

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.sequence == 1
    assert stored.actor == olga
    assert stored.actor_username == "olga"
    assert stored.action == "contact.read"
    assert stored.action_label == "Contact read"
    assert (stored.target_type, stored.target_id) == ("helpline.contact", "41")
    assert stored.details == {"via": "console"}
    assert stored.ip_address == "192.0.2.10"
    assert stored.created_at.tzinfo is not None
    assert audit_chain_verify().intact


def test_it_chains_the_first_entry_to_the_genesis_hash(olga) -> None:
    entry = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=1
    )

    assert entry.previous_hash == GENESIS_HASH
    assert entry.entry_hash == recomputed(AuditEntry.objects.get(pk=entry.pk))


def test_it_chains_each_entry_to_the_one_before(log) -> None:
    stored = list(AuditEntry.objects.all())

    assert [entry.sequence for entry in stored] == [1, 2, 3, 4, 5]
    for before, after in itertools.pairwise(stored):
        assert after.previous_hash == before.entry_hash
    assert all(entry.entry_hash == recomputed(entry) for entry in stored)


def test_it_moves_the_chain_head(log) -> None:
    head = AuditChainHead.objects.get()

    assert head.last_sequence == 5
    assert head.last_hash == log[-1].entry_hash


def test_it_records_the_system_and_anonymous_requests_without_an_actor() -> None:
    system = audit_record(
        actor=None, action="contact.export", target_type="helpline.contact", target_id="all"
    )
    anonymous = audit_record(
        actor=AnonymousUser(), action="auth.sign_in_failed", target_type="auth.user", target_id="-"
    )

    assert (system.actor_id, system.actor_username) == (None, "")
    assert (anonymous.actor_id, anonymous.actor_username) == (None, "")
    assert audit_chain_verify().intact


def test_it_keeps_the_entry_when_the_account_is_deleted(log, olga) -> None:
    olga.delete()

    assert AuditEntry.objects.filter(actor_username="olga").count() == 3
    assert audit_chain_verify().intact


def test_it_keeps_the_hash_stable_across_ip_spellings(olga) -> None:
    # PostgreSQL's inet type spells some addresses its own way; the hash must not care.
    audit_record(
        actor=olga,
        action="contact.read",
        target_type="helpline.contact",
        target_id=1,
        ip_address="2001:DB8:0:0:0:0:0:1",
    )
    audit_record(
        actor=olga,
        action="contact.read",
        target_type="helpline.contact",
        target_id=1,
        ip_address="::ffff:192.0.2.1",
    )

    assert audit_chain_verify().intact


def test_it_writes_nothing_when_the_enclosing_transaction_fails(log, olga) -> None:
    head_before = AuditChainHead.objects.get()

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(
            actor=olga, action="contact.update", target_type="helpline.contact", target_id=41
        )
        raise RuntimeError("the change it records failed")

    assert AuditEntry.objects.count() == 5
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (
        head_before.last_sequence,
        head_before.last_hash,
    )
    following = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=41
    )
    assert following.sequence == 6
    assert audit_chain_verify().intact


def test_it_stores_instants_in_utc_in_the_hash(olga) -> None:
    entry = audit_record(
        actor=olga, action="contact.read", target_type="helpline.contact", target_id=1
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    rome = datetime.timezone(datetime.timedelta(hours=1))

    # The same instant written with another offset hashes the same.
    fields = {
        "sequence": stored.sequence,
        "actor_id": stored.actor_id,
        "actor_username": stored.actor_username,
        "action": stored.action,
        "target_type": stored.target_type,
        "target_id": stored.target_id,
        "details": stored.details,
        "ip_address": stored.ip_address,
        "previous_hash": stored.previous_hash,
    }
    assert (
        audit_entry_hash(created_at=stored.created_at.astimezone(rome), **fields)
        == entry.entry_hash
    )
