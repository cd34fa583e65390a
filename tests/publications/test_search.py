"""Search over the published content: both languages, accents and case ignored, drafts
and reserved documents never found, results grouped by kind with their summary."""

import pytest
from django.test import Client

from rete.publications.models import Status
from tests.publications.conftest import make_campaign, make_document, make_event, make_news
from tests.reserved.documents.conftest import make_document as make_reserved_document

pytestmark = pytest.mark.django_db


def test_it_ignores_accents_and_case(client: Client) -> None:
    make_news("universita", title="Accordo con l'Università di Bari", summary="Formazione")

    for query in ("universita", "UNIVERSITÀ", "Universitá di bari"):
        page = client.get("/en/cerca/", {"q": query}).content.decode()
        assert "Accordo con l&#x27;Università di Bari" in page, query


def test_it_searches_both_languages(client: Client) -> None:
    make_document(
        "protocollo-intesa",
        title="Protocollo d'intesa",
        summary="Sintesi del protocollo",
        title_en="Memorandum of understanding",
        summary_en="Summary of the memorandum",
    )

    by_english = client.get("/en/cerca/", {"q": "memorandum"}).content.decode()
    by_italian = client.get("/en/cerca/", {"q": "intesa"}).content.decode()

    assert "Memorandum of understanding" in by_english
    assert "Memorandum of understanding" in by_italian
    assert "Summary of the memorandum" in by_italian


def test_it_searches_the_body(client: Client) -> None:
    make_event("seminario", title="Seminario", body="Si parla di **braccialetto elettronico**.")

    page = client.get("/en/cerca/", {"q": "braccialetto elettronico"}).content.decode()

    assert 'href="/en/agenda/seminario/"' in page


def test_it_never_finds_drafts_or_reserved_documents(client: Client) -> None:
    make_news("bozza", title="Girasole in bozza", status=Status.DRAFT)
    make_reserved_document("Girasole riservato")
    make_campaign("pubblica", title="Girasole pubblico")

    page = client.get("/en/cerca/", {"q": "girasole"}).content.decode()

    assert "Girasole pubblico" in page
    assert "Girasole in bozza" not in page
    assert "Girasole riservato" not in page


def test_it_groups_results_by_kind(client: Client) -> None:
    make_news("n", title="Rete notizia")
    make_event("e", title="Rete evento")
    make_document("d", title="Rete documento")
    make_campaign("c", title="Rete campagna")

    page = client.get("/en/cerca/", {"q": "rete"}).content.decode()

    positions = [
        page.index(f'data-testid="results-{key}"')
        for key in ("news", "events", "documents", "campaigns")
    ]
    assert positions == sorted(positions)


def test_it_asks_for_at_least_two_characters(client: Client) -> None:
    make_news("a", title="A")

    page = client.get("/en/cerca/", {"q": "a"}).content.decode()

    assert 'data-testid="too-short"' in page
    assert "Type at least 2 characters." in page


def test_it_says_when_nothing_is_found(client: Client) -> None:
    page = client.get("/en/cerca/", {"q": "nessuna corrispondenza"}).content.decode()

    assert "Nothing found for “nessuna corrispondenza”." in page
