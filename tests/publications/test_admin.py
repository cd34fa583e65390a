"""The Department's editor: lists, forms, publish/draft actions and the preview link."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rete.publications.models import Document, NewsItem, Status
from tests.publications.conftest import make_campaign, make_document, make_event, make_news

pytestmark = pytest.mark.django_db

MODELS = ("newsitem", "event", "document", "campaign")


@pytest.mark.parametrize("model", MODELS)
def test_it_opens_the_list_and_the_form(admin_client: Client, model: str) -> None:
    make_news("n")
    make_event("e")
    make_document("d")
    make_campaign("c")

    listing = admin_client.get(f"/admin/publications/{model}/", {"status__exact": "published"})
    form = admin_client.get(f"/admin/publications/{model}/add/")
    search = admin_client.get(f"/admin/publications/{model}/", {"q": "summary"})

    assert listing.status_code == form.status_code == search.status_code == 200
    assert 'id="id_slug"' in form.content.decode()


def test_it_publishes_now(admin_client: Client) -> None:
    later = timezone.now() + timedelta(days=10)
    draft = make_news("bozza", status=Status.DRAFT)
    scheduled = make_news("programmata", published_at=later)

    admin_client.post(
        "/admin/publications/newsitem/",
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]},
    )

    for item in NewsItem.objects.all():
        assert item.is_public()


def test_it_puts_back_to_draft(admin_client: Client, client: Client) -> None:
    document = make_document("ritirato", title="Documento ritirato")

    admin_client.post(
        "/admin/publications/document/",
        {"action": "back_to_draft", "_selected_action": [document.pk]},
    )

    assert Document.objects.get(pk=document.pk).status == Status.DRAFT
    assert client.get("/documenti/ritirato/").status_code == 404


def test_it_links_the_public_page_of_published_items(admin_client: Client) -> None:
    published = make_event("seminario")
    draft = make_event("in-bozza", status=Status.DRAFT)

    published_form = admin_client.get(f"/admin/publications/event/{published.pk}/change/")
    draft_form = admin_client.get(f"/admin/publications/event/{draft.pk}/change/")
    listing = admin_client.get("/admin/publications/event/").content.decode()

    assert 'href="/agenda/seminario/"' in published_form.content.decode()
    assert 'href="/agenda/in-bozza/"' not in draft_form.content.decode()
    assert 'href="/agenda/seminario/"' in listing


def test_it_checks_the_event_dates(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/publications/event/add/",
        {
            "title": "Seminario",
            "slug": "seminario",
            "summary": "Sintesi",
            "kind": "seminar",
            "starts_at_0": "2026-12-10",
            "starts_at_1": "10:00",
            "ends_at_0": "2026-12-10",
            "ends_at_1": "09:00",
            "place": "",
            "status": "draft",
            "published_at_0": "2026-11-20",
            "published_at_1": "10:00",
        },
    )

    errors = response.context["adminform"].form.errors
    assert set(errors) == {"ends_at", "place"}


def test_it_refuses_outsiders(client: Client, django_user_model) -> None:
    clerk = django_user_model.objects.create_user("clerk", password="x-Lungo-2026", is_staff=True)
    client.force_login(clerk)

    assert client.get("/admin/publications/newsitem/").status_code == 403
