"""A caller's landline suggests the comune of its prefix; anything else suggests nothing."""

import pytest

from rete.helpline.caller_phone import caller_comune_suggestion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "comune"),
    [
        ("080 5741461", "072006"),  # Bari
        ("+39 080 5741461", "072006"),
        ("0883 123456", "110001"),  # Andria
        ("051 1234567", "037006"),  # Bologna
        ("0546 12345", "039010"),  # Faenza
        ("0471 123456", "021008"),  # Bolzano
    ],
)
def test_it_suggests_the_comune_of_a_landline_prefix(number: str, comune: str) -> None:
    suggestion = caller_comune_suggestion(number)

    assert suggestion is not None
    assert suggestion.code == comune


@pytest.mark.parametrize(
    "number",
    ["333 1234567", "1522", "112", "080 12", "not a number", "", "+33 1 23 45 67 89"],
)
def test_it_suggests_nothing_for_mobiles_short_foreign_or_invalid_numbers(number: str) -> None:
    assert caller_comune_suggestion(number) is None
