"""The CSV export: supervisors only, statistical fields and codes only, always audited."""

import csv
import io

import pytest

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.accounts.services import user_create_with_role
from rete.audit.models import AuditEntry
from rete.helpline.contacts.services import (
    callback_create,
    contact_emergency_mark,
    contact_notes_set,
    contact_record_transfer_attempt,
)
from tests.helpline.conftest import PASSWORD
from tests.helpline.records.conftest import BARI, BOLOGNA, PRANK, VALID, WEDNESDAY

pytestmark = pytest.mark.django_db

URL = "/console/registro/esporta/"
NOTE = "Il marito la minaccia, via Roma 12"
NUMBER = "+39 333 1234567"


def rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_it_exports_the_filtered_contacts_as_codes(make_contact, olga, ornella, as_sara, sara):
    contact = make_contact(olga, comune=BARI, answers=VALID)
    contact_record_transfer_attempt(
        contact=contact, actor=olga, service_id="svc-giraffa", outcome="answered", at=WEDNESDAY
    )
    contact_emergency_mark(contact=contact, actor=olga, step="started", at=WEDNESDAY)
    contact_notes_set(contact=contact, actor=olga, notes=NOTE)
    callback_create(contact=contact, actor=olga, number=NUMBER, consent=True, due_at=WEDNESDAY)
    make_contact(ornella, comune=BARI, answers=PRANK)
    make_contact(olga, comune=BOLOGNA, answers=VALID)

    response = as_sara.get(URL, {"territory": "ATR-BA", "validity": "valid"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="contatti-1522-')
    (row,) = rows(response)
    assert row["public_id"] == str(contact.public_id)
    assert (row["comune_code"], row["province"], row["mode"], row["territory"]) == (
        BARI,
        "BA",
        "transfer",
        "ATR-BA",
    )
    assert (row["transfer_attempts"], row["transferred_to"], row["emergency"]) == (
        "1",
        "svc-giraffa",
        "1",
    )
    assert (row["validity"], row["caller_type"], row["classification_version"]) == (
        "valid",
        "victim",
        "1",
    )
    assert row["operator"] == "olga"
    content = response.content.decode()
    assert "minaccia" not in content and "Roma 12" not in content
    assert "333" not in content and "notes" not in content


def test_it_writes_one_audit_entry_with_the_filters_and_the_count(
    make_contact, olga, as_sara, sara
):
    make_contact(olga, comune=BARI)
    make_contact(olga, comune=BARI)
    make_contact(olga, comune=BOLOGNA)

    as_sara.get(URL, {"territory": "ATR-BA", "mode": "transfer", "date_from": "2026-11-01"})

    entry = AuditEntry.objects.get(action="contact.export")
    assert entry.actor == sara
    assert entry.details == {
        "date_from": "2026-11-01",
        "date_to": None,
        "territory": "ATR-BA",
        "mode": "transfer",
        "validity": "",
        "operator_id": None,
        "rows": 2,
    }


def test_operators_cannot_export(make_contact, olga, as_olga) -> None:
    make_contact(olga)

    assert as_olga.get(URL).status_code == 403
    assert not AuditEntry.objects.filter(action="contact.export").exists()


def test_outsiders_cannot_export(client, as_dora) -> None:
    assert client.get(URL).status_code == 302
    assert as_dora.get(URL).status_code == 403
    assert not AuditEntry.objects.filter(action="contact.export").exists()


def test_bad_filters_export_nothing(make_contact, olga, as_sara) -> None:
    make_contact(olga)

    response = as_sara.get(URL, {"date_from": "25/13/2026", "mode": "teleport"})

    assert response.status_code == 400
    message = response.content.decode()
    assert "nothing was exported" in message
    assert "Give the date as year-month-day" in message
    assert "Choose a routing mode of the list." in message
    assert not AuditEntry.objects.filter(action="contact.export").exists()


def test_an_empty_export_is_still_audited(as_sara) -> None:
    response = as_sara.get(URL)

    assert rows(response) == []
    assert AuditEntry.objects.get(action="contact.export").details["rows"] == 0


def test_a_cell_a_spreadsheet_would_run_is_defused(make_contact, as_sara) -> None:
    # "@SUM(...)" is a formula to a spreadsheet; usernames may start with "@", "+" or "-".
    tricky = user_create_with_role(
        username="@sum", email="sum@example.org", password=PASSWORD, role=HELPLINE_OPERATOR
    )
    make_contact(tricky)

    (row,) = rows(as_sara.get(URL))

    assert row["operator"] == "'@sum"
