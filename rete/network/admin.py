"""The network registry in the admin: territories (ATR) with their protocols and referral
chains, the protocols with their documents, the police contacts of the emergency procedure.

Every save bumps the network revision through the models' signals (rete.network.signals),
so the routing snapshot follows the admin without anything here.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.directory.admin import InlineFormSet, validate_interval
from rete.directory.validators import normalize_emergency_phone
from rete.network.models import (
    EmergencyContact,
    Protocol,
    ProtocolDocument,
    ProtocolKind,
    Referral,
    Territory,
)

DOCUMENT_EXTENSIONS = ("pdf", "p7m", "odt", "doc", "docx")


class ProtocolForm(forms.ModelForm):
    """Also used by the territory's protocol rows, where the territory is the parent."""

    class Meta:
        model = Protocol
        fields = (
            "territory",
            "kind",
            "previous",
            "title",
            "status",
            "signed_on",
            "valid_from",
            "valid_to",
            "parties",
            "signatories",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        validate_interval(self, "valid_from", "valid_to")
        kind, previous = cleaned.get("kind"), cleaned.get("previous")
        if kind and kind != ProtocolKind.ORIGINAL and previous is None:
            self.add_error(
                "previous", _("An amendment or a renewal must name the protocol it changes.")
            )
        if previous is None:
            return cleaned
        if kind == ProtocolKind.ORIGINAL:
            self.add_error("previous", _("An original protocol does not change another one."))
            return cleaned
        territory = cleaned.get("territory")
        if territory is None or previous.territory_id != territory.pk:
            self.add_error("previous", _("The protocol it changes must be of the same territory."))
        elif self.instance.pk is not None and self._in_history(previous):
            self.add_error("previous", _("A protocol cannot change itself or a later version."))
        return cleaned

    def _in_history(self, previous: Protocol) -> bool:
        """Whether this protocol is `previous` or one of its predecessors (a cycle)."""
        seen: set[int] = set()
        current: Protocol | None = previous
        while current is not None and current.pk not in seen:
            if current.pk == self.instance.pk:
                return True
            seen.add(current.pk)
            current = current.previous
        return False


class ProtocolInline(admin.TabularInline):
    model = Protocol
    formset = InlineFormSet
    form = ProtocolForm
    fields = ("kind", "previous", "title", "status", "signed_on", "valid_from", "valid_to")
    autocomplete_fields = ("previous",)
    show_change_link = True
    extra = 0
    verbose_name_plural = _("protocols of this territory")


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ("priority", "service")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        priority = self.fields["priority"]
        priority.validators.append(MinValueValidator(1))
        priority.widget.attrs["min"] = 1

    def validate_unique(self) -> None:
        # The whole chain of the territory is in the formset, which refuses duplicate
        # priorities or services among its rows. Checking each row against the rows
        # still in the database would refuse a valid reorder (1↔2), so only the
        # constraints that do not involve other rows are checked here.
        exclude = self._get_validation_exclusions() | {"territory"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class ReferralFormSet(InlineFormSet):
    """Saves a reordered chain: the database checks uniqueness row by row, so the rows
    that change are taken out first and written back (same ids) by the normal save."""

    def save_existing_objects(self, commit: bool = True) -> list[Referral]:
        self._released: set[int] = set()
        if commit:
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk is not None
                and (self._should_delete_form(form) or form.has_changed())
            ]
            Referral.objects.filter(pk__in=moving).delete()
            self._released = set(moving)
        return super().save_existing_objects(commit)

    def delete_existing(self, obj: Referral, commit: bool = True) -> None:
        if commit and obj.pk in self._released:
            return  # already deleted above
        super().delete_existing(obj, commit)


class ReferralInline(admin.TabularInline):
    model = Referral
    form = ReferralForm
    formset = ReferralFormSet
    fields = ("priority", "service")
    autocomplete_fields = ("service",)
    ordering = ("priority",)
    extra = 1
    verbose_name_plural = _("referral chain (direct transfers, in priority order)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Referral]:
        return super().get_queryset(request).select_related("territory", "service")


class TerritoryForm(forms.ModelForm):
    class Meta:
        model = Territory
        fields = ("code", "name", "provinces", "comuni", "description")

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    form = TerritoryForm
    list_display = ("code", "name", "covered_provinces", "comuni_count", "in_force_today")
    search_fields = ("code", "name")
    autocomplete_fields = ("provinces", "comuni")
    fields = ("code", "name", "provinces", "comuni", "description")
    inlines = (ProtocolInline, ReferralInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Territory]:
        return (
            super()
            .get_queryset(request)
            .annotate(comuni_count=Count("comuni", distinct=True))
            .prefetch_related("provinces", "protocols")
        )

    @admin.display(description=_("provinces covered"))
    def covered_provinces(self, obj: Territory) -> str:
        return ", ".join(province.sigla for province in obj.provinces.all())

    @admin.display(description=_("comuni covered"), ordering="comuni_count")
    def comuni_count(self, obj: Territory) -> int:
        return obj.comuni_count  # type: ignore[attr-defined]

    @admin.display(description=_("protocol in force today"), boolean=True)
    def in_force_today(self, obj: Territory) -> bool:
        today = timezone.localdate()
        return any(protocol.in_force_on(today) for protocol in obj.protocols.all())


class ProtocolDocumentForm(forms.ModelForm):
    class Meta:
        model = ProtocolDocument
        fields = ("title", "file")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileExtensionValidator(DOCUMENT_EXTENSIONS))
        self.fields["file"].help_text = _("Allowed formats: %(formats)s.") % {
            "formats": ", ".join(DOCUMENT_EXTENSIONS)
        }


class ProtocolDocumentInline(admin.TabularInline):
    model = ProtocolDocument
    form = ProtocolDocumentForm
    fields = ("title", "file", "uploaded_at")
    readonly_fields = ("uploaded_at",)
    extra = 1


@admin.register(Protocol)
class ProtocolAdmin(admin.ModelAdmin):
    form = ProtocolForm
    list_display = (
        "__str__",
        "title",
        "kind",
        "status",
        "signed_on",
        "valid_from",
        "valid_to",
        "in_force_today",
    )
    list_select_related = ("territory",)
    list_filter = ("status", "kind", ("territory", admin.RelatedOnlyFieldListFilter))
    search_fields = ("territory__code", "territory__name", "title")
    autocomplete_fields = ("territory", "previous", "parties")
    fieldsets = (
        (None, {"fields": ("territory", "kind", "previous", "title", "status")}),
        (_("Validity"), {"fields": ("signed_on", "valid_from", "valid_to")}),
        (_("Parties"), {"fields": ("parties", "signatories")}),
    )
    inlines = (ProtocolDocumentInline,)

    @admin.display(description=_("in force today"), boolean=True)
    def in_force_today(self, obj: Protocol) -> bool:
        return obj.in_force_on(timezone.localdate())


class EmergencyContactForm(forms.ModelForm):
    class Meta:
        model = EmergencyContact
        fields = ("province", "name", "phone", "position")

    def clean_phone(self) -> str:
        return normalize_emergency_phone(self.cleaned_data["phone"])


@admin.register(EmergencyContact)
class EmergencyContactAdmin(admin.ModelAdmin):
    form = EmergencyContactForm
    list_display = ("name", "province", "phone", "position")
    list_select_related = ("province",)
    list_filter = (("province", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "phone", "province__name", "province__sigla")
    autocomplete_fields = ("province",)
    ordering = ("province__name", "position", "id")
