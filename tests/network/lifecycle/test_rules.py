"""The rules of the versions as plain functions: dates of a new version, the version in
force, termination, and which reminder is due."""

from __future__ import annotations

from datetime import date

import pytest

from rete.network.lifecycle.rules import (
    VersionConflict,
    Window,
    amendment_end,
    reminder_due,
    superseded_ends,
    terminated_end,
    termination_error,
    version_dates_errors,
)

ORIGINAL = Window(1, date(2025, 1, 1), date(2026, 12, 31))


def errors(kind, start, end=None, previous=ORIGINAL, status="active"):
    return version_dates_errors(
        kind=kind, previous=previous, previous_status=status, valid_from=start, valid_to=end
    )


def test_it_accepts_a_renewal_from_the_day_after_the_end():
    assert errors("renewal", date(2027, 1, 1), date(2029, 12, 31)) == {}


def test_it_accepts_a_renewal_with_a_gap():
    assert errors("renewal", date(2027, 3, 1), None) == {}


def test_it_refuses_an_end_before_the_start():
    assert "valid_to" in errors("renewal", date(2027, 1, 1), date(2026, 6, 1))


def test_it_refuses_a_version_starting_with_or_before_the_one_it_changes():
    assert "valid_from" in errors("amendment", date(2025, 1, 1))
    assert "valid_from" in errors("renewal", date(2024, 12, 1))


def test_it_refuses_an_amendment_after_the_protocol_ended():
    assert "valid_from" in errors("amendment", date(2027, 1, 1))


def test_it_refuses_a_renewal_that_ends_before_the_protocol_it_renews():
    assert "valid_to" in errors("renewal", date(2026, 6, 1), date(2026, 12, 31))


def test_it_refuses_to_amend_a_terminated_protocol_but_renews_it():
    assert "kind" in errors("amendment", date(2025, 6, 1), status="terminated")
    assert errors("renewal", date(2027, 1, 1), status="terminated") == {}


def test_it_refuses_to_amend_a_draft():
    assert "" in errors("amendment", date(2025, 6, 1), status="draft")


def test_an_amendment_without_an_end_keeps_the_end_of_the_version_it_amends():
    assert amendment_end(ORIGINAL, None) == date(2026, 12, 31)
    assert amendment_end(ORIGINAL, date(2026, 6, 30)) == date(2026, 6, 30)


def test_a_new_active_version_supersedes_the_one_in_force_from_its_first_day():
    amendment = Window(None, date(2026, 3, 1), date(2026, 12, 31))

    assert superseded_ends(amendment, [ORIGINAL]) == {1: date(2026, 2, 28)}


def test_a_version_that_does_not_overlap_is_left_alone():
    renewal = Window(None, date(2027, 1, 1), None)

    assert superseded_ends(renewal, [ORIGINAL]) == {}


def test_a_later_version_already_active_is_a_conflict():
    later = Window(2, date(2026, 6, 1), None)
    amendment = Window(None, date(2026, 3, 1), date(2026, 12, 31))

    with pytest.raises(VersionConflict):
        superseded_ends(amendment, [ORIGINAL, later])


def test_a_termination_ends_the_protocol_the_day_before_it_takes_effect():
    assert terminated_end(ORIGINAL, date(2026, 5, 1)) == date(2026, 4, 30)
    # Already ended: its dates stay.
    assert terminated_end(ORIGINAL, date(2027, 5, 1)) == date(2026, 12, 31)
    # Never begun: its dates stay.
    assert terminated_end(ORIGINAL, date(2025, 1, 1)) == date(2026, 12, 31)


def test_a_termination_is_not_recorded_ahead_of_time():
    assert termination_error(effective=date(2026, 5, 2), today=date(2026, 5, 1))
    assert termination_error(effective=date(2026, 5, 1), today=date(2026, 5, 1)) is None


@pytest.mark.parametrize(
    ("left", "due"),
    [
        (61, None),
        (60, "ends_in_60"),
        (40, "ends_in_60"),
        (16, "ends_in_60"),
        (15, "ends_in_15"),
        (3, "ends_in_15"),
        (0, "ends_in_15"),
        (-1, None),
    ],
)
def test_it_says_which_reminder_is_due(left, due):
    assert reminder_due(left) == due
