"""Reading the log is written to the log: which filters, which page; never what was typed."""

import pytest
from django.test import Client
from django.urls import reverse

from rete.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def last_entry() -> AuditEntry:
    return AuditEntry.objects.order_by("-sequence").first()


def test_a_read_of_the_list_is_audited_with_its_filters(client: Client, dora, sara, log) -> None:
    client.force_login(dora)

    client.get(
        reverse("reserved:audit"),
        {"action": "contact.read", "actor": "SARA", "date_from": "2026-01-01", "page": "2"},
        REMOTE_ADDR="10.1.2.3",
    )

    entry = last_entry()
    assert (entry.action, entry.actor_id) == ("audit.read", dora.pk)
    assert (entry.target_type, entry.target_id) == ("audit.auditentry", "query")
    assert entry.details == {
        "filters": ["action", "actor", "date_from"],
        "action": "contact.read",
        "actor_ids": [sara.pk],
        "date_from": "2026-01-01",
        "page": 2,
    }
    assert entry.ip_address == "10.1.2.3"
    # The name typed is not in the entry; the account id is.
    assert "SARA" not in str(entry.details)


def test_a_refused_filter_is_not_a_read(client: Client, dora, log) -> None:
    client.force_login(dora)
    before = last_entry().sequence

    client.get(reverse("reserved:audit"), {"actor": "nessuno"})

    assert last_entry().sequence == before


def test_opening_an_entry_is_audited(client: Client, dora, log) -> None:
    client.force_login(dora)

    client.get(reverse("reserved:audit_entry", args=[log[1].sequence]))

    entry = last_entry()
    assert (entry.action, entry.target_type, entry.target_id) == (
        "audit.read",
        "audit.auditentry",
        str(log[1].sequence),
    )


def test_a_refused_visitor_leaves_no_read(client: Client, olga, log) -> None:
    client.force_login(olga)
    before = last_entry().sequence

    client.get(reverse("reserved:audit"))

    assert last_entry().sequence == before
