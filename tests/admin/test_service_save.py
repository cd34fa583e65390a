"""The Department saves a service with its location, phones and opening hours."""

import datetime
import html

import pytest
from django.test import Client
from django.urls import reverse

from rete.directory.models import Phone, Schedule, Service
from tests.admin import factories
from tests.admin.forms import SERVICE_INLINES, with_inlines

pytestmark = pytest.mark.django_db


def service_form(organization_pk: int, **rows: list[dict]) -> dict:
    data = {
        "name": "Centro antiviolenza GIRAFFA",
        "ext_id": "svc-giraffa",
        "organization": str(organization_pk),
        "kind": "anti_violence_centre",
        "description": "",
    }
    rows.setdefault("location", [{"address": "Via Napoli 308", "comune": factories.BARI}])
    return with_inlines(data, SERVICE_INLINES, rows)


def test_it_saves_a_service_with_its_phone_in_e164(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(
            owner.pk,
            phones=[{"number": "080 5741461", "position": "0"}],
            schedules=[{"byday": ["MO", "WE", "FR"], "opens_at": "09:00", "closes_at": "13:00"}],
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    saved = Service.objects.get(ext_id="svc-giraffa")
    assert list(saved.phones.values_list("number", flat=True)) == ["+390805741461"]
    assert saved.location.comune_id == factories.BARI
    schedule = saved.schedules.get()
    assert schedule.byday == "MO,WE,FR"
    assert (schedule.opens_at, schedule.closes_at) == (datetime.time(9), datetime.time(13))


def test_it_stores_the_days_in_week_order_whatever_the_order_sent(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    client.post(
        reverse("admin:directory_service_add"),
        service_form(
            owner.pk,
            schedules=[{"byday": ["FR", "MO"], "opens_at": "20:00", "closes_at": "08:00"}],
        ),
    )

    assert Schedule.objects.get().byday == "MO,FR"


def test_it_refuses_a_bad_phone_in_italian_and_writes_nothing(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(owner.pk, phones=[{"number": "080 12", "position": "0"}]),
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "“080 12” non è un numero di telefono valido." in page
    assert "Si prega di correggere" in page
    assert not Service.objects.exists()
    assert not Phone.objects.exists()


def test_it_refuses_two_spellings_of_one_number(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(
            owner.pk,
            phones=[
                {"number": "080 5741461", "position": "0"},
                {"number": "+39 080 574 1461", "position": "1"},
            ],
        ),
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Si prega di correggere i dati duplicati di numero." in page
    assert not Service.objects.exists()


def test_it_refuses_a_schedule_without_days(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(owner.pk, schedules=[{"opens_at": "09:00", "closes_at": "13:00"}]),
    )

    assert response.status_code == 200
    assert "Questo campo è obbligatorio." in html.unescape(response.content.decode())
    assert not Service.objects.exists()


def test_it_refuses_a_schedule_that_ends_before_it_starts(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(
            owner.pk,
            schedules=[
                {
                    "byday": ["MO"],
                    "opens_at": "09:00",
                    "closes_at": "13:00",
                    "valid_from": "01/06/2026",
                    "valid_to": "31/05/2026",
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "La fine della validità non può precedere l'inizio." in html.unescape(
        response.content.decode()
    )
    assert not Service.objects.exists()


def test_it_refuses_a_latitude_without_longitude(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(
            owner.pk,
            location=[{"address": "Via Napoli 308", "comune": factories.BARI, "latitude": "41.1"}],
        ),
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Indicare sia la latitudine sia la longitudine, oppure nessuna delle due." in page
    assert not Service.objects.exists()


def test_it_edits_an_existing_service_keeping_its_file_id(client: Client, dora) -> None:
    owner = factories.organization()
    existing = factories.service(owner)
    phone = existing.phones.get()
    client.force_login(dora)

    data = service_form(
        owner.pk,
        location=[
            {
                "id": str(existing.location.pk),
                "service": str(existing.pk),
                "address": "Via Napoli 310",
                "comune": factories.BARI,
            }
        ],
        phones=[
            {
                "id": str(phone.pk),
                "service": str(existing.pk),
                "number": "+390805741461",
                "position": "0",
            },
            {"number": "340 123 4567", "position": "1"},
        ],
    )
    data["ext_id"] = "svc-renamed"
    response = client.post(reverse("admin:directory_service_change", args=[existing.pk]), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    existing.refresh_from_db()
    assert existing.ext_id.startswith("svc-") and existing.ext_id != "svc-renamed"
    assert existing.location.address == "Via Napoli 310"
    assert list(existing.phones.values_list("number", flat=True)) == [
        "+390805741461",
        "+393401234567",
    ]


def test_it_refuses_a_helpline_operator_saving_a_service(client: Client, oscar) -> None:
    owner = factories.organization()
    client.force_login(oscar)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(owner.pk, phones=[{"number": "080 5741461", "position": "0"}]),
    )

    assert response.status_code == 403
    assert not Service.objects.exists()


def test_it_refuses_a_service_without_a_location(client: Client, dora) -> None:
    owner = factories.organization()
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_add"),
        service_form(owner.pk, location=[]),
    )

    assert response.status_code == 200
    assert "Si prega di correggere" in html.unescape(response.content.decode())
    assert not Service.objects.exists()
