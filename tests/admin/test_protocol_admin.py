"""Protocols: validity, amendments, parties and the attached documents."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from rete.network.models import Protocol, ProtocolDocument
from tests.admin import factories
from tests.admin.forms import PROTOCOL_INLINES, with_inlines

pytestmark = pytest.mark.django_db


def protocol_form(territory_pk: int, documents: list[dict] | None = None, **fields: object) -> dict:
    data = {
        "territory": str(territory_pk),
        "kind": "original",
        "title": "Protocollo d'intesa con la Provincia di Bari",
        "status": "active",
        "signed_on": "10/05/2011",
        "valid_from": "10/05/2011",
        "valid_to": "31/12/2012",
        "signatories": "",
        **fields,
    }
    return with_inlines(data, PROTOCOL_INLINES, {"documents": documents or []})


def test_it_adds_a_protocol_with_its_parties_and_document(client: Client, dora) -> None:
    territory = factories.territory()
    party = factories.organization("Provincia di Bari")
    client.force_login(dora)

    document = SimpleUploadedFile("protocollo.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    response = client.post(
        reverse("admin:network_protocol_add"),
        protocol_form(
            territory.pk,
            documents=[{"title": "Piano operativo", "file": document}],
            parties=[str(party.pk)],
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    protocol = Protocol.objects.get()
    assert protocol.valid_to == datetime.date(2012, 12, 31)
    assert list(protocol.parties.all()) == [party]
    assert protocol.documents.get().title == "Piano operativo"


def test_it_refuses_a_document_that_is_not_a_document(client: Client, dora) -> None:
    territory = factories.territory()
    client.force_login(dora)

    program = SimpleUploadedFile("piano.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("admin:network_protocol_add"),
        protocol_form(territory.pk, documents=[{"title": "Piano", "file": program}]),
    )

    assert response.status_code == 200
    assert "estensione" in html.unescape(response.content.decode())
    assert not Protocol.objects.exists()
    assert not ProtocolDocument.objects.exists()


def test_it_refuses_a_validity_that_ends_before_it_starts(client: Client, dora) -> None:
    territory = factories.territory()
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_protocol_add"),
        protocol_form(territory.pk, valid_to="31/12/2010"),
    )

    assert response.status_code == 200
    assert "La fine della validità non può precedere l'inizio." in html.unescape(
        response.content.decode()
    )
    assert not Protocol.objects.exists()


def test_it_refuses_an_amendment_that_names_no_protocol(client: Client, dora) -> None:
    territory = factories.territory()
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_protocol_add"), protocol_form(territory.pk, kind="amendment")
    )

    assert response.status_code == 200
    assert "deve indicare il protocollo" in html.unescape(response.content.decode())
    assert not Protocol.objects.exists()


def test_it_adds_a_renewal_of_the_territory_protocol(client: Client, dora) -> None:
    territory = factories.territory()
    original = factories.protocol(territory)
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_protocol_add"),
        protocol_form(
            territory.pk,
            kind="renewal",
            previous=str(original.pk),
            valid_from="01/01/2013",
            valid_to="",
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Protocol.objects.get(kind="renewal").previous == original


def test_it_refuses_a_renewal_of_another_territory_protocol(client: Client, dora) -> None:
    territory = factories.territory()
    elsewhere = factories.protocol(factories.territory("ATR-PA", "Provincia di Palermo"))
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_protocol_add"),
        protocol_form(territory.pk, kind="renewal", previous=str(elsewhere.pk)),
    )

    assert response.status_code == 200
    assert "stesso ambito" in html.unescape(response.content.decode())
    assert Protocol.objects.count() == 1


def test_it_refuses_a_protocol_that_renews_itself(client: Client, dora) -> None:
    territory = factories.territory()
    original = factories.protocol(territory)
    renewal = Protocol.objects.create(
        territory=territory,
        kind="renewal",
        previous=original,
        valid_from=datetime.date(2013, 1, 1),
    )
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_protocol_change", args=[original.pk]),
        protocol_form(territory.pk, kind="renewal", previous=str(renewal.pk)),
    )

    assert response.status_code == 200
    assert "non può modificare o rinnovare se stesso" in html.unescape(response.content.decode())
    original.refresh_from_db()
    assert original.previous is None


def test_it_shows_whether_the_protocol_is_in_force_today(client: Client, dora) -> None:
    factories.protocol(factories.territory())
    client.force_login(dora)

    response = client.get(reverse("admin:network_protocol_changelist"))

    assert response.status_code == 200
    assert 'alt="False"' in response.content.decode()
