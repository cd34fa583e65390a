"""`rete check --deploy`: the privacy keys of a production deployment.

Missing keys already stop production at start-up (its settings require them); these
checks catch what a present key can still get wrong: a malformed key, or a development
key (published in rete.privacy.devkeys, so it protects nothing) carried into production.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from rete.privacy.crypto import encryption_keys_validate
from rete.privacy.devkeys import DEVELOPMENT_FIELD_ENCRYPTION_KEY, DEVELOPMENT_PHONE_HASH_KEY

# HMAC-SHA256 takes a key of any length; a short one can be guessed.
PHONE_HASH_KEY_MIN_LENGTH = 32


@checks.register(checks.Tags.security, deploy=True)
def privacy_keys_check(**kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    try:
        encryption_keys_validate()
    except ImproperlyConfigured as error:
        errors.append(checks.Error(str(error), id="privacy.E101"))
    else:
        if DEVELOPMENT_FIELD_ENCRYPTION_KEY in settings.FIELD_ENCRYPTION_KEYS:
            errors.append(
                checks.Error(
                    "FIELD_ENCRYPTION_KEYS holds the published development key.",
                    hint="Generate a key with Fernet.generate_key() and keep it secret.",
                    id="privacy.E102",
                )
            )
    phone_key = getattr(settings, "PHONE_HASH_KEY", None)
    if not isinstance(phone_key, str) or len(phone_key) < PHONE_HASH_KEY_MIN_LENGTH:
        errors.append(
            checks.Error(
                f"PHONE_HASH_KEY must be a string of at least {PHONE_HASH_KEY_MIN_LENGTH} "
                "characters.",
                hint="For example: python -c 'import secrets; print(secrets.token_urlsafe(48))'",
                id="privacy.E103",
            )
        )
    elif phone_key == DEVELOPMENT_PHONE_HASH_KEY:
        errors.append(
            checks.Error(
                "PHONE_HASH_KEY is the published development key.",
                hint="For example: python -c 'import secrets; print(secrets.token_urlsafe(48))'",
                id="privacy.E104",
            )
        )
    return errors
