"""A service's answers to a questionnaire version: reading them from a form, checking them
against the definition, showing them.

`Response.answers` is `{question key: value}`: single → option key; multiple → list of
option keys (in the definition's order); number → int or float (int when the question asks
for whole numbers); text → str; date → "YYYY-MM-DD"; matrix → {row key: option key}.
Unanswered questions are absent, and so are the questions not asked (see
rete.monitoring.definition.question_visible).

`answers_clean` takes what a person typed (the strings of a form, as
`answers_from_post` reads them, or values already typed) and never raises: it returns the
answers that are good and, by question, what is wrong with the others. A draft keeps the
good answers and reports the rest; a final submission (`final=True`) also needs every
required question that is asked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from rete.monitoring.definition import (
    DATE,
    MATRIX,
    MULTIPLE,
    NUMBER,
    SINGLE,
    TEXT,
    TEXT_MAX_LENGTH_DEFAULT,
    option_keys,
    question_visible,
    questions,
    row_keys,
)

FIELD_PREFIX = "a-"
# Question keys are [a-z0-9_]: a dot cannot be part of one.
ROW_SEPARATOR = "."
_NUMBER_RE = re.compile(r"[+-]?\d{1,18}([.,]\d{1,10})?\Z")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Without bounds of its own, a number still has to be one a spreadsheet keeps exactly.
NUMBER_LIMIT = 10**15
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

Errors = dict[str, list[str]]


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def field_name(question_key: str, row_key: str | None = None) -> str:
    """The name of the form field of a question (of one row of a matrix)."""
    name = f"{FIELD_PREFIX}{question_key}"
    return f"{name}{ROW_SEPARATOR}{row_key}" if row_key is not None else name


def answers_from_post(definition: Mapping[str, Any], data: Any) -> dict[str, Any]:
    """What was typed in the answering form (a QueryDict), by question key, as strings:
    single/number/text/date → str, multiple → list of str, matrix → {row: str}."""
    raw: dict[str, Any] = {}
    for question in questions(definition):
        key = question["key"]
        if question["type"] == MULTIPLE:
            raw[key] = [value for value in data.getlist(field_name(key)) if value]
        elif question["type"] == MATRIX:
            raw[key] = {
                row: data.get(field_name(key, row), "")
                for row in row_keys(question)
                if data.get(field_name(key, row))
            }
        else:
            raw[key] = data.get(field_name(key), "")
    return raw


def answers_as_raw(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Stored answers in the shape of `answers_from_post`, to fill the form with them."""
    raw: dict[str, Any] = {}
    for question in questions(definition):
        key = question["key"]
        if key not in answers:
            continue
        value = answers[key]
        if question["type"] == NUMBER and not isinstance(value, str):
            value = _number_text(value)
        raw[key] = value
    return raw


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- one question at a time: each returns the clean value, or None when unanswered -------


def _single(question: Mapping[str, Any], value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in option_keys(question):
        raise _Invalid(_("Choose one of the answers offered."))
    return value


def _multiple(question: Mapping[str, Any], value: Any) -> list[str] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise _Invalid(_("Choose among the answers offered."))
    offered = option_keys(question)
    if any(item not in offered for item in value):
        raise _Invalid(_("Choose among the answers offered."))
    chosen = set(value)
    return [key for key in offered if key in chosen]


def _number(question: Mapping[str, Any], value: Any) -> int | float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not _NUMBER_RE.match(text):
            raise _Invalid(_("Write a number, e.g. 12 or 3,5."))
        text = text.replace(",", ".")
        number: int | float = float(text) if "." in text else int(text)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = value
    else:
        raise _Invalid(_("Write a number, e.g. 12 or 3,5."))
    if isinstance(number, float) and not math.isfinite(number):
        raise _Invalid(_("Write a number, e.g. 12 or 3,5."))
    if abs(number) > NUMBER_LIMIT:
        raise _Invalid(_("The number is too large."))
    if question.get("integer"):
        if number != int(number):
            raise _Invalid(_("Write a whole number."))
        number = int(number)
    low, high = question.get("min"), question.get("max")
    if low is not None and number < low:
        raise _Invalid(_("The smallest answer allowed is %(min)s.") % {"min": _number_text(low)})
    if high is not None and number > high:
        raise _Invalid(_("The largest answer allowed is %(max)s.") % {"max": _number_text(high)})
    return number


def _text(question: Mapping[str, Any], value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Invalid(_("Write some text."))
    # Browsers send line ends as CRLF; PostgreSQL's jsonb refuses the NUL character.
    text = value.replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        return None
    limit = question.get("max_length", TEXT_MAX_LENGTH_DEFAULT)
    if len(text) > limit:
        raise _Invalid(
            _("Write at most %(limit)d characters (now %(length)d).")
            % {"limit": limit, "length": len(text)}
        )
    return text


def _date(question: Mapping[str, Any], value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        raise _Invalid(_("Write a date as YYYY-MM-DD, or choose it from the calendar."))
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError:
        raise _Invalid(_("This date does not exist.")) from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise _Invalid(
            _("Write a date between %(first)d and %(last)d.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
        )
    return parsed.isoformat()


def _matrix(question: Mapping[str, Any], value: Any) -> dict[str, str] | None:
    if value is None or value == "" or value == {}:
        return None
    if not isinstance(value, Mapping):
        raise _Invalid(_("Choose one answer for each row."))
    offered = option_keys(question)
    chosen: dict[str, str] = {}
    for row in row_keys(question):
        answer = value.get(row)
        if answer is None or answer == "":
            continue
        if not isinstance(answer, str) or answer not in offered:
            raise _Invalid(_("Choose one of the answers offered in each row."))
        chosen[row] = answer
    return chosen or None


_CLEANERS = {
    SINGLE: _single,
    MULTIPLE: _multiple,
    NUMBER: _number,
    TEXT: _text,
    DATE: _date,
    MATRIX: _matrix,
}


def answers_clean(
    definition: Mapping[str, Any], raw: Any, *, final: bool
) -> tuple[dict[str, Any], Errors]:
    """(the good answers, {question key: [problems]}).

    The questions not asked (show_if, judged on the good answers before them) are dropped
    with whatever was typed in them; answers to unknown keys are ignored. With `final`, a
    required question that is asked and has no good answer is a problem too."""
    if not isinstance(raw, Mapping):
        raw = {}
    clean: dict[str, Any] = {}
    errors: Errors = {}
    for question in questions(definition):
        key = question["key"]
        if not question_visible(question, clean):
            continue
        cleaner = _CLEANERS.get(question.get("type"))
        if cleaner is None:
            continue
        try:
            value = cleaner(question, raw.get(key))
        except _Invalid as problem:
            errors[key] = [problem.message]
            continue
        except (TypeError, ValueError, AttributeError):
            errors[key] = [_("This answer cannot be read.")]
            continue
        if value is not None:
            clean[key] = value
        if final and question.get("required"):
            if value is None:
                errors[key] = [_("This question needs an answer.")]
            elif question["type"] == MATRIX and len(value) < len(row_keys(question)):
                errors[key] = [_("Choose one answer for each row.")]
    return clean, errors


# --- showing answers ----------------------------------------------------------------------


def _label(items: Any, key: str) -> str:
    for item in items or []:
        if item.get("key") == key:
            return item.get("label", key)
    return key


def answer_text(question: Mapping[str, Any], value: Any) -> str:
    """An answer as a person reads it (the options' labels, not their keys)."""
    if value is None:
        return ""
    kind = question.get("type")
    if kind == SINGLE:
        return _label(question.get("options"), value)
    if kind == MULTIPLE:
        return "; ".join(_label(question.get("options"), key) for key in value)
    if kind == MATRIX:
        return "; ".join(f"{label}: {option}" for label, option in answer_rows(question, value))
    if kind == NUMBER:
        return _number_text(value)
    return str(value)


def answer_rows(question: Mapping[str, Any], value: Any) -> list[tuple[str, str]]:
    """A matrix answer as (row label, option label), for every row (unanswered: "")."""
    value = value if isinstance(value, Mapping) else {}
    return [
        (
            row.get("label", row.get("key")),
            _label(question.get("options"), value[row["key"]]) if row.get("key") in value else "",
        )
        for row in question.get("rows") or []
    ]
