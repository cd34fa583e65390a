"""English pages show the English version the editor wrote, and the Italian (marked
lang="it") where she wrote none."""

import re

import pytest
from django.test import Client

from tests.publications.conftest import make_campaign, make_material, make_news

pytestmark = pytest.mark.django_db


def test_it_shows_the_english_version_on_english_pages(client: Client) -> None:
    make_news(
        "nuove-lingue",
        title="Il 1522 in cinque lingue",
        summary="Sintesi italiana",
        body="Testo italiano",
        title_en="1522 in five languages",
        summary_en="English summary",
        body_en="English text",
    )

    english = client.get("/en/notizie/nuove-lingue/").content.decode()
    italian = client.get("/notizie/nuove-lingue/").content.decode()

    assert "1522 in five languages" in english and "English text" in english
    assert "Testo italiano" not in english
    assert "Il 1522 in cinque lingue" in italian and "Testo italiano" in italian
    assert "English text" not in italian
    assert 'lang="it" data-testid="title"' not in english


def test_it_falls_back_to_italian_marked_as_italian(client: Client) -> None:
    make_news("solo-italiano", title="Solo in italiano", body="Testo **italiano**")

    page = client.get("/en/notizie/solo-italiano/").content.decode()

    assert re.search(r'<h1 lang="it"[^>]*>Solo in italiano</h1>', page)
    assert re.search(r'<div class="publication-body" lang="it"[^>]*><p>Testo <strong>', page)
    assert '<html lang="en"' in page


def test_it_does_not_mark_italian_pages(client: Client) -> None:
    make_news("pagina-italiana", title="Pagina italiana")

    page = client.get("/notizie/pagina-italiana/").content.decode()

    assert re.search(r"<h1 data-testid=\"title\">Pagina italiana</h1>", page)


def test_it_offers_only_italian_and_english(client: Client) -> None:
    make_news("lingue-offerte")

    page = client.get("/en/notizie/lingue-offerte/").content.decode()

    assert 'data-language="it"' in page
    assert 'data-language="fr"' not in page
    assert 'data-language="ar"' not in page


def test_it_translates_the_campaign_materials(client: Client) -> None:
    campaign = make_campaign("campagna-bilingue", title_en="Bilingual campaign")
    make_material(campaign, title="Manifesto", title_en="Poster", alt_text="Manifesto viola")

    page = client.get("/en/campagne/campagna-bilingue/").content.decode()

    assert ">Poster</h3>" in page
    assert 'alt="Manifesto viola" lang="it"' in page
