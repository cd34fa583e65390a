from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rete.annual_reports.models import (
    FIGURE_DECIMALS,
    FIGURE_DIGITS,
    FIRST_YEAR,
    LAST_YEAR,
    AnnualReport,
    ReportTemplate,
    TemplateFigure,
    TemplateSection,
)
from rete.annual_reports.services import COMMENT_MAX_LENGTH, REASON_MAX_LENGTH
from rete.annual_reports.sources import FigureSource
from rete.network.models import Territory

SECTION_TEXT_MAX_LENGTH = 30_000


def posted(request):
    """The form's data on a POST (even an empty one: a bound form that says what is
    missing), None on a GET."""
    return request.POST if request.method == "POST" else None


def styled(form: forms.BaseForm) -> None:
    """Bootstrap Italia's classes on the widgets, and the help text tied to its field."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css
        if field.help_text:
            widget.attrs["aria-describedby"] = f"{form.auto_id % name}-help"


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


_NUMBER = re.compile(r"^-?\d+([.,]\d+)?\Z")


class FigureValueField(forms.CharField):
    """A number as people type it: digits, with a comma or a dot before the decimals and
    no thousands separator (so that "1.234" is never read as 1234 or as 1,234 by guess)."""

    default_error_messages = {
        "invalid": _("Write a number, like 1234 or 12,5, without thousands separators."),
        "too_big": _("At most %(digits)s digits before the decimals and %(decimals)s after."),
    }

    def to_python(self, value: str) -> Decimal | None:  # type: ignore[override]
        text = (value or "").strip().replace(" ", "")
        if not text:
            return None
        if not _NUMBER.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        whole, _dot, decimals = text.lstrip("-").replace(",", ".").partition(".")
        if len(whole.lstrip("0")) > FIGURE_DIGITS - FIGURE_DECIMALS or len(decimals) > 2:
            raise ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"digits": FIGURE_DIGITS - FIGURE_DECIMALS, "decimals": FIGURE_DECIMALS},
            )
        return number


# --- templates (the Department) ------------------------------------------------------------


class TemplateForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the report is for and how to write it: shown on top of the format."),
    )


class TemplateCreateForm(TemplateForm):
    copy_from = forms.ModelChoiceField(
        label=_("Start from"),
        required=False,
        queryset=ReportTemplate.objects.none(),
        empty_label=_("An empty template"),
        help_text=_("Copy the sections and figures of an earlier template."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = ReportTemplate.objects.order_by("-year", "-pk")


class SectionForm(StyledModelForm):
    class Meta:
        model = TemplateSection
        fields = ["position", "title", "guidance", "required"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "guidance": _("What the territory should write here."),
            "position": _("Sections are shown by this number, the smallest first."),
        }


class FigureForm(StyledModelForm):
    class Meta:
        model = TemplateFigure
        fields = ["position", "label", "key", "unit", "source", "required"]
        help_texts = {
            "key": _("A short code for the figure, unique in the template, e.g. women_helped."),
            "unit": _("e.g. contacts, women, euro, %."),
            "source": _(
                "Figures taken from the published call-centre statistics are filled in when a "
                "territory starts its report; the territory may correct them."
            ),
        }

    def __init__(self, *args, template: ReportTemplate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.instance.template = template
        self.fields["source"].choices = [("", _("Written by the territory")), *FigureSource.choices]

    def clean_key(self) -> str:
        key = self.cleaned_data["key"]
        others = TemplateFigure.objects.filter(template=self.template, key=key)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("Another figure of this template has this key."))
        return key


# --- reports ---------------------------------------------------------------------------------


class ReportCreateForm(StyledForm):
    template = forms.ModelChoiceField(
        label=_("Year"), queryset=ReportTemplate.objects.none(), empty_label=None
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"), queryset=Territory.objects.none(), empty_label=None
    )

    def __init__(self, *args, templates, territories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["template"].label_from_instance = lambda template: str(template)
        self.fields["territory"].queryset = territories

    def clean(self) -> dict:
        data = super().clean()
        template, territory = data.get("template"), data.get("territory")
        if (
            template is not None
            and territory is not None
            and AnnualReport.objects.filter(territory=territory, year=template.year).exists()
        ):
            raise ValidationError(
                _("%(territory)s already has an annual report for %(year)s."),
                params={"territory": territory.name, "year": template.year},
            )
        return data


class VersionForm(StyledForm):
    """The version of the report the person read: a write over a newer one is refused."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ReportEditForm(VersionForm):
    """One text box per section and one number per figure of the report's template."""

    def __init__(self, *args, sections, figures, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        self.figures = list(figures)
        for view in self.sections:
            self.fields[f"section_{view.section.pk}"] = forms.CharField(
                label=view.section.title,
                required=False,
                strip=False,
                max_length=SECTION_TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        for value in self.figures:
            self.fields[f"figure_{value.figure_id}"] = FigureValueField(
                label=value.figure.label, required=False
            )
        styled(self)

    def texts(self) -> dict[int, str]:
        return {
            view.section.pk: self.cleaned_data[f"section_{view.section.pk}"]
            for view in self.sections
        }

    def values(self) -> dict[int, Decimal | None]:
        return {
            value.figure_id: self.cleaned_data[f"figure_{value.figure_id}"]
            for value in self.figures
        }

    def section_rows(self):
        """(section, bound field) in the template's order, for the template."""
        return [(view.section, self[f"section_{view.section.pk}"]) for view in self.sections]

    def figure_rows(self):
        return [(value, self[f"figure_{value.figure_id}"]) for value in self.figures]


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label=_("Why the report goes back to the territory"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


GENERAL = "general"


class CommentForm(StyledForm):
    section = forms.ChoiceField(label=_("About"))
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, report: AnnualReport, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sections = {
            str(section.pk): section
            for section in report.template.sections.order_by("position", "pk")
        }
        self.fields["section"].choices = [
            (GENERAL, _("The figures and the report as a whole")),
            *((key, section.title) for key, section in self.sections.items()),
        ]

    def clean_section(self) -> TemplateSection | None:
        key = self.cleaned_data["section"]
        return None if key == GENERAL else self.sections[key]


class ExpertForm(StyledForm):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None, empty_label=None)

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = candidates
        self.fields["expert"].label_from_instance = lambda person: (
            person.get_full_name() or person.get_username()
        )
