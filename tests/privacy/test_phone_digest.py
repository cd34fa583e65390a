"""phone_digest: one keyed digest per number, however it is written."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import Settings

from rete.privacy.hashing import PHONE_DIGEST_LENGTH, phone_digest, phone_normalize


@pytest.fixture(autouse=True)
def _phone_key(keys: None) -> None:
    pass


@pytest.mark.parametrize(
    "written", ["080 5741461", "+39 080 574 1461", "0039 080 5741461", "080/5741461"]
)
def test_it_gives_one_digest_per_number(written: str) -> None:
    assert phone_digest(written) == phone_digest("+390805741461")


def test_it_normalises_to_e164() -> None:
    assert phone_normalize("080 5741461") == "+390805741461"
    assert phone_normalize("333 1234567") == "+393331234567"
    assert phone_normalize("+44 20 7946 0958") == "+442079460958"


def test_it_is_hex_sha256() -> None:
    digest = phone_digest("333 1234567")

    assert len(digest) == PHONE_DIGEST_LENGTH
    assert int(digest, 16) >= 0
    assert "3331234567" not in digest


def test_it_tells_numbers_apart() -> None:
    assert phone_digest("333 1234567") != phone_digest("333 1234568")


def test_it_depends_on_the_key(settings: Settings) -> None:
    before = phone_digest("080 5741461")
    settings.PHONE_HASH_KEY = "another-test-only-phone-hash-key-value"

    assert phone_digest("080 5741461") != before


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("", "A phone number is required"),
        ("   ", "A phone number is required"),
        ("chiamata anonima", "not a phone number"),
        ("080", "not a valid phone number"),
        ("080 57414619999999", "not a valid phone number"),
    ],
)
def test_it_refuses_what_is_not_a_number(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as error:
        phone_digest(written)

    if written.strip():
        assert written not in str(error.value)


def test_it_refuses_without_a_key(settings: Settings) -> None:
    settings.PHONE_HASH_KEY = ""

    with pytest.raises(ImproperlyConfigured, match="PHONE_HASH_KEY is not set"):
        phone_digest("080 5741461")
