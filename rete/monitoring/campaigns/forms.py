"""Forms of the campaigns: a draft's every field, a launched campaign's few.

Reminder days are typed as a list ("7, 2": seven and two days before closing)."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.directory.kinds import ServiceKind
from rete.monitoring.models import Campaign, QuestionnaireVersion, VersionStatus
from rete.network.models import Territory

MAX_REMINDER_DAYS = 365
MAX_REMINDERS = 10
_SEPARATORS = re.compile(r"[\s,;]+")


class VersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: QuestionnaireVersion) -> str:
        return _("%(title)s — version %(number)d") % {
            "title": obj.questionnaire.title,
            "number": obj.number,
        }


class TerritoryChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Territory) -> str:
        return f"{obj.name} ({obj.code})"


def reminder_days_parse(text: str) -> list[int]:
    """ "7, 2" -> [7, 2] (largest first, each once); ValidationError for anything else."""
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    if len(parts) > MAX_REMINDERS:
        raise ValidationError(
            _("At most %(count)d reminders."), params={"count": MAX_REMINDERS}, code="many"
        )
    days: set[int] = set()
    for part in parts:
        if not part.isdigit() or int(part) > MAX_REMINDER_DAYS:
            raise ValidationError(
                _(
                    "Write whole numbers of days from 0 to %(max)d, separated by commas (e.g. 7, 2)."
                ),
                params={"max": MAX_REMINDER_DAYS},
                code="invalid",
            )
        days.add(int(part))
    return sorted(days, reverse=True)


def reminder_days_text(days: list[int]) -> str:
    return ", ".join(str(day) for day in days)


def _check_reminders(
    form: forms.Form, days: list[int], opens_on: datetime.date, closes_on: datetime.date
) -> None:
    early = [day for day in days if closes_on - datetime.timedelta(days=day) < opens_on]
    if early:
        form.add_error(
            "reminder_days",
            _("A reminder %(days)s days before closing would come before the opening.")
            % {"days": reminder_days_text(early)},
        )


def _styled(form: forms.Form) -> None:
    """Bootstrap Italia's classes; the help text described for assistive technology."""
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs["class"] = css
        if field.help_text:
            field.widget.attrs["aria-describedby"] = f"{name}-help"


def _mark_errors(form: forms.Form) -> None:
    """After validation: the fields in error say so (class and aria attributes)."""
    for name in form.errors:
        field = form.fields.get(name)
        if field is None or isinstance(field.widget, forms.CheckboxSelectMultiple):
            continue
        attrs = field.widget.attrs
        attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{attrs.get('aria-describedby', '')} {name}-errors".strip()


class _Styled(forms.Form):
    def full_clean(self) -> None:
        super().full_clean()
        _mark_errors(self)


class CampaignForm(_Styled):
    """A draft campaign: everything may change until it is launched."""

    title = forms.CharField(label=_("Title"), max_length=200)
    version = VersionChoice(
        label=_("Questionnaire"),
        queryset=QuestionnaireVersion.objects.none(),
        help_text=_("Only published versions can be sent."),
    )
    service_kinds = forms.MultipleChoiceField(
        label=_("Kinds of service asked"),
        choices=ServiceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of service.")},
    )
    territories = TerritoryChoice(
        label=_("Territories"),
        queryset=Territory.objects.order_by("name", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every territory of the network."),
    )
    opens_on = forms.DateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reminder_days = forms.CharField(
        label=_("Reminders (days before closing)"),
        required=False,
        max_length=100,
        help_text=_("E.g. “7, 2”: a week and two days before closing. Empty: no reminder."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        self.fields["version"].queryset = (
            QuestionnaireVersion.objects.filter(status=VersionStatus.PUBLISHED)
            .select_related("questionnaire")
            .order_by("questionnaire__title", "-number")
        )

    @classmethod
    def initial_from(cls, campaign: Campaign) -> dict:
        return {
            "title": campaign.title,
            "version": campaign.version_id,
            "service_kinds": list(campaign.service_kinds),
            "territories": list(campaign.territories.values_list("pk", flat=True)),
            "opens_on": campaign.opens_on,
            "closes_on": campaign.closes_on,
            "reminder_days": reminder_days_text(campaign.reminder_days),
        }

    def clean_reminder_days(self) -> list[int]:
        return reminder_days_parse(self.cleaned_data["reminder_days"])

    def clean(self) -> dict:
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error("closes_on", _("The closing date comes before the opening date."))
            elif closes_on < timezone.localdate():
                self.add_error("closes_on", _("The closing date has passed."))
            elif "reminder_days" in data:
                _check_reminders(self, data["reminder_days"], opens_on, closes_on)
        return data


class CampaignExtendForm(_Styled):
    """A launched campaign: its questionnaire, services and opening are fixed; the title,
    the reminders and a later closing date may change."""

    title = forms.CharField(label=_("Title"), max_length=200)
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("It can only be moved later."),
    )
    reminder_days = forms.CharField(
        label=_("Reminders (days before closing)"),
        required=False,
        max_length=100,
        help_text=_("E.g. “7, 2”: a week and two days before closing. Empty: no reminder."),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        self.campaign = campaign

    @classmethod
    def initial_from(cls, campaign: Campaign) -> dict:
        return {
            "title": campaign.title,
            "closes_on": campaign.closes_on,
            "reminder_days": reminder_days_text(campaign.reminder_days),
        }

    def clean_reminder_days(self) -> list[int]:
        return reminder_days_parse(self.cleaned_data["reminder_days"])

    def clean_closes_on(self) -> datetime.date:
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < self.campaign.closes_on:
            raise ValidationError(
                _("The closing date of a launched campaign can only be moved later."),
                code="earlier",
            )
        return closes_on

    def clean(self) -> dict:
        data = super().clean()
        if data.get("closes_on") and "reminder_days" in data:
            _check_reminders(self, data["reminder_days"], self.campaign.opens_on, data["closes_on"])
        return data
