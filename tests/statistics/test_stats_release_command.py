"""`rete stats-release PERIOD [--publish] [--note TEXT]`: computes in its own process, prints
a progress line per step and the summary, publishes on request; refuses with a clear
message, a non-zero exit and nothing changed."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.models import Release, ReleaseStatus
from tests.statistics.factories import release_make
from tests.statistics.releases.engine import install_fake_engine

pytestmark = pytest.mark.django_db
# A closed period whatever today's date; and one that will not be closed for a long time.
CLOSED = "2025Q4"
FUTURE = "2099Q1"


@pytest.fixture(autouse=True)
def _english():
    # The messages are compared in English, whatever the translations say.
    with translation.override("en"):
        yield


@pytest.fixture
def engine(monkeypatch):
    return install_fake_engine(monkeypatch)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("stats-release", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_computes_and_prints_the_summary_without_publishing(engine):
    output = _run(CLOSED)
    lines = output.splitlines()
    assert lines[0] == "Computing release 1 of 2025Q4…"
    assert "[  0%] Reading the contacts" in lines
    assert "[ 45%] Victims by citizenship" in lines
    assert "[ 90%] Disclosure control of the public tables" in lines
    assert "Contacts in the period: 42" in lines
    assert "Tables: 36 public, 56 reserved" in lines
    assert "Suppressed values: 3 primary, 4 secondary (threshold 5)" in lines
    assert "Linear-programming check: narrowest range of a suppressed value 12" in lines
    release = Release.objects.get()
    assert (release.period, release.number, release.status) == ("2025Q4", 1, "ready")
    assert release.requested_by is None
    assert not AuditEntry.objects.filter(action=AuditAction.STATISTICS_RELEASE_PUBLISH).exists()


def test_with_publish_it_publishes(engine):
    output = _run(CLOSED, "--publish")
    assert output.splitlines()[-1] == "Published: release 1 of 2025Q4."
    release = Release.objects.get()
    assert release.status == ReleaseStatus.PUBLISHED
    assert AuditEntry.objects.filter(action=AuditAction.STATISTICS_RELEASE_PUBLISH).count() == 1


def test_a_correction_needs_a_note_then_gets_number_2(engine):
    first = release_make(CLOSED, status=ReleaseStatus.PUBLISHED)
    with pytest.raises(CommandError, match="already published"):
        _run(CLOSED, "--publish")
    assert Release.objects.count() == 1
    _run(CLOSED, "--publish", "--note", "Contatti riclassificati.")
    correction = Release.objects.get(number=2)
    assert correction.corrects == first
    assert correction.notes == "Contatti riclassificati."
    assert correction.status == ReleaseStatus.PUBLISHED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2025Q7",), "is not a period"),
        ((FUTURE,), "is not over yet"),
    ],
)
def test_a_bad_or_open_period_is_refused_and_nothing_changes(engine, args, message):
    audited = AuditEntry.objects.count()
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert Release.objects.count() == 0
    assert AuditEntry.objects.count() == audited
    assert engine.calls == []


def test_a_period_with_an_open_release_is_refused(engine):
    release_make(CLOSED, status=ReleaseStatus.READY)
    with pytest.raises(CommandError, match="waiting for review"):
        _run(CLOSED)
    assert Release.objects.count() == 1
    assert engine.calls == []


def test_a_failed_computation_exits_non_zero(engine):
    engine.fail_with = KeyError("x")
    with pytest.raises(CommandError, match="The computation failed: KeyError at 45%"):
        _run(CLOSED, "--publish")
    assert Release.objects.get().status == ReleaseStatus.FAILED


def test_the_exit_code_is_non_zero_from_the_console(engine, capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["rete", "stats-release", FUTURE])
    assert exit_.value.code == 1
    assert "is not over yet" in capsys.readouterr().err


def test_last_means_the_last_closed_quarter_for_a_scheduled_run(engine, set_clock):
    # On the first day of a quarter, as a cron job would run it.
    set_clock(datetime.fromisoformat("2026-04-01T06:00:00+02:00"))
    output = _run("last")
    assert output.splitlines()[0] == "Computing release 1 of 2026Q1…"
    assert Release.objects.get().period == "2026Q1"
