"""Validation and normalisation of phone numbers and fiscal codes."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.it import codicefiscale, iva


def normalize_phone(raw: str) -> str:
    """Return the number in E.164 ('+390805741461'); raise ValidationError if not a valid number."""
    try:
        parsed = phonenumbers.parse(raw, "IT")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(value)s” is not a phone number."), params={"value": raw}
        ) from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(_("“%(value)s” is not a valid phone number."), params={"value": raw})
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalize_emergency_phone(raw: str) -> str:
    """Emergency contacts may be short numbers (112, 113, 1522) or full numbers."""
    compact = raw.replace(" ", "")
    if compact.isdigit() and 3 <= len(compact) <= 4:
        parsed = phonenumbers.parse(compact, "IT")
        if phonenumbers.is_valid_short_number(parsed):
            return compact
        raise ValidationError(_("“%(value)s” is not a valid short number."), params={"value": raw})
    return normalize_phone(raw)


def validate_tax_id(value: str) -> None:
    """An Italian VAT number (partita IVA) or fiscal code (codice fiscale) of a body or a person."""
    if iva.is_valid(value) or codicefiscale.is_valid(value):
        return
    raise ValidationError(
        _("“%(value)s” is neither a valid VAT number nor a valid fiscal code."),
        params={"value": value},
    )
