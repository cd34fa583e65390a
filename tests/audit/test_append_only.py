"""Entries cannot be changed or deleted: the ORM refuses, and so does the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from rete.audit.models import AuditEntry, AuditLogIsAppendOnly
from tests.audit.conftest import TABLE

pytestmark = pytest.mark.django_db


def test_it_refuses_to_save_a_changed_entry(log) -> None:
    entry = AuditEntry.objects.get(sequence=2)
    entry.target_id = "42"

    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()

    assert AuditEntry.objects.get(sequence=2).target_id == "41"


def test_it_refuses_update_fields_and_force_update(log) -> None:
    entry = AuditEntry.objects.get(sequence=2)

    with pytest.raises(AuditLogIsAppendOnly):
        entry.save(update_fields=["target_id"])
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save(force_update=True)


def test_it_refuses_to_delete_an_entry(log) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.get(sequence=2).delete()

    assert AuditEntry.objects.count() == 5


@pytest.mark.parametrize(
    "write",
    [
        lambda: AuditEntry.objects.filter(sequence=2).update(target_id="42"),
        lambda: AuditEntry.objects.all().delete(),
        lambda: AuditEntry.objects.filter(sequence__gt=3).delete(),
        lambda: AuditEntry.objects.bulk_update(list(AuditEntry.objects.all()), ["target_id"]),
        lambda: AuditEntry.objects.bulk_create([AuditEntry(sequence=99)]),
        lambda: AuditEntry.objects.update_or_create(sequence=2, defaults={"target_id": "42"}),
    ],
    ids=["update", "delete all", "delete some", "bulk_update", "bulk_create", "update_or_create"],
)
def test_it_refuses_queryset_writes(log, write) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        write()

    assert AuditEntry.objects.count() == 5
    assert AuditEntry.objects.get(sequence=2).target_id == "41"


def test_the_database_refuses_an_update_by_raw_sql(log) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {TABLE} SET target_id = '42' WHERE sequence = 2")

    assert AuditEntry.objects.get(sequence=2).target_id == "41"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite guards UPDATE only: Django's test runner flushes SQLite tables with DELETE",
)
def test_the_database_refuses_a_delete_by_raw_sql(log) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = 2")

    assert AuditEntry.objects.count() == 5
