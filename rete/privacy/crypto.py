"""Symmetric encryption of personal free text (notes, call-back numbers) at rest.

Threat model: a copy of the database or of a backup, taken without the keys, must not
reveal any note or phone number; the keys live only in the environment of the app
servers (`FIELD_ENCRYPTION_KEYS`), never in the database, the repository or a backup.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) authenticates every token,
so a damaged value or a value encrypted with a key we no longer hold fails loudly
instead of decrypting to garbage. `FIELD_ENCRYPTION_KEYS` is a list, newest first:
MultiFernet encrypts with the first key and decrypts with any of them, which is what
lets `rete rotate-encryption-key` move every value to a new key while the old one is
still accepted.

Nothing here logs, and no error message carries a plaintext, a token or a key.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored token cannot be decrypted with any configured key.

    Either the key that encrypted it has been removed from `FIELD_ENCRYPTION_KEYS`
    (rotation not run before dropping it) or the stored value is damaged.
    """


def _configured_keys() -> tuple[str, ...]:
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None)
    if keys is None:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is not set: personal fields cannot be encrypted."
        )
    if isinstance(keys, str) or not isinstance(keys, list | tuple):
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be a list of Fernet keys, newest first."
        )
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: personal fields cannot be encrypted."
        )
    return tuple(keys)


@lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    """The MultiFernet over all keys and the Fernet of the newest, built once per key list.

    Keyed by the list itself, so a change of settings (tests, a reload) is seen at once.
    """
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # The position, never the value: the message may end up in a log.
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS item {position} is not a Fernet key "
                "(32 bytes, url-safe base64-encoded; make one with "
                "`python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)."
            ) from None
    return MultiFernet(fernets), fernets[0]


def encryption_keys_validate() -> None:
    """Raise ImproperlyConfigured unless `FIELD_ENCRYPTION_KEYS` is a usable key list."""
    _keyring(_configured_keys())


def encrypt_text(plaintext: str) -> str:
    """A Fernet token (ASCII text) of `plaintext`, made with the newest key."""
    multi, _newest = _keyring(_configured_keys())
    return multi.encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    """The plaintext of a token made with any configured key; DecryptionError otherwise."""
    multi, _newest = _keyring(_configured_keys())
    try:
        return multi.decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            "The value cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS: the key "
            "that encrypted it is missing, or the stored value is damaged."
        ) from None


def token_is_current(token: str) -> bool:
    """Whether the token was made with the newest key (rotation has nothing to do)."""
    _multi, newest = _keyring(_configured_keys())
    try:
        newest.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True
