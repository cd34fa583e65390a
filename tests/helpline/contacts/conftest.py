"""Fixtures of the contact tests: one named user per role, the small Bari network to route
on, a contact Olga is handling, and raw reads of stored columns (no field decrypts them).

Olga and Ornella answer 1522; Sara leads the shift; Dora works at the Department and has
no business in contact records."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import translation

from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import contact_start
from rete.network.networkfile.importer import network_import
from tests.api.network import small_network


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def network(db: None) -> dict[str, Any]:
    document = small_network()
    network_import(document)
    return document


@pytest.fixture
def contact(olga: AbstractBaseUser) -> Contact:
    """A phone call Olga has just answered."""
    return contact_start(operator=olga, channel="phone", language="it").contact


@pytest.fixture
def raw_column() -> Callable[[str, str, int], Any]:
    """The stored value of one column of one row, read with a cursor."""

    def read(table: str, column: str, pk: int) -> Any:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {connection.ops.quote_name(column)} FROM "
                f"{connection.ops.quote_name(table)} WHERE id = %s",
                [pk],
            )
            return cursor.fetchone()[0]

    return read
