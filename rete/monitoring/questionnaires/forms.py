from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rete.monitoring.definition import (
    CHOICE_TYPES,
    DATE,
    HELP_MAX_LENGTH,
    LABEL_MAX_LENGTH,
    MATRIX,
    MAX_OPTIONS,
    MAX_ROWS,
    MULTIPLE,
    NUMBER,
    OPTION_TYPES,
    SINGLE,
    TEXT,
    TEXT_MAX_LENGTH_DEFAULT,
    TEXT_MAX_LENGTH_LIMIT,
    TITLE_MAX_LENGTH,
    sections,
)
from rete.monitoring.questionnaires.answering import REASON_MAX_LENGTH
from rete.monitoring.questionnaires.edits import DOWN, UP, choice_keys

TYPE_CHOICES = [
    (SINGLE, _("Single choice")),
    (MULTIPLE, _("Multiple choice")),
    (NUMBER, _("Number")),
    (TEXT, _("Text")),
    (DATE, _("Date")),
    (MATRIX, _("Matrix (one choice per row)")),
]
CONDITION_SEPARATOR = ":"


def type_label(kind: str) -> str:
    return str(dict(TYPE_CHOICES).get(kind, kind))


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        max_length=HELP_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[(UP, _("Up")), (DOWN, _("Down"))])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _plain_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class QuestionForm(forms.Form):
    """One question of a draft. Options and rows are typed one per line; their keys are
    made from the labels (edits.choice_keys). The condition is chosen among the answers of
    the earlier choice questions, all of one question."""

    type = forms.ChoiceField(label=_("Type of answer"), choices=TYPE_CHOICES)
    label = forms.CharField(label=_("Question"), max_length=LABEL_MAX_LENGTH)
    help = forms.CharField(
        label=_("Help for who answers (optional)"),
        required=False,
        max_length=HELP_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    options = forms.CharField(
        label=_("Answers offered, one per line"),
        help_text=_("For single choice, multiple choice and matrix questions."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    rows = forms.CharField(
        label=_("Rows of the matrix, one per line"),
        help_text=_("For matrix questions: each row gets one of the answers offered."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minimum = forms.DecimalField(
        label=_("Smallest number allowed"), required=False, max_digits=18, decimal_places=6
    )
    maximum = forms.DecimalField(
        label=_("Largest number allowed"), required=False, max_digits=18, decimal_places=6
    )
    integer = forms.BooleanField(label=_("Whole numbers only"), required=False)
    max_length = forms.IntegerField(
        label=_("Longest answer (characters)"),
        required=False,
        min_value=1,
        max_value=TEXT_MAX_LENGTH_LIMIT,
        help_text=_("For text questions; %(default)d when empty.")
        % {"default": TEXT_MAX_LENGTH_DEFAULT},
    )
    show_if = forms.MultipleChoiceField(
        label=_("Ask this question only if"),
        required=False,
        help_text=_(
            "Leave empty to always ask it. Otherwise choose the answers, all of one earlier "
            "question, that make it asked."
        ),
    )

    def __init__(
        self,
        *args: Any,
        definition: dict[str, Any],
        question: dict[str, Any] | None = None,
        section_key: str | None = None,
        **kwargs: Any,
    ) -> None:
        """`question`: the question being changed; or None and `section_key`, the section at
        whose end a new one is added."""
        self.question = question
        if question is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = self._initial(question)
        super().__init__(*args, **kwargs)
        self.fields["show_if"].choices = self._conditions(definition, question, section_key)

    @staticmethod
    def _initial(question: dict[str, Any]) -> dict[str, Any]:
        condition = question.get("show_if") or {}
        return {
            "type": question["type"],
            "label": question["label"],
            "help": question.get("help", ""),
            "required": question.get("required", False),
            "options": "\n".join(o["label"] for o in question.get("options") or []),
            "rows": "\n".join(r["label"] for r in question.get("rows") or []),
            "minimum": question.get("min"),
            "maximum": question.get("max"),
            "integer": question.get("integer", False),
            "max_length": question.get("max_length"),
            "show_if": [
                f"{condition['question']}{CONDITION_SEPARATOR}{key}"
                for key in condition.get("any_of", [])
            ],
        }

    @staticmethod
    def _conditions(
        definition: dict[str, Any], question: dict[str, Any] | None, section_key: str | None
    ) -> list:
        """Grouped choices: the options of the choice questions before the question's
        place (before `question`, or up to the end of the section `section_key`)."""
        earlier_ones = []
        for section in sections(definition):
            for earlier in section.get("questions") or []:
                if question is not None and earlier["key"] == question["key"]:
                    break
                earlier_ones.append(earlier)
            else:
                if section.get("key") != section_key:
                    continue
            break
        groups = []
        for earlier in earlier_ones:
            if earlier["type"] not in CHOICE_TYPES:
                continue
            group = [
                (f"{earlier['key']}{CONDITION_SEPARATOR}{option['key']}", option["label"])
                for option in earlier.get("options") or []
            ]
            groups.append((earlier["label"][:80], group))
        return groups

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("type")
        if kind in OPTION_TYPES:
            options = _lines(data.get("options", ""))
            least = 1 if kind == MULTIPLE else 2
            if len(options) < least:
                self.add_error(
                    "options",
                    _("Write at least %(count)d answers, one per line.") % {"count": least},
                )
            elif len(options) > MAX_OPTIONS:
                self.add_error("options", _("At most %(count)d answers.") % {"count": MAX_OPTIONS})
            elif len(set(options)) < len(options):
                self.add_error("options", _("The same answer is written twice."))
            elif any(len(option) > TITLE_MAX_LENGTH for option in options):
                self.add_error(
                    "options",
                    _("Each answer may be at most %(count)d characters.")
                    % {"count": TITLE_MAX_LENGTH},
                )
        if kind == MATRIX:
            rows = _lines(data.get("rows", ""))
            if not rows:
                self.add_error("rows", _("Write at least one row."))
            elif len(rows) > MAX_ROWS:
                self.add_error("rows", _("At most %(count)d rows.") % {"count": MAX_ROWS})
            elif len(set(rows)) < len(rows):
                self.add_error("rows", _("The same row is written twice."))
            elif any(len(row) > TITLE_MAX_LENGTH for row in rows):
                self.add_error(
                    "rows",
                    _("Each row may be at most %(count)d characters.")
                    % {"count": TITLE_MAX_LENGTH},
                )
        if kind == NUMBER:
            low, high = data.get("minimum"), data.get("maximum")
            if low is not None and high is not None and low > high:
                self.add_error("maximum", _("The largest number is smaller than the smallest."))
            if data.get("integer"):
                for name in ("minimum", "maximum"):
                    value = data.get(name)
                    if value is not None and value != value.to_integral_value():
                        self.add_error(name, _("Whole numbers only: write a whole number here."))
        chosen = data.get("show_if") or []
        if len({value.split(CONDITION_SEPARATOR, 1)[0] for value in chosen}) > 1:
            self.add_error(
                "show_if", _("Choose the answers of one question only (the condition is on one).")
            )
        return data

    def to_question(self) -> dict[str, Any]:
        """The question (without its key) as the definition holds it."""
        data = self.cleaned_data
        kind = data["type"]
        previous = self.question or {}
        made: dict[str, Any] = {
            "type": kind,
            "label": data["label"].strip(),
            "help": data["help"].strip(),
            "required": data["required"],
        }
        if kind in OPTION_TYPES:
            made["options"] = choice_keys(_lines(data["options"]), previous.get("options"))
        if kind == MATRIX:
            made["rows"] = choice_keys(_lines(data["rows"]), previous.get("rows"))
        if kind == NUMBER:
            made["min"] = _plain_number(data["minimum"])
            made["max"] = _plain_number(data["maximum"])
            made["integer"] = data["integer"]
        if kind == TEXT:
            made["max_length"] = data["max_length"] or TEXT_MAX_LENGTH_DEFAULT
        if data["show_if"]:
            pairs = [value.split(CONDITION_SEPARATOR, 1) for value in data["show_if"]]
            made["show_if"] = {
                "question": pairs[0][0],
                "any_of": [option for _question, option in pairs],
            }
        return made


class ReopenRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the answers must be reopened"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Write the reason."))
        return reason
