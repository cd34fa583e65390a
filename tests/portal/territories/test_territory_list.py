"""The list of the network's territories (ATR), by region, with the state of their protocol."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from rete.network.models import Protocol, ProtocolStatus, Territory
from tests.portal.conftest import ROME, WEDNESDAY_1030
from tests.portal.service_page.conftest import main_text

pytestmark = pytest.mark.usefixtures("portal_network")


def _in_force(html: str) -> dict[str, str]:
    """Territory code -> "true"/"false", as the list marks its protocol."""
    items = re.findall(
        r'data-testid="territory" data-code="([^"]+)".*?data-in-force="(true|false)"', html, re.S
    )
    return dict(items)


def test_it_lists_every_territory(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    html = client.get("/en/territori/").content.decode()
    codes = set(Territory.objects.values_list("code", flat=True))
    assert len(codes) == 27
    assert set(_in_force(html)) == codes
    for code in codes:
        assert f'href="/en/territori/{code}/"' in html


def test_it_groups_territories_by_region_in_name_order(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get("/en/territori/"))
    assert "Puglia Provincia di Bari (ATR-BA) protocol in force" in text
    regions = ["Abruzzo", "Basilicata", "Calabria", "Campania", "Emilia-Romagna"]
    positions = [text.index(region) for region in regions]
    assert positions == sorted(positions)
    assert text.index("Comune di Bologna") < text.index("Comune di Faenza")


def test_it_says_which_protocols_are_in_force_now(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    html = client.get("/en/territori/").content.decode()
    assert set(_in_force(html).values()) == {"true"}
    assert "valid from 1 January 2026 to 31 December 2028" in main_text(
        client.get("/en/territori/")
    )


def test_it_says_a_protocol_expired(client: Any, set_clock: Any) -> None:
    set_clock(datetime.datetime(2029, 1, 2, 10, 0, tzinfo=ROME))
    response = client.get("/en/territori/")
    assert set(_in_force(response.content.decode()).values()) == {"false"}
    assert (
        "Provincia di Bari (ATR-BA) protocol not in force expired, "
        "valid from 1 January 2026 to 31 December 2028"
    ) in main_text(response)


def test_it_says_a_draft_is_not_in_force(client: Any, set_clock: Any) -> None:
    territory = Territory.objects.create(code="ATR-TEST", name="Comune di Prova")
    Protocol.objects.create(
        territory=territory,
        valid_from=datetime.date(2026, 1, 1),
        status=ProtocolStatus.DRAFT,
    )
    set_clock(WEDNESDAY_1030)
    response = client.get("/en/territori/")
    assert _in_force(response.content.decode())["ATR-TEST"] == "false"
    assert (
        "Comune di Prova (ATR-TEST) protocol not in force Draft, valid from 1 January 2026, with no end date"
        in main_text(response)
    )


@pytest.mark.parametrize("language", ["", "/en", "/fr", "/es", "/ar"])
def test_it_is_offered_in_the_five_languages(client: Any, set_clock: Any, language: str) -> None:
    set_clock(WEDNESDAY_1030)
    response = client.get(f"{language}/territori/")
    assert response.status_code == 200
    assert not response.cookies
