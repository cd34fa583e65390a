"""`rete generate-contacts`: makes synthetic contacts over the network in the database for a
period (--start/--end, --year, or the last 12 months), prints what it made; --delete
removes the synthetic contacts only; bad input is refused with a clear message and changes
nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.audit.models import AuditAction, AuditEntry
from rete.demo.services import demo_network_load
from rete.helpline.classification.selectors import classification_cache_clear
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import contact_start
from rete.statistics.management.commands import generate_contacts
from tests.people import make_person

ROME = ZoneInfo("Europe/Rome")
TODAY = date(2026, 12, 6)


@pytest.fixture(autouse=True)
def _english_and_fresh_cache():
    classification_cache_clear()
    # The messages are compared in English, whatever the translations say.
    with translation.override("en"):
        yield
    classification_cache_clear()


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(generate_contacts, "_today", lambda: TODAY)


@pytest.fixture
def network(db: None) -> None:
    demo_network_load()


def _run(*args: str) -> str:
    out = StringIO()
    call_command("generate-contacts", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _local_days() -> set[date]:
    return {c.started_at.astimezone(ROME).date() for c in Contact.objects.filter(synthetic=True)}


def test_it_makes_the_contacts_of_the_period_and_says_what_it_made(network):
    output = _run("--count", "300", "--seed", "5", "--start", "2026-02-01", "--end", "2026-03-01")

    made = Contact.objects.filter(synthetic=True)
    assert made.count() == 300
    days = _local_days()
    assert min(days) >= date(2026, 2, 1) and max(days) <= date(2026, 2, 28)
    valid = made.filter(classification__validity="valid").count()
    emergencies = made.filter(emergency=True).count()
    assert output.startswith(
        "Made 300 synthetic contacts (seed 5) from 2026-02-01 to 2026-02-28 in "
    )
    assert f": {valid} valid, " in output
    assert output.rstrip().endswith(f" {emergencies} emergencies.")
    entry = AuditEntry.objects.get(action=AuditAction.SYNTHETIC_CONTACTS_GENERATE)
    assert entry.details["count"] == 300
    assert entry.details["seed"] == 5


def test_a_year(network):
    _run("--count", "200", "--seed", "1", "--year", "2025")
    days = _local_days()
    assert min(days) >= date(2025, 1, 1) and max(days) <= date(2025, 12, 31)


def test_by_default_the_last_twelve_months(network):
    output = _run("--count", "200")
    days = _local_days()
    assert min(days) >= date(2025, 12, 6) and max(days) <= date(2026, 12, 5)
    assert "(seed 1522) from 2025-12-06 to 2026-12-05" in output


def test_the_same_seed_twice_makes_the_same_contacts(network):
    def fingerprint() -> list[tuple]:
        return sorted(
            (c.started_at, c.comune_id, str(c.classification), c.outcome)
            for c in Contact.objects.filter(synthetic=True)
        )

    _run("--count", "150", "--seed", "8", "--year", "2026")
    first = fingerprint()
    _run("--delete", "--count", "150", "--seed", "8", "--year", "2026")
    assert fingerprint() == first


def test_delete_removes_only_synthetic_contacts(network):
    olga = make_person("olga", HELPLINE_OPERATOR)
    real = contact_start(operator=olga, channel="chat", language="it").contact
    _run("--count", "120", "--seed", "2", "--year", "2026")

    output = _run("--delete")

    assert output == "Synthetic contacts deleted: 120.\n"
    assert list(Contact.objects.all()) == [real]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seed", "3"], "Say how many contacts to make with --count, or use --delete."),
        (["--count", "0"], "The number of contacts must be at least 1."),
        (["--count", "-4"], "The number of contacts must be at least 1."),
        (
            ["--count", "5", "--start", "2026-03-01", "--end", "2026-03-01"],
            "The end of the period must come after its start.",
        ),
        (
            ["--count", "5", "--start", "2026-03-01", "--end", "2026-02-01"],
            "The end of the period must come after its start.",
        ),
        (["--count", "5", "--start", "2026-03-01"], "Give --start and --end together."),
        (
            ["--count", "5", "--start", "1/3/2026", "--end", "2026-04-01"],
            "“1/3/2026” is not a date: write it as YYYY-MM-DD.",
        ),
        (
            ["--count", "5", "--year", "2025", "--start", "2025-01-01", "--end", "2025-02-01"],
            "Give either --year or --start and --end, not both.",
        ),
        (["--count", "5", "--seed", "-1"], "The seed must be a whole number from 0 to "),
        # Refused before the deletion: the synthetic contacts already there stay.
        (
            ["--delete", "--count", "5", "--start", "2026-03-01", "--end", "2026-02-01"],
            "The end of the period must come after its start.",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(network, args, message):
    _run("--count", "50", "--seed", "4", "--year", "2026")
    entries = AuditEntry.objects.count()

    with pytest.raises(CommandError) as refused:
        _run(*args)

    assert str(refused.value).startswith(message)
    assert Contact.objects.filter(synthetic=True).count() == 50
    assert AuditEntry.objects.count() == entries


def test_without_a_network_it_says_so(db):
    with pytest.raises(CommandError) as refused:
        _run("--count", "10")
    assert str(refused.value) == (
        "No network is loaded: import one first (rete import-network FILE), "
        "or load the demo (rete demo)."
    )
    assert not Contact.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.SYNTHETIC_CONTACTS_GENERATE).exists()
