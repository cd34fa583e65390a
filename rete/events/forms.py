from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.events.models import AttendanceMode
from rete.events.rules import attendance_modes
from rete.publications.models import Event
from rete.publications.uploads import allowed_formats_text, max_upload_bytes

MAX_NEEDS = 1000


class RegistrationForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How you will attend"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will attend.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=MAX_NEEDS,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("Optional. Only the organisers read it."),
    )

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(AttendanceMode.choices)
        self.fields["mode"].choices = [(mode, labels[mode]) for mode in attendance_modes(event)]


class RegistrationSettingsForm(forms.Form):
    is_open = forms.BooleanField(label=_("Registration open"), required=False)
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=_("Empty: no limit."),
    )
    deadline = forms.DateTimeField(
        label=_("Registration deadline"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text=_("Empty: until the event starts."),
    )


class EventDocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    summary = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("One or two sentences for the public documents library."),
    )
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Public. Allowed formats: %(formats)s; at most %(limit)s MB."
        ) % {"formats": allowed_formats_text(), "limit": max_upload_bytes() // 1024 // 1024}
