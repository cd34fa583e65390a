"""Good practices: a territory tells the others what worked, and the others answer.

A post is written by a person of a territory (referent or network operator) for one of
their territories, and read by every person of the reserved area: that is the point, the
territories learn from each other. The author's contact (name, organisation, e-mail) is
shown with the post: it is copied from what the author agreed to show when posting, so
that a later change of account does not publish something they never agreed to.

The Department moderates: it may hide a post, with a reason; a hidden post is seen only
by the Department and its author.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rete.reserved.models import reserved_storage


class Topic(models.TextChoices):
    HEALTH = "health", _("Emergency rooms and health services")
    POLICE_JUSTICE = "police_justice", _("Police and justice")
    TRAINING = "training", _("Training of the network's people")
    SCHOOLS = "schools", _("Prevention and schools")
    SHELTERS = "shelters", _("Shelters and housing")
    WORK = "work", _("Work and economic autonomy")
    CHILDREN = "children", _("Children who witness violence")
    MIGRANT_WOMEN = "migrant_women", _("Migrant women and languages")
    PERPETRATORS = "perpetrators", _("Programmes for perpetrators")
    GOVERNANCE = "governance", _("Network governance and protocols")
    DATA = "data", _("Data and monitoring")
    AWARENESS = "awareness", _("Communication and awareness")


class PracticeStatus(models.TextChoices):
    PUBLISHED = "published", pgettext_lazy("good practice", "Published")
    HIDDEN = "hidden", pgettext_lazy("good practice", "Hidden by the Department")


class Practice(models.Model):
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("territory"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("text"))
    # The contact shown to readers, as the author agreed to show it.
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_organization = models.CharField(_("contact organisation"), max_length=300)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_consent_at = models.DateTimeField(_("contact shown with consent from"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PracticeStatus.choices,
        default=PracticeStatus.PUBLISHED,
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in PracticeStatus]),
                name="practice_status_known",
            ),
            # A hidden post always says why (and a published one carries no old reason).
            models.CheckConstraint(
                condition=(
                    models.Q(status=PracticeStatus.PUBLISHED, hidden_reason="")
                    | (
                        models.Q(status=PracticeStatus.HIDDEN, hidden_at__isnull=False)
                        & ~models.Q(hidden_reason="")
                    )
                ),
                name="practice_hidden_with_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(title="") & ~models.Q(body="") & ~models.Q(contact_email=""),
                name="practice_content_given",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return self.status == PracticeStatus.HIDDEN

    @property
    def topic_codes(self) -> list[str]:
        return [t.code for t in self.topics.all()]

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [labels.get(code, code) for code in self.topic_codes]


class PracticeTopic(models.Model):
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="topics", verbose_name=_("good practice")
    )
    code = models.CharField(_("topic"), max_length=30, choices=Topic.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("good practice topic")
        verbose_name_plural = _("good practice topics")
        constraints = [
            models.UniqueConstraint(fields=["practice", "code"], name="practice_topic_once"),
            models.CheckConstraint(
                condition=models.Q(code__in=[t.value for t in Topic]),
                name="practice_topic_known",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class PracticeAnswer(models.Model):
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="answers", verbose_name=_("good practice")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    # The territory the author answers for; empty for the Department.
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territory"),
    )
    body = models.TextField(_("answer"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("good practice answer")
        verbose_name_plural = _("good practice answers")
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="practice_answer_given"),
        ]

    def __str__(self) -> str:
        return f"{self.practice_id}/{self.pk}"


def practice_upload_to(instance: PracticeAttachment, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"practices/{uuid.uuid4().hex}.{extension}"


class PracticeAttachment(models.Model):
    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("good practice"),
    )
    file = models.FileField(
        _("file"), storage=reserved_storage, upload_to=practice_upload_to, max_length=200
    )
    original_filename = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("good practice attachment")
        verbose_name_plural = _("good practice attachments")

    def __str__(self) -> str:
        return self.original_filename
