"""The list page: who may see it, what each role sees, bad filters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rete.audit.models import AuditEntry
from rete.helpline.records.views import PAGE_SIZE
from tests.helpline.records.conftest import BARI, BOLOGNA, signed_in

pytestmark = pytest.mark.django_db

URL = "/console/registro/"


def row_links(response) -> list[str]:
    """The detail links of the table's rows, in order."""
    html = response.content.decode()
    return [
        part.split('"', 1)[0]
        for part in html.split('href="/console/registro/')[1:]
        if part[:36].count("-") == 4
    ]


def test_it_is_mounted_where_the_console_expects_it() -> None:
    assert reverse("records:list") == URL


def test_it_sends_an_anonymous_visitor_to_sign_in(client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accesso/?next=")


def test_it_refuses_a_user_without_a_helpline_role(as_dora) -> None:
    assert as_dora.get(URL).status_code == 403


def test_a_supervisor_sees_every_contact_with_its_columns(make_contact, olga, ornella, as_sara):
    olgas = make_contact(olga, comune=BARI, emergency=True)
    ornellas = make_contact(ornella, comune=BOLOGNA)

    response = as_sara.get(URL)

    assert response.status_code == 200
    assert row_links(response) == [f"{ornellas.public_id}/", f"{olgas.public_id}/"]
    html = response.content.decode()
    assert "Bari (BA)" in html and "Bologna (BO)" in html
    assert "Olga Lupo" in html and "Ornella Riva" in html
    assert "ATR-BA" in html
    assert html.count('class="badge bg-danger">Emergency<') == 1
    assert response["Cache-Control"].startswith("max-age=0")
    # Listing is not opening: no record was read.
    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_an_operator_sees_only_her_own_contacts_of_her_shift(make_contact, olga, ornella, as_olga):
    now = timezone.now()
    mine = make_contact(olga)
    make_contact(olga, started_at=now - timedelta(hours=13))
    make_contact(ornella)

    response = as_olga.get(URL, {"operator": ornella.pk})

    assert row_links(response) == [f"{mine.public_id}/"]
    html = response.content.decode()
    assert 'name="operator"' not in html
    assert "Export CSV" not in html


def test_a_supervisor_filters_by_operator(make_contact, olga, ornella, as_sara) -> None:
    make_contact(olga)
    ornellas = make_contact(ornella)

    response = as_sara.get(URL, {"operator": ornella.pk, "mode": "transfer"})

    assert row_links(response) == [f"{ornellas.public_id}/"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"date_from": "2026-13-45"}, "date_from", "Give the date as year-month-day"),
        ({"date_to": "yesterday"}, "date_to", "Give the date as year-month-day"),
        (
            {"date_from": "2026-11-25", "date_to": "2026-11-01"},
            "date_to",
            "The end date comes before the start date.",
        ),
        ({"territory": "ATR-NOWHERE"}, "territory", "Choose a territory of the list."),
        ({"mode": "teleport"}, "mode", "Choose a routing mode of the list."),
        ({"validity": "maybe"}, "validity", "Choose a validity of the list."),
        ({"operator": "abc"}, "operator", "Choose an operator of the list."),
        ({"operator": "999999"}, "operator", "Choose an operator of the list."),
    ],
)
def test_bad_filters_get_a_clear_error_and_no_list(
    make_contact, olga, as_sara, query, field, message
):
    make_contact(olga)

    response = as_sara.get(URL, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    assert "Some filters are not valid" in html
    assert row_links(response) == []


def test_a_bad_page_number_shows_a_page_anyway(make_contact, olga, as_sara) -> None:
    contact = make_contact(olga)

    for page in ("0", "abc", "99"):
        response = as_sara.get(URL, {"page": page})
        assert row_links(response) == [f"{contact.public_id}/"]


def test_it_pages_by_fifty_keeping_the_filters(make_contact, olga, sara) -> None:
    contact = make_contact(olga, comune=None)
    # Copies of one contact are enough to fill pages; they are made like the first.
    contacts = [contact] + [make_contact(olga, comune=None) for _ in range(PAGE_SIZE)]
    client = signed_in(sara)

    first = client.get(URL, {"mode": "not_routed"})
    second = client.get(URL, {"mode": "not_routed", "page": 2})

    assert len(row_links(first)) == PAGE_SIZE
    assert row_links(second) == [f"{contacts[0].public_id}/"]
    assert "?mode=not_routed&amp;page=2" in first.content.decode()
