from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.statistics.periods import FIRST_YEAR, Period, last_closed_quarter

# How far back the chooser goes: a correction of an older period is for the command line.
QUARTERS_OFFERED = 12
YEARS_OFFERED = 3
NOTES_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 200


def closed_periods(today: date) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(quarters, years) that are over on `today`, the latest first, as (code, label)."""
    quarters = []
    quarter = last_closed_quarter(today)
    while len(quarters) < QUARTERS_OFFERED and quarter.year >= FIRST_YEAR:
        quarters.append((quarter.code, str(quarter.label)))
        quarter = quarter.previous()
    years = [
        (Period(year).code, str(Period(year).label))
        for year in range(today.year - 1, today.year - 1 - YEARS_OFFERED, -1)
        if year >= FIRST_YEAR
    ]
    return quarters, years


class ReleaseRequestForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    notes = forms.CharField(
        label=_("Correction note"),
        help_text=_(
            "Only for a period already published: why the new release corrects it. "
            "It is published with the release."
        ),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        quarters, years = closed_periods(today)
        self.fields["period"].choices = [(_("Quarters"), quarters), (_("Years"), years)]
        self.fields["period"].initial = quarters[0][0] if quarters else None


class ReleasePublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have reviewed the tables: publish them. A published release never changes."),
        error_messages={"required": _("Tick the box to confirm the publication.")},
    )


class ReleaseDiscardForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it discarded?"),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Say why the release is discarded.")},
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Say why the release is discarded."))
        return reason
