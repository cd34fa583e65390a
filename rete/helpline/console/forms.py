"""The console's forms: each checks its input and gives a clear message; the services in
rete.helpline.contacts.services check again and write."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.helpline.contacts.models import (
    ContactChannel,
    EmergencyOutcome,
    NuisanceReason,
    TransferOutcome,
)
from rete.helpline.contacts.services import EMERGENCY_STEPS, NUISANCE_MAX_DAYS

ROME = ZoneInfo("Europe/Rome")

CONTACT_LANGUAGES = [
    ("it", _("Italian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ro", _("Romanian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("sq", _("Albanian")),
    ("de", _("German")),
    ("pt", _("Portuguese")),
    ("fa", _("Persian")),
]


class StartForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=ContactChannel.choices,
        initial=ContactChannel.PHONE,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language"), choices=CONTACT_LANGUAGES, initial="it")
    caller_number = forms.CharField(
        label=_("Caller's number (optional, not stored)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)


class RouteForm(forms.Form):
    comune = forms.CharField(
        max_length=6, min_length=6, error_messages={"required": _("Choose a comune from the list.")}
    )


class TransferForm(forms.Form):
    service_id = forms.CharField(max_length=100)
    outcome = forms.ChoiceField(choices=TransferOutcome.choices)


class EmergencyStepForm(forms.Form):
    step = forms.ChoiceField(choices=[(step, step) for step in EMERGENCY_STEPS])
    outcome = forms.ChoiceField(
        label=_("Outcome of the emergency"),
        choices=[("", "—"), *EmergencyOutcome.choices],
        required=False,
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("step") == "outcome" and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome of the emergency."))
        if cleaned.get("step") != "outcome":
            cleaned["outcome"] = None
        return cleaned


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CallbackForm(forms.Form):
    number = forms.CharField(
        label=_("Number to call back"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    due_at = forms.DateTimeField(
        label=_("Call back at"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    consent = forms.BooleanField(
        label=_("She agrees that we keep her number until the call-back"),
        required=True,
        error_messages={"required": _("A call-back needs her consent to keep the number.")},
    )

    def clean_due_at(self) -> datetime:
        due_at = self.cleaned_data["due_at"]
        if timezone.is_naive(due_at):
            # The operator types local wall-clock time.
            due_at = due_at.replace(tzinfo=ROME)
        if due_at < timezone.now() - timedelta(minutes=5):
            raise forms.ValidationError(_("The call-back cannot be in the past."))
        return due_at


class NuisanceForm(forms.Form):
    number = forms.CharField(
        label=_("Number to flag"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=NuisanceReason.choices)
    days = forms.IntegerField(
        label=_("For how many days"), min_value=1, max_value=NUISANCE_MAX_DAYS, initial=30
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the contact"),
        max_length=40,
        error_messages={"required": _("Choose the outcome of the contact.")},
    )
