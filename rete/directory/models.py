"""The directory of the network's services, shaped on HSDS 3.0.

HSDS concepts kept: organization, service, location, phone, schedule, service_area.
Each record that comes from the network file keeps its file id in `ext_id`, the
key of idempotent imports.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rete.directory.kinds import OrganizationKind, ServiceKind
from rete.directory.validators import normalize_phone, validate_tax_id

ext_id_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9._-]{0,99}\Z",
    _("Use lower-case letters, digits, '.', '_' and '-' (e.g. svc-giraffa)."),
)
BYDAY_RE = re.compile(r"^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*\Z")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def validate_byday(value: str) -> None:
    if not BYDAY_RE.match(value) or len(set(value.split(","))) != len(value.split(",")):
        raise ValidationError(
            _("Days must be written as MO,TU,WE,TH,FR,SA,SU, each at most once (e.g. MO,WE,FR).")
        )


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Language(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True, help_text="ISO 639-1")
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class Organization(TimeStamped):
    ext_id = models.CharField(_("id"), max_length=100, unique=True, validators=[ext_id_validator])
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganizationKind.choices)
    tax_id = models.CharField(
        _("fiscal code / VAT number"),
        max_length=16,
        blank=True,
        validators=[validate_tax_id],
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Service(TimeStamped):
    ext_id = models.CharField(_("id"), max_length=100, unique=True, validators=[ext_id_validator])
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=40, choices=ServiceKind.choices)
    description = models.TextField(_("description"), blank=True)
    accessibility = models.CharField(
        _("accessibility"),
        max_length=500,
        blank=True,
        help_text=_(
            "Shown on the public page, e.g. “step-free access; LIS interpreter on request”."
        ),
    )
    open_on_holidays = models.BooleanField(
        _("open on holidays"),
        default=False,
        help_text=_("If set, national and patron-saint holidays do not close the service."),
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="services", verbose_name=_("languages")
    )
    area_provinces = models.ManyToManyField(
        "geography.Province",
        blank=True,
        related_name="+",
        verbose_name=_("service area: provinces"),
    )
    area_comuni = models.ManyToManyField(
        "geography.Comune",
        blank=True,
        related_name="+",
        verbose_name=_("service area: comuni"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """Where a service is. A confidential location (a shelter) is never published."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="location", verbose_name=_("service")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    comune = models.ForeignKey(
        "geography.Comune", on_delete=models.PROTECT, related_name="+", verbose_name=_("comune")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Address and coordinates are shown only in the reserved area (e.g. shelters)."),
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="location_coordinates_both_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.address or str(self.comune)


class Phone(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="phones", verbose_name=_("service")
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("Stored in E.164 format."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["service", "position", "id"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="phone_unique_per_service"),
            models.CheckConstraint(
                condition=Q(number__regex=r"^\+[1-9][0-9]{5,14}$"), name="phone_e164"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.number:
            try:
                self.number = normalize_phone(self.number)
            except ValidationError as error:
                raise ValidationError({"number": error.messages}) from None


class Schedule(models.Model):
    """A weekly rule in Europe/Rome wall-clock time: closes_at <= opens_at runs past midnight."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("service")
    )
    byday = models.CharField(
        _("days"), max_length=20, validators=[validate_byday], help_text=_("E.g. MO,WE,FR")
    )
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["service", "id"]
        verbose_name = _("weekly opening")
        verbose_name_plural = _("weekly openings")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="schedule_valid_interval",
            ),
            models.CheckConstraint(
                condition=Q(byday__regex=r"^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$"),
                name="schedule_byday_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ClosedDate(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="closed_dates", verbose_name=_("service")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["service", "date"]
        verbose_name = _("closed date")
        verbose_name_plural = _("closed dates")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "date"], name="closed_date_unique_per_service"
            )
        ]

    def __str__(self) -> str:
        return str(self.date)


class SpecialOpening(models.Model):
    """Opening hours on one date that replace that date's weekly hours, holiday or not."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="special_openings",
        verbose_name=_("service"),
    )
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["service", "date", "opens_at"]
        verbose_name = _("special opening")
        verbose_name_plural = _("special openings")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "date", "opens_at"], name="special_opening_unique_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if (
            self.service_id
            and self.date
            and ClosedDate.objects.filter(service_id=self.service_id, date=self.date).exists()
        ):
            raise ValidationError(
                _("The service is marked closed on this date: remove the closed date first.")
            )
