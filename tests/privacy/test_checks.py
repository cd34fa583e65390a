"""`rete check --deploy` refuses missing, malformed or published development keys."""

from pytest_django.fixtures import Settings

from rete.privacy.checks import privacy_keys_check
from rete.privacy.devkeys import DEVELOPMENT_FIELD_ENCRYPTION_KEY, DEVELOPMENT_PHONE_HASH_KEY
from tests.privacy.conftest import KEY_1, KEY_2

GOOD_PHONE_KEY = "a-production-like-phone-hash-key-of-enough-length"


def ids() -> list[str]:
    return [error.id for error in privacy_keys_check()]


def test_it_accepts_real_keys(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_2, KEY_1]
    settings.PHONE_HASH_KEY = GOOD_PHONE_KEY

    assert ids() == []


def test_it_refuses_missing_keys(settings: Settings) -> None:
    del settings.FIELD_ENCRYPTION_KEYS
    del settings.PHONE_HASH_KEY

    assert ids() == ["privacy.E101", "privacy.E103"]


def test_it_refuses_a_malformed_key(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1, "short"]
    settings.PHONE_HASH_KEY = "short"

    assert ids() == ["privacy.E101", "privacy.E103"]


def test_it_refuses_the_development_keys(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1, DEVELOPMENT_FIELD_ENCRYPTION_KEY]
    settings.PHONE_HASH_KEY = DEVELOPMENT_PHONE_HASH_KEY

    assert ids() == ["privacy.E102", "privacy.E104"]
