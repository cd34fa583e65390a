"""The territories' annual reports and the Department's yearly format for them.

A ReportTemplate is the format of one year: its sections (what to write about, with the
Department's guidance) and its figures (numbers every territory gives; some are filled in
from the published call-centre statistics). A template is edited while a draft and frozen
once published: reports point at its sections and figures, so a published template never
changes. One published template per year (a database constraint).

An AnnualReport is one territory's report of one year (one per territory and year), written
by its referents on the published template of that year. Its `version` grows with every
write, so that a form posted over an older version is refused instead of overwriting what
somebody else saved meanwhile.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rete.annual_reports.sources import FigureSource

FIRST_YEAR = 2006  # 1522 is active since 2006
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# Figures: up to 10 digits before the decimal separator, 2 after.
FIGURE_DIGITS = 12
FIGURE_DECIMALS = 2


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ReportTemplate(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"))
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
        ordering = ["-year", "-pk"]
        verbose_name = _("annual report template")
        verbose_name_plural = _("annual report templates")
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status="published"),
                name="report_template_one_published_per_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="report_template_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False)
                | (Q(status="draft") & Q(published_at__isnull=True)),
                name="report_template_published_at_iff_published",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="report_template_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.title}"

    @property
    def is_published(self) -> bool:
        return self.status == TemplateStatus.PUBLISHED


class TemplateSection(models.Model):
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("template"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["template", "position", "pk"]
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")

    def __str__(self) -> str:
        return self.title


FIGURE_KEY_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{0,49}\Z",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class TemplateFigure(models.Model):
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("template"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    key = models.CharField(_("key"), max_length=50, validators=[FIGURE_KEY_VALIDATOR])
    label = models.CharField(_("label"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    # Where the figure is pre-filled from; empty: the territory writes it.
    source = models.CharField(
        _("pre-filled from"), max_length=40, choices=FigureSource.choices, blank=True
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["template", "position", "pk"]
        verbose_name = _("template figure")
        verbose_name_plural = _("template figures")
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="template_figure_unique_key"),
        ]

    def __str__(self) -> str:
        return self.label


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


# The territory's referents write while the report is in their hands.
EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class AnnualReport(models.Model):
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("template"),
    )
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("territory"),
    )
    # The template's year, kept here for the uniqueness per territory and year.
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_reports_as_expert",
        verbose_name=_("expert"),
    )
    # The statistics releases the figures were pre-filled from ("2025 #1", or the quarters'),
    # empty when none was published for the year.
    prefill_releases = models.JSONField(_("pre-filled from releases"), default=list, blank=True)
    # Whether those releases cover the whole year (a yearly release or all four quarters).
    prefill_complete = models.BooleanField(_("pre-filled for the whole year"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    updated_at = models.DateTimeField(_("last changed at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "territory__name"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year"], name="annual_report_one_per_territory_year"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="annual_report_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.ACCEPTED, accepted_at__isnull=False)
                | (~Q(status=ReportStatus.ACCEPTED) & Q(accepted_at__isnull=True)),
                name="annual_report_accepted_at_iff_accepted",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="annual_report_version_min"),
        ]

    def __str__(self) -> str:
        return f"{self.territory_id} {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_final(self) -> bool:
        return self.status == ReportStatus.ACCEPTED


class ReportSectionText(models.Model):
    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="texts", verbose_name=_("report")
    )
    section = models.ForeignKey(
        TemplateSection, on_delete=models.PROTECT, related_name="+", verbose_name=_("section")
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["section__position", "section__pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="report_section_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.section_id}"


class ReportFigureValue(models.Model):
    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="figures", verbose_name=_("report")
    )
    figure = models.ForeignKey(
        TemplateFigure, on_delete=models.PROTECT, related_name="+", verbose_name=_("figure")
    )
    value = models.DecimalField(
        _("value"),
        max_digits=FIGURE_DIGITS,
        decimal_places=FIGURE_DECIMALS,
        null=True,
        blank=True,
    )
    # What the statistics said when the report was made, kept beside the territory's value.
    prefilled_value = models.DecimalField(
        _("pre-filled value"),
        max_digits=FIGURE_DIGITS,
        decimal_places=FIGURE_DECIMALS,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["figure__position", "figure__pk"]
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")
        constraints = [
            models.UniqueConstraint(fields=["report", "figure"], name="report_figure_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.figure_id}"

    @property
    def overwritten(self) -> bool:
        return self.prefilled_value is not None and self.value != self.prefilled_value


class ReportComment(models.Model):
    """One message of a section's thread (section null: about the figures)."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="comments", verbose_name=_("report")
    )
    section = models.ForeignKey(
        TemplateSection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    # Whose side wrote it: the Department and its expert, or the territory.
    from_territory = models.BooleanField(_("written by the territory"), default=False)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")

    def __str__(self) -> str:
        return f"{self.report} · {self.created_at:%Y-%m-%d %H:%M}"


class ReportTransition(models.Model):
    """The report's history: who moved it from which status to which, and why (a return)."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("report"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=ReportStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("report status change")
        verbose_name_plural = _("report status changes")

    def __str__(self) -> str:
        return f"{self.report} · {self.from_status} → {self.to_status}"
