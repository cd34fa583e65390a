"""EncryptedTextField as migrations and `rete check` see it."""

from django.db import models
from django.db.migrations.writer import MigrationWriter
from django.test.utils import isolate_apps

from rete.privacy.fields import EncryptedTextField


def test_it_deconstructs_to_a_stable_path() -> None:
    field = EncryptedTextField(blank=True, default="")
    field.set_attributes_from_name("notes")

    name, path, args, kwargs = field.deconstruct()

    assert (name, path, args, kwargs) == (
        "notes",
        "rete.privacy.fields.EncryptedTextField",
        [],
        {"blank": True, "default": ""},
    )


def test_it_serialises_into_a_migration() -> None:
    source, imports = MigrationWriter.serialize(EncryptedTextField(null=True, blank=True))

    assert source == "rete.privacy.fields.EncryptedTextField(blank=True, null=True)"
    assert imports == {"import rete.privacy.fields"}


# The models below live in a registry of their own: no table, never in the global one.
@isolate_apps("rete.privacy")
def test_it_refuses_unique_and_index() -> None:
    class Refused(models.Model):
        unique_one = EncryptedTextField(unique=True)
        indexed = EncryptedTextField(db_index=True)

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return str(self.pk)

    ids = [
        error.id
        for name in ("unique_one", "indexed")
        for error in Refused._meta.get_field(name).check()
    ]

    assert ids == ["privacy.E001", "privacy.E001"]


@isolate_apps("rete.privacy")
def test_it_accepts_an_ordinary_definition() -> None:
    class Accepted(models.Model):
        notes = EncryptedTextField(blank=True, default="")

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return str(self.pk)

    assert Accepted._meta.get_field("notes").check() == []
