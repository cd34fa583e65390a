"""Fixtures of the events: the reserved area's small network and people, a published
seminar of the agenda two weeks ahead with registration open, and a past meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rete.events.models import RegistrationSettings
from rete.publications.demofiles import pdf_make
from rete.publications.models import Event, EventKind, Status
from tests.reserved.conftest import as_person, net, people  # noqa: F401  # fixtures

PDF = pdf_make("Slide del seminario", ["Una slide."])


def pdf_upload(name: str = "slide.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def event_make(slug: str, *, starts_in: timedelta, **fields) -> Event:
    starts = (timezone.now() + starts_in).replace(microsecond=0)
    defaults = {
        "title": f"Evento {slug}",
        "summary": "Per le persone della rete.",
        "kind": EventKind.SEMINAR,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=4),
        "place": "Sala conferenze, Bari",
        "online": True,
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
    }
    defaults.update(fields)
    return Event.objects.create(slug=slug, **defaults)


@pytest.fixture
def seminar(db) -> Event:
    event = event_make("seminario-rete", starts_in=timedelta(days=14))
    RegistrationSettings.objects.create(
        event=event, is_open=True, capacity=2, deadline=event.starts_at - timedelta(days=2)
    )
    return event


@pytest.fixture
def past_meeting(db) -> Event:
    return event_make(
        "incontro-annuale", starts_in=-timedelta(days=10), kind=EventKind.ANNUAL_MEETING
    )
