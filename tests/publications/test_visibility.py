"""The public sees only what is published and due: drafts, items with a later publication
date and reserved documents are neither listed nor reachable."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rete.network.models import Territory
from rete.publications.models import Status
from tests.publications.conftest import make_campaign, make_document, make_event, make_news
from tests.reserved.documents.conftest import make_document as make_reserved_document

pytestmark = pytest.mark.django_db


def test_it_lists_and_shows_published_news(client: Client) -> None:
    make_news("bilancio-annuale", title="Bilancio annuale della rete")

    listing = client.get("/notizie/")
    page = client.get("/notizie/bilancio-annuale/")

    assert "Bilancio annuale della rete" in listing.content.decode()
    assert page.status_code == 200
    assert "Bilancio annuale della rete" in page.content.decode()


def test_it_hides_drafts(client: Client) -> None:
    make_news("bozza-segreta", title="Bozza segreta", status=Status.DRAFT)
    make_event("evento-in-bozza", title="Evento in bozza", status=Status.DRAFT)
    make_document("documento-in-bozza", title="Documento in bozza", status=Status.DRAFT)
    make_campaign("campagna-in-bozza", title="Campagna in bozza", status=Status.DRAFT)

    for listing, title in (
        ("/notizie/", "Bozza segreta"),
        ("/agenda/", "Evento in bozza"),
        ("/documenti/", "Documento in bozza"),
        ("/campagne/", "Campagna in bozza"),
    ):
        assert title not in client.get(listing).content.decode(), listing
    for url in (
        "/notizie/bozza-segreta/",
        "/agenda/evento-in-bozza/",
        "/documenti/documento-in-bozza/",
        "/documenti/documento-in-bozza/file/",
        "/campagne/campagna-in-bozza/",
    ):
        assert client.get(url).status_code == 404, url


def test_it_hides_items_until_their_publication_date(client: Client, set_clock) -> None:
    due = timezone.now() + timedelta(hours=2)
    make_news("annuncio-programmato", title="Annuncio programmato", published_at=due)

    assert "Annuncio programmato" not in client.get("/notizie/").content.decode()
    assert client.get("/notizie/annuncio-programmato/").status_code == 404

    set_clock(due + timedelta(minutes=1))

    assert "Annuncio programmato" in client.get("/notizie/").content.decode()
    assert client.get("/notizie/annuncio-programmato/").status_code == 200


def test_it_never_shows_reserved_documents(client: Client) -> None:
    # The network's reserved documents live in the reserved area, never on the portal.
    make_reserved_document("Elenco dei referenti")

    assert "Elenco dei referenti" not in client.get("/documenti/").content.decode()
    assert "Elenco dei referenti" not in client.get("/cerca/", {"q": "referenti"}).content.decode()


def test_it_shows_upcoming_events_before_past_ones(client: Client) -> None:
    now = timezone.now()
    make_event("passato", title="Seminario passato", starts_at=now - timedelta(days=3))
    make_event("lontano", title="Incontro lontano", starts_at=now + timedelta(days=30))
    make_event("vicino", title="Seminario vicino", starts_at=now + timedelta(days=2))

    page = client.get("/en/agenda/").content.decode()

    assert page.index("Seminario vicino") < page.index("Incontro lontano")
    assert (
        page.index("Incontro lontano") < page.index("Past events") < page.index("Seminario passato")
    )


def test_it_filters_documents_by_category_and_territory(client: Client) -> None:
    bari = Territory.objects.create(code="ATR-BA", name="Provincia di Bari")
    make_document("protocollo-bari", title="Protocollo di Bari", territory=bari)
    make_document("procedura-nazionale", title="Procedura nazionale", category="procedure")

    by_territory = client.get("/documenti/", {"territorio": "ATR-BA"}).content.decode()
    by_category = client.get("/documenti/", {"categoria": "procedure"}).content.decode()

    assert "Protocollo di Bari" in by_territory
    assert "Procedura nazionale" not in by_territory
    assert "Procedura nazionale" in by_category
    assert "Protocollo di Bari" not in by_category


def test_it_pages_the_news(client: Client) -> None:
    for number in range(12):
        make_news(
            f"notizia-{number}",
            title=f"Notizia numero {number:02d}",
            published_at=timezone.now() - timedelta(hours=number + 1),
        )

    first = client.get("/notizie/").content.decode()
    second = client.get("/notizie/", {"page": "2"}).content.decode()

    assert "Notizia numero 00" in first and "Notizia numero 11" not in first
    assert "Notizia numero 11" in second and "Notizia numero 00" not in second


def test_it_sets_no_cookie_on_content_pages(client: Client) -> None:
    make_news("senza-cookie")

    for url in ("/notizie/", "/notizie/senza-cookie/", "/agenda/", "/documenti/", "/cerca/?q=ab"):
        response = client.get(url)
        assert response.cookies == {}, url
        assert "script-src 'self'" in response["Content-Security-Policy"]
