"""EncryptedTextField: a query that would compare or sort tokens is refused, clearly."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import FieldError
from django.db import models


@pytest.mark.parametrize(
    "query",
    [
        lambda Note: Note.objects.filter(body="aiuto").count(),
        lambda Note: Note.objects.filter(body__icontains="aiuto").count(),
        lambda Note: Note.objects.filter(callback__startswith="+39").count(),
        lambda Note: Note.objects.exclude(body="").count(),
        lambda Note: Note.objects.get_or_create(body="aiuto"),
        lambda Note: Note.objects.filter(body__in=["a", "b"]).count(),
    ],
    ids=["exact", "icontains", "startswith", "exclude", "get_or_create", "in"],
)
def test_it_refuses_lookups(
    note_model: type[models.Model], query: Callable[[type[models.Model]], Any]
) -> None:
    note_model.objects.create(body="aiuto")

    with pytest.raises(FieldError, match=r"privacy\.Note\.(body|callback) is encrypted"):
        query(note_model)


@pytest.mark.parametrize("ordering", ["body", "-callback"])
def test_it_refuses_ordering(note_model: type[models.Model], ordering: str) -> None:
    note_model.objects.create(body="aiuto")

    with pytest.raises(FieldError, match="ordering on it cannot work"):
        list(note_model.objects.order_by(ordering))


def test_it_allows_isnull(note_model: type[models.Model]) -> None:
    note_model.objects.create(title="with", callback="+393331234567")
    note_model.objects.create(title="without", callback=None)

    assert [n.title for n in note_model.objects.filter(callback__isnull=False)] == ["with"]
    assert [n.title for n in note_model.objects.filter(callback__isnull=True)] == ["without"]


def test_it_erases_with_isnull_and_update(note_model: type[models.Model]) -> None:
    note_model.objects.create(callback="+393331234567")

    erased = note_model.objects.filter(callback__isnull=False).update(callback=None)

    assert erased == 1
    assert note_model.objects.get().callback is None
