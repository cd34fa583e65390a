"""Technical assistance: a territory asks the Department for help, in a thread.

A request belongs to one territory; the people of that territory (referents and network
operators) and the Department see it, nobody else. The thread holds the messages of both
sides, with their attachments (on the "reserved" storage, served only through the scope
checking view), and every change of status with who made it. Requests are never deleted:
they are the record of what the Department promised and did.

The good-practice posts of the same app live in rete.assistance.practices.models.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rete.assistance.practices.models import (  # noqa: F401  # models of this app
    Practice,
    PracticeAnswer,
    PracticeAttachment,
    PracticeTopic,
)
from rete.reserved.models import reserved_storage


class AssistanceCategory(models.TextChoices):
    PORTAL_ACCESS = "portal_access", _("Portal and access")
    DATA_MAPPING = "data_mapping", _("Data and mapping")
    ROUTING = "routing", _("Routing and transfers")
    QUESTIONNAIRES = "questionnaires", _("Monitoring questionnaires")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    OTHER = "other", _("Other")


class AssistanceStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("assistance request", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("assistance request", "In progress")
    WAITING = "waiting", pgettext_lazy("assistance request", "Waiting for the territory")
    RESOLVED = "resolved", pgettext_lazy("assistance request", "Resolved")
    CLOSED = "closed", pgettext_lazy("assistance request", "Closed")


# The statuses in which the conversation goes on (a reply may be written).
ACTIVE_STATUSES = (AssistanceStatus.OPEN, AssistanceStatus.IN_PROGRESS, AssistanceStatus.WAITING)


class Side(models.TextChoices):
    TERRITORY = "territory", _("Territory")
    DEPARTMENT = "department", _("Department")


class AssistanceRequest(models.Model):
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        related_name="assistance_requests",
        verbose_name=_("territory"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=AssistanceCategory.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssistanceStatus.choices,
        default=AssistanceStatus.OPEN,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    # True when the last message came from the territory: the Department owes an answer
    # (the list shows these first).
    awaiting_department = models.BooleanField(_("waiting for the Department"), default=True)
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        indexes = [models.Index(fields=["territory", "status"], name="assistance_terr_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in AssistanceStatus]),
                name="assistance_request_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=[c.value for c in AssistanceCategory]),
                name="assistance_request_category_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=AssistanceStatus.RESOLVED)
                | models.Q(resolved_at__isnull=False),
                name="assistance_request_resolved_dated",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=AssistanceStatus.CLOSED)
                | models.Q(closed_at__isnull=False),
                name="assistance_request_closed_dated",
            ),
            models.CheckConstraint(
                condition=~models.Q(subject=""), name="assistance_request_subject_given"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class AssistanceMessage(models.Model):
    request = models.ForeignKey(
        AssistanceRequest,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("request"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("assistance message")
        verbose_name_plural = _("assistance messages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=[s.value for s in Side]),
                name="assistance_message_side_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(body=""), name="assistance_message_body_given"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}/{self.pk}"


def assistance_upload_to(instance: AssistanceAttachment, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"assistance/{uuid.uuid4().hex}.{extension}"


class AssistanceAttachment(models.Model):
    message = models.ForeignKey(
        AssistanceMessage,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("message"),
    )
    file = models.FileField(
        _("file"), storage=reserved_storage, upload_to=assistance_upload_to, max_length=200
    )
    original_filename = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("assistance attachment")
        verbose_name_plural = _("assistance attachments")

    def __str__(self) -> str:
        return self.original_filename


class AssistanceStatusChange(models.Model):
    """One step of the request's life: who moved it from what to what (and to whom it
    was assigned then)."""

    request = models.ForeignKey(
        AssistanceRequest,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("request"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=AssistanceStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=AssistanceStatus.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    created_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("assistance status change")
        verbose_name_plural = _("assistance status changes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_status__in=[s.value for s in AssistanceStatus])
                & models.Q(to_status__in=[s.value for s in AssistanceStatus]),
                name="assistance_change_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"
