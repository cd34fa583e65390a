"""The audit viewer's filters are served by indexes that hold the sequence (migration
0003), and adding them kept the append-only guard in place."""

import pytest
from django.db import DatabaseError, connection, transaction

from rete.audit.models import AuditEntry
from tests.audit.conftest import TABLE

pytestmark = pytest.mark.django_db


def index_columns() -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return [c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]]


@pytest.mark.parametrize(
    "columns",
    [
        ["action", "sequence"],
        ["actor_id", "sequence"],
        ["target_type", "target_id"],
        ["created_at"],
    ],
)
def test_the_index_exists(columns) -> None:
    assert columns in index_columns()


def test_the_table_still_refuses_updates(log) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {TABLE} SET action = 'contact.read' WHERE sequence = 3")

    assert AuditEntry.objects.get(sequence=3).action == "contact.update"
