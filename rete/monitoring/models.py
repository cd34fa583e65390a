"""Monitoring questionnaires (the monitoring company's, DESIGN.md `monitoring_analyst`).

A Questionnaire is the identity; its QuestionnaireVersions hold the questions as a JSON
definition (the format is in rete.monitoring.definition). A published version is frozen:
a change makes a new draft version. A Campaign sends one published version to the services
of some kinds in some territories between two dates; at launch every targeted service gets
a CampaignTarget, and its operators fill one Response for it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Questionnaire(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class VersionFrozen(Exception):
    """A published questionnaire version was about to be changed: it never is (a change
    makes a new draft version)."""


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("questionnaire"),
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    # {"sections": [...]} — see rete.monitoring.definition for the format and its checks.
    definition = models.JSONField(_("questions"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("updated by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["questionnaire", "-number"]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_number_unique"
            ),
            # One draft at a time: the next version is written there.
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(status="draft"),
                name="questionnaire_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="questionnaire_version_published_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        # The last guard of the freeze (the services check first, with a message): whatever
        # the caller, a row already published in the database is not written again.
        if self.pk is not None:
            stored = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("status", flat=True)
                .first()
            )
            if stored == VersionStatus.PUBLISHED:
                raise VersionFrozen(f"Questionnaire version {self.pk} is published.")
        super().save(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    CLOSED = "closed", _("Closed")


class Campaign(models.Model):
    title = models.CharField(_("title"), max_length=200)
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("questionnaire version"),
    )
    # ServiceKind values (rete.directory.kinds); at least one.
    service_kinds = models.JSONField(_("kinds of service"), default=list)
    # The territories targeted; none means every territory of the network.
    territories = models.ManyToManyField(
        "network.Territory", blank=True, related_name="+", verbose_name=_("territories")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # Reminders to the services that have not submitted, so many days before closes_on.
    reminder_days = models.JSONField(_("reminders (days before closing)"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    launched_at = models.DateTimeField(_("launched"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("monitoring campaign")
        verbose_name_plural = _("monitoring campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="campaign_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CampaignTarget(models.Model):
    """A service asked to answer, fixed at launch with the territory it is counted under
    (the most specific territory covering the service's comune)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("campaign")
    )
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("territory"),
    )

    class Meta:
        ordering = ["campaign", "territory", "service"]
        verbose_name = _("service asked")
        verbose_name_plural = _("services asked")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "service"], name="campaign_target_unique_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.service}"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """The answers of one targeted service. A submitted response is read-only until the
    monitoring company reopens it (on the service's request, reopen_requested_at)."""

    target = models.OneToOneField(
        CampaignTarget, on_delete=models.CASCADE, related_name="response", verbose_name=_("service")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    # {question key: answer} — see rete.monitoring.answers.
    answers = models.JSONField(_("answers"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("updated by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reopen_requested_at = models.DateTimeField(_("reopening requested"), null=True, blank=True)
    reopen_reason = models.CharField(_("reason for reopening"), max_length=500, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    class Meta:
        ordering = ["target"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="response_submitted_at",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.status})"
