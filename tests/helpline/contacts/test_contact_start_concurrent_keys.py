"""Many operators' PBX lines starting contacts at once on PostgreSQL, new keys mixed with
retries of keys in flight: one contact per key, one audit entry per contact, one chain."""

import threading
from collections import defaultdict

import pytest
from django.db import connection, connections

from rete.audit.models import AuditEntry
from rete.audit.selectors import audit_chain_verify
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import contact_start

THREADS = 8
STARTS = 12
SHARED_KEYS = 4

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: one connection per thread"
    ),
]


def test_it_makes_one_contact_and_one_entry_per_key(olga) -> None:
    barrier = threading.Barrier(THREADS)
    answers: dict[str, set[int]] = defaultdict(set)
    created: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def start(index: int) -> None:
        try:
            barrier.wait()
            for number in range(STARTS):
                # Every other start retries one of a few keys that all threads share.
                key = f"shared-{number % SHARED_KEYS}" if number % 2 else f"own-{index}-{number}"
                result = contact_start(
                    operator=olga, channel="phone", language="it", idempotency_key=key
                )
                with lock:
                    answers[key].add(result.contact.pk)
                    if result.created:
                        created.append(result.contact.pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert all(len(pks) == 1 for pks in answers.values())
    assert Contact.objects.count() == len(answers) == len(created)
    assert AuditEntry.objects.filter(action="contact.create").count() == len(created)
    verification = audit_chain_verify()
    assert verification.intact
    # Every entry of the log, the creation of the test's people included.
    assert verification.entries_verified == AuditEntry.objects.count()
