"""Every add, change and delete made in the admin is an audit entry, with the names of the
changed fields and never their values (rete.audit.admin_changes).

Dora (Department) works in the admin; she is the actor of every entry.
"""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client
from django.urls import reverse

from rete.audit.admin_changes import change_details
from rete.audit.models import AuditEntry
from rete.directory.models import Location, Phone, Service
from rete.network.models import Territory
from tests.admin import factories
from tests.admin.forms import SERVICE_INLINES, TERRITORY_INLINES, with_inlines

pytestmark = pytest.mark.django_db

SHELTER_ADDRESS = "Vicolo Segreto 7"


def admin_entries() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__startswith="admin.").order_by("sequence"))


def service_change_form(service: Service, **changes: str) -> dict:
    location = service.location
    phone = service.phones.get()
    data = {
        "name": service.name,
        "organization": str(service.organization_id),
        "kind": service.kind,
        "description": "",
    }
    location_row = {
        "id": str(location.pk),
        "service": str(service.pk),
        "address": location.address,
        "comune": location.comune_id,
        "confidential": "on" if location.confidential else "",
    }
    for name, value in changes.items():
        if name in location_row:
            location_row[name] = value
        else:
            data[name] = value
    if not location_row["confidential"]:
        del location_row["confidential"]
    rows = {
        "location": [location_row],
        "phones": [
            {
                "id": str(phone.pk),
                "service": str(service.pk),
                "number": phone.number,
                "position": "0",
            }
        ],
    }
    return with_inlines(data, SERVICE_INLINES, rows)


@pytest.fixture
def shelter() -> Service:
    """A shelter: its address is confidential."""
    owner = factories.organization("Cooperativa Rifugio")
    service = factories.service(owner, "Casa rifugio", confidential=True)
    Location.objects.filter(service=service).update(address=SHELTER_ADDRESS)
    return Service.objects.get(pk=service.pk)


def test_it_audits_a_service_changed_in_the_admin(client: Client, dora, shelter) -> None:
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_change", args=[shelter.pk]),
        service_change_form(shelter, name="Casa rifugio Aurora", address="Via Nuova 12"),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    [entry] = admin_entries()
    assert entry.action == "admin.change"
    assert entry.actor_id == dora.pk
    assert entry.actor_username == "dora"
    assert (entry.target_type, entry.target_id) == ("directory.service", str(shelter.pk))
    assert entry.details == {"fields": ["name", "location.address"]}
    # The old and the new address are nowhere in the entry.
    stored = json.dumps(entry.details) + entry.target_id
    assert SHELTER_ADDRESS not in stored
    assert "Via Nuova" not in stored


def test_it_audits_a_territory_added_in_the_admin(client: Client, dora) -> None:
    client.force_login(dora)
    data = with_inlines(
        {"code": "ATR-ANDRIA", "name": "Città di Andria", "comuni": ["110001"], "description": ""},
        TERRITORY_INLINES,
        {},
    )

    response = client.post(reverse("admin:network_territory_add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    territory = Territory.objects.get(code="ATR-ANDRIA")
    [entry] = admin_entries()
    assert entry.action == "admin.add"
    assert entry.actor_id == dora.pk
    assert (entry.target_type, entry.target_id) == ("network.territory", str(territory.pk))
    assert entry.details == {}
    # The test client's address, as for every audited request.
    assert entry.ip_address == "127.0.0.1"


def test_it_names_inline_objects_added_and_deleted_by_their_model(
    client: Client, dora, shelter
) -> None:
    client.force_login(dora)
    # The existing phone deleted, a new one added: the numbers must not be copied.
    data = service_change_form(shelter)
    data["phones-0-DELETE"] = "on"
    data["phones-TOTAL_FORMS"] = "2"
    data["phones-1-number"] = "340 123 4567"
    data["phones-1-position"] = "1"

    response = client.post(reverse("admin:directory_service_change", args=[shelter.pk]), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(Phone.objects.filter(service=shelter).values_list("number", flat=True)) == [
        "+393401234567"
    ]
    [entry] = admin_entries()
    assert entry.details == {"related_added": ["phone"], "related_deleted": ["phone"]}
    assert "340" not in json.dumps(entry.details)


def test_it_audits_a_deletion_from_the_delete_page(client: Client, dora, shelter) -> None:
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_delete", args=[shelter.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Service.objects.filter(pk=shelter.pk).exists()
    [entry] = admin_entries()
    assert (entry.action, entry.target_type, entry.target_id) == (
        "admin.delete",
        "directory.service",
        str(shelter.pk),
    )
    assert entry.details == {}


def test_it_audits_each_object_of_a_bulk_deletion(client: Client, dora) -> None:
    owner = factories.organization()
    services = [
        factories.service(owner, f"Centro {n}", phone=f"+39080574146{n}") for n in (1, 2, 3)
    ]
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(service.pk) for service in services],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Service.objects.exists()
    entries = admin_entries()
    assert [entry.action for entry in entries] == ["admin.delete"] * 3
    assert sorted(entry.target_id for entry in entries) == sorted(str(s.pk) for s in services)
    assert {entry.actor_id for entry in entries} == {dora.pk}
    assert LogEntry.objects.count() == 3


def test_the_bulk_deletion_still_asks_for_confirmation(client: Client, dora) -> None:
    owner = factories.organization()
    services = [factories.service(owner, f"Centro {n}", phone=f"+39080574146{n}") for n in (1, 2)]
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_changelist"),
        {"action": "delete_selected", "_selected_action": [str(s.pk) for s in services]},
    )

    assert response.status_code == 200
    assert "admin/delete_selected_confirmation.html" in response.template_name
    assert Service.objects.count() == 2
    assert admin_entries() == []


def test_it_writes_nothing_for_a_refused_change(client: Client, dora, shelter) -> None:
    client.force_login(dora)

    response = client.post(
        reverse("admin:directory_service_change", args=[shelter.pk]),
        service_change_form(shelter, name=""),
    )

    assert response.status_code == 200
    assert admin_entries() == []
    assert LogEntry.objects.count() == 0


def test_the_change_is_undone_when_its_entry_cannot_be_written(
    client: Client, dora, shelter, monkeypatch
) -> None:
    def refuse(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("rete.audit.admin_changes.audit_record", refuse)
    client.force_login(dora)

    with pytest.raises(RuntimeError, match="audit log unavailable"):
        client.post(
            reverse("admin:directory_service_change", args=[shelter.pk]),
            service_change_form(shelter, name="Casa rifugio Aurora"),
        )

    assert Service.objects.get(pk=shelter.pk).name == "Casa rifugio"
    assert LogEntry.objects.count() == 0


def test_it_refuses_an_operator_and_writes_nothing(client: Client, olga, shelter) -> None:
    client.force_login(olga)

    response = client.post(
        reverse("admin:directory_service_change", args=[shelter.pk]),
        service_change_form(shelter, name="Casa rifugio Aurora"),
    )

    assert response.status_code == 403
    assert admin_entries() == []


def test_a_free_text_message_is_not_copied(dora, shelter) -> None:
    # Custom admin code may log a message of its own words.
    LogEntry.objects.log_actions(
        user_id=dora.pk,
        queryset=[shelter],
        action_flag=CHANGE,
        change_message=f"moved to {SHELTER_ADDRESS}",
        single_object=True,
    )

    [entry] = admin_entries()
    assert entry.details == {"message": "unstructured"}


def test_change_details_keeps_names_and_drops_objects() -> None:
    message = json.dumps(
        [
            {"changed": {"fields": ["Name", "Open on holidays"]}},
            {"added": {"name": "phone", "object": "+393331234567"}},
            {
                "changed": {
                    "name": "location",
                    "object": "Via Napoli 308",
                    "fields": ["Address", "Confidential"],
                }
            },
            {"deleted": {"name": "weekly opening", "object": "MO 09:00-13:00"}},
        ]
    )

    details = change_details(message, Service)

    assert details["fields"] == [
        "name",
        "open_on_holidays",
        "location.address",
        "location.confidential",
    ]
    assert details["related_added"] == ["phone"]
    assert details["related_deleted"] == ["schedule"]
    assert "+393331234567" not in json.dumps(details)
    assert "Via Napoli" not in json.dumps(details)
