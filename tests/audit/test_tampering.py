"""audit_chain_verify names the first broken entry, whatever was done to the table.

The tampering here is raw SQL with the append-only trigger out of the way: what an owner
of the database could do. (What the chain cannot see: a tail removed together with the
chain head, or every hash recomputed — see rete.audit.selectors.)
"""

import json

import pytest
from django.db import connection

from rete.audit.chain import audit_entry_hash
from rete.audit.models import AuditChainHead
from rete.audit.selectors import audit_chain_verify
from tests.audit.conftest import TABLE

pytestmark = pytest.mark.django_db


def broken(chunk_size: int = 2000) -> tuple[int, str, int]:
    result = audit_chain_verify(chunk_size=chunk_size)
    assert result.first_break is not None
    return result.first_break.sequence, result.first_break.reason, result.entries_verified


def test_it_passes_an_intact_log(log) -> None:
    result = audit_chain_verify(chunk_size=2)

    assert result.intact
    assert result.entries_verified == 5
    assert result.last_hash == log[-1].entry_hash


def test_it_catches_a_changed_detail(log, raw_sql) -> None:
    raw_sql(
        f"UPDATE {TABLE} SET details = %s WHERE sequence = 3", [json.dumps({"fields": ["outcome"]})]
    )

    assert broken() == (3, "hash_mismatch", 2)


def test_it_catches_a_changed_actor(log, raw_sql, dora) -> None:
    raw_sql(
        f"UPDATE {TABLE} SET actor_id = %s, actor_username = 'dora' WHERE sequence = 4", [dora.pk]
    )

    assert broken() == (4, "hash_mismatch", 3)


def test_it_catches_a_changed_instant(log, raw_sql) -> None:
    raw_sql(f"UPDATE {TABLE} SET created_at = %s WHERE sequence = 1", [log[3].created_at])

    assert broken() == (1, "hash_mismatch", 0)


def test_it_catches_a_removed_ip_address(log, raw_sql) -> None:
    raw_sql(f"UPDATE {TABLE} SET ip_address = NULL WHERE sequence = 3")

    assert broken() == (3, "hash_mismatch", 2)


def test_it_catches_a_deleted_middle_entry(log, raw_sql) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence = 3")

    assert broken(chunk_size=2) == (3, "sequence_gap", 2)


def test_it_catches_a_deleted_first_entry(log, raw_sql) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence = 1")

    assert broken() == (1, "sequence_gap", 0)


def test_it_catches_a_deleted_last_entry_through_the_chain_head(log, raw_sql) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence = 5")

    assert broken() == (5, "missing_tail", 4)


def test_it_catches_entries_reordered(log, raw_sql) -> None:
    # Swap entries 2 and 4 by their sequence numbers (through a free number).
    raw_sql(f"UPDATE {TABLE} SET sequence = 100 WHERE sequence = 2")
    raw_sql(f"UPDATE {TABLE} SET sequence = 2 WHERE sequence = 4")
    raw_sql(f"UPDATE {TABLE} SET sequence = 4 WHERE sequence = 100")

    assert broken() == (2, "hash_mismatch", 1)


def test_it_catches_a_renumbered_entry_whose_hash_was_recomputed(log, raw_sql) -> None:
    # Entry 3 rewritten with a valid hash of its new content: entry 4 no longer links to it.
    row = log[2]
    forged = audit_entry_hash(
        sequence=3,
        created_at=row.created_at,
        actor_id=row.actor_id,
        actor_username=row.actor_username,
        action="contact.read",
        target_type=row.target_type,
        target_id=row.target_id,
        details={},
        ip_address=row.ip_address,
        previous_hash=row.previous_hash,
    )
    raw_sql(
        f"UPDATE {TABLE} SET action = 'contact.read', details = %s, entry_hash = %s WHERE sequence = 3",
        ["{}", forged],
    )

    assert broken() == (4, "broken_link", 3)


def test_it_catches_an_entry_added_beyond_the_chain_head(log, raw_sql) -> None:
    last = log[-1]
    forged = audit_entry_hash(
        sequence=6,
        created_at=last.created_at,
        actor_id=None,
        actor_username="",
        action="contact.read",
        target_type="helpline.contact",
        target_id="41",
        details={},
        ip_address=None,
        previous_hash=last.entry_hash,
    )
    raw_sql(
        f"INSERT INTO {TABLE} (sequence, created_at, actor_username, action, target_type, "
        "target_id, details, previous_hash, entry_hash) "
        "VALUES (6, %s, '', 'contact.read', 'helpline.contact', '41', '{}', %s, %s)",
        [last.created_at, last.entry_hash, forged],
    )

    assert broken() == (6, "beyond_head", 5)


def test_it_catches_a_chain_head_that_does_not_match(log) -> None:
    AuditChainHead.objects.update(last_hash="f" * 64)

    assert broken() == (5, "head_mismatch", 4)


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL refuses a malformed timestamp itself"
)
def test_it_catches_an_unreadable_entry(log, raw_sql) -> None:
    # SQLite keeps instants as text: this one does not convert back to a datetime.
    raw_sql(f"UPDATE {TABLE} SET created_at = '2026-13-45 10:00:00' WHERE sequence = 2")

    assert broken() == (2, "unreadable", 1)


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL refuses a malformed timestamp itself"
)
def test_it_names_an_unreadable_entry_in_a_later_chunk(log, raw_sql) -> None:
    raw_sql(f"UPDATE {TABLE} SET created_at = '2026-13-45 10:00:00' WHERE sequence = 4")

    assert broken(chunk_size=3) == (4, "unreadable", 3)


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL refuses a malformed timestamp itself"
)
def test_it_names_a_gap_before_an_unreadable_entry(log, raw_sql) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence = 3")
    raw_sql(f"UPDATE {TABLE} SET created_at = '2026-13-45 10:00:00' WHERE sequence = 4")

    assert broken() == (3, "sequence_gap", 2)
