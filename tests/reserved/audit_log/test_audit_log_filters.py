"""The Department filters the log by action, by who acted, by record and by date."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from rete.audit.models import AuditEntry
from rete.audit.services import audit_record

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")


def shown(response) -> list[int]:
    """The sequences of the rows on the page, in order."""
    return [row["entry"].sequence for row in response.context["rows"]]


def listing(client: Client, **query) -> object:
    return client.get(reverse("reserved:audit"), query)


def test_it_shows_every_entry_newest_first(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client)

    assert response.status_code == 200
    sequences = shown(response)
    assert sequences == sorted(sequences, reverse=True)
    assert {entry.sequence for entry in log} <= set(sequences)


def test_it_filters_by_action(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, action="contact.read")

    assert shown(response) == [log[2].sequence, log[0].sequence]


def test_it_offers_the_actions_grouped_with_their_labels(client: Client, dora) -> None:
    client.force_login(dora)

    page = listing(client).content.decode()

    assert '<optgroup label="Ruoli">' in page or '<optgroup label="Roles">' in page
    assert '<option value="grant.create">' in page


def test_it_refuses_an_unknown_action(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, action="contact.delete")

    assert response.status_code == 400
    assert response.context["form"].errors["action"]
    assert "rows" not in response.context


@pytest.mark.parametrize("typed", ["sara", "SARA", "personal code"])
def test_it_filters_by_who_acted(client: Client, dora, sara, log, typed) -> None:
    client.force_login(dora)
    if typed == "personal code":
        typed = sara.account.personal_code.lower()

    response = listing(client, actor=typed)

    assert shown(response) == [log[3].sequence, log[2].sequence]


def test_it_says_when_nobody_has_that_name(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, actor="nessuno")

    assert response.status_code == 400
    assert response.context["form"].errors["actor"] == [
        "No account has this username or personal code."
    ] or response.context["form"].errors["actor"][0].startswith("Nessun")
    # What was typed stays in the form.
    assert 'value="nessuno"' in response.content.decode()


def test_it_filters_by_record(client: Client, dora, log) -> None:
    other = audit_record(
        actor=None, action="contact.read", target_type="helpline.contact", target_id=42
    )
    client.force_login(dora)

    by_type = listing(client, target_type="helpline.contact")
    by_record = listing(client, target_type="helpline.contact", target_id="42")

    assert shown(by_type) == [other.sequence] + [entry.sequence for entry in reversed(log)]
    assert shown(by_record) == [other.sequence]


def test_it_asks_for_the_type_of_a_record_id(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, target_id="41")

    assert response.status_code == 400
    assert response.context["form"].errors["target_type"]


def test_it_refuses_a_malformed_record_type(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, target_type="helpline contact; drop")

    assert response.status_code == 400
    assert response.context["form"].errors["target_type"]


def test_it_combines_filters(client: Client, dora, olga, log) -> None:
    client.force_login(dora)

    response = listing(client, actor="olga", action="contact.update")

    assert shown(response) == [log[1].sequence]


def test_dates_are_days_of_rome(client: Client, dora, set_clock) -> None:
    # 23:30 UTC on 5 December is already 6 December in Rome.
    set_clock(datetime.datetime(2026, 12, 5, 22, 30, tzinfo=datetime.UTC))
    fifth = audit_record(
        actor=None, action="contact.read", target_type="helpline.contact", target_id=1
    )
    set_clock(datetime.datetime(2026, 12, 5, 23, 30, tzinfo=datetime.UTC))
    sixth = audit_record(
        actor=None, action="contact.read", target_type="helpline.contact", target_id=2
    )
    set_clock(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=ROME))
    seventh = audit_record(
        actor=None, action="contact.read", target_type="helpline.contact", target_id=3
    )
    client.force_login(dora)

    only_sixth = listing(
        client, action="contact.read", date_from="2026-12-06", date_to="2026-12-06"
    )
    up_to_fifth = listing(client, action="contact.read", date_to="2026-12-05")
    from_sixth = listing(client, action="contact.read", date_from="2026-12-06")

    assert shown(only_sixth) == [sixth.sequence]
    assert shown(up_to_fifth) == [fifth.sequence]
    assert shown(from_sixth) == [seventh.sequence, sixth.sequence]


def test_a_day_without_entries_shows_none(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, date_from="2099-01-01")

    assert response.status_code == 200
    assert shown(response) == []


def test_it_refuses_an_end_before_the_start(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = listing(client, date_from="2026-12-06", date_to="2026-12-01")

    assert response.status_code == 400
    assert response.context["form"].errors["date_to"]
    # The dates typed stay in the form.
    assert 'value="2026-12-06"' in response.content.decode()


def test_details_are_shown_escaped(client: Client, dora) -> None:
    audit_record(
        actor=None,
        action="contact.update",
        target_type="helpline.contact",
        target_id=7,
        details={"fields": ["<script>alert(1)</script>"]},
    )
    client.force_login(dora)

    page = listing(client, action="contact.update").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_each_row_names_who_with_their_personal_code(client: Client, dora, olga, log) -> None:
    client.force_login(dora)

    page = listing(client, action="contact.update").content.decode()

    assert f'olga <span class="text-nowrap">({olga.account.personal_code})</span>' in page
    assert "10.0.0.7" in page
    assert AuditEntry.objects.get(sequence=log[1].sequence).ip_address == "10.0.0.7"
