"""No audit entry carries personal data: addresses, phone numbers, e-mail addresses.

The flows that can be exercised here write entries, then every entry's details and target
are scanned: the admin changing a shelter (confidential address, phone) and adding an
organisation (e-mail), grants given and revoked (with a reason that names a person), and
the Department reading and exporting the audit log with filters.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from rete.accounts.models import Grant
from rete.accounts.roles import NETWORK_OPERATOR
from rete.accounts.services import grant_create, grant_revoke
from rete.audit.models import AuditEntry
from rete.directory.models import Location, Organization
from tests.admin import factories
from tests.admin.forms import SERVICE_INLINES, with_inlines

pytestmark = pytest.mark.django_db

SHELTER_ADDRESS = "Vicolo delle Rose 3"
NEW_ADDRESS = "Via Alberto Sordi 15"
PHONE = "340 765 4321"
EMAIL = "rifugio.aurora@example.org"

FORBIDDEN = {
    "address": re.compile(r"\b(via|viale|vicolo|piazza|corso|largo)\s+\w", re.IGNORECASE),
    # Eight digits or more, maybe spaced (dates, written 2026-01-01, are not numbers).
    "phone number": re.compile(r"(\+|00)?\d(?:[ .]?\d){7,}"),
    "e-mail address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
}


def forbidden_content(entry: AuditEntry) -> list[str]:
    text = json.dumps(entry.details, ensure_ascii=False) + " " + entry.target_id
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    for literal in (SHELTER_ADDRESS, NEW_ADDRESS, PHONE, PHONE.replace(" ", ""), EMAIL, "Rossi"):
        if literal in text:
            found.append(literal)
    return found


def change_shelter(client: Client) -> None:
    owner = factories.organization("Cooperativa Aurora")
    shelter = factories.service(owner, "Casa rifugio", confidential=True)
    Location.objects.filter(service=shelter).update(address=SHELTER_ADDRESS)
    location, phone = shelter.location, shelter.phones.get()
    data = with_inlines(
        {
            "name": "Casa rifugio Aurora",
            "organization": str(owner.pk),
            "kind": "shelter",
            "description": "",
        },
        SERVICE_INLINES,
        {
            "location": [
                {
                    "id": str(location.pk),
                    "service": str(shelter.pk),
                    "address": NEW_ADDRESS,
                    "comune": factories.BARI,
                    "confidential": "on",
                }
            ],
            "phones": [
                {
                    "id": str(phone.pk),
                    "service": str(shelter.pk),
                    "number": PHONE,
                    "position": "0",
                },
            ],
        },
    )
    response = client.post(reverse("admin:directory_service_change", args=[shelter.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def add_organization(client: Client) -> None:
    response = client.post(
        reverse("admin:directory_organization_add"),
        {
            "name": "Cooperativa Rifugio Aurora",
            "ext_id": "org-aurora",
            "kind": "association",
            "tax_id": "01429080425",
            "email": EMAIL,
            "website": "",
            "services-TOTAL_FORMS": "0",
            "services-INITIAL_FORMS": "0",
            "services-MIN_NUM_FORMS": "0",
            "services-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Organization.objects.filter(ext_id="org-aurora").exists()


def grant_and_revoke(olga, dora) -> None:
    grant = grant_create(
        user=olga,
        role=NETWORK_OPERATOR,
        territory=factories.territory(),
        by=dora,
        ip_address="10.0.0.9",
    )
    grant_revoke(
        grant=grant,
        by=dora,
        reason=f"Maria Rossi ({EMAIL}, {PHONE}) left {NEW_ADDRESS}",
        ip_address="10.0.0.9",
    )
    assert Grant.objects.get(pk=grant.pk).revoked_at is not None


def read_and_export_the_log(client: Client) -> None:
    query = {"actor": "olga", "action": "grant.revoke", "date_from": "2026-01-01"}
    assert client.get(reverse("reserved:audit"), query).status_code == 200
    export = client.get(reverse("reserved:audit_export"), {**query, "format": "csv"})
    assert export.status_code == 200
    b"".join(export.streaming_content)


def test_no_entry_holds_an_address_a_phone_number_or_an_e_mail_address(
    client: Client, dora, olga
) -> None:
    client.force_login(dora)
    change_shelter(client)
    add_organization(client)
    grant_and_revoke(olga, dora)
    read_and_export_the_log(client)

    entries = list(AuditEntry.objects.order_by("sequence"))
    actions = {entry.action for entry in entries}
    assert {"admin.change", "admin.add", "grant.create", "grant.revoke", "audit.read"} <= actions
    assert "audit.export" in actions
    offending = {
        f"#{entry.sequence} {entry.action}": found
        for entry in entries
        if (found := forbidden_content(entry))
    }
    assert offending == {}


def test_the_scan_would_catch_personal_data(dora) -> None:
    # The scanner itself: an entry written with an address, a number and an e-mail.
    from rete.audit.services import audit_record

    entry = audit_record(
        actor=dora,
        action="contact.update",
        target_type="helpline.contact",
        target_id=1,
        details={"note": f"{NEW_ADDRESS}, {PHONE}, {EMAIL}"},
    )

    assert {"address", "phone number", "e-mail address"} <= set(forbidden_content(entry))
