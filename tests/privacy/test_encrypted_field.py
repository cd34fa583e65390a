"""EncryptedTextField: what the application sees is text, what the database holds is a token."""

import pytest
from cryptography.fernet import Fernet
from django.db import models
from pytest_django.fixtures import Settings

from rete.privacy.fields import EncryptedTextField
from tests.privacy.conftest import KEY_1, raw_row

NOTE = "Lei ha paura del marito, chiamare dopo le 18"
NUMBER = "+393331234567"


def test_it_reads_back_what_was_written(note_model: type[models.Model]) -> None:
    note = note_model.objects.create(body=NOTE, callback=NUMBER)

    again = note_model.objects.get(pk=note.pk)

    assert again.body == NOTE
    assert again.callback == NUMBER


def test_it_never_stores_the_plaintext(note_model: type[models.Model]) -> None:
    note = note_model.objects.create(body=NOTE, callback=NUMBER)

    stored = raw_row(note_model, note.pk)

    for plaintext, column in ((NOTE, "body"), (NUMBER, "callback")):
        token = stored[column]
        assert plaintext not in token
        assert "3331234567" not in token
        # A Fernet token of the newest key, which opens to the plaintext.
        assert Fernet(KEY_1).decrypt(token.encode()).decode() == plaintext


def test_it_encrypts_every_write_path(note_model: type[models.Model]) -> None:
    created = note_model.objects.create(title="create", body=NOTE)
    note_model.objects.bulk_create([note_model(title="bulk", body=NOTE)])
    updated = note_model.objects.create(title="update")
    note_model.objects.filter(pk=updated.pk).update(body=NOTE)
    saved = note_model.objects.create(title="save")
    saved.body = NOTE
    saved.save(update_fields=["body"])
    bulk_updated = note_model.objects.create(title="bulk update")
    bulk_updated.body = NOTE
    note_model.objects.bulk_update([bulk_updated], ["body"])

    for note in note_model.objects.all():
        assert NOTE not in raw_row(note_model, note.pk)["body"], note.title
        assert note.body == NOTE, note.title
    assert created.pk


def test_it_makes_a_different_token_each_time(note_model: type[models.Model]) -> None:
    first = note_model.objects.create(body=NOTE)
    second = note_model.objects.create(body=NOTE)

    assert raw_row(note_model, first.pk)["body"] != raw_row(note_model, second.pk)["body"]


def test_it_keeps_null_and_empty_as_they_are(note_model: type[models.Model]) -> None:
    note = note_model.objects.create(body="", callback=None)

    assert raw_row(note_model, note.pk) == {"body": "", "callback": None}
    again = note_model.objects.get(pk=note.pk)
    assert again.body == ""
    assert again.callback is None


def test_it_keeps_any_unicode_text(note_model: type[models.Model]) -> None:
    text = "Città: Molà — «aiuto» 🚨\nseconda riga"
    note = note_model.objects.create(body=text)

    assert note_model.objects.get(pk=note.pk).body == text


def test_it_reads_through_values_and_only(note_model: type[models.Model]) -> None:
    note_model.objects.create(body=NOTE, callback=NUMBER)

    assert list(note_model.objects.values_list("body", "callback")) == [(NOTE, NUMBER)]
    assert note_model.objects.only("title").get().body == NOTE


@pytest.mark.parametrize("prepared", [None, ""])
def test_it_prepares_null_and_empty_without_a_key(settings: Settings, prepared: str | None) -> None:
    settings.FIELD_ENCRYPTION_KEYS = []

    assert EncryptedTextField().get_prep_value(prepared) == prepared
