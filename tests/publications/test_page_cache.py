"""Public pages are cached, yet a change of the published content shows at once."""

import pytest
from django.test import Client

from rete.portal.http import content_generation
from rete.publications.models import NewsItem, Status
from tests.publications.conftest import make_document, make_news

pytestmark = pytest.mark.django_db


def test_it_shows_a_published_edit_immediately(client: Client) -> None:
    item = make_news("comunicato", title="Primo titolo")
    assert "Primo titolo" in client.get("/notizie/").content.decode()
    assert "Primo titolo" in client.get("/notizie/comunicato/").content.decode()

    item.title = "Titolo corretto"
    item.save()

    assert "Titolo corretto" in client.get("/notizie/").content.decode()
    assert "Titolo corretto" in client.get("/notizie/comunicato/").content.decode()


def test_it_forgets_a_deleted_item(client: Client) -> None:
    item = make_news("ritirato", title="Comunicato ritirato")
    assert "Comunicato ritirato" in client.get("/notizie/").content.decode()

    item.delete()

    assert "Comunicato ritirato" not in client.get("/notizie/").content.decode()


def test_it_bumps_the_generation_on_every_change(django_capture_on_commit_callbacks) -> None:
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("bump")
    after_save = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()

    assert before < after_save < content_generation()


def test_it_shows_an_item_published_from_the_admin(admin_client: Client, client: Client) -> None:
    item = make_news("da-pubblicare", title="Appena pubblicata", status=Status.DRAFT)
    assert "Appena pubblicata" not in client.get("/notizie/").content.decode()

    admin_client.post(
        "/admin/publications/newsitem/",
        {"action": "publish_now", "_selected_action": [item.pk]},
    )

    assert NewsItem.objects.get(pk=item.pk).status == Status.PUBLISHED
    assert "Appena pubblicata" in client.get("/notizie/").content.decode()
