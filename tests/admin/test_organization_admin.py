"""Organisations: search by name or tax id, and the list of their services."""

import pytest
from django.test import Client
from django.urls import reverse

from rete.directory.models import Organization
from tests.admin import factories
from tests.admin.forms import management

pytestmark = pytest.mark.django_db


def test_it_finds_an_organisation_by_tax_id(client: Client, dora) -> None:
    factories.organization("Associazione GIRAFFA Onlus")
    Organization.objects.create(
        ext_id="org-other", name="Comune di Bari", kind="public_administration"
    )
    client.force_login(dora)

    response = client.get(reverse("admin:directory_organization_changelist"), {"q": "01429080425"})

    assert [o.name for o in response.context["cl"].result_list] == ["Associazione GIRAFFA Onlus"]


def test_it_links_the_services_of_the_organisation(client: Client, dora) -> None:
    owner = factories.organization()
    svc = factories.service(owner)
    client.force_login(dora)

    response = client.get(reverse("admin:directory_organization_change", args=[owner.pk]))

    page = response.content.decode()
    assert reverse("admin:directory_service_change", args=[svc.pk]) in page
    assert "Servizi di questa organizzazione" in page


def test_it_stores_the_tax_id_compact(client: Client, dora) -> None:
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_organization_add"),
        {
            "name": "Associazione GIRAFFA Onlus",
            "ext_id": "org-giraffa",
            "kind": "association",
            "tax_id": " 014 2908 0425 ",
            "email": "",
            "website": "www.giraffaonlus.it",
            **management("services"),
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    organization = Organization.objects.get(ext_id="org-giraffa")
    assert organization.tax_id == "01429080425"
    assert organization.website == "https://www.giraffaonlus.it"


def test_it_refuses_a_bad_tax_id_in_italian(client: Client, dora) -> None:
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_organization_add"),
        {
            "name": "Associazione GIRAFFA Onlus",
            "ext_id": "org-giraffa",
            "kind": "association",
            "tax_id": "01429080426",
            **management("services"),
        },
    )

    assert response.status_code == 200
    assert "non è né una partita IVA né un codice fiscale valido" in response.content.decode()
    assert not Organization.objects.exists()
