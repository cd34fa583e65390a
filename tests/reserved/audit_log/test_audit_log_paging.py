"""The log is paged newest first, 100 entries a page, by sequence (keyset), whatever its
size: the cost of a page does not grow with its number."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rete.audit.models import AuditEntry
from rete.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads(db) -> list[AuditEntry]:
    """250 reads of contacts by the system."""
    return [
        audit_record(actor=None, action="contact.read", target_type="helpline.contact", target_id=n)
        for n in range(250)
    ]


def shown(response) -> list[int]:
    return [row["entry"].sequence for row in response.context["rows"]]


def test_it_pages_by_100_newest_first(client: Client, dora, reads) -> None:
    client.force_login(dora)
    url = reverse("reserved:audit")
    sequences = [entry.sequence for entry in reversed(reads)]

    first = client.get(url, {"action": "contact.read"})
    second = client.get(
        url, {"action": "contact.read", "before": first.context["page"].older_than, "page": 2}
    )
    third = client.get(
        url, {"action": "contact.read", "before": second.context["page"].older_than, "page": 3}
    )

    assert shown(first) == sequences[:100]
    assert shown(second) == sequences[100:200]
    assert shown(third) == sequences[200:]
    assert first.context["page"].newer_than is None
    assert third.context["page"].older_than is None
    assert "Pagina 3" in third.content.decode() or "Page 3" in third.content.decode()


def test_it_goes_back_to_newer_entries(client: Client, dora, reads) -> None:
    client.force_login(dora)
    url = reverse("reserved:audit")
    sequences = [entry.sequence for entry in reversed(reads)]
    second = client.get(url, {"action": "contact.read", "before": sequences[99], "page": 2})

    back = client.get(
        url, {"action": "contact.read", "after": second.context["page"].newer_than, "page": 1}
    )

    assert shown(back) == sequences[:100]
    assert back.context["page"].newer_than is None
    assert back.context["page"].older_than == sequences[99]


def test_the_page_links_keep_the_filters(client: Client, dora, reads) -> None:
    client.force_login(dora)

    page = client.get(reverse("reserved:audit"), {"action": "contact.read"}).content.decode()

    older = reads[150].sequence
    assert (
        f'href="/area-riservata/registro/?action=contact.read&amp;before={older}&amp;page=2"'
        in page
    )


def test_a_malformed_cursor_shows_the_first_page(client: Client, dora, reads) -> None:
    client.force_login(dora)

    response = client.get(reverse("reserved:audit"), {"action": "contact.read", "before": "x1"})

    assert response.status_code == 200
    assert shown(response)[0] == reads[-1].sequence


def test_a_page_costs_the_same_queries_deep_in_the_log(client: Client, dora, reads) -> None:
    client.force_login(dora)
    url = reverse("reserved:audit")
    client.get(url)  # session and caches warmed

    with CaptureQueriesContext(connection) as second:
        client.get(url, {"action": "contact.read", "before": reads[150].sequence, "page": 2})
    with CaptureQueriesContext(connection) as deep:
        client.get(url, {"action": "contact.read", "before": reads[50].sequence, "page": 3})

    assert len(deep) == len(second)
    page_query = next(
        q["sql"]
        for q in deep.captured_queries
        if "ORDER BY" in q["sql"] and "DESC" in q["sql"] and "audit_auditentry" in q["sql"]
    )
    # Keyset: a bound on the sequence and a LIMIT, no OFFSET.
    assert "OFFSET" not in page_query.upper()
    assert "LIMIT 101" in page_query
