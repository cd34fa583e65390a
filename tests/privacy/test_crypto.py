"""The encryption primitives and how they read FIELD_ENCRYPTION_KEYS."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import Settings

from rete.privacy.crypto import DecryptionError, decrypt_text, encrypt_text, token_is_current
from tests.privacy.conftest import KEY_1, KEY_2


def test_it_round_trips(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1]

    token = encrypt_text("richiamare alle 18")

    assert decrypt_text(token) == "richiamare alle 18"
    assert "richiamare" not in token


def test_it_encrypts_with_the_first_key_and_decrypts_with_any(
    settings: Settings,
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1]
    old = encrypt_text("vecchia")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_2, KEY_1]

    new = encrypt_text("nuova")

    assert decrypt_text(old) == "vecchia"
    assert Fernet(KEY_2).decrypt(new.encode()) == b"nuova"
    assert token_is_current(new)
    assert not token_is_current(old)


def test_it_refuses_a_token_of_a_dropped_key(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1]
    token = encrypt_text("segreto")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_2]

    with pytest.raises(DecryptionError, match="key that encrypted it is missing") as error:
        decrypt_text(token)

    assert "segreto" not in str(error.value)
    assert token not in str(error.value)


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ([], "FIELD_ENCRYPTION_KEYS is empty"),
        ("a-single-string", "must be a list"),
        ([KEY_1, "not-a-fernet-key"], "item 2 is not a Fernet key"),
    ],
)
def test_it_refuses_a_bad_key_list(settings: Settings, keys: object, message: str) -> None:
    settings.FIELD_ENCRYPTION_KEYS = keys

    with pytest.raises(ImproperlyConfigured, match=message) as error:
        encrypt_text("x")

    assert "not-a-fernet-key" not in str(error.value)


def test_it_refuses_without_the_setting(settings: Settings) -> None:
    del settings.FIELD_ENCRYPTION_KEYS

    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS is not set"):
        encrypt_text("x")
