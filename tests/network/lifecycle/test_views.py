"""The lifecycle's screens through the client: the Department writes, a territory's people
read their own territory's versions, the other territory gets 404, bad input is refused
with a message and keeps what was typed."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rete.network.models import Protocol, ProtocolDocument
from rete.routing.engine import ROME
from tests.network.lifecycle.conftest import pdf_upload

HISTORY = reverse("reserved:protocol_history", kwargs={"code": "ATR-AL"})


def create_url(protocol) -> str:
    return reverse("reserved:protocol_version_create", kwargs={"pk": protocol.pk})


def renewal_form(**changes) -> dict:
    data = {
        "kind": "renewal",
        "title": "Rinnovo triennale",
        "signatories": "Dipartimento; Provincia",
        "signed_on": "2026-11-20",
        "valid_from": "2027-01-01",
        "valid_to": "2029-12-31",
        "status": "active",
        "document_title": "Protocollo firmato",
        "documents": [pdf_upload()],
    }
    data.update(changes)
    return data


@pytest.fixture
def december(set_clock):
    set_clock(datetime(2026, 12, 1, 10, 0, tzinfo=ROME))


def test_the_department_records_a_renewal(protocol_a, as_person):
    client = as_person("admin")

    response = client.post(create_url(protocol_a), renewal_form())

    assert response.status_code == 302 and response["Location"] == HISTORY
    renewal = Protocol.objects.get(previous=protocol_a)
    assert (renewal.kind, renewal.valid_from, renewal.status) == (
        "renewal",
        date(2027, 1, 1),
        "active",
    )
    assert ProtocolDocument.objects.filter(protocol=renewal).count() == 1
    page = client.get(HISTORY).content.decode()
    assert "Rinnovo triennale" in page and "Protocollo firmato" in page


def test_bad_dates_are_refused_and_the_input_kept(protocol_a, as_person):
    response = as_person("admin").post(
        create_url(protocol_a), renewal_form(valid_from="2027-01-01", valid_to="2026-06-30")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-valid_to"' in page
    assert 'value="Rinnovo triennale"' in page and 'value="2026-06-30"' in page
    assert "Dipartimento; Provincia" in page
    assert not Protocol.objects.filter(previous=protocol_a).exists()


def test_an_active_version_without_its_document_is_refused(protocol_a, as_person):
    data = renewal_form()
    del data["documents"]

    response = as_person("admin").post(create_url(protocol_a), data)

    assert response.status_code == 400
    assert 'data-testid="error-documents"' in response.content.decode()
    assert not Protocol.objects.filter(previous=protocol_a).exists()


def test_a_file_of_a_type_not_accepted_is_refused(protocol_a, as_person):
    text = SimpleUploadedFile("protocollo.txt", b"testo", content_type="text/plain")

    response = as_person("admin").post(create_url(protocol_a), renewal_form(documents=[text]))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-documents"' in page and 'value="Rinnovo triennale"' in page
    assert not ProtocolDocument.objects.exists()


def test_documents_without_a_title_are_refused(protocol_a, as_person):
    response = as_person("admin").post(create_url(protocol_a), renewal_form(document_title=""))

    assert response.status_code == 400
    assert 'data-testid="error-document_title"' in response.content.decode()


def test_a_referent_reads_her_territory_s_versions_but_writes_nothing(protocol_a, as_person):
    client = as_person("referent_a")

    page = client.get(HISTORY)
    assert page.status_code == 200
    assert "Protocollo d&#x27;intesa Alfa" in page.content.decode()
    assert 'data-testid="new-version"' not in page.content.decode()
    assert client.get(create_url(protocol_a)).status_code == 403
    assert client.post(create_url(protocol_a), renewal_form()).status_code == 403
    status_url = reverse("reserved:protocol_status", kwargs={"pk": protocol_a.pk})
    assert (
        client.post(status_url, {"action": "terminate", "effective": "2026-01-01"}).status_code
        == 403
    )
    assert not Protocol.objects.filter(previous=protocol_a).exists()


def test_the_other_territory_gets_not_found(protocol_a, as_person):
    client = as_person("referent_b")

    assert client.get(HISTORY).status_code == 404
    assert (
        client.get(reverse("reserved:protocol_history", kwargs={"code": "ATR-XX"})).status_code
        == 404
    )


def test_a_national_reader_sees_every_territory_s_versions(protocol_a, as_person):
    assert as_person("committee").get(HISTORY).status_code == 200


def test_the_department_activates_a_draft(protocol_a, as_person, people):
    draft = Protocol.objects.create(
        territory=protocol_a.territory,
        kind="renewal",
        previous=protocol_a,
        valid_from=date(2027, 1, 1),
        status="draft",
    )
    url = reverse("reserved:protocol_status", kwargs={"pk": draft.pk})

    response = as_person("admin").post(url, {"action": "activate"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "active"


def test_a_termination_without_a_date_is_refused(protocol_a, as_person):
    url = reverse("reserved:protocol_status", kwargs={"pk": protocol_a.pk})

    response = as_person("admin").post(url, {"action": "terminate", "effective": ""})

    assert response.status_code == 400
    protocol_a.refresh_from_db()
    assert protocol_a.status == "active"


def test_a_termination_in_the_future_is_refused_with_the_date_kept(protocol_a, as_person, december):
    url = reverse("reserved:protocol_status", kwargs={"pk": protocol_a.pk})

    response = as_person("admin").post(url, {"action": "terminate", "effective": "2026-12-20"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="2026-12-20"' in page and 'data-testid="form-errors"' in page
    protocol_a.refresh_from_db()
    assert protocol_a.status == "active"


def test_the_department_terminates_a_protocol(protocol_a, as_person, december):
    url = reverse("reserved:protocol_status", kwargs={"pk": protocol_a.pk})

    response = as_person("admin").post(url, {"action": "terminate", "effective": "2026-11-15"})

    assert response.status_code == 302
    protocol_a.refresh_from_db()
    assert (protocol_a.status, protocol_a.valid_to) == ("terminated", date(2026, 11, 14))


def test_the_department_adds_documents_to_a_version(protocol_a, as_person):
    url = reverse("reserved:protocol_document_upload", kwargs={"pk": protocol_a.pk})
    client = as_person("admin")

    assert client.get(url).status_code == 200
    response = client.post(url, {"document_title": "Piano operativo", "documents": [pdf_upload()]})

    assert response.status_code == 302
    assert ProtocolDocument.objects.get(protocol=protocol_a).title == "Piano operativo"


def test_adding_no_file_is_refused(protocol_a, as_person):
    url = reverse("reserved:protocol_document_upload", kwargs={"pk": protocol_a.pk})

    response = as_person("admin").post(url, {"document_title": "Piano operativo"})

    assert response.status_code == 400
    assert 'value="Piano operativo"' in response.content.decode()


def test_the_territory_page_and_the_home_warn_of_the_coming_end(protocol_a, as_person, december):
    client = as_person("referent_a")

    territory_page = client.get(reverse("reserved:territory", kwargs={"code": "ATR-AL"}))
    home = client.get(reverse("reserved:home"))

    for response in (territory_page, home):
        assert 'data-testid="protocol-ending"' in response.content.decode()
    assert 'data-testid="protocol-versions-link"' in territory_page.content.decode()


def test_no_warning_once_the_renewal_is_active(protocol_a, as_person, december):
    Protocol.objects.create(
        territory=protocol_a.territory,
        kind="renewal",
        previous=protocol_a,
        valid_from=date(2027, 1, 1),
        status="active",
    )

    page = as_person("referent_a").get(reverse("reserved:territory", kwargs={"code": "ATR-AL"}))

    assert 'data-testid="protocol-ending"' not in page.content.decode()
