"""The record of one 1522 contact: routing decision as it was, transfer attempts, emergency
instants, classification, outcome; call-backs and nuisance flags beside it.

The people behind these records are at risk, so a contact keeps the least: no caller name,
no caller number. A number exists only in a `Callback`, with consent, encrypted, and is
erased when the call-back is done or expires; the nuisance list keeps only keyed hashes.
Records are written only through rete.helpline.contacts.services, each write with its audit
entry; the constraints below hold what must never be wrong whatever path writes a row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rete.privacy.fields import EncryptedTextField
from rete.privacy.hashing import PHONE_DIGEST_LENGTH

IDEMPOTENCY_KEY_MAX_LENGTH = 100


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat")


class ContactStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class TransferOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    NO_ANSWER = "no_answer", _("No answer")
    BUSY = "busy", _("Busy")
    REFUSED = "refused", _("Refused")


class EmergencyOutcome(models.TextChoices):
    POLICE_ON_SITE = "police_on_site", _("Police on site")
    HANDED_OVER = "handed_over", _("Handed over to the police")
    CALL_DROPPED = "call_dropped", _("Call dropped")
    DANGER_AVERTED = "danger_averted", _("Danger averted")


class NuisanceReason(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment of the operators")
    PRANK = "prank", _("Repeated pranks")
    SILENT = "silent", _("Repeated silent calls")


class Contact(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    # A retried start (the PBX, a double click) with the same key returns the same contact.
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ContactChannel.choices)
    language = models.CharField(_("language"), max_length=10)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="helpline_contacts",
        verbose_name=_("operator"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContactStatus.choices,
        default=ContactStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    comune = models.ForeignKey(
        "geography.Comune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune"),
    )
    emergency = models.BooleanField(_("emergency"), default=False)
    # The decision as the operator saw it: the network changes, the record must not.
    decision = models.JSONField(_("routing decision"), null=True, blank=True)
    classification_version = models.ForeignKey(
        "helpline.ClassificationVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("classification version"),
    )
    classification = models.JSONField(_("classification"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=40, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True, default="")
    # One writer at a time: the operator who handles the contact, or a supervisor who took it over.
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locked by"),
    )
    # Made by `rete generate-contacts` for the demo and the benchmarks, never by a person:
    # kept apart so that it can be told from (and deleted without touching) real records.
    synthetic = models.BooleanField(_("synthetic"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["operator", "-started_at"], name="contact_operator_started"),
            # The statistics read one period at a time.
            models.Index(fields=["started_at"], name="contact_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=ContactChannel.values), name="contact_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ContactStatus.values), name="contact_status_known"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ContactStatus.IN_PROGRESS, ended_at__isnull=True)
                    | Q(status=ContactStatus.CLOSED, ended_at__isnull=False)
                ),
                name="contact_ended_at_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="contact_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(idempotency_key=""), name="contact_idempotency_key_not_empty"
            ),
            # Answers without the version they were given in would lose their meaning.
            models.CheckConstraint(
                condition=Q(classification={}) | Q(classification_version__isnull=False),
                name="contact_classification_has_version",
            ),
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class TransferAttempt(models.Model):
    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        related_name="transfer_attempts",
        verbose_name=_("contact"),
    )
    position = models.PositiveIntegerField(_("position"))
    # The service as it was at the attempt: the directory may change or drop it later.
    service_id = models.CharField(_("service id"), max_length=100)
    service_name = models.CharField(_("service name"), max_length=200)
    service_phone = models.CharField(_("service phone"), max_length=40, blank=True)
    attempted_at = models.DateTimeField(_("attempted at"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=TransferOutcome.choices)

    class Meta:
        ordering = ["contact", "position"]
        verbose_name = _("transfer attempt")
        verbose_name_plural = _("transfer attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "position"], name="transfer_attempt_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="transfer_attempt_position_positive"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=TransferOutcome.values),
                name="transfer_attempt_outcome_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.service_id} ({self.outcome})"


class EmergencyRecord(models.Model):
    """The instants of the emergency procedure, kept exactly as they were marked."""

    contact = models.OneToOneField(
        Contact,
        on_delete=models.CASCADE,
        related_name="emergency_record",
        verbose_name=_("contact"),
    )
    started_at = models.DateTimeField(_("started at"))
    police_activated_at = models.DateTimeField(_("police activated at"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    outcome_at = models.DateTimeField(_("outcome at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=40, choices=EmergencyOutcome.choices, blank=True
    )
    # The police contacts shown to the operator, as they were.
    contacts_shown = models.JSONField(_("contacts shown"), default=list, blank=True)

    class Meta:
        verbose_name = _("emergency record")
        verbose_name_plural = _("emergency records")
        constraints = [
            # Each step follows the previous one, never before it.
            models.CheckConstraint(
                condition=Q(police_activated_at__isnull=True)
                | Q(police_activated_at__gte=F("started_at")),
                name="emergency_police_after_start",
            ),
            models.CheckConstraint(
                condition=Q(handed_over_at__isnull=True)
                | Q(
                    police_activated_at__isnull=False, handed_over_at__gte=F("police_activated_at")
                ),
                name="emergency_handover_after_police",
            ),
            models.CheckConstraint(
                condition=Q(outcome_at__isnull=True, outcome="")
                | Q(
                    handed_over_at__isnull=False,
                    outcome_at__gte=F("handed_over_at"),
                    outcome__in=EmergencyOutcome.values,
                ),
                name="emergency_outcome_after_handover",
            ),
        ]

    def __str__(self) -> str:
        return f"emergency of {self.contact_id}"


class Callback(models.Model):
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="callbacks", verbose_name=_("contact")
    )
    # No consent, no call-back: the number may be kept only because she agreed.
    consent_at = models.DateTimeField(_("consent given at"))
    number = EncryptedTextField(_("number"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"))
    expires_at = models.DateTimeField(_("expires at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("number erased at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("call-back")
        verbose_name_plural = _("call-backs")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_at__isnull=False), name="callback_consent_required"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("due_at")), name="callback_expires_after_due"
            ),
            # Once erased, the number is gone; while it is kept, it has not been erased.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True, number__isnull=False)
                | Q(erased_at__isnull=False, number__isnull=True),
                name="callback_number_iff_not_erased",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(erased_at__isnull=False),
                name="callback_done_is_erased",
            ),
        ]

    def __str__(self) -> str:
        return f"call-back of {self.contact_id}"


class NuisanceFlag(models.Model):
    """A number that abuses the line, kept only as a keyed hash, for a chosen period.
    A flag shows the operator a warning; it never blocks a call."""

    number_digest = models.CharField(_("number digest"), max_length=PHONE_DIGEST_LENGTH)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=NuisanceReason.choices)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("nuisance flag")
        verbose_name_plural = _("nuisance flags")
        indexes = [models.Index(fields=["number_digest", "expires_at"], name="nuisance_digest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="nuisance_expires_after_created"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=NuisanceReason.values), name="nuisance_reason_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} until {self.expires_at:%Y-%m-%d}"
