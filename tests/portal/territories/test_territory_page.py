"""One territory's page: its protocol and earlier versions, the comuni it covers, and its
referral chain in order, each service with its phone, whether it is open now and a link."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from rete.directory.models import Service
from rete.network.models import Referral, Territory
from tests.portal.conftest import (
    ROME,
    SECRET_ADDRESS,
    SECRET_SHELTER_ID,
    THURSDAY_1030,
    WEDNESDAY_1030,
)
from tests.portal.service_page.conftest import GIRAFFA, GIRAFFA_PHONE, main_text

pytestmark = pytest.mark.usefixtures("portal_network")


def _chain(html: str) -> list[str]:
    return re.findall(r'data-testid="chain-step" data-service-id="([^"]+)"', html)


def test_it_shows_the_protocol_in_force_and_the_earlier_one(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get("/en/territori/ATR-BA/")
    html = response.content.decode()
    text = main_text(response)
    assert "<h1>Provincia di Bari</h1>" in html
    assert re.search(r'data-testid="protocol-state">\s*<span[^>]*data-in-force="true"', html)
    rows = re.findall(r'<tr data-in-force="(true|false)">', html)
    assert rows == ["true", "false"]  # newest first
    assert "valid from 1 January 2026 to 31 December 2028 in force" in text
    assert "valid from 1 January 2011 to 31 December 2012 expired" in text


def test_it_says_which_comuni_it_covers(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get("/en/territori/ATR-BA/"))
    assert "the province of Bari (BA)" in text
    assert "41 comuni in all." in text
    city = main_text(client.get("/en/territori/ATR-C-BOLOGNA/"))
    assert "the comune of Bologna (BO)" in city
    assert "1 comune in all." in city


def test_it_lists_the_referral_chain_in_order(client: Any, set_clock: Any) -> None:
    territory = Territory.objects.get(code="ATR-BA")
    shelter = Service.objects.get(ext_id=SECRET_SHELTER_ID)
    Referral.objects.create(territory=territory, service=shelter, priority=9)
    set_clock(WEDNESDAY_1030)
    html = client.get("/en/territori/ATR-BA/").content.decode()
    expected = list(
        territory.referrals.order_by("priority").values_list("service__ext_id", flat=True)
    )
    assert _chain(html) == expected
    assert expected[0] == GIRAFFA and expected[-1] == SECRET_SHELTER_ID
    assert f'href="/en/servizi/{GIRAFFA}/"' in html
    assert f'href="tel:{GIRAFFA_PHONE}"' in html
    assert SECRET_ADDRESS not in html


def test_it_says_open_now_per_service(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    html = client.get("/en/territori/ATR-BA/").content.decode()
    giraffa = html[html.index(f'data-service-id="{GIRAFFA}"') :]
    assert giraffa.index('data-open-now="true"') < giraffa.index("</li>")


def test_it_says_when_a_closed_service_opens(client: Any, set_clock: Any) -> None:
    set_clock(THURSDAY_1030)
    response = client.get("/en/territori/ATR-BA/")
    html = response.content.decode()
    giraffa = html[html.index(f'data-service-id="{GIRAFFA}"') :]
    giraffa = giraffa[: giraffa.index("</li>")]
    assert 'data-open-now="false"' in giraffa
    assert '<time datetime="2026-11-27T09:00:00+01:00"' in giraffa
    assert "opens tomorrow at 9:00" in giraffa


def test_an_expired_protocol_is_said_not_in_force(client: Any, set_clock: Any) -> None:
    set_clock(datetime.datetime(2029, 1, 2, 10, 0, tzinfo=ROME))
    response = client.get("/en/territori/ATR-BA/")
    assert 'data-in-force="true"' not in response.content.decode()
    assert "protocol not in force" in main_text(response)


@pytest.mark.parametrize("path", ["/territori/ATR-NOWHERE/", "/en/territori/atr-ba/"])
def test_an_unknown_territory_is_404_in_the_portal_look(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert 'data-testid="not-found"' in response.content.decode()
    assert not response.cookies
