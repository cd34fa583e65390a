"""The home page shows the latest news and the next events, with links to the lists."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rete.publications.models import Status
from rete.publications.selectors import home_highlights
from tests.publications.conftest import make_event, make_news

pytestmark = pytest.mark.django_db


def test_it_picks_the_latest_three_news() -> None:
    now = timezone.now()
    for days in range(5):
        make_news(f"notizia-{days}", published_at=now - timedelta(days=days + 1))
    make_news("bozza", status=Status.DRAFT)
    make_news("domani", published_at=now + timedelta(days=1))

    highlights = home_highlights(language="it")

    assert [e.item.slug for e in highlights["news"]] == ["notizia-0", "notizia-1", "notizia-2"]


def test_it_picks_the_next_three_events() -> None:
    now = timezone.now()
    make_event("passato", starts_at=now - timedelta(days=2))
    for days in (9, 3, 5, 7):
        make_event(f"tra-{days}", starts_at=now + timedelta(days=days))
    make_event("bozza", starts_at=now + timedelta(days=1), status=Status.DRAFT)

    highlights = home_highlights(language="en")

    assert [e.item.slug for e in highlights["events"]] == ["tra-3", "tra-5", "tra-7"]


def test_it_shows_them_on_the_home_page(client: Client) -> None:
    make_news("annuncio", title="Annuncio importante", title_en="Important notice")
    make_event("convegno", title="Convegno nazionale")

    page = client.get("/en/").content.decode()

    assert 'data-testid="home-highlights"' in page
    assert 'href="/en/notizie/annuncio/">Important notice</a>' in page
    assert 'href="/en/agenda/convegno/" lang="it">Convegno nazionale</a>' in page
    assert 'href="/en/notizie/"' in page and 'href="/en/agenda/"' in page


def test_it_shows_nothing_without_content(client: Client) -> None:
    assert 'data-testid="home-highlights"' not in client.get("/").content.decode()
