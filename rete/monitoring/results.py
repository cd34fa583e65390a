"""Aggregated results of a campaign: pure functions over a questionnaire definition and the
answers of the SUBMITTED responses (the caller selects them, and filters by territory).

Per question, by type:
- single, multiple: how many chose each option, and the share of the respondents to whom
  the question was shown (a multiple question's shares may add up to more than 100%);
- number: how many answered, sum, mean, median, minimum, maximum;
- date: how many answered, earliest, latest;
- matrix: how many chose each option on each row;
- text: how many answered and, only when asked for (`include_texts`), the texts.

A question shown only after some answer ("show_if") is counted over the responses to which
it was shown: its denominator is `shown`, not every response.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rete.monitoring.definition import (
    DATE,
    MATRIX,
    MULTIPLE,
    NUMBER,
    SINGLE,
    TEXT,
    question_visible,
    sections,
)

# Fewer submitted responses than this, and the results could point at one service.
SMALL_CELL = 3

Number = int | float


@dataclass(frozen=True, slots=True)
class OptionCount:
    key: str
    label: str
    count: int
    percent: float | None  # of the respondents shown the question; None when none was


@dataclass(frozen=True, slots=True)
class MatrixRow:
    key: str
    label: str
    counts: list[int]  # in the order of the question's options
    answered: int


@dataclass(frozen=True, slots=True)
class NumberSummary:
    n: int
    total: Number
    mean: float
    median: Number
    minimum: Number
    maximum: Number


@dataclass(frozen=True, slots=True)
class DateSummary:
    n: int
    earliest: datetime.date
    latest: datetime.date


@dataclass(slots=True)
class QuestionResult:
    key: str
    type: str
    label: str
    section: str
    conditional: bool
    shown: int  # responses to which the question was shown: the denominator
    answered: int
    options: list[OptionCount] = field(default_factory=list)  # single, multiple
    unanswered: int = 0  # shown but left blank
    numbers: NumberSummary | None = None
    dates: DateSummary | None = None
    matrix_options: list[tuple[str, str]] = field(default_factory=list)  # (key, label)
    matrix_rows: list[MatrixRow] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def is_choice(self) -> bool:
        return self.type in (SINGLE, MULTIPLE)


@dataclass(frozen=True, slots=True)
class Results:
    responses: int  # submitted responses counted
    questions: list[QuestionResult]

    @property
    def small(self) -> bool:
        """Too few responses to show without a warning (they could identify a service)."""
        return 0 < self.responses < SMALL_CELL


def _percent(count: int, of: int) -> float | None:
    return round(100 * count / of, 1) if of else None


def _items(question: Mapping[str, Any], name: str) -> list[tuple[str, str]]:
    return [
        (str(item.get("key")), str(item.get("label", item.get("key"))))
        for item in question.get(name) or []
        if isinstance(item, Mapping)
    ]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _choice(result: QuestionResult, question: Mapping[str, Any], given: list[Any]) -> None:
    options = _items(question, "options")
    counts = dict.fromkeys((key for key, _label in options), 0)
    for answer in given:
        chosen = answer if isinstance(answer, list) else [answer]
        for key in set(chosen):
            if key in counts:
                counts[key] += 1
    result.options = [
        OptionCount(key, label, counts[key], _percent(counts[key], result.shown))
        for key, label in options
    ]
    result.unanswered = result.shown - result.answered


def _number(result: QuestionResult, given: list[Any]) -> None:
    values = [value for value in given if _is_number(value)]
    if values:
        result.numbers = NumberSummary(
            n=len(values),
            total=sum(values),
            mean=statistics.fmean(values),
            median=statistics.median(values),
            minimum=min(values),
            maximum=max(values),
        )


def _dates(result: QuestionResult, given: list[Any]) -> None:
    values = [day for day in (_date(value) for value in given) if day is not None]
    if values:
        result.dates = DateSummary(n=len(values), earliest=min(values), latest=max(values))


def _matrix(result: QuestionResult, question: Mapping[str, Any], given: list[Any]) -> None:
    result.matrix_options = _items(question, "options")
    option_index = {key: index for index, (key, _label) in enumerate(result.matrix_options)}
    rows = []
    for row_key, row_label in _items(question, "rows"):
        counts = [0] * len(option_index)
        answered = 0
        for answer in given:
            chosen = answer.get(row_key) if isinstance(answer, Mapping) else None
            if chosen in option_index:
                counts[option_index[chosen]] += 1
                answered += 1
        rows.append(MatrixRow(row_key, row_label, counts, answered))
    result.matrix_rows = rows


def _has_answer(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def results_aggregate(
    definition: Mapping[str, Any],
    answers: Iterable[Mapping[str, Any]],
    *,
    include_texts: bool = False,
) -> Results:
    """The results of the submitted `answers` (one {question key: answer} per response)."""
    answers = [a if isinstance(a, Mapping) else {} for a in answers]
    found: list[QuestionResult] = []
    for section in sections(definition):
        for question in section.get("questions") or []:
            if not isinstance(question, Mapping):
                continue
            key = str(question.get("key"))
            shown_to = [a for a in answers if question_visible(question, a)]
            given = [a[key] for a in shown_to if _has_answer(a.get(key))]
            result = QuestionResult(
                key=key,
                type=str(question.get("type")),
                label=str(question.get("label", key)),
                section=str(section.get("title", "")),
                conditional=bool(question.get("show_if")),
                shown=len(shown_to),
                answered=len(given),
            )
            if result.type in (SINGLE, MULTIPLE):
                _choice(result, question, given)
            elif result.type == NUMBER:
                _number(result, given)
            elif result.type == DATE:
                _dates(result, given)
            elif result.type == MATRIX:
                _matrix(result, question, given)
            elif result.type == TEXT and include_texts:
                result.texts = [str(value) for value in given]
            found.append(result)
    return Results(responses=len(answers), questions=found)


def answer_text(question: Mapping[str, Any], value: Any) -> str | Number | None:
    """One answer as a cell of the raw export: option labels for choices, the number or
    ISO date as given, text as typed; None when unanswered. A matrix is split by row
    (raw_cell)."""
    if not _has_answer(value):
        return None
    labels = dict(_items(question, "options"))
    if question.get("type") == SINGLE:
        return labels.get(value, str(value))
    if question.get("type") == MULTIPLE and isinstance(value, list):
        return " | ".join(labels.get(key, str(key)) for key in value)
    if _is_number(value):
        return value
    return str(value)


def raw_columns(
    definition: Mapping[str, Any],
) -> Sequence[tuple[str, str, dict[str, Any], str | None]]:
    """The raw export's answer columns: (heading key, label, question, matrix row key)."""
    columns: list[tuple[str, str, dict[str, Any], str | None]] = []
    for section in sections(definition):
        for question in section.get("questions") or []:
            if not isinstance(question, dict):
                continue
            key, label = str(question.get("key")), str(question.get("label", ""))
            if question.get("type") == MATRIX:
                for row_key, row_label in _items(question, "rows"):
                    columns.append(
                        (f"{key}.{row_key}", f"{label} — {row_label}", question, row_key)
                    )
            else:
                columns.append((key, label, question, None))
    return columns


def raw_cell(column: tuple[str, str, dict[str, Any], str | None], answers: Mapping[str, Any]):
    """The value of one answer column for one response (see raw_columns)."""
    _heading, _label, question, row_key = column
    value = answers.get(str(question.get("key")))
    if row_key is None:
        return answer_text(question, value)
    if not isinstance(value, Mapping) or row_key not in value:
        return None
    labels = dict(_items(question, "options"))
    return labels.get(value[row_key], str(value[row_key]))
