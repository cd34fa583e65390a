"""The finder's forms: the search by comune (a GET form, bookmarkable, works without
JavaScript) and the search by position (sent by POST from "use my position")."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.portal.finder.kinds import ALL_KINDS, kind_choices
from rete.portal.finder.selectors import FinderFilters, finder_language_choices

PAGE_MAX = 10_000
# A position is rounded to about 100 metres before use: enough to order services by
# distance, not enough to point at a door.
POSITION_DECIMALS = 3


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of service"),
        choices=kind_choices,
        required=False,
        error_messages={"invalid_choice": _("This kind of service is not one of the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        error_messages={"invalid_choice": _("No service of the network declares this language.")},
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *finder_language_choices()]

    def filters(self) -> FinderFilters:
        data = self.cleaned_data
        return FinderFilters(
            kind=data.get("kind") or ALL_KINDS,
            language=data.get("language") or "",
            open_now=bool(data.get("open_now")),
        )


class FinderForm(FilterForm):
    comune = forms.CharField(
        label=_("Comune"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("The name of a comune is shorter than this.")},
    )
    # The ISTAT code, filled by the autocomplete or by a "did you mean" link.
    code = forms.RegexField(
        regex=r"^[0-9]{6}\Z",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("This is not the code of a comune.")},
    )
    page = forms.IntegerField(
        min_value=1,
        max_value=PAGE_MAX,
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("The page number is not valid."),
            "min_value": _("The page number is not valid."),
            "max_value": _("The page number is not valid."),
        },
    )

    field_order = ["comune", "code", "kind", "language", "open_now", "page"]

    def clean_comune(self) -> str:
        value = self.cleaned_data["comune"]
        if "\x00" in value:
            raise forms.ValidationError(_("The name contains characters that are not allowed."))
        return value


class PositionForm(FilterForm):
    latitude = forms.FloatField(
        min_value=-90,
        max_value=90,
        error_messages={
            "required": _("The position has no latitude."),
            "invalid": _("The latitude must be a number between -90 and 90."),
            "min_value": _("The latitude must be a number between -90 and 90."),
            "max_value": _("The latitude must be a number between -90 and 90."),
        },
    )
    longitude = forms.FloatField(
        min_value=-180,
        max_value=180,
        error_messages={
            "required": _("The position has no longitude."),
            "invalid": _("The longitude must be a number between -180 and 180."),
            "min_value": _("The longitude must be a number between -180 and 180."),
            "max_value": _("The longitude must be a number between -180 and 180."),
        },
    )

    def position(self) -> tuple[float, float]:
        return (
            round(self.cleaned_data["latitude"], POSITION_DECIMALS),
            round(self.cleaned_data["longitude"], POSITION_DECIMALS),
        )
