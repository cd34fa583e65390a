"""The registry of the National Anti-violence Network: territories (ATR), their
protocols with the Department, their referral chains and the police contacts
of each province used in the emergency procedure."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rete.directory.validators import normalize_emergency_phone


class Territory(models.Model):
    """An Ambito Territoriale di Rete: a city, a province or an autonomous province."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^ATR-[A-Z0-9-]{2,36}\Z", _("Use ATR- followed by capitals, e.g. ATR-BA.")
            )
        ],
    )
    name = models.CharField(_("name"), max_length=200)
    provinces = models.ManyToManyField(
        "geography.Province",
        blank=True,
        related_name="territories",
        verbose_name=_("provinces covered"),
    )
    comuni = models.ManyToManyField(
        "geography.Comune", blank=True, related_name="territories", verbose_name=_("comuni covered")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory (ATR)")
        verbose_name_plural = _("territories (ATR)")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ProtocolStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    TERMINATED = "terminated", _("Terminated")


class ProtocolKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    AMENDMENT = "amendment", _("Amendment")
    RENEWAL = "renewal", _("Renewal")


class Protocol(models.Model):
    """A protocol between the Department and a territory. Amendments and renewals are
    new rows pointing to the protocol they change, so the history stays."""

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="protocols", verbose_name=_("territory")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProtocolKind.choices, default=ProtocolKind.ORIGINAL
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("amends or renews"),
    )
    parties = models.ManyToManyField(
        "directory.Organization", blank=True, related_name="protocols", verbose_name=_("parties")
    )
    signatories = models.TextField(_("signatories"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProtocolStatus.choices, default=ProtocolStatus.DRAFT
    )

    class Meta:
        ordering = ["territory", "valid_from"]
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="protocol_valid_interval",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ProtocolStatus]),
                name="protocol_status_known",
            ),
            models.UniqueConstraint(
                fields=["territory", "valid_from", "kind"],
                name="protocol_unique_start_per_territory",
            ),
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.territory.code} {self.valid_from.isoformat()}–{end}"

    def in_force_on(self, day: datetime.date) -> bool:
        return (
            self.status == ProtocolStatus.ACTIVE
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )


class ProtocolDocument(models.Model):
    protocol = models.ForeignKey(
        Protocol, on_delete=models.CASCADE, related_name="documents", verbose_name=_("protocol")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="protocols/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["protocol", "uploaded_at"]
        verbose_name = _("protocol document")
        verbose_name_plural = _("protocol documents")

    def __str__(self) -> str:
        return self.title


class Referral(models.Model):
    """One step of a territory's local referral chain: the services that receive
    direct transfers from 1522, tried in priority order (1 first)."""

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("territory")
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service"),
    )
    priority = models.PositiveSmallIntegerField(_("priority"))

    class Meta:
        ordering = ["territory", "priority"]
        verbose_name = _("referral service")
        verbose_name_plural = _("referral chain")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "priority"], name="referral_priority_unique"
            ),
            models.UniqueConstraint(
                fields=["territory", "service"], name="referral_service_unique"
            ),
            models.CheckConstraint(condition=Q(priority__gte=1), name="referral_priority_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.territory.code} #{self.priority}: {self.service}"


class EmergencyContact(models.Model):
    """Police contacts activated in the emergency procedure for callers of a province."""

    province = models.ForeignKey(
        "geography.Province",
        on_delete=models.PROTECT,
        related_name="emergency_contacts",
        verbose_name=_("province"),
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["province", "position", "id"]
        verbose_name = _("emergency contact")
        verbose_name_plural = _("emergency contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "phone"], name="emergency_contact_unique_phone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.phone})"

    def clean(self) -> None:
        if self.phone:
            try:
                self.phone = normalize_emergency_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from None


class NetworkRevision(models.Model):
    """A single-row counter bumped by every change to the network or the directory.

    Each application process compares it with the revision of its routing snapshot
    and rebuilds the snapshot when they differ (see rete.routing.snapshot).
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network revision")

    def __str__(self) -> str:
        return f"#{self.number}"
