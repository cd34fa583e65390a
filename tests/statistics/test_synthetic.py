"""Synthetic contacts (rete.statistics.synthetic): plausible, in line with ISTAT's published
shares, valid for the classification, routed by the real engine, the same for the same seed,
marked synthetic, deleted without touching real records, one audit entry per run."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.audit.models import AuditAction, AuditEntry
from rete.demo.services import demo_network_load
from rete.demo.statistics import demo_quarters, demo_statistics_load
from rete.helpline.classification.selectors import (
    classification_cache_clear,
    classification_current,
    classification_validate,
)
from rete.helpline.contacts.models import (
    Callback,
    Contact,
    EmergencyRecord,
    TransferAttempt,
)
from rete.helpline.contacts.services import (
    contact_record_transfer_attempt,
    contact_route,
    contact_start,
)
from rete.routing.engine import decide
from rete.routing.snapshot import routing_snapshot
from rete.statistics.models import Release, ReleaseStatus
from rete.statistics.synthetic import (
    SYNTHETIC_USERNAME,
    SyntheticDataError,
    synthetic_contacts_delete,
    synthetic_contacts_generate,
    synthetic_contacts_make,
)
from tests.people import make_person
from tests.statistics.releases.engine import install_fake_engine

ROME = ZoneInfo("Europe/Rome")
FIRST_HALF_2026 = (date(2026, 1, 1), date(2026, 7, 1))
NOT_VALID = {"nuisance", "prank", "wrong_number", "silent"}


@pytest.fixture(autouse=True)
def _fresh_classification_cache():
    classification_cache_clear()
    yield
    classification_cache_clear()


@pytest.fixture
def network(db: None) -> None:
    demo_network_load()


@pytest.fixture(scope="class")
def _five_thousand_made(django_db_setup, django_db_blocker) -> Iterator[None]:
    """5,000 contacts in the first half of 2026, when every demo protocol is in force: made
    once for the tests of TestFiveThousand, which only read them, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_network_load()
        start, end = FIRST_HALF_2026
        assert synthetic_contacts_generate(count=5_000, seed=2026, start=start, end=end) == 5_000
        yield
        transaction.set_rollback(True)


@pytest.fixture
def five_thousand(_five_thousand_made: None, db: None) -> list[Contact]:
    return list(Contact.objects.filter(synthetic=True))


def _share(part: int, whole: int) -> float:
    return 100 * part / whole


def _fingerprint() -> list[tuple]:
    """What a person would compare: every contact's instants, place, answers and decision,
    and every transfer attempt, as sorted lists."""
    contacts = sorted(
        (
            contact.started_at,
            contact.ended_at,
            contact.channel,
            contact.language,
            contact.comune_id,
            contact.emergency,
            json.dumps(contact.classification, sort_keys=True),
            contact.outcome,
            json.dumps(contact.decision, sort_keys=True),
        )
        for contact in Contact.objects.filter(synthetic=True)
    )
    attempts = sorted(
        (attempt.contact.started_at, attempt.position, attempt.service_id, attempt.outcome)
        for attempt in TransferAttempt.objects.select_related("contact")
    )
    return [*contacts, *attempts]


def test_the_same_seed_makes_the_same_contacts_and_another_seed_others(network):
    start, end = FIRST_HALF_2026
    synthetic_contacts_generate(count=400, seed=11, start=start, end=end)
    first = _fingerprint()
    assert synthetic_contacts_delete() == 400
    synthetic_contacts_generate(count=400, seed=11, start=start, end=end)
    assert _fingerprint() == first
    synthetic_contacts_delete()
    synthetic_contacts_generate(count=400, seed=12, start=start, end=end)
    assert _fingerprint() != first


class TestFiveThousand:
    """Shares and shapes on 5,000 contacts of one run."""

    def test_about_half_are_not_valid_and_six_in_ten_fall_between_9_and_17(self, five_thousand):
        contacts = five_thousand
        not_valid = sum(contact.classification["validity"] in NOT_VALID for contact in contacts)
        assert 40 <= _share(not_valid, 5_000) <= 55
        daytime = sum(9 <= contact.started_at.astimezone(ROME).hour < 17 for contact in contacts)
        assert 55 <= _share(daytime, 5_000) <= 66
        chat = sum(contact.channel == "chat" for contact in contacts)
        assert 12 <= _share(chat, 5_000) <= 18
        assert {contact.language for contact in contacts} <= {"it", "en", "fr", "es", "ar"}
        italian = sum(contact.language == "it" for contact in contacts)
        assert _share(italian, 5_000) >= 88

    def test_reasons_follow_istat_first_quarter_2025(self, five_thousand):
        valid = [c for c in five_thousand if c.classification["validity"] == "valid"]
        reasons = Counter(contact.classification["reason"] for contact in valid)
        assert 30 <= _share(reasons["info_1522"], len(valid)) <= 38
        assert 16 <= _share(reasons["help_request"], len(valid)) <= 23
        assert 11 <= _share(reasons["info_centres"], len(valid)) <= 17
        assert reasons.most_common(1)[0][0] == "info_1522"

    def test_victims_are_mostly_women_abused_psychologically_and_threatened(self, five_thousand):
        victims = [
            c.classification
            for c in five_thousand
            if c.classification.get("caller_type") == "victim"
        ]
        valid = sum(c.classification["validity"] == "valid" for c in five_thousand)
        assert 35 <= _share(len(victims), valid) <= 60
        women = sum(victim["sex"] == "female" for victim in victims)
        assert _share(women, len(victims)) >= 88
        types = Counter(code for victim in victims for code in victim["violence_type"])
        assert [code for code, _count in types.most_common(2)] == ["psychological", "threats"]
        # Several types per victim: more answers than victims.
        assert sum(types.values()) > 1.3 * len(victims)
        relationships = Counter(victim["perpetrator_relationship"] for victim in victims)
        partners = relationships["current_partner"] + relationships["ex_partner"]
        assert _share(partners, len(victims)) >= 60
        not_reported = sum(victim["reported_to_police"] == "no" for victim in victims)
        assert 60 <= _share(not_reported, len(victims)) <= 71
        referred = [v for v in victims if v["referral_kind"][0] not in ("none", "not_stated")]
        assert 68 <= _share(len(referred), len(victims)) <= 79
        to_centre = sum("anti_violence_centre" in v["referral_kind"] for v in referred)
        assert _share(to_centre, len(referred)) >= 90

    def test_every_classification_is_valid_for_the_current_version(self, five_thousand):
        current = classification_current()
        outcomes = {item.code for item in current.lists["outcome"].active_items}
        for contact in five_thousand:
            assert contact.classification_version_id == current.version_id
            cleaned = classification_validate(version=current, answers=contact.classification)
            assert cleaned == contact.classification
            assert contact.outcome in outcomes
            validity = contact.classification["validity"]
            if validity in NOT_VALID:
                assert contact.classification == {"validity": validity}
            elif contact.classification["caller_type"] != "victim":
                assert set(contact.classification) == {"validity", "reason", "caller_type"}

    def test_contacts_are_closed_synthetic_and_carry_nothing_personal(self, five_thousand):
        operator = get_user_model().objects.get(username=SYNTHETIC_USERNAME)
        assert not operator.is_active
        assert not operator.has_usable_password()
        assert not operator.groups.exists()
        for contact in five_thousand:
            assert contact.synthetic
            assert contact.status == "closed"
            assert contact.ended_at > contact.started_at
            assert contact.operator_id == operator.pk
            assert contact.locked_by_id is None
            assert contact.notes == ""
            assert contact.idempotency_key is None
            assert (
                FIRST_HALF_2026[0]
                <= contact.started_at.astimezone(ROME).date()
                < FIRST_HALF_2026[1]
            )
        assert not Callback.objects.exists()

    def test_comuni_lean_on_the_network_and_every_located_contact_is_routed(self, five_thousand):
        network = routing_snapshot()
        valid = [c for c in five_thousand if c.classification["validity"] == "valid"]
        unlocated = sum(contact.comune_id is None for contact in valid)
        assert 1 <= _share(unlocated, len(valid)) <= 6
        located = [c for c in five_thousand if c.comune_id is not None]
        covered = sum(contact.comune_id in network.coverage for contact in located)
        # 575 of 7,896 comuni are in a demo territory, yet most contacts come from one.
        assert _share(covered, len(located)) >= 55
        assert len({contact.comune_id for contact in located}) > 300
        for contact in five_thousand:
            if contact.comune_id is None:
                assert contact.decision is None
            else:
                assert contact.decision["comune"]["code"] == contact.comune_id
                assert contact.decision["explanation"]
        modes = Counter(contact.decision["mode"] for contact in located)
        assert set(modes) == {"transfer", "out_of_hours", "orientation", "emergency"}

    def test_each_decision_is_the_engines_at_the_instant_it_was_asked(self, five_thousand):
        network = routing_snapshot()
        located = [c for c in five_thousand if c.comune_id is not None]
        for contact in located[::50]:
            asked_at = datetime.fromisoformat(contact.decision["asked_at"])
            assert contact.started_at < asked_at < contact.ended_at
            expected = decide(network, contact.comune_id, asked_at, contact.emergency).to_dict()
            stored = {
                k: v for k, v in contact.decision.items() if k not in ("explanation", "asked_at")
            }
            assert stored == expected
            if expected["mode"] == "transfer":
                assert stored["target"]["open_now"] is True
            if expected["mode"] == "out_of_hours":
                assert stored["target"]["open_now"] is False

    def test_transfers_are_tried_on_transfer_decisions_and_mostly_answered(self, five_thousand):
        by_id = {contact.pk: contact for contact in five_thousand}
        attempts = list(TransferAttempt.objects.order_by("contact_id", "position"))
        assert attempts
        per_contact: dict[int, list[TransferAttempt]] = {}
        for attempt in attempts:
            per_contact.setdefault(attempt.contact_id, []).append(attempt)
        for contact_id, tried in per_contact.items():
            contact = by_id[contact_id]
            assert contact.decision["mode"] == "transfer"
            offered = [contact.decision["target"], *contact.decision["alternatives"]]
            assert {a.service_id for a in tried} <= {service["service_id"] for service in offered}
            assert [a.position for a in tried] == list(range(1, len(tried) + 1))
            assert contact.started_at < tried[0].attempted_at < contact.ended_at
            answered = tried[-1].outcome == "answered"
            assert (contact.outcome == "transferred") == answered
            assert all(a.outcome != "answered" for a in tried[:-1])
        first = [tried[0].outcome for tried in per_contact.values()]
        assert _share(first.count("answered"), len(first)) >= 70
        assert len(per_contact) > sum(1 for tried in per_contact.values() if len(tried) > 1) > 0

    def test_emergencies_are_rare_and_the_police_is_activated_within_minutes(self, five_thousand):
        emergencies = [contact for contact in five_thousand if contact.emergency]
        assert 1 <= len(emergencies) <= 15  # about 0.1% of 5,000
        for contact in emergencies:
            record = EmergencyRecord.objects.get(contact=contact)
            assert contact.decision["mode"] == "emergency"
            assert contact.decision["emergency_contacts"]
            assert record.contacts_shown == contact.decision["emergency_contacts"]
            assert contact.outcome == "police_activated"
            delay = record.police_activated_at - contact.started_at
            assert timedelta(minutes=1) < delay <= timedelta(minutes=10)
            assert record.police_activated_at <= record.handed_over_at <= record.outcome_at
            assert record.outcome in ("handed_over", "police_on_site")
            assert record.outcome_at < contact.ended_at
        assert EmergencyRecord.objects.count() == len(emergencies)


def test_one_audit_entry_per_run_with_count_seed_and_period(network):
    before = AuditEntry.objects.count()
    synthetic_contacts_generate(count=300, seed=5, start=date(2026, 2, 1), end=date(2026, 3, 1))
    entries = list(AuditEntry.objects.order_by("sequence")[before:])
    assert [entry.action for entry in entries] == [AuditAction.SYNTHETIC_CONTACTS_GENERATE]
    details = entries[0].details
    assert (details["count"], details["seed"], details["start"], details["end"]) == (
        300,
        5,
        "2026-02-01",
        "2026-03-01",
    )
    assert entries[0].actor_id is None


def test_across_the_changes_of_time_every_contact_ends_after_it_starts(network):
    # 29 March 2026: 02:00–03:00 does not exist; 25 October: 02:00–03:00 happens twice.
    for start in (date(2026, 3, 28), date(2026, 10, 24)):
        synthetic_contacts_generate(count=1_500, seed=3, start=start, end=start + timedelta(days=3))
    for contact in Contact.objects.filter(synthetic=True):
        assert contact.ended_at > contact.started_at
        local_day = contact.started_at.astimezone(ROME).date()
        assert date(2026, 3, 28) <= local_day < date(2026, 3, 31) or (
            date(2026, 10, 24) <= local_day < date(2026, 10, 27)
        )


def test_delete_removes_the_synthetic_contacts_only(network):
    olga = make_person("olga", HELPLINE_OPERATOR)
    real = contact_start(operator=olga, channel="phone", language="it").contact
    contact_route(contact=real, actor=olga, comune_code="072006")
    real.refresh_from_db()
    target = real.decision["target"] or {"service_id": ""}
    if real.decision["mode"] == "transfer":
        contact_record_transfer_attempt(
            contact=real, actor=olga, service_id=target["service_id"], outcome="answered"
        )
    real_attempts = TransferAttempt.objects.count()
    made = synthetic_contacts_make(count=600, seed=9, start=date(2026, 1, 1), end=date(2026, 4, 1))
    assert made.transfer_attempts > 0

    assert synthetic_contacts_delete() == 600

    assert list(Contact.objects.all()) == [real]
    assert TransferAttempt.objects.count() == real_attempts
    assert not EmergencyRecord.objects.filter(contact__synthetic=True).exists()
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.details) == ("contact.delete_synthetic", {"count": 600})
    assert synthetic_contacts_delete() == 0


@pytest.mark.parametrize(
    ("count", "seed", "start", "end"),
    [
        (0, 1, date(2026, 1, 1), date(2026, 2, 1)),
        (-5, 1, date(2026, 1, 1), date(2026, 2, 1)),
        (10, -1, date(2026, 1, 1), date(2026, 2, 1)),
        (10, 1, date(2026, 2, 1), date(2026, 2, 1)),
        (10, 1, date(2026, 2, 1), date(2026, 1, 1)),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(network, count, seed, start, end):
    entries = AuditEntry.objects.count()
    with pytest.raises(SyntheticDataError):
        synthetic_contacts_generate(count=count, seed=seed, start=start, end=end)
    assert not Contact.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_without_a_network_nothing_is_made(db):
    # Italian, the language of the interface.
    with pytest.raises(SyntheticDataError, match="Nessuna rete"):
        synthetic_contacts_generate(count=10, seed=1, start=date(2026, 1, 1), end=date(2026, 2, 1))
    assert not Contact.objects.exists()
    assert not get_user_model().objects.filter(username=SYNTHETIC_USERNAME).exists()


def test_the_demo_makes_its_contacts_and_four_releases_once(network, monkeypatch):
    engine = install_fake_engine(monkeypatch)
    today = date(2026, 12, 6)

    first = demo_statistics_load(today, contacts_per_year=1_000)

    # From 1 October 2025 to 5 December 2026: 431 days at 1,000 a year.
    assert first == {"synthetic_contacts": 1_181, "releases_published": 4}
    assert [quarter.code for quarter in demo_quarters(today)] == [
        "2025Q4",
        "2026Q1",
        "2026Q2",
        "2026Q3",
    ]
    assert engine.calls == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    releases = Release.objects.order_by("period")
    assert [(r.period, r.status) for r in releases] == [
        (code, ReleaseStatus.PUBLISHED) for code in engine.calls
    ]
    days = {c.started_at.astimezone(ROME).date() for c in Contact.objects.filter(synthetic=True)}
    assert date(2025, 10, 1) <= min(days) and max(days) < today

    second = demo_statistics_load(today, contacts_per_year=1_000)

    assert second == {"synthetic_contacts": 0, "releases_published": 0}
    assert Contact.objects.count() == 1_181
    assert Release.objects.count() == 4
