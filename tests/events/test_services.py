"""Registering, cancelling, attaching documents: the places are counted under the settings'
lock, the person is registered once, the confirmation is a notice and an e-mail, and every
step is audited without the accessibility needs' text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from rete.audit.models import AuditAction, AuditEntry
from rete.events.models import EventDocument, Registration
from rete.events.services import (
    RegistrationRefused,
    event_document_attach,
    event_register,
    event_unregister,
    registration_settings_save,
)
from rete.notices.models import Notice
from rete.publications.models import Document
from tests.events.conftest import pdf_upload


def test_it_registers_a_person_with_where_she_comes_from(
    seminar, people, net, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = event_register(
            actor=people.referent_a,
            event=seminar,
            mode="online",
            accessibility_needs="Interprete LIS",
        )

    assert registration.territory == net.a
    assert registration.organization.ext_id == "org-aurora"
    notice = Notice.objects.get(recipient=people.referent_a)
    assert notice.key == f"event.{seminar.pk}.registered.{people.referent_a.pk}"
    assert notice.url == f"/area-riservata/eventi/{seminar.pk}/"
    assert [m.to for m in mailoutbox] == [[people.referent_a.email]]
    entry = AuditEntry.objects.get(action=AuditAction.EVENT_REGISTER)
    assert entry.details["event"] == seminar.pk
    assert entry.details["accessibility_needs"] is True
    assert "LIS" not in str(entry.details)


def test_it_registers_a_person_once(seminar, people):
    event_register(actor=people.referent_a, event=seminar, mode="in_person")

    with pytest.raises(RegistrationRefused):
        event_register(actor=people.referent_a, event=seminar, mode="in_person")

    assert Registration.objects.count() == 1


def test_the_database_keeps_one_active_registration_per_person(seminar, people):
    event_register(actor=people.referent_a, event=seminar, mode="in_person")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=seminar, user=people.referent_a, mode="online", registered_at=timezone.now()
        )


def test_it_refuses_the_registration_when_the_event_is_full(seminar, people):
    event_register(actor=people.referent_a, event=seminar, mode="in_person")
    event_register(actor=people.referent_b, event=seminar, mode="in_person")

    with pytest.raises(RegistrationRefused) as refused, translation.override("en"):
        event_register(actor=people.netop_a, event=seminar, mode="in_person")

    assert "full" in refused.value.messages[0]
    assert Registration.objects.filter(event=seminar).count() == 2
    assert not AuditEntry.objects.filter(
        action=AuditAction.EVENT_REGISTER, actor=people.netop_a
    ).exists()


def test_a_cancellation_frees_the_place(seminar, people):
    first = event_register(actor=people.referent_a, event=seminar, mode="in_person")
    event_register(actor=people.referent_b, event=seminar, mode="in_person")

    event_unregister(actor=people.referent_a, registration=first)
    event_register(actor=people.netop_a, event=seminar, mode="online")
    # And the person who cancelled may register again when a place is free.
    event_unregister(
        actor=people.netop_a, registration=Registration.objects.get(user=people.netop_a)
    )
    again = event_register(actor=people.referent_a, event=seminar, mode="online")

    assert again.pk != first.pk
    assert AuditEntry.objects.filter(action=AuditAction.EVENT_UNREGISTER).count() == 2


def test_it_refuses_after_the_deadline(seminar, people):
    late = seminar.starts_at - timedelta(days=1)

    with pytest.raises(RegistrationRefused):
        event_register(actor=people.referent_a, event=seminar, mode="in_person", now=late)


def test_it_refuses_a_way_of_attending_the_event_does_not_offer(seminar, people):
    seminar.online = False
    seminar.save()

    with pytest.raises(RegistrationRefused):
        event_register(actor=people.referent_a, event=seminar, mode="online")


def test_the_settings_refuse_fewer_places_than_people_registered(seminar, people):
    event_register(actor=people.referent_a, event=seminar, mode="in_person")
    event_register(actor=people.referent_b, event=seminar, mode="in_person")

    with pytest.raises(ValidationError) as refused:
        registration_settings_save(
            actor=people.admin, event=seminar, is_open=True, capacity=1, deadline=None
        )

    assert "capacity" in refused.value.message_dict


def test_a_document_attached_is_public_and_audited(past_meeting, people):
    link = event_document_attach(
        actor=people.admin, event=past_meeting, title="Verbale", summary="", file=pdf_upload()
    )

    document = link.document
    assert document.is_public()
    assert document.summary == past_meeting.title
    assert document.slug.startswith("incontro-annuale-verbale-")
    entry = AuditEntry.objects.get(action=AuditAction.EVENT_DOCUMENT_UPLOAD)
    assert entry.details["document"] == document.pk


def test_a_refused_file_leaves_nothing(past_meeting, people):
    fake = SimpleUploadedFile("verbale.pdf", b"<html>", content_type="application/pdf")

    with pytest.raises(ValidationError):
        event_document_attach(
            actor=people.admin, event=past_meeting, title="Verbale", summary="", file=fake
        )

    assert not Document.objects.exists() and not EventDocument.objects.exists()
