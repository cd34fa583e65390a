"""What the answering form's template needs, question by question: field names and ids,
the values to show (what was typed, or what is stored), the problems, whether the question
is asked now, and its condition for the page's script."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rete.monitoring.answers import (
    answer_rows,
    answer_text,
    answers_clean,
    field_name,
)
from rete.monitoring.definition import MATRIX, MULTIPLE, question_visible, sections


@dataclass
class ChoiceView:
    key: str
    label: str
    id: str
    checked: bool


@dataclass
class RowView:
    key: str
    label: str
    name: str
    choices: list[ChoiceView]


@dataclass
class QuestionView:
    question: dict[str, Any]
    name: str
    id: str
    value: Any
    errors: list[str]
    visible: bool
    show_if: str  # JSON for data-show-if, "" when always asked
    answer: str  # read-only text
    answer_rows: list[tuple[str, str]] = field(default_factory=list)
    choices: list[ChoiceView] = field(default_factory=list)
    rows: list[RowView] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.question["key"]

    @property
    def type(self) -> str:
        return self.question["type"]


@dataclass
class SectionView:
    section: dict[str, Any]
    questions: list[QuestionView]


def _choices(question: dict[str, Any], chosen: Any, prefix: str) -> list[ChoiceView]:
    if isinstance(chosen, str):
        chosen = [chosen]
    chosen = set(chosen) if isinstance(chosen, list | tuple) else set()
    return [
        ChoiceView(
            key=option["key"],
            label=option["label"],
            id=f"{prefix}-{option['key']}",
            checked=option["key"] in chosen,
        )
        for option in question.get("options") or []
    ]


def form_sections(
    definition: dict[str, Any],
    raw: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    *,
    stored: dict[str, Any] | None = None,
) -> list[SectionView]:
    """The sections with their questions, filled with `raw` (the shape of
    answers_from_post). `stored` (the saved answers) gives the read-only texts."""
    errors = errors or {}
    clean, _problems = answers_clean(definition, raw, final=False)
    shown = stored if stored is not None else clean
    made = []
    for section in sections(definition):
        views = []
        for question in section.get("questions") or []:
            key = question["key"]
            value = raw.get(key)
            prefix = f"f-{key}"
            condition = question.get("show_if")
            view = QuestionView(
                question=question,
                name=field_name(key),
                id=prefix,
                value="" if value is None else value,
                errors=errors.get(key, []),
                visible=question_visible(question, clean),
                show_if=json.dumps(condition) if condition else "",
                answer=answer_text(question, shown.get(key)),
            )
            if question["type"] == MATRIX:
                row_values = value if isinstance(value, dict) else {}
                view.rows = [
                    RowView(
                        key=row["key"],
                        label=row["label"],
                        name=field_name(key, row["key"]),
                        choices=_choices(
                            question, row_values.get(row["key"]), f"{prefix}-{row['key']}"
                        ),
                    )
                    for row in question.get("rows") or []
                ]
                view.answer_rows = answer_rows(question, shown.get(key))
            elif question.get("options"):
                view.choices = _choices(question, value, prefix)
            if question["type"] == MULTIPLE and not isinstance(view.value, list):
                view.value = []
            views.append(view)
        made.append(SectionView(section=section, questions=views))
    return made
