"""EncryptedTextField: a value no configured key opens is an error, never a silent None."""

import pytest
from django.db import connection, models
from pytest_django.fixtures import Settings

from rete.privacy.crypto import DecryptionError
from tests.privacy.conftest import KEY_2

NOTE = "non chiamare sul fisso"


def test_it_refuses_to_read_with_an_unknown_key(
    note_model: type[models.Model], settings: Settings
) -> None:
    note = note_model.objects.create(body=NOTE)
    settings.FIELD_ENCRYPTION_KEYS = [KEY_2]

    with pytest.raises(
        DecryptionError, match=r"privacy\.Note\.body: .*cannot be decrypted"
    ) as error:
        note_model.objects.get(pk=note.pk)

    assert NOTE not in str(error.value)


def test_it_refuses_a_damaged_value(note_model: type[models.Model]) -> None:
    note = note_model.objects.create(body=NOTE)
    table = connection.ops.quote_name(note_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body = %s WHERE id = %s", ["gAAAAAdamaged", note.pk])

    with pytest.raises(DecryptionError, match="damaged"):
        note_model.objects.get(pk=note.pk)


def test_it_refuses_plaintext_left_in_the_column(note_model: type[models.Model]) -> None:
    note = note_model.objects.create(body=NOTE)
    table = connection.ops.quote_name(note_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body = %s WHERE id = %s", [NOTE, note.pk])

    with pytest.raises(DecryptionError):
        note_model.objects.get(pk=note.pk)
