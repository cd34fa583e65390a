"""Reads of the events in the reserved area. Every event here is one of the public agenda's
published events; the participants are read only by the organisers (the Department)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from rete.events.models import EventDocument, Registration, RegistrationSettings
from rete.events.rules import places_left, registration_closes_at, registration_refusal
from rete.publications.models import Document, Event

PAST_EVENTS_SHOWN = 10


def event_get_published(pk: int) -> Event:
    """A published event of the agenda; 404 for a draft or an unknown one."""
    event = Event.objects.published().filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def settings_of(event: Event) -> RegistrationSettings | None:
    return RegistrationSettings.objects.filter(event=event).first()


@dataclass(frozen=True, slots=True)
class EventItem:
    event: Event
    settings: RegistrationSettings | None
    registered: int
    places_left: int | None
    closes_at: datetime | None
    refusal: str | None  # why one cannot register now (None: one can)


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("registration_settings").annotate(
        active_count=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True))
    )


def _item(event: Event, *, now: datetime) -> EventItem:
    settings = getattr(event, "registration_settings", None)
    active = getattr(event, "active_count", None)
    if active is None:
        active = Registration.objects.filter(event=event, cancelled_at__isnull=True).count()
    return EventItem(
        event=event,
        settings=settings,
        registered=active,
        places_left=places_left(settings, active) if settings else None,
        closes_at=registration_closes_at(settings, event) if settings else None,
        refusal=registration_refusal(settings, event, now=now, active=active),
    )


def event_item(event: Event, *, now: datetime) -> EventItem:
    return _item(_with_counts(Event.objects.filter(pk=event.pk)).get(), now=now)


def events_upcoming(*, now: datetime, open_only: bool) -> list[EventItem]:
    """The agenda's published events not over yet; `open_only`: those taking registrations."""
    events = _with_counts(Event.objects.published(now).upcoming(now))
    if open_only:
        events = events.filter(registration_settings__is_open=True)
    return [_item(event, now=now) for event in events]


def events_past(*, now: datetime) -> QuerySet[Event]:
    return (
        Event.objects.published(now)
        .past(now)
        .annotate(documents_count=Count("event_documents"))[:PAST_EVENTS_SHOWN]
    )


def registrations_of(person: AbstractBaseUser, *, now: datetime) -> QuerySet[Registration]:
    """The person's registrations in force to events not over yet."""
    return (
        Registration.objects.filter(user=person, cancelled_at__isnull=True)
        .filter(
            Q(event__ends_at__gte=now) | Q(event__ends_at__isnull=True, event__starts_at__gte=now)
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def registration_of(person: AbstractBaseUser, event: Event) -> Registration | None:
    return Registration.objects.filter(user=person, event=event, cancelled_at__isnull=True).first()


def participants(event: Event) -> QuerySet[Registration]:
    """The event's registrations in force, for the organisers."""
    return (
        Registration.objects.filter(event=event, cancelled_at__isnull=True)
        .select_related("user", "organization", "territory")
        .order_by("user__last_name", "user__first_name", "user__username", "pk")
    )


def event_documents(event: Event) -> QuerySet[EventDocument]:
    return (
        EventDocument.objects.filter(event=event)
        .select_related("document")
        .order_by("uploaded_at", "pk")
    )


def event_public_documents(event: Event) -> list[Document]:
    """The event's documents the public may see now (published ones)."""
    published = Document.objects.published().filter(event_link__event=event)
    return list(published.order_by("published_at", "pk"))
