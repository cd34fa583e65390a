"""When a registration is accepted: open, before the deadline (never after the start), with
places left; how one may attend; what settings make sense."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rete.events.models import RegistrationSettings
from rete.events.rules import (
    attendance_modes,
    cancellation_refusal,
    places_left,
    registration_closes_at,
    registration_refusal,
    settings_errors,
)
from rete.publications.models import Event

STARTS = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
BEFORE = STARTS - timedelta(days=5)


def event(**fields) -> Event:
    return Event(starts_at=STARTS, place=fields.pop("place", "Bari"), **fields)


def settings(**fields) -> RegistrationSettings:
    return RegistrationSettings(**{"is_open": True, **fields})


def test_it_accepts_while_open_with_places_left():
    assert registration_refusal(settings(capacity=10), event(), now=BEFORE, active=9) is None


def test_it_refuses_when_not_open_or_without_settings():
    assert registration_refusal(settings(is_open=False), event(), now=BEFORE, active=0)
    assert registration_refusal(None, event(), now=BEFORE, active=0)


def test_it_refuses_after_the_deadline():
    deadline = STARTS - timedelta(days=7)

    assert registration_refusal(settings(deadline=deadline), event(), now=BEFORE, active=0)
    assert (
        registration_refusal(
            settings(deadline=deadline), event(), now=deadline - timedelta(minutes=1), active=0
        )
        is None
    )


def test_without_a_deadline_it_closes_when_the_event_starts():
    assert registration_closes_at(settings(), event()) == STARTS
    assert registration_refusal(settings(), event(), now=STARTS, active=0)


def test_a_deadline_after_the_start_does_not_extend_it():
    assert registration_closes_at(settings(deadline=STARTS + timedelta(days=1)), event()) == STARTS


def test_it_refuses_when_full():
    assert registration_refusal(settings(capacity=2), event(), now=BEFORE, active=2)
    assert places_left(settings(capacity=2), 3) == 0
    assert places_left(settings(), 300) is None


def test_a_registration_cannot_be_cancelled_once_the_event_started():
    assert cancellation_refusal(event(), now=STARTS)
    assert cancellation_refusal(event(), now=BEFORE) is None


@pytest.mark.parametrize(
    ("place", "online", "modes"),
    [
        ("Bari", False, ["in_person"]),
        ("", True, ["online"]),
        ("Roma", True, ["in_person", "online"]),
    ],
)
def test_it_offers_the_ways_the_event_can_be_attended(place, online, modes):
    assert attendance_modes(event(place=place, online=online)) == modes


def test_settings_refuse_a_deadline_after_the_start_and_fewer_places_than_registered():
    errors = settings_errors(
        event=event(), capacity=3, deadline=STARTS + timedelta(hours=1), active=5
    )

    assert set(errors) == {"deadline", "capacity"}
