"""The territory sheet (scheda sul territorio): what the Department needs to know of a
territory's local network, kept current by the territory itself.

A sheet is a list of numbered versions. Saving never changes a version: it writes the next
one, with who saved it, when, and an optional note of what changed, so that any two versions
can be compared field by field. A version's rows (the network's members and the local
protocols and agreements) belong to it and are written with it, once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.directory.validators import normalize_phone


class TerritorySheetVersion(models.Model):
    # PROTECT: a territory with a history of sheets is not deleted by accident.
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        related_name="sheet_versions",
        verbose_name=_("territory"),
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    # The fields that differ from the previous version (SHEET_FIELDS names), computed when
    # the version is written: the history lists them without loading every version.
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)

    population_served = models.PositiveIntegerField(_("population served"), null=True, blank=True)
    area_notes = models.TextField(_("area"), blank=True)
    staff_and_funding = models.TextField(_("staff and funding"), blank=True)
    yearly_budget = models.DecimalField(
        _("yearly budget (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    critical_issues = models.TextField(_("critical issues"), blank=True)
    office_email = models.EmailField(_("office e-mail"), blank=True)
    office_phone = models.CharField(
        _("office phone"),
        max_length=20,
        blank=True,
        help_text=_("Stored in international form, e.g. +390805741461."),
    )

    class Meta:
        ordering = ["territory", "-number"]
        verbose_name = _("territory sheet version")
        verbose_name_plural = _("territory sheet versions")
        constraints = [
            # Two people saving at once cannot both write "the next version".
            models.UniqueConstraint(
                fields=["territory", "number"], name="territory_sheet_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="territory_sheet_version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(yearly_budget__isnull=True) | Q(yearly_budget__gte=0),
                name="territory_sheet_version_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory_id} v{self.number}"

    def clean(self) -> None:
        super().clean()
        if self.office_phone:
            self.office_phone = normalize_phone(self.office_phone)


class SheetMember(models.Model):
    """A member of the territory's network and its role in it. A member in the directory
    points to its organisation; its name is kept as it was when the version was saved, so
    that an old version reads as it was written."""

    version = models.ForeignKey(
        TerritorySheetVersion,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("version"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the directory"),
    )
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role in the network"), max_length=300)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("network member of a sheet")
        verbose_name_plural = _("network members of a sheet")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="sheet_member_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SheetAgreement(models.Model):
    """A local protocol or agreement of the territory's network (not the protocol with the
    Department, which is rete.network's Protocol)."""

    version = models.ForeignKey(
        TerritorySheetVersion,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("version"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    parties = models.TextField(_("parties"), blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("local protocol or agreement of a sheet")
        verbose_name_plural = _("local protocols and agreements of a sheet")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="sheet_agreement_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.title
