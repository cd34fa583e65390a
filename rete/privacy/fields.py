"""`EncryptedTextField`: a text column that holds only Fernet tokens.

Threat model: a copy of the database or of a backup, taken without the keys, must not
reveal any note or phone number; so the column holds a Fernet token (see
rete.privacy.crypto) and the plaintext exists only in the memory of the app server.

The token is random for each write, so the database cannot compare, search or sort
plaintexts: a lookup, a transform or an ordering on the field would silently return
wrong answers, and is refused with a FieldError instead. Only `isnull` is allowed — it
reveals nothing about the text, and the erasure of expired call-back numbers needs it.
The refusal covers lookups, transforms and ordering by name (`order_by("notes")`,
`"-notes"`, Meta.ordering); an ordering by an explicit expression (`F("notes").asc()`)
is not intercepted, and sorts tokens.
None stays NULL and "" stays "" (an empty note is not a secret worth a token).
"""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.expressions import Col
from django.db.models.lookups import IsNull
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from rete.privacy.crypto import DecryptionError, decrypt_text, encrypt_text


def _refusal(field: models.Field, what: str) -> FieldError:
    return FieldError(
        f"{field.model._meta.label}.{field.name} is encrypted: the database holds only "
        f"random tokens, so {what} on it cannot work. Load the rows and compare the "
        "decrypted values in Python, or keep a separate keyed hash to search by."
    )


class _EncryptedCol(Col):
    """The column of an encrypted field. Ordering by name and lookups resolve it as an
    expression; selecting and writing it do not. Lookups other than `isnull` are refused
    before they get here, and `isnull` resolves a plain column: what this refuses is
    ordering."""

    def resolve_expression(self, *args: Any, **kwargs: Any) -> Any:
        raise _refusal(self.target, "ordering")


class _EncryptedIsNull(IsNull):
    """`isnull` on the plain column: the refusing column above must not refuse it."""

    def process_lhs(self, compiler: Any, connection: Any, lhs: Any = None) -> Any:
        lhs = lhs or self.lhs
        if isinstance(lhs, _EncryptedCol):
            lhs = Col(lhs.alias, lhs.target, lhs.output_field)
        return super().process_lhs(compiler, connection, lhs)


class EncryptedTextField(models.TextField):
    description = _("Text encrypted at rest")

    # --- checks: options that need comparable values make no sense on tokens.

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        for option, enabled in (
            ("primary_key", self.primary_key),
            ("unique", self._unique),
            ("db_index", self.db_index),
        ):
            if enabled:
                errors.append(
                    checks.Error(
                        f"EncryptedTextField cannot have {option}=True: its stored values "
                        "are random tokens that cannot be compared.",
                        obj=self,
                        id="privacy.E001",
                    )
                )
        return errors

    # --- writing: plaintext in, token out.

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)

    # --- reading: token in, plaintext out.

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        try:
            return decrypt_text(value)
        except DecryptionError as error:
            # Model and field (never the value) say where to look.
            raise DecryptionError(f"{self.model._meta.label}.{self.name}: {error}") from None

    # --- querying: refused, except isnull.

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return _EncryptedIsNull
        raise _refusal(self, f"the lookup '{lookup_name}'")

    def get_transform(self, lookup_name: str) -> Any:
        raise _refusal(self, f"the transform or lookup '{lookup_name}'")

    @cached_property
    def cached_col(self) -> Col:
        return _EncryptedCol(self.model._meta.db_table, self)

    def get_col(self, alias: str, output_field: models.Field | None = None) -> Col:
        if alias == self.model._meta.db_table and (output_field is None or output_field == self):
            return self.cached_col
        return _EncryptedCol(alias, self, output_field)
