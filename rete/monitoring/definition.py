"""The questions of a questionnaire version: the JSON format and its checks.

A definition is `{"sections": [section, ...]}`; a section is
`{"key", "title", "description", "questions": [question, ...]}`; a question has
`key`, `type`, `label`, `help`, `required`, and by type:

- single, multiple: `options` [{"key", "label"}, ...]
- number: `min`, `max` (numbers or null), `integer` (true/false)
- text: `max_length` (1..TEXT_MAX_LENGTH_LIMIT)
- date: nothing more
- matrix: `rows` and `options` [{"key", "label"}, ...]: one option per row

and, optionally, `show_if: {"question": <key of an EARLIER single or multiple question>,
"any_of": [<its option keys>]}`: the question is asked only when that answer is one of
`any_of` (for a multiple question: when any option chosen is one of them). A question not
asked is neither required nor kept (rete.monitoring.answers drops its answer).

Keys match KEY_RE; question keys are unique in the whole questionnaire (answers and exports
are keyed by them), option and row keys within their question, section keys among sections.

Pure Python: the builder, the answering forms and the campaigns' results all read
definitions through this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

KEY_RE = re.compile(r"[a-z0-9_]{1,40}\Z")

SINGLE = "single"
MULTIPLE = "multiple"
NUMBER = "number"
TEXT = "text"
DATE = "date"
MATRIX = "matrix"
QUESTION_TYPES = (SINGLE, MULTIPLE, NUMBER, TEXT, DATE, MATRIX)
# The questions a show_if may depend on.
CHOICE_TYPES = frozenset({SINGLE, MULTIPLE})
# The questions with a list of options.
OPTION_TYPES = frozenset({SINGLE, MULTIPLE, MATRIX})

TITLE_MAX_LENGTH = 200
LABEL_MAX_LENGTH = 500
HELP_MAX_LENGTH = 1000
TEXT_MAX_LENGTH_DEFAULT = 2000
TEXT_MAX_LENGTH_LIMIT = 10000
MAX_OPTIONS = 50
MAX_ROWS = 50
MAX_QUESTIONS = 300

_COMMON_ATTRIBUTES = {"key", "type", "label", "help", "required", "show_if"}
_TYPE_ATTRIBUTES = {
    SINGLE: {"options"},
    MULTIPLE: {"options"},
    NUMBER: {"min", "max", "integer"},
    TEXT: {"max_length"},
    DATE: set(),
    MATRIX: {"rows", "options"},
}
_SECTION_ATTRIBUTES = {"key", "title", "description", "questions"}


def definition_empty() -> dict[str, Any]:
    return {"sections": []}


def sections(definition: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = definition.get("sections") if isinstance(definition, Mapping) else None
    return [section for section in found or [] if isinstance(section, dict)]


def questions(definition: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every question, in the order they are asked."""
    for section in sections(definition):
        for question in section.get("questions") or []:
            if isinstance(question, dict):
                yield question


def question_find(definition: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    return next((q for q in questions(definition) if q.get("key") == key), None)


def section_find(definition: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    return next((s for s in sections(definition) if s.get("key") == key), None)


def _keys(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [item["key"] for item in items if isinstance(item, Mapping) and "key" in item]


def option_keys(question: Mapping[str, Any]) -> list[str]:
    return _keys(question.get("options"))


def row_keys(question: Mapping[str, Any]) -> list[str]:
    return _keys(question.get("rows"))


def question_visible(question: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Whether `question` is asked, given the (clean) answers to the earlier questions.

    The answers must be those of rete.monitoring.answers.answers_clean, where a question not
    asked has no answer: a question depending on a hidden one is hidden too."""
    condition = question.get("show_if")
    if not condition:
        return True
    answer = answers.get(condition.get("question"))
    wanted = set(condition.get("any_of") or ())
    if isinstance(answer, str):
        return answer in wanted
    if isinstance(answer, list):
        return any(choice in wanted for choice in answer)
    return False


# --- checks -------------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text_problem(value: Any, *, required: bool, max_length: int) -> str | None:
    if not isinstance(value, str):
        return _("must be text")
    if required and not value.strip():
        return _("must not be empty")
    if len(value) > max_length:
        return _("must be at most %(limit)d characters") % {"limit": max_length}
    return None


class _Checker:
    """Collects every problem of a definition, each named by where it is."""

    def __init__(self, *, draft: bool) -> None:
        self.draft = draft
        self.errors: list[str] = []
        self.question_keys: set[str] = set()
        # key -> question, for the questions already seen (show_if looks back only).
        self.earlier: dict[str, dict[str, Any]] = {}

    def add(self, where: str, problem: str) -> None:
        self.errors.append(f"{where}: {problem}.")

    def key(self, where: str, value: Any) -> bool:
        if isinstance(value, str) and KEY_RE.match(value):
            return True
        self.add(where, _("the key must be 1 to 40 lowercase letters, digits or underscores"))
        return False

    def text(self, where: str, name: str, value: Any, *, required: bool, limit: int) -> None:
        problem = _text_problem(value, required=required, max_length=limit)
        if problem:
            self.add(where, f"{name} {problem}")

    def check(self, data: Any) -> list[str]:
        if not isinstance(data, Mapping):
            return [_("The questions must be an object with a list of sections.")]
        unknown = set(data) - {"sections"}
        if unknown:
            self.add(_("Questionnaire"), _("unknown attributes %(names)s") % _names(unknown))
        found = data.get("sections")
        if not isinstance(found, list):
            self.add(_("Questionnaire"), _("the sections must be a list"))
            return self.errors
        if not found and not self.draft:
            self.add(_("Questionnaire"), _("add at least one section"))
        section_keys: set[str] = set()
        for position, section in enumerate(found, start=1):
            self.section(position, section, section_keys)
        if len(self.question_keys) > MAX_QUESTIONS:
            self.add(
                _("Questionnaire"), _("at most %(limit)d questions") % {"limit": MAX_QUESTIONS}
            )
        return self.errors

    def section(self, position: int, section: Any, seen: set[str]) -> None:
        where = _("Section %(position)d") % {"position": position}
        if not isinstance(section, Mapping):
            self.add(where, _("must be an object"))
            return
        if isinstance(section.get("title"), str) and section["title"].strip():
            where = _("Section %(position)d (“%(title)s”)") % {
                "position": position,
                "title": section["title"][:60],
            }
        unknown = set(section) - _SECTION_ATTRIBUTES
        if unknown:
            self.add(where, _("unknown attributes %(names)s") % _names(unknown))
        if self.key(where, section.get("key")):
            if section["key"] in seen:
                self.add(where, _("the key “%(key)s” is repeated") % {"key": section["key"]})
            seen.add(section["key"])
        self.text(
            where, _("the title"), section.get("title"), required=True, limit=TITLE_MAX_LENGTH
        )
        self.text(
            where,
            _("the description"),
            section.get("description", ""),
            required=False,
            limit=HELP_MAX_LENGTH,
        )
        found = section.get("questions")
        if not isinstance(found, list):
            self.add(where, _("the questions must be a list"))
            return
        if not found and not self.draft:
            self.add(where, _("add at least one question"))
        for question_position, question in enumerate(found, start=1):
            self.question(where, question_position, question)

    def question(self, section_where: str, position: int, question: Any) -> None:
        where = _("%(section)s, question %(position)d") % {
            "section": section_where,
            "position": position,
        }
        if not isinstance(question, Mapping):
            self.add(where, _("must be an object"))
            return
        key_ok = self.key(where, question.get("key"))
        if key_ok:
            where = _("Question “%(key)s”") % {"key": question["key"]}
            if question["key"] in self.question_keys:
                self.add(where, _("the key is used by another question"))
                key_ok = False
            self.question_keys.add(question["key"])
        kind = question.get("type")
        if kind not in QUESTION_TYPES:
            self.add(
                where,
                _("the type must be one of %(types)s") % {"types": ", ".join(QUESTION_TYPES)},
            )
            return
        unknown = set(question) - _COMMON_ATTRIBUTES - _TYPE_ATTRIBUTES[kind]
        if unknown:
            self.add(where, _("unknown attributes %(names)s") % _names(unknown))
        self.text(
            where, _("the text"), question.get("label"), required=True, limit=LABEL_MAX_LENGTH
        )
        self.text(
            where, _("the help"), question.get("help", ""), required=False, limit=HELP_MAX_LENGTH
        )
        if not isinstance(question.get("required", False), bool):
            self.add(where, _("“required” must be true or false"))
        if kind in OPTION_TYPES:
            self.choices(
                where, question.get("options"), _("option"), minimum=1 if kind == MULTIPLE else 2
            )
        if kind == MATRIX:
            self.choices(where, question.get("rows"), _("row"), minimum=1, limit=MAX_ROWS)
        if kind == NUMBER:
            self.number(where, question)
        if kind == TEXT:
            limit = question.get("max_length", TEXT_MAX_LENGTH_DEFAULT)
            if not (isinstance(limit, int) and not isinstance(limit, bool)) or not (
                1 <= limit <= TEXT_MAX_LENGTH_LIMIT
            ):
                self.add(
                    where,
                    _("the maximum length must be a whole number from 1 to %(limit)d")
                    % {"limit": TEXT_MAX_LENGTH_LIMIT},
                )
        if question.get("show_if") is not None:
            self.show_if(where, question["show_if"])
        if key_ok:
            self.earlier[question["key"]] = dict(question)

    def choices(
        self, where: str, items: Any, noun: str, *, minimum: int, limit: int = MAX_OPTIONS
    ) -> None:
        if not isinstance(items, list) or len(items) < minimum:
            self.add(
                where,
                _("give at least %(count)d choices of type “%(noun)s”")
                % {"count": minimum, "noun": noun},
            )
            return
        if len(items) > limit:
            self.add(
                where, _("at most %(count)d of type “%(noun)s”") % {"count": limit, "noun": noun}
            )
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            item_where = f"{where}, {noun} {position}"
            if not isinstance(item, Mapping) or set(item) - {"key", "label"}:
                self.add(item_where, _("must have a key and a label only"))
                continue
            if self.key(item_where, item.get("key")):
                if item["key"] in seen:
                    self.add(item_where, _("the key “%(key)s” is repeated") % {"key": item["key"]})
                seen.add(item["key"])
            self.text(
                item_where, _("the text"), item.get("label"), required=True, limit=TITLE_MAX_LENGTH
            )

    def number(self, where: str, question: Mapping[str, Any]) -> None:
        low, high = question.get("min"), question.get("max")
        for name, value in (("min", low), ("max", high)):
            if value is not None and not _is_number(value):
                self.add(where, _("“%(name)s” must be a number or empty") % {"name": name})
        if _is_number(low) and _is_number(high) and low > high:
            self.add(where, _("the minimum is greater than the maximum"))
        integer = question.get("integer", False)
        if not isinstance(integer, bool):
            self.add(where, _("“integer” must be true or false"))
        elif integer:
            for name, value in (("min", low), ("max", high)):
                if _is_number(value) and value != int(value):
                    self.add(where, _("“%(name)s” must be a whole number") % {"name": name})

    def show_if(self, where: str, condition: Any) -> None:
        if not isinstance(condition, Mapping) or set(condition) != {"question", "any_of"}:
            self.add(where, _("the condition must name a question and the answers that show it"))
            return
        source = (
            self.earlier.get(condition["question"])
            if isinstance(condition["question"], str)
            else None
        )
        if source is None:
            self.add(
                where,
                _("the condition must refer to an earlier question (“%(key)s” is not one)")
                % {"key": str(condition["question"])[:40]},
            )
            return
        if source["type"] not in CHOICE_TYPES:
            self.add(
                where,
                _("the condition must refer to a single or multiple choice question"),
            )
            return
        wanted = condition["any_of"]
        if not isinstance(wanted, list) or not wanted:
            self.add(where, _("the condition must list at least one answer"))
            return
        known = set(option_keys(source))
        strange = [value for value in wanted if value not in known]
        if strange:
            self.add(
                where,
                _("the condition names answers that “%(key)s” does not offer: %(answers)s")
                % {"key": source["key"], "answers": ", ".join(str(s)[:40] for s in strange)},
            )


def _names(unknown: set[Any]) -> dict[str, str]:
    return {"names": ", ".join(sorted(str(name)[:40] for name in unknown))}


def definition_validate(data: Any, *, draft: bool = False) -> list[str]:
    """Every problem of `data` as a definition, one readable sentence each; [] when good.

    `draft=True` allows what a draft may be while being built (no section yet, a section
    without questions); publishing checks without it."""
    try:
        return _Checker(draft=draft).check(data)
    except (TypeError, ValueError, AttributeError, KeyError):
        # Shapes the checks above do not foresee (a key that is a list, ...): refuse them
        # rather than fail.
        return [_("The questions are not in the expected format.")]
