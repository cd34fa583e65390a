"""The directory in the admin: the Department's staff keep the mapping of the network's
services here (who, where, which phones, when open).

Phones are normalised to E.164 by the forms (so that two spellings of one number are seen
as duplicates before the database sees them) and again by the models' clean().
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTimeWidget
from django.db import models
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rete.directory.models import (
    WEEKDAYS,
    ClosedDate,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    SpecialOpening,
)
from rete.directory.validators import normalize_phone

# Django 5.2's Italian catalogue lacks the admin's page-title prefix for a form with
# errors; marked here so that makemessages collects it into ours.
gettext_noop("Error:")

# "MO".."SU" with the localised day names (Django's catalogue translates them).
WEEKDAY_CHOICES = [(code, WEEKDAY_NAMES[index]) for index, code in enumerate(WEEKDAYS)]


class ExtIdReadOnlyOnChange:
    """The file id (ext_id) is the key of network-file imports and of the public API:
    changing it would make the next import create a second record. It is set once, when
    the record is added (suggested from the name), and shown read-only afterwards."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return (*fields, "ext_id") if obj is not None else fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        if obj is not None:
            return {}
        return super().get_prepopulated_fields(request, obj)  # type: ignore[misc]


def validate_interval(form: forms.ModelForm, start: str, end: str) -> None:
    """A clear message for the models' "end not before start" check constraints."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The end of validity cannot come before its start."))


class InlineFormSet(BaseInlineFormSet):
    """Names the fields of a duplicate in the user's language (Django names them by
    attribute, e.g. "number")."""

    def get_unique_error_message(self, unique_check: Iterable[str]) -> str:
        opts = self.model._meta
        labels = [
            str(opts.get_field(name).verbose_name) for name in unique_check if name != self.fk.name
        ]
        return super().get_unique_error_message(labels)


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ("tax_id",)  # the admin's `fields` decide what is shown

    def clean_tax_id(self) -> str:
        # Written as people copy it: spaces, lower case. Stored compact.
        return "".join(self.cleaned_data["tax_id"].split()).upper()


class OrganizationServiceInline(admin.TabularInline):
    """The organisation's services, as links: they are edited on their own page."""

    model = Service
    fields = ("service_link", "kind", "comune")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("services of this organisation")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Service]:
        return super().get_queryset(request).select_related("location__comune")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("service"))
    def service_link(self, obj: Service) -> SafeString:
        url = reverse("admin:directory_service_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.name)

    @admin.display(description=_("comune"))
    def comune(self, obj: Service) -> str | None:
        location = getattr(obj, "location", None)
        return location.comune.name if location else None


@admin.register(Organization)
class OrganizationAdmin(ExtIdReadOnlyOnChange, admin.ModelAdmin):
    form = OrganizationForm
    list_display = ("name", "kind", "tax_id", "service_count")
    list_filter = ("kind",)
    search_fields = ("name", "tax_id", "ext_id")
    prepopulated_fields = {"ext_id": ("name",)}
    fields = ("name", "ext_id", "kind", "tax_id", "email", "website")
    inlines = (OrganizationServiceInline,)
    # A website typed without scheme ("www.giraffa.org") is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organization]:
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(description=_("services"), ordering="service_count")
    def service_count(self, obj: Organization) -> int:
        return obj.service_count  # type: ignore[attr-defined]


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ("address", "comune", "latitude", "longitude", "confidential")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is not None and not -90 <= latitude <= 90:
            self.add_error("latitude", _("Latitude must lie between -90 and 90."))
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error("longitude", _("Longitude must lie between -180 and 180."))
        if (latitude is None) != (longitude is None) and not self.has_error("latitude"):
            self.add_error(None, _("Give both latitude and longitude, or neither."))
        return cleaned


class LocationInline(admin.StackedInline):
    model = Location
    form = LocationForm
    autocomplete_fields = ("comune",)
    extra = 1
    # Routing needs to know where a service is (its comune decides its patron holiday,
    # and the public sees at least the comune): a service cannot be saved without it.
    min_num = 1
    can_delete = False

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        # InlineModelAdmin does not pass validate_min on by itself.
        return super().get_formset(request, obj, validate_min=True, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Location]:
        return super().get_queryset(request).select_related("comune")


class PhoneForm(forms.ModelForm):
    class Meta:
        model = Phone
        fields = ("number", "position")

    def clean_number(self) -> str:
        return normalize_phone(self.cleaned_data["number"])


class PhoneInline(admin.TabularInline):
    formset = InlineFormSet
    model = Phone
    form = PhoneForm
    extra = 1


class HourMinuteWidget(AdminTimeWidget):
    """Opening hours are shown as 09:00, not 09:00:00."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class DaysField(forms.MultipleChoiceField):
    """The days of a weekly rule as checkboxes, stored as the model's "MO,WE,FR"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=WEEKDAY_CHOICES, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return [day for day in value.split(",") if day]
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value: Any) -> str:
        days = set(super().clean(value))
        return ",".join(day for day in WEEKDAYS if day in days)


class ScheduleForm(forms.ModelForm):
    byday = DaysField(label=_("days"))

    class Meta:
        model = Schedule
        fields = ("byday", "opens_at", "closes_at", "valid_from", "valid_to")
        widgets = {"opens_at": HourMinuteWidget, "closes_at": HourMinuteWidget}
        help_texts = {
            "closes_at": _("A closing time not later than the opening time runs past midnight."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        validate_interval(self, "valid_from", "valid_to")
        return cleaned


class ScheduleInline(admin.TabularInline):
    formset = InlineFormSet
    model = Schedule
    form = ScheduleForm
    extra = 1


class ClosedDateInline(admin.TabularInline):
    formset = InlineFormSet
    model = ClosedDate
    fields = ("date", "reason")
    extra = 0


class SpecialOpeningForm(forms.ModelForm):
    class Meta:
        model = SpecialOpening
        fields = ("date", "opens_at", "closes_at")
        widgets = {"opens_at": HourMinuteWidget, "closes_at": HourMinuteWidget}


class SpecialOpeningInline(admin.TabularInline):
    formset = InlineFormSet
    model = SpecialOpening
    form = SpecialOpeningForm
    extra = 0


@admin.register(Service)
class ServiceAdmin(ExtIdReadOnlyOnChange, admin.ModelAdmin):
    list_display = ("name", "organization", "kind", "comune", "first_phone", "confidential")
    list_select_related = ("organization", "location__comune")
    list_filter = (
        "kind",
        ("location__comune__province", admin.RelatedOnlyFieldListFilter),
        "location__confidential",
        "open_on_holidays",
    )
    search_fields = ("name", "ext_id", "organization__name", "location__comune__name")
    autocomplete_fields = ("organization", "languages", "area_provinces", "area_comuni")
    prepopulated_fields = {"ext_id": ("name",)}
    fieldsets = (
        (
            None,
            {"fields": ("name", "ext_id", "organization", "kind", "description", "accessibility")},
        ),
        (_("Opening and languages"), {"fields": ("open_on_holidays", "languages")}),
        (
            _("Service area"),
            {
                "fields": ("area_provinces", "area_comuni"),
                "description": _(
                    "Provinces and comuni whose callers the service serves: the helpline "
                    "proposes it to callers from there."
                ),
            },
        ),
    )
    inlines = (LocationInline, PhoneInline, ScheduleInline, ClosedDateInline, SpecialOpeningInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Service]:
        # One query for the phones of a whole list page (first_phone below).
        return super().get_queryset(request).prefetch_related("phones")

    @admin.display(description=_("comune"), ordering="location__comune__name")
    def comune(self, obj: Service) -> str | None:
        location = getattr(obj, "location", None)
        return location.comune.name if location else None

    @admin.display(description=_("phone"))
    def first_phone(self, obj: Service) -> str | None:
        phones = obj.phones.all()
        return phones[0].number if phones else None

    @admin.display(description=_("confidential"), boolean=True)
    def confidential(self, obj: Service) -> bool | None:
        location = getattr(obj, "location", None)
        return location.confidential if location else None
