"""The demo content: marked as examples, loaded once, real files that pass the checks."""

import pytest
from django.test import Client

from rete.publications.demo import demo_publications_load
from rete.publications.models import Campaign, CampaignMaterial, Document, Event, NewsItem
from rete.publications.uploads import validate_upload

pytestmark = pytest.mark.django_db


def test_it_loads_once() -> None:
    first = demo_publications_load()
    second = demo_publications_load()

    assert first == second
    assert first["news"] >= 3 and first["events"] >= 2 and first["documents"] >= 3
    assert CampaignMaterial.objects.count() == 3


def test_it_marks_every_item_as_an_example() -> None:
    demo_publications_load()

    for model in (NewsItem, Event, Document, Campaign, CampaignMaterial):
        for item in model.objects.all():
            assert "(esempio)" in item.title, item
            if getattr(item, "title_en", ""):
                assert "(esempio)" in item.title_en, item


def test_it_has_a_seminar_and_the_annual_meeting() -> None:
    demo_publications_load()

    assert set(Event.objects.values_list("kind", flat=True)) >= {"seminar", "annual_meeting"}


def test_its_files_pass_the_upload_checks() -> None:
    demo_publications_load()

    for item in [*Document.objects.all(), *CampaignMaterial.objects.all()]:
        validate_upload(item.file)


def test_it_shows_on_the_portal(client: Client) -> None:
    demo_publications_load()

    assert "Protocollo d&#x27;intesa (esempio)" in client.get("/documenti/").content.decode()
    assert client.get("/documenti/protocollo-intesa-bari-esempio/file/").status_code == 200
    assert client.get("/campagne/non-sei-sola-esempio/").status_code == 200
