"""Re-encryption of every encrypted field with the newest key (`rete rotate-encryption-key`).

Rotating a key: put the new key first in `FIELD_ENCRYPTION_KEYS` (the old ones stay
after it, so every value still decrypts), deploy, run the rotation, then drop the old
key. Until the rotation has run, a copy of the old key still opens the values it made.

Rows are read in primary-key order, in chunks, each chunk in its own transaction with
its rows locked, so an operator saving a record meanwhile never has her write
overwritten, and an interrupted run keeps what it did: running again finishes the job
(a value already under the newest key is left alone). Values are never logged; an error
names the model, the field and the row's primary key only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import ExpressionWrapper, F

from rete.privacy.crypto import DecryptionError, decrypt_text, token_is_current
from rete.privacy.fields import EncryptedTextField

DEFAULT_BATCH_SIZE = 500


@dataclass
class FieldRotation:
    """What the rotation did (or, in a dry run, would do) to one field."""

    label: str
    reencrypted: int = 0
    current: int = 0
    empty: int = 0


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    """Every model with encrypted columns of its own, with those fields, in label order.

    Local fields only: a field inherited from a concrete parent lives in the parent's
    table and is rotated with the parent. Proxies share their model's table.
    """
    for model in sorted(apps.get_models(), key=lambda model: model._meta.label):
        if model._meta.proxy:
            continue
        fields = [
            field
            for field in model._meta.local_concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
        if fields:
            yield model, fields


def _model_rotate(
    model: type[models.Model],
    fields: list[EncryptedTextField],
    *,
    batch_size: int,
    dry_run: bool,
    using: str,
) -> list[FieldRotation]:
    results = [FieldRotation(label=f"{model._meta.label}.{field.name}") for field in fields]
    manager = model._base_manager.db_manager(using)
    # The stored tokens, as they are: wrapped in a plain TextField, the column skips the
    # field's decryption, so a value under an old key can be told from a current one.
    raw = {
        f"_rotation_raw_{index}": ExpressionWrapper(
            F(field.attname), output_field=models.TextField()
        )
        for index, field in enumerate(fields)
    }
    last_pk = None
    while True:
        with transaction.atomic(using=using):
            chunk = manager.order_by("pk").select_for_update()
            if last_pk is not None:
                chunk = chunk.filter(pk__gt=last_pk)
            rows = list(chunk.annotate(**raw).values_list("pk", *raw)[:batch_size])
            if not rows:
                return results
            for pk, *tokens in rows:
                changes: dict[str, str] = {}
                for field, result, token in zip(fields, results, tokens, strict=True):
                    if not token:  # None or empty: nothing to re-encrypt
                        result.empty += 1
                    elif token_is_current(token):
                        result.current += 1
                    else:
                        try:
                            # Saved back as plaintext: the field encrypts it with the
                            # newest key, as on any other write.
                            changes[field.attname] = decrypt_text(token)
                        except DecryptionError as error:
                            raise DecryptionError(
                                f"{result.label}, row with primary key {pk}: {error} "
                                "Nothing of its chunk was written; earlier chunks are rotated."
                            ) from None
                        result.reencrypted += 1
                if changes and not dry_run:
                    # update(), not save(): no signals, no auto_now timestamps touched.
                    manager.filter(pk=pk).update(**changes)
            last_pk = rows[-1][0]


def encryption_key_rotate(
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
    using: str = DEFAULT_DB_ALIAS,
) -> list[FieldRotation]:
    """Re-encrypt, with the newest key, every value not already under it; counts per field.

    Raises DecryptionError (naming model, field and primary key) at the first value no
    configured key opens; the chunk it is in is rolled back, earlier chunks stay rotated.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1.")
    results: list[FieldRotation] = []
    for model, fields in encrypted_fields():
        results.extend(
            _model_rotate(model, fields, batch_size=batch_size, dry_run=dry_run, using=using)
        )
    return results
