"""The rules of a protocol's versions, as plain functions over dates (no database).

A territory's protocol changes by new versions: a **renewal** (the protocol goes on after
its end) or an **amendment** (its terms change from a date). Both are new `Protocol` rows
pointing to the version they change (`previous`).

The routing counts the window of every *active* protocol of a territory (DESIGN.md: "a
protocol is in force at an instant when its status is active and the local date lies in
[valid_from, valid_to]"). So that the routing follows **the version in force**, this rule
holds for every territory:

    On any day at most one active version of a territory's protocol is in force.

It is kept when a version becomes active (recorded as active, or a draft activated):

- every other active version that starts BEFORE the new one and is still valid on the new
  one's first day is superseded: its `valid_to` becomes the day before the new `valid_from`
  (the change is audited as "protocol.supersede");
- an active version that starts ON or AFTER the new one's first day and overlaps it is a
  conflict: the activation is refused (the Department terminates one of them first).

A renewal whose start leaves a gap after the previous end leaves the territory out of
direct transfer in the gap: the routing orients the callers there, as the seed wants.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rete.network.models import ProtocolKind, ProtocolStatus

# How long before its end a protocol in force is called "ending" (reminders, banners).
ENDING_NOTICE_DAYS = 60
LAST_CALL_DAYS = 15


@dataclass(frozen=True, slots=True)
class Window:
    """One version's validity: `valid_to` None is open-ended."""

    pk: int | None
    valid_from: date
    valid_to: date | None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, other: Window) -> bool:
        starts_before_other_ends = other.valid_to is None or self.valid_from <= other.valid_to
        ends_after_other_starts = self.valid_to is None or other.valid_from <= self.valid_to
        return starts_before_other_ends and ends_after_other_starts


class VersionConflict(ValidationError):
    """Activating the version would leave two versions in force on the same days."""


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def version_dates_errors(
    *,
    kind: str,
    previous: Window,
    previous_status: str,
    valid_from: date,
    valid_to: date | None,
) -> dict[str, str]:
    """What is wrong with the dates of a new version of `previous` ({} when nothing):
    field name (or "" for the whole form) -> message."""
    errors: dict[str, str] = {}
    if previous_status == ProtocolStatus.DRAFT:
        errors[""] = _("A draft is not amended or renewed: activate it first.")
        return errors
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = _("The end of validity cannot come before its start.")
        return errors
    if valid_from <= previous.valid_from:
        errors["valid_from"] = _(
            "A new version starts after the version it changes (which starts on %(day)s)."
        ) % {"day": _day(previous.valid_from)}
        return errors
    if kind == ProtocolKind.AMENDMENT:
        if previous_status == ProtocolStatus.TERMINATED:
            errors["kind"] = _("A terminated protocol is not amended: record a renewal.")
        elif previous.valid_to is not None and valid_from > previous.valid_to:
            errors["valid_from"] = _(
                "An amendment applies while the protocol it changes is valid (until %(day)s): "
                "after that, record a renewal."
            ) % {"day": _day(previous.valid_to)}
    elif kind == ProtocolKind.RENEWAL:
        if previous.valid_to is not None and valid_to is not None and valid_to <= previous.valid_to:
            errors["valid_to"] = _(
                "A renewal runs beyond the end of the protocol it renews (%(day)s)."
            ) % {"day": _day(previous.valid_to)}
    else:
        errors["kind"] = _("Choose a renewal or an amendment.")
    return errors


def amendment_end(previous: Window, valid_to: date | None) -> date | None:
    """An amendment changes the terms, not the duration: without an end of its own it ends
    when the version it amends would have ended."""
    return valid_to if valid_to is not None else previous.valid_to


def superseded_ends(new: Window, active: Iterable[Window]) -> dict[int, date]:
    """The versions `new` supersedes when it becomes active, with their new last day
    ({pk: valid_to}); raises VersionConflict when an active version starting on or after
    `new`'s first day overlaps it. `active`: the territory's other active versions."""
    cut: dict[int, date] = {}
    last_day_before = new.valid_from - timedelta(days=1)
    for other in active:
        if other.pk == new.pk or not other.overlaps(new):
            continue
        if other.valid_from >= new.valid_from:
            raise VersionConflict(
                _(
                    "Another version is in force from %(day)s on these dates: terminate it "
                    "before activating this one."
                )
                % {"day": _day(other.valid_from)},
                code="version_conflict",
            )
        cut[other.pk] = last_day_before  # type: ignore[index]
    return cut


def termination_error(*, effective: date, today: date) -> str | None:
    """A termination takes effect on `effective` (the first day no longer in force); it is
    recorded once it has: a later date would take the protocol out of the routing today."""
    if effective > today:
        return _(
            "A termination is recorded once it takes effect: the date cannot be later than today."
        )
    return None


def terminated_end(window: Window, effective: date) -> date | None:
    """The last day in force of a version terminated from `effective`: the day before,
    unless it had ended already (or had not begun: then its dates stay as recorded)."""
    last = effective - timedelta(days=1)
    if last < window.valid_from:
        return window.valid_to
    if window.valid_to is not None and window.valid_to <= last:
        return window.valid_to
    return last


def days_left(window: Window, today: date) -> int | None:
    """Days from `today` to the last day in force (0: it ends today); None: open-ended."""
    if window.valid_to is None:
        return None
    return (window.valid_to - today).days


def reminder_due(left: int) -> str | None:
    """Which reminder a protocol ending in `left` days is due: "ends_in_15" within the
    last 15 days, else "ends_in_60" within 60 days. A day the job did not run still sends
    the reminder of the window it falls in (once: notices are once per key)."""
    if 0 <= left <= LAST_CALL_DAYS:
        return "ends_in_15"
    if LAST_CALL_DAYS < left <= ENDING_NOTICE_DAYS:
        return "ends_in_60"
    return None
