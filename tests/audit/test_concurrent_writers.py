"""Concurrent writers never fork the chain: appending takes the chain head's lock.

Runs on PostgreSQL (each thread has its own connection, as separate processes would);
SQLite serialises writers by itself and its in-memory test database is not shared
between threads.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from rete.audit.models import AuditChainHead, AuditEntry
from rete.audit.selectors import audit_chain_verify
from rete.audit.services import audit_record

pytestmark = [
    # serialized_rollback: a transactional test before this one may have emptied the
    # migrated data (permissions, roles) that creating the named users needs.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: one connection per thread"
    ),
]

THREADS = 16
ENTRIES_PER_THREAD = 25


def run_in_threads(work, count: int) -> list[BaseException]:
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def target(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_it_keeps_one_chain_under_concurrent_writers(olga) -> None:
    def work(index: int) -> None:
        for number in range(ENTRIES_PER_THREAD):
            audit_record(
                actor=olga,
                action="contact.read",
                target_type="helpline.contact",
                target_id=f"{index}-{number}",
            )

    started = time.perf_counter()
    errors = run_in_threads(work, THREADS)
    elapsed = time.perf_counter() - started

    total = THREADS * ENTRIES_PER_THREAD
    assert errors == []
    assert list(AuditEntry.objects.values_list("sequence", flat=True)) == list(range(1, total + 1))
    assert AuditEntry.objects.values("target_id").distinct().count() == total
    result = audit_chain_verify()
    assert result.intact
    assert result.entries_verified == total
    print(f"{total} entries from {THREADS} threads in {elapsed:.2f}s: {total / elapsed:.0f}/s")


def test_it_holds_the_lock_until_the_enclosing_transaction_commits(olga) -> None:
    """A writer that records early in a long transaction makes the others wait, and
    none of them reads a head that is about to move."""

    def work(index: int) -> None:
        with transaction.atomic():
            audit_record(
                actor=olga, action="contact.update", target_type="helpline.contact", target_id=index
            )
            time.sleep(0.05)

    errors = run_in_threads(work, 8)

    assert errors == []
    assert AuditChainHead.objects.get().last_sequence == 8
    assert audit_chain_verify().intact


def test_it_makes_one_chain_head_when_the_first_writers_race(olga) -> None:
    assert not AuditChainHead.objects.exists()

    def work(index: int) -> None:
        audit_record(
            actor=olga, action="contact.read", target_type="helpline.contact", target_id=index
        )

    errors = run_in_threads(work, 8)

    assert errors == []
    assert AuditChainHead.objects.count() == 1
    assert not AuditEntry.objects.filter(action="audit.chain_head_rebuilt").exists()
    assert audit_chain_verify().entries_verified == 8
