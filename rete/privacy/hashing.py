"""Keyed hashes of phone numbers, for the nuisance list.

Threat model: a copy of the database or of a backup, taken without the keys, must not
reveal which numbers were flagged; a plain hash would not do, because the space of
phone numbers is small enough to hash every one of them and look the digest up. An
HMAC with a key kept only in the environment (`PHONE_HASH_KEY`) cannot be enumerated
without the key, and still lets the console ask "is this caller's number flagged?".

The number is first normalised to E.164 (Italian numbers may be written without +39),
so "080 5741461", "+39 080 574 1461" and "+390805741461" give one digest. Changing
`PHONE_HASH_KEY` changes every digest: the flags made before no longer match (they are
short-lived by design, so a change of key simply lets them expire).

Nothing here logs, and no error message repeats the number.
"""

from __future__ import annotations

import hashlib
import hmac

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

DEFAULT_REGION = "IT"
# Hex of SHA-256: the length of a column that stores a digest.
PHONE_DIGEST_LENGTH = 64


def phone_normalize(number: str, *, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of a phone number ("+390805741461"); ValueError if it is not one.

    A number without a country prefix is read as a number of `region`.
    """
    if not isinstance(number, str) or not number.strip():
        raise ValueError(_("A phone number is required."))
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        raise ValueError(_("This is not a phone number.")) from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(
            _(
                "This is not a valid phone number: check the digits and, for a foreign "
                "number, the international prefix."
            )
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _phone_hash_key() -> bytes:
    key = getattr(settings, "PHONE_HASH_KEY", None)
    if not isinstance(key, str) or not key:
        raise ImproperlyConfigured("PHONE_HASH_KEY is not set: phone numbers cannot be hashed.")
    return key.encode("utf-8")


def phone_digest(number: str) -> str:
    """HMAC-SHA256, in hex, of the number's E.164 form, keyed with `PHONE_HASH_KEY`.

    Raises ValueError for a string that is not a valid phone number.
    """
    e164 = phone_normalize(number)
    return hmac.new(_phone_hash_key(), e164.encode("ascii"), hashlib.sha256).hexdigest()
