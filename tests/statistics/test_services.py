"""The release lifecycle's rules: numbers, refusals that change nothing, the computation
and its failure, publication, corrections, discarding, and the freeze of what is done.

The engine and the disclosure control are stand-ins here (tests.statistics.releases.engine):
their own tests check the numbers. `test_real_chain_end_to_end` runs the real ones."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.test import override_settings
from django.utils import translation

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.definitions import PUBLIC_LEVELS, TABLES_BY_ID, Level
from rete.statistics.models import Audience, Release, ReleaseFrozen, ReleaseStatus, ReleaseTable
from rete.statistics.periods import Period
from rete.statistics.selectors import release_published_latest
from rete.statistics.services import (
    release_compute,
    release_discard,
    release_publish,
    release_request,
)
from tests.people import make_person
from tests.statistics.factories import release_make
from tests.statistics.releases.engine import (
    CONTACTS,
    PUBLIC_TABLE_COUNT,
    REPORT,
    RESERVED_TABLE_COUNT,
    contacts_make,
    install_fake_engine,
)

pytestmark = pytest.mark.django_db
APRIL = date(2026, 4, 1)


@pytest.fixture
def dora(db):
    return make_person("dora", DEPARTMENT_ADMIN)


@pytest.fixture(autouse=True)
def _english():
    # The messages are compared in English, whatever the translations say.
    with translation.override("en"):
        yield


@pytest.fixture
def engine(monkeypatch):
    return install_fake_engine(monkeypatch)


def _request(actor, period="2026Q1", **kwargs):
    return release_request(period=period, actor=actor, today=APRIL, **kwargs)


def _audits(action):
    return list(AuditEntry.objects.filter(action=action).order_by("sequence"))


def _ready(actor, engine, period="2026Q1", **kwargs):
    release = _request(actor, period, enqueue=False, **kwargs)
    return release_compute(release.pk)


# --- Request -------------------------------------------------------------------------------


def test_a_request_creates_release_1_computing_and_the_task_computes_it_once_committed(
    dora, engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        release = release_request(period="2026Q1", actor=dora, today=APRIL)
        assert release.status == ReleaseStatus.COMPUTING
    assert len(callbacks) == 1
    release.refresh_from_db()
    assert (release.period, release.number, release.threshold) == ("2026Q1", 1, 5)
    assert release.requested_by == dora
    assert release.corrects is None
    assert release.status == ReleaseStatus.READY
    assert release.task_id  # the ImmediateBackend's result id
    assert engine.calls == ["2026Q1"]
    [entry] = _audits(AuditAction.STATISTICS_RELEASE_REQUEST)
    assert entry.actor == dora
    assert entry.target_id == str(release.pk)
    assert entry.details == {"period": "2026Q1", "number": 1, "corrects": None}


@override_settings(STATISTICS_SUPPRESSION_THRESHOLD=8)
def test_the_threshold_comes_from_the_settings(dora, engine):
    assert _request(dora, enqueue=False).threshold == 8


def test_a_request_accepts_a_period_object_and_a_year(dora, engine):
    assert _request(dora, Period(2025, 4), enqueue=False).period == "2025Q4"
    assert _request(dora, "2025", enqueue=False).period == "2025"


@pytest.mark.parametrize(
    ("period", "today", "message"),
    [
        ("2026Q1", date(2026, 3, 31), "is not over yet"),
        ("2026Q2", APRIL, "is not over yet"),
        ("2026", APRIL, "is not over yet"),
        ("2026Q5", APRIL, "is not a period"),
        ("primo trimestre", APRIL, "is not a period"),
    ],
)
def test_a_period_not_over_or_not_a_period_is_refused_and_nothing_is_written(
    dora, engine, django_capture_on_commit_callbacks, period, today, message
):
    audited = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as e:
        release_request(period=period, actor=dora, today=today)
    assert message in " ".join(e.value.messages)
    assert callbacks == []
    assert Release.objects.count() == 0
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize("status", [ReleaseStatus.COMPUTING, ReleaseStatus.READY])
def test_one_open_release_per_period(dora, engine, status):
    release_make("2026Q1", status=status, number=1)
    audited = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as e:
        _request(dora)
    assert "already has a release being computed or waiting for review" in e.value.messages[0]
    assert Release.objects.count() == 1
    assert AuditEntry.objects.count() == audited
    # Another period is free.
    assert _request(dora, "2025Q4", enqueue=False).number == 1


def test_a_failed_or_discarded_release_does_not_block_and_numbers_go_on(dora, engine):
    release_make("2026Q1", status=ReleaseStatus.FAILED, number=1)
    release_make("2026Q1", status=ReleaseStatus.DISCARDED, number=2)
    release = _request(dora, enqueue=False)
    assert release.number == 3
    assert release.corrects is None


def test_a_correction_needs_a_note_and_corrects_the_latest_published(dora, engine):
    first = release_make("2026Q1", status=ReleaseStatus.PUBLISHED, number=1)
    second = release_make("2026Q1", status=ReleaseStatus.PUBLISHED, number=2)
    with pytest.raises(ValidationError) as e:
        _request(dora, notes="   ")
    assert "already published" in e.value.messages[0]
    assert Release.objects.count() == 2

    correction = _request(dora, notes="Contatti di Molfetta attribuiti a Bari.", enqueue=False)
    assert correction.number == 3
    assert correction.corrects == second
    assert correction.notes == "Contatti di Molfetta attribuiti a Bari."
    [entry] = _audits(AuditAction.STATISTICS_RELEASE_REQUEST)
    assert entry.details["corrects"] == second.pk
    assert first.corrections.count() == 0


# --- Compute -------------------------------------------------------------------------------


def test_compute_stores_protected_public_tables_and_full_reserved_ones(dora, engine):
    release = _ready(dora, engine)
    assert release.status == ReleaseStatus.READY
    assert release.progress == 100
    assert release.contacts_count == CONTACTS
    assert release.disclosure == REPORT
    assert release.computed_at is not None
    assert release.error == ""

    public = ReleaseTable.objects.filter(release=release, audience=Audience.PUBLIC)
    reserved = ReleaseTable.objects.filter(release=release, audience=Audience.RESERVED)
    assert public.count() == PUBLIC_TABLE_COUNT == 36
    assert reserved.count() == RESERVED_TABLE_COUNT == 56
    # Only public tables at public levels went through the disclosure control…
    assert len(engine.protect_inputs) == 36
    assert all(TABLES_BY_ID[t.table_id].public for t in engine.protect_inputs)
    assert {t.level for t in engine.protect_inputs} == set(PUBLIC_LEVELS)
    # …and are stored as it returned them; the reserved ones are whole.
    assert all(table.payload["cells"][0][0] is None for table in public)
    assert all(table.payload["cells"][0][0] == 7 for table in reserved)
    assert not public.filter(level=Level.PROVINCE).exists()
    national = reserved.get(level=Level.NATIONAL, table_id="contacts_validity_channel")
    assert (national.area_code, national.area_name, national.position) == ("IT", "Italia", 0)
    assert reserved.get(level=Level.TERRITORY, table_id="emergencies").position == 13

    [entry] = _audits(AuditAction.STATISTICS_RELEASE_COMPUTE)
    assert entry.actor is None
    assert entry.details == {
        "period": "2026Q1",
        "number": 1,
        "outcome": "ready",
        "tables": 92,
        "contacts": 42,
        "primary": 3,
        "secondary": 4,
    }


def test_progress_is_written_as_the_engine_reports_it(dora, engine):
    _ready(dora, engine)
    # The engine's 0–100 is the bar's 0–90: the disclosure control takes the rest.
    assert engine.progress_seen == [(0, "Reading the territories"), (45, "Victims by citizenship")]


def test_compute_again_on_a_ready_release_changes_nothing(dora, engine):
    release = _ready(dora, engine)
    ids = set(ReleaseTable.objects.values_list("pk", flat=True))
    again = release_compute(release.pk)
    assert again.status == ReleaseStatus.READY
    assert set(ReleaseTable.objects.values_list("pk", flat=True)) == ids
    assert engine.calls == ["2026Q1"]
    assert len(_audits(AuditAction.STATISTICS_RELEASE_COMPUTE)) == 1


def test_a_failed_computation_leaves_a_safe_message_and_no_table(dora, engine):
    engine.fail_with = ZeroDivisionError("contact 072006 Maria Rossi")
    release = _ready(dora, engine)
    assert release.status == ReleaseStatus.FAILED
    assert release.error == "ZeroDivisionError at 45% (Victims by citizenship)"
    assert "Maria" not in release.error
    assert not ReleaseTable.objects.filter(release=release).exists()
    [entry] = _audits(AuditAction.STATISTICS_RELEASE_COMPUTE)
    assert entry.details["outcome"] == "failed"
    assert entry.details["error"] == "ZeroDivisionError"
    # A failed release no longer blocks the period.
    assert _request(dora, enqueue=False).number == 2


def test_a_failure_while_protecting_leaves_no_table(dora, engine, monkeypatch):
    monkeypatch.setattr(engine, "protect", lambda tables, atoms, threshold: ([], {}))
    import rete.statistics.disclosure as disclosure

    monkeypatch.setattr(disclosure, "protect_release", engine.protect)
    release = _ready(dora, engine)
    assert release.status == ReleaseStatus.FAILED
    assert release.error.startswith("RuntimeError at 90%")
    assert ReleaseTable.objects.count() == 0


# --- Publish, discard ----------------------------------------------------------------------


def test_publish_a_ready_release(dora, engine):
    release = release_publish(release=_ready(dora, engine), actor=dora)
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED
    assert release.published_by == dora
    assert release.published_at is not None
    assert release_published_latest("2026Q1") == release
    [entry] = _audits(AuditAction.STATISTICS_RELEASE_PUBLISH)
    assert entry.details == {"period": "2026Q1", "number": 1, "corrects": None}


@pytest.mark.parametrize(
    "status",
    [
        ReleaseStatus.COMPUTING,
        ReleaseStatus.FAILED,
        ReleaseStatus.PUBLISHED,
        ReleaseStatus.DISCARDED,
    ],
)
def test_only_a_ready_release_is_published(dora, status):
    release = release_make("2026Q1", status=status)
    with pytest.raises(ValidationError) as e:
        release_publish(release=release, actor=dora)
    assert "Only a release ready for review can be published" in e.value.messages[0]
    release.refresh_from_db()
    assert release.status == status
    assert not _audits(AuditAction.STATISTICS_RELEASE_PUBLISH)


def test_a_release_whose_disclosure_check_failed_is_not_published(dora, engine):
    engine.report["min_width"] = 5  # not wider than the threshold
    release = _ready(dora, engine)
    with pytest.raises(ValidationError) as e:
        release_publish(release=release, actor=dora)
    assert "disclosure check failed" in e.value.messages[0]
    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY


def test_a_published_correction_is_the_latest_and_the_first_stays_published(dora, engine):
    first = release_publish(release=_ready(dora, engine), actor=dora)
    second = _ready(dora, engine, notes="Ricalcolo dopo la revisione delle classificazioni.")
    assert (second.number, second.corrects_id) == (2, first.pk)
    # Until the correction is published, the public reads the first release.
    assert release_published_latest("2026Q1") == first
    release_publish(release=second, actor=dora)
    first.refresh_from_db()
    assert first.status == ReleaseStatus.PUBLISHED
    assert release_published_latest("2026Q1") == second


def test_discard_a_ready_or_failed_release_with_a_reason(dora, engine):
    release = release_discard(
        release=_ready(dora, engine), actor=dora, reason="  Dati  incompleti "
    )
    assert release.status == ReleaseStatus.DISCARDED
    assert release.discard_reason == "Dati incompleti"
    [entry] = _audits(AuditAction.STATISTICS_RELEASE_DISCARD)
    # The reason is typed by a person: the log keeps its length only.
    assert entry.details == {"period": "2026Q1", "number": 1, "reason_length": 15}
    failed = release_make("2025Q4", status=ReleaseStatus.FAILED)
    assert release_discard(release=failed, actor=dora, reason="Errore").status == "discarded"


def test_discard_needs_a_reason_and_a_ready_or_failed_release(dora):
    ready = release_make("2026Q1", status=ReleaseStatus.READY)
    with pytest.raises(ValidationError):
        release_discard(release=ready, actor=dora, reason=" ")
    for status in (ReleaseStatus.COMPUTING, ReleaseStatus.PUBLISHED, ReleaseStatus.DISCARDED):
        release = release_make(
            "2025Q1", status=status, number={"computing": 1, "published": 2, "discarded": 3}[status]
        )
        with pytest.raises(ValidationError) as e:
            release_discard(release=release, actor=dora, reason="Errore")
        assert "can be discarded" in e.value.messages[0]
        release.refresh_from_db()
        assert release.status == status
    ready.refresh_from_db()
    assert ready.status == ReleaseStatus.READY
    assert not _audits(AuditAction.STATISTICS_RELEASE_DISCARD)


# --- Frozen --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [ReleaseStatus.PUBLISHED, ReleaseStatus.DISCARDED])
def test_a_published_or_discarded_release_and_its_tables_never_change(status):
    # Each refusal in a savepoint of its own: a refused delete spoils its transaction.
    release = release_make("2026Q1", status=status)
    table = release.tables.first()
    release.notes = "ritocco"
    with pytest.raises(ReleaseFrozen), transaction.atomic():
        release.save()
    # Refused by the protected tables already, and by the guard without them.
    with pytest.raises((ReleaseFrozen, ProtectedError)), transaction.atomic():
        release.delete()
    table.payload = {"cells": []}
    with pytest.raises(ReleaseFrozen), transaction.atomic():
        table.save()
    with pytest.raises(ReleaseFrozen), transaction.atomic():
        table.delete()
    with pytest.raises(ReleaseFrozen), transaction.atomic():
        ReleaseTable.objects.filter(release=release).delete()
    with pytest.raises(ReleaseFrozen), transaction.atomic():
        ReleaseTable.objects.create(
            release=release,
            audience=Audience.PUBLIC,
            level=Level.NATIONAL,
            area_code="XX",
            area_name="Altrove",
            table_id="victims_citizenship",
            position=7,
            payload={},
        )
    assert ReleaseTable.objects.filter(release=release).count() == 12 * 3 + 14 * 3


def test_a_published_release_without_tables_is_not_deleted_either():
    release = release_make("2026Q1", status=ReleaseStatus.PUBLISHED, areas=(), reserved_areas=())
    with pytest.raises(ReleaseFrozen), transaction.atomic():
        release.delete()
    assert Release.objects.filter(pk=release.pk).exists()


def test_a_release_under_review_may_still_change():
    release = release_make("2026Q1", status=ReleaseStatus.READY)
    release.notes = "nota"
    release.save()
    release.tables.first().delete()


# --- The real chain --------------------------------------------------------------------------


def test_real_chain_end_to_end(dora):
    """REAL CHAIN: rete.statistics.compute (helper A) and rete.statistics.disclosure
    (helper C), no stand-in, on twelve hand-made contacts of 2026Q1."""
    operator = make_person("olga", HELPLINE_OPERATOR)
    assert contacts_make(operator) == 12
    release = _ready(dora, None)
    assert release.status == ReleaseStatus.READY, release.error
    assert release.contacts_count == 12
    assert release.progress == 100
    reserved = ReleaseTable.objects.get(
        release=release,
        audience=Audience.RESERVED,
        level=Level.NATIONAL,
        table_id="contacts_validity_channel",
    ).payload
    assert reserved["total"] == 12
    valid = reserved["row_codes"].index("valid")
    assert reserved["row_totals"][valid] == 10
    assert reserved["column_totals"][reserved["column_codes"].index("phone")] == 8
    # Public: no published value between 1 and the threshold.
    public = ReleaseTable.objects.filter(release=release, audience=Audience.PUBLIC)
    assert public.exists()
    for table in public:
        if TABLES_BY_ID[table.table_id].is_measures:
            continue
        payload = table.payload
        values = [v for row in payload["cells"] for v in row]
        values += list(payload["row_totals"]) + list(payload["column_totals"]) + [payload["total"]]
        assert all(v is None or v == 0 or v > release.threshold for v in values), table.table_id
    assert set(release.disclosure) >= {"threshold", "primary", "secondary", "min_width"}
    release_publish(release=release, actor=dora)
    assert release_published_latest("2026Q1") == release
