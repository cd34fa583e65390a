"""The reserved documents: the whole network's and the person's territories', downloaded only
after the scope check, as attachments, each download recorded."""

import pytest
from django.contrib.auth import get_user_model

from rete.audit.models import AuditEntry
from tests.reserved.documents.conftest import PDF

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_lists_the_network_s_and_the_territory_s_documents(as_person, documents) -> None:
    page = as_person("referent_a").get("/area-riservata/documenti/").content.decode()

    assert "Format di relazione" in page and "Piano di Alfa" in page
    assert "Piano di Beta" not in page


@pytest.mark.parametrize("name", ["admin", "committee", "analyst"])
def test_it_lists_every_document_to_a_national_role(as_person, documents, name) -> None:
    page = as_person(name).get("/area-riservata/documenti/").content.decode()

    assert "Piano di Alfa" in page and "Piano di Beta" in page


def test_it_filters_by_category(as_person, documents) -> None:
    page = (
        as_person("admin")
        .get("/area-riservata/documenti/", {"category": "report_format"})
        .content.decode()
    )

    assert "Format di relazione" in page and "Piano di Alfa" not in page


def test_it_serves_a_document_as_an_attachment_and_records_it(as_person, documents, people):
    document = documents["a"]

    response = as_person("netop_a").get(f"/area-riservata/documenti/{document.pk}/file/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="piano.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert _body(response) == PDF
    entry = AuditEntry.objects.get(action="document.download")
    assert entry.actor == people.netop_a
    assert (entry.target_type, entry.target_id) == ("reserved.reserveddocument", str(document.pk))


def test_it_answers_not_found_for_another_territory_s_document(as_person, documents) -> None:
    response = as_person("referent_a").get(f"/area-riservata/documenti/{documents['b'].pk}/file/")

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="document.download").exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(client, documents) -> None:
    response = client.get(f"/area-riservata/documenti/{documents['a'].pk}/file/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accesso/")


def test_it_refuses_a_person_without_a_role(client, documents) -> None:
    client.force_login(get_user_model().objects.create_user("nessuno", "n@example.org", "x"))

    assert client.get("/area-riservata/documenti/").status_code == 403
    assert client.get(f"/area-riservata/documenti/{documents['a'].pk}/file/").status_code == 403
