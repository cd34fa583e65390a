"""A release: the tables of one period computed from the contact records, reviewed by the
Department and published. A published release never changes: a correction is a new release
of the same period, with its own date and a note, and the earlier one stays readable.

Each release holds the public tables (after disclosure control: suppressed values are null)
and the reserved ones (every level down to provinces and territories, no suppression: they
are read only by people whose scope covers the area), one row per table, area and audience,
so that a reserved reader's scope is a filter in the query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rete.statistics.definitions import Level


class ReleaseStatus(models.TextChoices):
    COMPUTING = "computing", _("Computing")
    FAILED = "failed", _("Failed")
    READY = "ready", _("Ready for review")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESERVED = "reserved", _("Reserved")


class ReleaseFrozen(Exception):
    """A published (or discarded) release and its tables are never changed or deleted."""


class Release(models.Model):
    period = models.CharField(_("period"), max_length=7)
    # 1 for the first release of a period, then one more for each correction.
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReleaseStatus.choices, default=ReleaseStatus.COMPUTING
    )
    threshold = models.PositiveSmallIntegerField(_("suppression threshold"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.CharField(_("progress note"), max_length=200, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    # What went wrong, for the Department: never a record's content.
    error = models.TextField(_("error"), blank=True)
    contacts_count = models.PositiveIntegerField(_("contacts in the period"), null=True, blank=True)
    # Counts of primary and secondary suppressions and the linear-programming check of the
    # public tables (rete.statistics.disclosure).
    disclosure = models.JSONField(_("disclosure control"), default=dict, blank=True)
    # Why this release replaces the previous one of the period.
    notes = models.TextField(_("notes"), blank=True)
    # Why the Department set it aside.
    discard_reason = models.TextField(_("reason for discarding"), blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-period", "-number"]
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="release_unique_number"),
            models.CheckConstraint(
                condition=Q(status__in=ReleaseStatus.values), name="release_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=ReleaseStatus.PUBLISHED, published_at__isnull=False)
                | (~Q(status=ReleaseStatus.PUBLISHED) & Q(published_at__isnull=True)),
                name="release_published_at_iff_published",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="release_progress_max"),
            models.CheckConstraint(condition=Q(threshold__gte=1), name="release_threshold_min"),
        ]

    def __str__(self) -> str:
        return f"{self.period} #{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (ReleaseStatus.PUBLISHED, ReleaseStatus.DISCARDED)


class ReleaseTable(models.Model):
    """One table of a release for one area and audience.

    `payload` is {"row_codes": [...], "column_codes": [...], "cells": [[n|null, ...]],
    "row_totals": [...], "column_totals": [...], "total": n|null}: codes, not labels (labels
    come from rete.statistics.presentation in the reader's language); null is a suppressed
    value, only in public tables. Measures tables hold numbers that may be decimals.
    """

    release = models.ForeignKey(
        Release, on_delete=models.PROTECT, related_name="tables", verbose_name=_("release")
    )
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    level = models.CharField(
        _("level"), max_length=10, choices=[(level.value, level.value) for level in Level]
    )
    # "IT"; a region's ISTAT code; a province's sigla; a territory's code.
    # As long as a territory code (rete.network.models.Territory.code).
    area_code = models.CharField(_("area code"), max_length=40)
    area_name = models.CharField(_("area name"), max_length=200)
    table_id = models.CharField(_("table"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"))
    payload = models.JSONField(_("values"))

    class Meta:
        ordering = ["release", "audience", "level", "area_name", "position"]
        verbose_name = _("release table")
        verbose_name_plural = _("release tables")
        indexes = [
            models.Index(
                fields=["release", "audience", "level", "area_code"], name="release_table_area"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "audience", "level", "area_code", "table_id"],
                name="release_table_unique",
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="release_table_audience_known"
            ),
            models.CheckConstraint(
                condition=Q(level__in=[level.value for level in Level]),
                name="release_table_level_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.release} {self.audience} {self.level}:{self.area_code} {self.table_id}"
