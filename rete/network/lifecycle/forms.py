"""The Department's forms of the protocols' lifecycle. The forms check the input's shape
and the dates against the version changed (rete.network.lifecycle.rules); the services check
again and apply the rule of the version in force."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rete.directory.models import Organization
from rete.network.lifecycle.rules import version_dates_errors
from rete.network.lifecycle.selectors import window_of
from rete.network.models import Protocol, ProtocolKind, ProtocolStatus
from rete.publications.uploads import allowed_formats_text
from rete.reserved.documents.services import document_file_check, reserved_max_upload_bytes

DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once (a list; empty when none and not required)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("At most %(count)d files at once.") % {"count": MAX_FILES}, code="too_many"
            )
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for file in cleaned:
            document_file_check(file)
        return cleaned


def _files_help() -> str:
    return _("Allowed formats: %(formats)s; at most %(limit)s MB each.") % {
        "formats": allowed_formats_text(),
        "limit": reserved_max_upload_bytes() // 1024 // 1024,
    }


class ProtocolVersionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (ProtocolKind.RENEWAL.value, ProtocolKind.RENEWAL.label),
            (ProtocolKind.AMENDMENT.value, ProtocolKind.AMENDMENT.label),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    signatories = forms.CharField(
        label=_("Signatories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE_INPUT)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_INPUT)
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "Empty: a renewal is open-ended; an amendment ends when the version it amends ends."
        ),
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 8}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ProtocolStatus.DRAFT.value, ProtocolStatus.DRAFT.label),
            (ProtocolStatus.ACTIVE.value, ProtocolStatus.ACTIVE.label),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_(
            "Active: from its first day this version replaces the one in force (whose end "
            "moves to the day before)."
        ),
    )
    document_title = forms.CharField(
        label=_("Title of the documents"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    documents = MultipleFileField(label=_("Documents"), required=False)

    def __init__(self, *args, previous: Protocol, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.fields["documents"].help_text = _files_help()
        if not self.is_bound:
            self.initial.setdefault("parties", list(previous.parties.values_list("pk", flat=True)))
            self.initial.setdefault("signatories", previous.signatories)

    def clean(self):
        cleaned = super().clean()
        valid_from = cleaned.get("valid_from")
        if valid_from and cleaned.get("kind"):
            errors = version_dates_errors(
                kind=cleaned["kind"],
                previous=window_of(self.previous),
                previous_status=self.previous.status,
                valid_from=valid_from,
                valid_to=cleaned.get("valid_to"),
            )
            for field, message in errors.items():
                self.add_error(field or None, message)
        files = cleaned.get("documents") or []
        if files and not (cleaned.get("document_title") or "").strip():
            self.add_error("document_title", _("Give the documents a title."))
        if (
            cleaned.get("status") == ProtocolStatus.ACTIVE
            and not files
            and "documents" not in self.errors
        ):
            self.add_error(
                "documents", _("A version recorded as active needs its signed text: add it.")
            )
        return cleaned


class ProtocolStatusForm(forms.Form):
    ACTIVATE = "activate"
    TERMINATE = "terminate"

    action = forms.ChoiceField(
        choices=[(ACTIVATE, _("Activate")), (TERMINATE, _("Terminate"))],
        widget=forms.HiddenInput,
    )
    effective = forms.DateField(
        label=_("Terminated from"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("The first day the protocol is no longer in force (today or earlier)."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.TERMINATE and not cleaned.get("effective"):
            self.add_error("effective", _("Give the day the termination takes effect."))
        return cleaned


class ProtocolDocumentsForm(forms.Form):
    document_title = forms.CharField(
        label=_("Title of the documents"),
        max_length=250,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    documents = MultipleFileField(label=_("Documents"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].help_text = _files_help()
