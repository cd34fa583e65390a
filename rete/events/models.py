"""Registration to the network's events (seminars, the annual meeting of the territories)
and the documents attached after them.

The events themselves are the public agenda's (rete.publications.Event). Here:
- `RegistrationSettings`: whether and until when the people of the reserved area (every
  role: the meetings are for the network's people) may register, and how many places;
- `Registration`: one person's registration, with the organisation and territory they
  came from and their accessibility needs (free text, for the organisers only);
- `EventDocument`: a public document (rete.publications.Document) of the event — slides,
  minutes — linked from the public event page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegistrationSettings(models.Model):
    event = models.OneToOneField(
        "publications.Event",
        on_delete=models.CASCADE,
        related_name="registration_settings",
        verbose_name=_("event"),
    )
    is_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: until the event starts."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="events_capacity_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.event)


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Registration(models.Model):
    event = models.ForeignKey(
        "publications.Event",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    # Where the person came from when registering (their grant then): the list of
    # participants stays right if the grant changes later.
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territory"),
    )
    mode = models.CharField(_("attendance"), max_length=20, choices=AttendanceMode.choices)
    accessibility_needs = models.TextField(
        _("accessibility needs"),
        blank=True,
        max_length=1000,
        help_text=_("Seen only by the organisers."),
    )
    registered_at = models.DateTimeField(_("registered"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["event", "registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(cancelled_at__isnull=True),
                name="events_one_active_registration",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=[m.value for m in AttendanceMode]),
                name="events_mode_known",
            ),
        ]
        indexes = [models.Index(fields=["event", "cancelled_at"], name="events_reg_active")]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.user_id}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None


class EventDocument(models.Model):
    event = models.ForeignKey(
        "publications.Event",
        on_delete=models.CASCADE,
        related_name="event_documents",
        verbose_name=_("event"),
    )
    document = models.OneToOneField(
        "publications.Document",
        on_delete=models.CASCADE,
        related_name="event_link",
        verbose_name=_("document"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["event", "uploaded_at", "pk"]
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")

    def __str__(self) -> str:
        return str(self.document)
