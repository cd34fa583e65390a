"""When a person may register to an event, as plain functions (no database).

Registration is possible while it is open, before its deadline (or, without one, before the
event starts) and while places are left. A full event refuses the registration with a clear
message (no waiting list: the organisers raise the places or a person cancels).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from rete.events.models import AttendanceMode, RegistrationSettings
from rete.publications.models import Event


def registration_closes_at(settings: RegistrationSettings, event: Event) -> datetime:
    """The last instant a registration is taken: the deadline, never after the start."""
    if settings.deadline is not None and settings.deadline < event.starts_at:
        return settings.deadline
    return event.starts_at


def places_left(settings: RegistrationSettings, active: int) -> int | None:
    """Places still free; None: no limit."""
    if settings.capacity is None:
        return None
    return max(settings.capacity - active, 0)


def registration_refusal(
    settings: RegistrationSettings | None, event: Event, *, now: datetime, active: int
) -> str | None:
    """Why a new registration is refused now (None: it is accepted). `active`: how many
    registrations the event holds (not cancelled)."""
    if settings is None or not settings.is_open:
        return _("Registration to this event is not open.")
    if now >= registration_closes_at(settings, event):
        return _("Registration to this event is closed: the deadline has passed.")
    left = places_left(settings, active)
    if left is not None and left <= 0:
        return _("The event is full: no places are left.")
    return None


def cancellation_refusal(event: Event, *, now: datetime) -> str | None:
    if now >= event.starts_at:
        return _("The event has started: the registration can no longer be cancelled.")
    return None


def attendance_modes(event: Event) -> list[str]:
    """How one may attend: in person where there is a place, online where it is online."""
    modes = []
    if event.place:
        modes.append(AttendanceMode.IN_PERSON.value)
    if event.online:
        modes.append(AttendanceMode.ONLINE.value)
    return modes or [AttendanceMode.IN_PERSON.value]


def settings_errors(
    *, event: Event, capacity: int | None, deadline: datetime | None, active: int
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if deadline is not None and deadline > event.starts_at:
        errors["deadline"] = _("The deadline cannot come after the start of the event.")
    if capacity is not None and capacity < active:
        errors["capacity"] = _(
            "%(count)d people are already registered: the places cannot be fewer."
        ) % {"count": active}
    return errors
