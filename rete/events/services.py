"""Writes of the events: the Department's registration settings, a person's registration
and its cancellation, the documents attached after an event. Each is one transaction with
its audit entry as its last statement.

Places are counted under a lock on the event's settings row (`select_for_update`): two
people asking for the last place at the same moment are served one after the other, and
the second is refused.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rete.accounts.models import Grant
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.events.models import EventDocument, Registration, RegistrationSettings
from rete.events.rules import (
    attendance_modes,
    cancellation_refusal,
    registration_refusal,
    settings_errors,
)
from rete.notices.services import notify
from rete.portal.http import content_changed
from rete.publications.models import Document, DocumentCategory, Event, Status

EVENT_TARGET = "publications.event"
REGISTRATION_TARGET = "events.registration"
EVENT_SETTINGS_CHANGE = AuditAction.EVENT_SETTINGS_CHANGE
SLUG_MAX = 200


class RegistrationRefused(ValidationError):
    """The registration (or its cancellation) is not accepted; the message says why."""


def active_registrations(event: Event):
    return Registration.objects.filter(event=event, cancelled_at__isnull=True)


def registration_settings_save(
    *,
    actor: AbstractBaseUser,
    event: Event,
    is_open: bool,
    capacity: int | None,
    deadline: datetime | None,
    ip_address: str | None = None,
) -> RegistrationSettings:
    with transaction.atomic():
        settings, _created = RegistrationSettings.objects.get_or_create(event=event)
        settings = RegistrationSettings.objects.select_for_update().get(pk=settings.pk)
        errors = settings_errors(
            event=event,
            capacity=capacity,
            deadline=deadline,
            active=active_registrations(event).count(),
        )
        if errors:
            raise ValidationError({field: [message] for field, message in errors.items()})
        settings.is_open = is_open
        settings.capacity = capacity
        settings.deadline = deadline
        settings.full_clean()
        settings.save()
        audit_record(
            actor=actor,
            action=EVENT_SETTINGS_CHANGE,
            target_type=EVENT_TARGET,
            target_id=event.pk,
            details={
                "open": is_open,
                "capacity": capacity,
                "deadline": deadline.isoformat() if deadline else None,
            },
            ip_address=ip_address,
        )
    return settings


def _origin(person: AbstractBaseUser) -> tuple[int | None, int | None]:
    """The territory and organisation of the person's first grant in force that has them."""
    grants = Grant.objects.filter(user=person, revoked_at__isnull=True).order_by("pk")
    territory_id = next((g.territory_id for g in grants if g.territory_id), None)
    organization_id = next((g.organization_id for g in grants if g.organization_id), None)
    return territory_id, organization_id


def event_register(
    *,
    actor: AbstractBaseUser,
    event: Event,
    mode: str,
    accessibility_needs: str = "",
    now: datetime | None = None,
    ip_address: str | None = None,
) -> Registration:
    """Register `actor` to `event`; RegistrationRefused (nothing written) when registration
    is closed, the event is full, or the person is already registered."""
    now = now or timezone.now()
    if mode not in attendance_modes(event):
        raise RegistrationRefused({"mode": [_("This event cannot be attended that way.")]})
    territory_id, organization_id = _origin(actor)
    with transaction.atomic():
        settings = RegistrationSettings.objects.select_for_update().filter(event=event).first()
        active = active_registrations(event)
        if active.filter(user=actor).exists():
            raise RegistrationRefused(_("You are already registered to this event."))
        refusal = registration_refusal(settings, event, now=now, active=active.count())
        if refusal:
            raise RegistrationRefused(refusal)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    user=actor,
                    territory_id=territory_id,
                    organization_id=organization_id,
                    mode=mode,
                    accessibility_needs=accessibility_needs.strip(),
                    registered_at=now,
                )
        except IntegrityError:  # a second click of the same person, in another request
            raise RegistrationRefused(_("You are already registered to this event.")) from None
        notify(
            [actor],
            key=f"event.{event.pk}.registered.{actor.pk}",
            subject=_("Registration confirmed: %(title)s") % {"title": event.title},
            body=_("You are registered to “%(title)s” on %(day)s (%(mode)s).")
            % {
                "title": event.title,
                "day": date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT"),
                "mode": registration.get_mode_display().lower(),
            },
            url=reverse("reserved:event_registration", kwargs={"pk": event.pk}),
        )
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_REGISTER,
            target_type=REGISTRATION_TARGET,
            target_id=registration.pk,
            details={
                "event": event.pk,
                "mode": mode,
                "territory": territory_id,
                "organization": organization_id,
                # Whether needs were written, never what they are.
                "accessibility_needs": bool(registration.accessibility_needs),
            },
            ip_address=ip_address,
        )
    return registration


def event_unregister(
    *,
    actor: AbstractBaseUser,
    registration: Registration,
    now: datetime | None = None,
    ip_address: str | None = None,
) -> Registration:
    """Cancel the person's own registration (before the event starts)."""
    now = now or timezone.now()
    refusal = cancellation_refusal(registration.event, now=now)
    if refusal:
        raise RegistrationRefused(refusal)
    with transaction.atomic():
        RegistrationSettings.objects.select_for_update().filter(event=registration.event).first()
        updated = Registration.objects.filter(
            pk=registration.pk, user=actor, cancelled_at__isnull=True
        ).update(cancelled_at=now)
        if not updated:
            raise RegistrationRefused(_("This registration was already cancelled."))
        registration.refresh_from_db()
        audit_record(
            actor=actor,
            action=AuditAction.EVENT_UNREGISTER,
            target_type=REGISTRATION_TARGET,
            target_id=registration.pk,
            details={"event": registration.event_id},
            ip_address=ip_address,
        )
    return registration


def document_slug(event: Event, title: str) -> str:
    suffix = get_random_string(6, allowed_chars="abcdefghijklmnopqrstuvwxyz0123456789")
    base = slugify(f"{event.slug}-{title}")[: SLUG_MAX - len(suffix) - 1].strip("-")
    return f"{base}-{suffix}"


def event_document_attach(
    *,
    actor: AbstractBaseUser,
    event: Event,
    title: str,
    summary: str,
    file: File,
    ip_address: str | None = None,
) -> EventDocument:
    """Publish a document of the event (slides, minutes) in the public library and link it
    from the event's public page. The public pages are refreshed once it is committed."""
    document = Document(
        title=title,
        slug=document_slug(event, title),
        summary=summary or event.title,
        category=DocumentCategory.OTHER,
        status=Status.PUBLISHED,
        published_at=timezone.now(),
        file=file,
    )
    document.full_clean()  # the file's format and size (rete.publications.uploads)
    try:
        with transaction.atomic():
            document.save()
            link = EventDocument.objects.create(event=event, document=document, uploaded_by=actor)
            # The link is what the event page shows: its cached copies must go.
            transaction.on_commit(content_changed)
            audit_record(
                actor=actor,
                action=AuditAction.EVENT_DOCUMENT_UPLOAD,
                target_type=EVENT_TARGET,
                target_id=event.pk,
                details={
                    "document": document.pk,
                    "format": document.file_format.key if document.file_format else "",
                },
                ip_address=ip_address,
            )
    except BaseException:
        # Stored by the save, then rolled back: the file must not stay behind.
        if document.file.name and getattr(document.file, "_committed", False):
            document.file.storage.delete(document.file.name)
        raise
    return link
