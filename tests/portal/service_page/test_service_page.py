"""The public page of a service: who, how to call, where, when open, in which languages.

GIRAFFA (Centro antiviolenza, Via Napoli 308, Bari) is open Monday, Wednesday and Friday
9:00-13:00; the demo's Wednesday at 10:30 it is open, on Thursday at 10:30 it is closed until
Friday at 9:00.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from rete.directory.models import Service
from tests.portal.conftest import THURSDAY_1030, WEDNESDAY_1030
from tests.portal.service_page.conftest import GIRAFFA, GIRAFFA_PHONE, main_text

pytestmark = pytest.mark.usefixtures("portal_network")


def test_it_shows_who_and_how_to_call(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"/en/servizi/{GIRAFFA}/")
    assert response.status_code == 200
    html = response.content.decode()
    text = main_text(response)
    assert "<h1>Centro antiviolenza GIRAFFA</h1>" in html
    assert "Associazione GIRAFFA Onlus" in text
    assert "Anti-violence centre" in text
    assert f'href="tel:{GIRAFFA_PHONE}"' in html
    assert "080 574 1461" in text
    assert "Via Napoli 308, Bari" in text


def test_it_says_open_now_while_open(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"/en/servizi/{GIRAFFA}/")
    assert 'data-open-now="true"' in response.content.decode()
    assert "open now" in main_text(response)


def test_it_says_when_it_opens_next_while_closed(client: Any, set_clock: Any) -> None:
    set_clock(THURSDAY_1030)
    response = client.get(f"/en/servizi/{GIRAFFA}/")
    html = response.content.decode()
    assert 'data-open-now="false"' in html
    assert '<time datetime="2026-11-27T09:00:00+01:00"' in html
    assert "closed now opens tomorrow at 9:00" in main_text(response)


def test_it_names_the_next_opening_day_further_ahead(client: Any, set_clock: Any) -> None:
    set_clock(THURSDAY_1030.replace(day=28))  # Saturday: next opening Monday 30 at 9:00
    text = main_text(client.get(f"/en/servizi/{GIRAFFA}/"))
    assert "opens on Monday at 9:00" in text


def test_it_describes_the_hours_in_words(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get(f"/en/servizi/{GIRAFFA}/"))
    assert "Monday, Wednesday and Friday 9:00–13:00" in text


def test_it_lists_languages_area_and_territories(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"/en/servizi/{GIRAFFA}/")
    text = main_text(response)
    assert "Languages spoken Italian" in text
    assert "the province of Bari (BA)" in text
    assert 'href="/en/territori/ATR-BA/"' in response.content.decode()
    assert "Provincia di Bari" in text


def test_it_reminds_of_1522(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    html = client.get(f"/en/servizi/{GIRAFFA}/").content.decode()
    assert 'data-testid="helpline-reminder"' in html
    assert 'href="tel:1522"' in html


def test_it_shows_accessibility_when_set(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    url = f"/en/servizi/{GIRAFFA}/"
    assert 'data-testid="accessibility"' not in client.get(url).content.decode()
    service = Service.objects.get(ext_id=GIRAFFA)
    service.accessibility = "step-free access; LIS interpreter on request"
    service.save(update_fields=["accessibility"])  # a change of the network: shown at once
    text = main_text(client.get(url))
    assert "Accessibility step-free access; LIS interpreter on request" in text


@pytest.mark.parametrize("language", ["it", "en", "fr", "es", "ar"])
def test_it_is_offered_in_the_five_languages(client: Any, set_clock: Any, language: str) -> None:
    set_clock(WEDNESDAY_1030)
    with translation.override(language):
        url = reverse("portal:service", kwargs={"service_id": GIRAFFA})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f'href="tel:{GIRAFFA_PHONE}"' in html
    offered = {code for code in ["it", "en", "fr", "es", "ar"] if f'lang="{code}"' in html}
    assert offered == {"it", "en", "fr", "es", "ar"}
    assert not response.cookies


def test_it_carries_the_privacy_headers(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"/servizi/{GIRAFFA}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "no-referrer"
