"""A double submission racing on PostgreSQL makes one record (SQLite serialises writers,
so the race only exists there)."""

import threading

import pytest
from django.db import connection, connections

from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import contact_start

THREADS = 8

pytestmark = [
    # serialized_rollback: the flush after a transactional test would drop the data the
    # migrations load (roles, classification version 1) for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: one connection per thread"
    ),
]


def test_it_makes_one_record_for_concurrent_starts_with_one_key(olga) -> None:
    barrier = threading.Barrier(THREADS)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            result = contact_start(
                operator=olga, channel="phone", language="it", idempotency_key="double-click"
            )
            results.append((result.contact.pk, result.created))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Contact.objects.count() == 1
    assert {pk for pk, _created in results} == {Contact.objects.get().pk}
    assert sum(created for _pk, created in results) == 1
