"""Notes and call-back numbers are not in plain text in the database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rete.helpline.contacts.models import Callback, Contact
from rete.helpline.contacts.services import callback_create, contact_notes_set

pytestmark = pytest.mark.django_db

NOTE = "Ha paura di tornare a casa stasera"


def test_it_stores_notes_only_as_tokens(contact, olga, raw_column) -> None:
    contact_notes_set(contact=contact, actor=olga, notes=NOTE)

    stored = raw_column(Contact._meta.db_table, "notes", contact.pk)
    assert NOTE not in stored and "paura" not in stored
    assert Contact.objects.get(pk=contact.pk).notes == NOTE


def test_it_stores_callback_numbers_only_as_tokens(contact, olga, raw_column) -> None:
    callback = callback_create(
        contact=contact,
        actor=olga,
        number="333 123 4567",
        consent=True,
        due_at=timezone.now() + timedelta(hours=2),
    )

    stored = raw_column(Callback._meta.db_table, "number", callback.pk)
    assert "1234567" not in stored and "3331234567" not in stored
    assert Callback.objects.get(pk=callback.pk).number == "+393331234567"
