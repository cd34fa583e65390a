"""GET /trova/: the search by comune, without JavaScript — resolution of the typed name,
"did you mean", filters, the territory's box, pages of results, and bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from rete.directory.models import Organization, Service
from rete.geography.models import Province
from tests.portal.conftest import BARI, MOLA, THURSDAY_1030, WEDNESDAY_1030
from tests.portal.finder.conftest import GIRAFFA_ID, MOLA_ID

pytestmark = pytest.mark.django_db

SERVICE_ID = re.compile(r'data-testid="finder-result" data-service-id="([^"]+)"')


def _ids(html: str) -> list[str]:
    return SERVICE_ID.findall(html)


@pytest.fixture
def wednesday(portal_network: None, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)


@pytest.fixture
def thursday(portal_network: None, set_clock: Any) -> None:
    set_clock(THURSDAY_1030)


def test_it_shows_the_search_form(client: Client, wednesday: None) -> None:
    response = client.get("/trova/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ('name="comune"', 'name="kind"', 'name="language"', 'name="open_now"'):
        assert field in html
    assert 'data-testid="finder-result"' not in html
    assert not response.cookies


def test_it_resolves_the_typed_comune_on_the_server(client: Client, wednesday: None) -> None:
    response = client.get("/en/trova/", {"comune": "bari"})
    assert response.status_code == 200
    html = response.content.decode()
    ids = _ids(html)
    assert ids[0] == GIRAFFA_ID
    assert MOLA_ID not in ids
    assert 'href="tel:+390805741461"' in html and "080 574 1461" in html
    assert 'href="/en/servizi/svc-giraffa/"' in html
    assert "open now" in html
    assert "6 services found." in html
    assert not response.cookies


def test_it_accepts_an_istat_code(client: Client, wednesday: None) -> None:
    html = client.get("/trova/", {"comune": MOLA}).content.decode()
    assert _ids(html)[-1] == MOLA_ID  # closed on Wednesday morning


def test_it_shows_the_territorys_referral_and_the_helpline(client: Client, thursday: None) -> None:
    html = client.get("/en/trova/", {"comune": "Bari"}).content.decode()
    box = html[html.index('data-testid="finder-referral"') :]
    box = box[: box.index("</aside>")]
    assert "Provincia di Bari" in box
    assert "Centro antiviolenza GIRAFFA" in box
    assert "opens tomorrow at 9:00" in box
    assert 'href="tel:1522"' in box


def test_it_shows_the_helpline_outside_the_territories(client: Client, wednesday: None) -> None:
    html = client.get("/en/trova/", {"comune": "cefalu"}).content.decode()
    box = html[html.index('data-testid="finder-referral"') :]
    box = box[: box.index("</aside>")]
    assert 'href="tel:1522"' in box
    assert "territory of the anti-violence network" not in box
    assert set(_ids(html)) == {"svc-palermo-cav", "svc-palermo-h24", "svc-palermo-rifugio"}


def test_it_asks_which_comune_when_several_match(client: Client, wednesday: None) -> None:
    response = client.get("/trova/", {"comune": "mola", "kind": "anti_violence_centre"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="finder-candidates"' in html
    assert not _ids(html)
    link = re.search(r'href="(/trova/\?[^"]*code=072028[^"]*)"', html)
    assert link is not None
    chosen = client.get(link.group(1).replace("&amp;", "&"))
    ids = _ids(chosen.content.decode())
    assert MOLA_ID in ids and GIRAFFA_ID in ids
    assert "svc-giraffa-rifugio" not in ids  # the kind filter came along


def test_it_asks_which_one_of_homonyms(client: Client, wednesday: None) -> None:
    html = client.get("/trova/", {"comune": "Peglio"}).content.decode()
    assert "Peglio (CO)" in html and "Peglio (PU)" in html


def test_it_says_when_no_comune_has_the_name_and_keeps_the_text(
    client: Client, wednesday: None
) -> None:
    response = client.get("/trova/", {"comune": "Xyzzyville"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="finder-not-found"' in html
    assert 'value="Xyzzyville"' in html


def test_it_prefers_the_chosen_code_while_the_text_names_it(
    client: Client, wednesday: None
) -> None:
    html = client.get("/trova/", {"comune": "Mola di Bari", "code": MOLA}).content.decode()
    assert MOLA_ID in _ids(html)


def test_it_resolves_the_text_again_once_edited(client: Client, wednesday: None) -> None:
    """Without JavaScript the hidden code stays when she types another name."""
    html = client.get("/trova/", {"comune": "Bari", "code": MOLA}).content.decode()
    assert MOLA_ID not in _ids(html)
    assert "svc-asl-ba-consultorio" in _ids(html)


def test_it_filters_by_kind_language_and_open_now(client: Client, thursday: None) -> None:
    shelters = _ids(client.get("/trova/", {"comune": "bari", "kind": "shelter"}).content.decode())
    assert set(shelters) == {"svc-giraffa-rifugio", "svc-rifugio-segreto"}
    arabic = _ids(client.get("/trova/", {"comune": "bari", "language": "ar"}).content.decode())
    assert arabic == ["svc-rifugio-segreto"]
    open_now = _ids(client.get("/trova/", {"comune": "bari", "open_now": "1"}).content.decode())
    assert open_now and GIRAFFA_ID not in open_now


def test_it_says_when_no_service_matches(client: Client, wednesday: None) -> None:
    html = client.get("/trova/", {"comune": "bari", "kind": "police"}).content.decode()
    assert 'data-testid="finder-empty"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"comune": "bari", "kind": "spaceship"},
        {"comune": "bari", "language": "tlh"},
        {"comune": "bari", "code": "12ab"},
        {"comune": "", "code": "999999"},
        {"comune": "bari", "page": "0"},
        {"comune": "bari", "page": "many"},
        {"comune": "b" * 300},
        {"comune": "ba\x00ri"},
    ],
)
def test_it_refuses_bad_input_with_a_clear_error(
    client: Client, wednesday: None, query: dict
) -> None:
    response = client.get("/en/trova/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "invalid-feedback" in html or "alert-danger" in html
    assert 'data-testid="finder-result"' not in html


def test_it_shows_25_services_a_page_with_the_count(client: Client, wednesday: None) -> None:
    organization = Organization.objects.create(ext_id="org-many", name="Molti", kind="other")
    apulia = Province.objects.get(sigla="BA")
    for number in range(30):
        service = Service.objects.create(
            ext_id=f"svc-many-{number:02d}",
            organization=organization,
            name=f"Servizio {number:02d}",
            kind="other",
        )
        service.area_provinces.add(apulia)
    first = client.get("/en/trova/", {"comune": BARI}).content.decode()
    assert len(_ids(first)) == 25
    assert "36 services found." in first and "Page 1 of 2." in first
    next_link = re.search(r'href="([^"]+)" rel="next"', first)
    assert next_link is not None
    second = client.get(next_link.group(1).replace("&amp;", "&")).content.decode()
    assert len(_ids(second)) == 11
    assert not set(_ids(first)) & set(_ids(second))


def test_it_speaks_every_language_of_the_portal(client: Client, wednesday: None) -> None:
    for prefix in ("", "/en", "/fr", "/es", "/ar"):
        response = client.get(f"{prefix}/trova/", {"comune": "bari"})
        assert response.status_code == 200
        assert _ids(response.content.decode())[0] == GIRAFFA_ID
    arabic = client.get("/ar/trova/", {"comune": "bari"}).content.decode()
    assert 'dir="rtl"' in arabic
    assert 'hreflang="fr"' in arabic  # the page exists in every language


def test_the_home_page_form_searches_the_finder(client: Client, wednesday: None) -> None:
    home = client.get("/").content.decode()
    assert 'action="/trova/"' in home and 'name="comune"' in home


def test_it_refuses_other_methods(client: Client, wednesday: None) -> None:
    response = client.post("/trova/", {"comune": "bari"})
    assert response.status_code == 405
    assert response["Referrer-Policy"] == "no-referrer"
