"""A throwaway model with encrypted fields, its table made and dropped around each test.

rete.privacy has no models of its own. The model is registered in the global app
registry (the rotation command finds fields through it) only while its table exists,
so no other test ever meets a registered model without a table.
"""

from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection, models
from pytest_django.fixtures import Settings

from rete.privacy.fields import EncryptedTextField

# Test keys, made per session: nothing here protects anything.
KEY_1 = Fernet.generate_key().decode()
KEY_2 = Fernet.generate_key().decode()
PHONE_KEY = "test-only-phone-hash-key-not-a-secret"


@pytest.fixture
def keys(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1]
    settings.PHONE_HASH_KEY = PHONE_KEY


@pytest.fixture
def note_model(
    transactional_db: None, django_db_serialized_rollback: None, keys: None
) -> Iterator[type[models.Model]]:
    # SQLite's schema editor cannot run inside the test's transaction: hence
    # transactional_db, and the table is dropped before the database is flushed. The flush
    # restores the data the migrations load (serialized rollback) instead of loading it anew,
    # which would clash with a later test that restores it too.
    class Note(models.Model):
        title = models.CharField(max_length=50, default="")
        body = EncryptedTextField(blank=True, default="")
        callback = EncryptedTextField(null=True, blank=True)

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return self.title

    with connection.schema_editor() as editor:
        editor.create_model(Note)
    try:
        yield Note
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Note)
        del apps.all_models["privacy"]["note"]
        apps.clear_cache()


def raw_row(model: type[models.Model], pk: int) -> dict[str, str | None]:
    """The stored column values of a row, read with a cursor: no field decrypts them."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body, callback FROM {table} WHERE id = %s", [pk])
        body, callback = cursor.fetchone()
    return {"body": body, "callback": callback}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read messages as written in the source (English); the Italian
    catalogue is exercised where the interface shows it."""
    from django.utils import translation

    with translation.override("en"):
        yield
