"""A shelter's page: its phone and its comune, never its address or coordinates."""

from __future__ import annotations

from typing import Any

import pytest

from tests.portal.conftest import (
    SECRET_ADDRESS,
    SECRET_SHELTER_ID,
    SECRET_SHELTER_NAME,
    SECRET_SHELTER_PHONE,
    WEDNESDAY_1030,
)
from tests.portal.service_page.conftest import main_text

pytestmark = pytest.mark.usefixtures("portal_network")

SECRET_NUMBERS = ["41.117143", "41,117143", "41.11714", "16.871871", "16,871871", "16.87187"]


@pytest.mark.parametrize("language", ["", "/en", "/fr", "/es", "/ar"])
def test_it_never_shows_the_address_or_coordinates(
    client: Any, set_clock: Any, language: str
) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"{language}/servizi/{SECRET_SHELTER_ID}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET_SHELTER_NAME in html
    assert SECRET_ADDRESS not in html
    assert "Rondini" not in html
    for number in SECRET_NUMBERS:
        assert number not in html


def test_it_shows_the_phone_and_the_comune(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"/en/servizi/{SECRET_SHELTER_ID}/")
    html = response.content.decode()
    assert f'href="tel:{SECRET_SHELTER_PHONE}"' in html
    assert "080 555 0199" in main_text(response)
    assert '<p class="mb-1" data-testid="place">Bari (BA)</p>' in html
    assert "<address" not in html


def test_it_says_the_address_is_given_on_the_phone(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get(f"/en/servizi/{SECRET_SHELTER_ID}/"))
    assert "the address of this service is not published: it is given on the phone" in text


def test_it_says_open_now_and_round_the_clock(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get(f"/en/servizi/{SECRET_SHELTER_ID}/"))
    assert "open now" in text
    assert "Every day, 24 hours a day" in text
    assert "Open on public holidays too." in text
    assert "Languages spoken Arabic, Italian" in text
