"""Files are served only by the download views, for published public items, as
attachments of the type their checked content has."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rete.publications.models import Status
from tests.publications.conftest import PDF, PNG, make_campaign, make_document, make_material

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_serves_a_public_document_as_an_attachment(client: Client) -> None:
    make_document("protocollo-bari")

    response = client.get("/documenti/protocollo-bari/file/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="protocollo-bari.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.cookies == {}
    assert _body(response) == PDF


def test_it_links_the_download_from_the_document_page(client: Client) -> None:
    make_document("piano-operativo")

    page = client.get("/en/documenti/piano-operativo/").content.decode()

    assert 'href="/en/documenti/piano-operativo/file/"' in page
    assert "PDF" in page


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "future"],
)
def test_it_refuses_a_document_the_public_cannot_see(client: Client, fields: dict) -> None:
    make_document("non-visibile", **fields)

    assert client.get("/documenti/non-visibile/file/").status_code == 404


def test_it_serves_the_materials_of_a_published_campaign(client: Client) -> None:
    material = make_material(make_campaign("non-sei-sola"))

    response = client.get(f"/campagne/non-sei-sola/materiali/{material.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == PNG


def test_it_shows_thumbnails_and_download_links(client: Client) -> None:
    campaign = make_campaign("non-sei-sola")
    poster = make_material(campaign, alt_text="Manifesto viola con il numero 1522")

    page = client.get("/campagne/non-sei-sola/").content.decode()

    url = f"/campagne/non-sei-sola/materiali/{poster.pk}/"
    assert f'<img src="{url}" alt="Manifesto viola con il numero 1522"' in page
    assert f'href="{url}" download' in page


def test_it_refuses_the_materials_of_a_draft_campaign(client: Client) -> None:
    material = make_material(make_campaign("in-preparazione", status=Status.DRAFT))

    assert client.get(f"/campagne/in-preparazione/materiali/{material.pk}/").status_code == 404


def test_it_refuses_a_material_under_another_campaign(client: Client) -> None:
    hidden = make_material(make_campaign("bozza", status=Status.DRAFT))
    make_campaign("pubblica")

    assert client.get(f"/campagne/pubblica/materiali/{hidden.pk}/").status_code == 404
