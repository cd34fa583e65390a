"""The builder's changes to a draft definition, as pure functions: each takes a definition
and returns a changed copy (the original is left as it was), or raises EditRefused with a
message for the person. Checking the whole result (rete.monitoring.definition) and saving
it is the services' business.

Keys are made here, never typed: sections "s1", "s2", ...; questions "q1", "q2", ... never
reused within a questionnaire (a key means the same question in every version, so that
results can be compared); options and rows from their labels ("Sì" → "si"), keeping the key
of an option whose label did not change.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from rete.monitoring.definition import questions, sections

UP, DOWN = "up", "down"


class EditRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _next_key(prefix: str, taken: Iterable[str]) -> str:
    numbers = [
        int(key[len(prefix) :])
        for key in taken
        if key.startswith(prefix) and key[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def question_keys(definition: dict[str, Any]) -> set[str]:
    return {question["key"] for question in questions(definition)}


def choice_keys(labels: list[str], previous: list[dict[str, str]] | None = None) -> list[dict]:
    """Options (or rows) for `labels`, keyed from the label; an option whose label is
    unchanged keeps its key (a condition or an earlier answer may name it)."""
    kept = {item["label"]: item["key"] for item in previous or []}
    # Keys that unchanged labels will keep: a new label must not take one of them.
    reserved = {kept[label] for label in labels if label in kept}
    used: set[str] = set()
    made = []
    for position, label in enumerate(labels, start=1):
        key = kept.get(label)
        if key is None or key in used:
            # Apostrophes separate words in Italian ("dell'ordine" → "dell_ordine").
            words = slugify(re.sub(r"['’]", " ", label)).replace("-", "_")
            base = re.sub(r"[^a-z0-9_]", "_", words)[:36].strip("_")
            base = base or f"o{position}"
            key, suffix = base, 2
            while key in used or key in reserved:
                key = f"{base}_{suffix}"
                suffix += 1
        used.add(key)
        made.append({"key": key, "label": label})
    return made


def _section(definition: dict[str, Any], key: str) -> dict[str, Any]:
    for section in sections(definition):
        if section.get("key") == key:
            return section
    raise EditRefused(_("This section does not exist (any more)."))


def _locate(definition: dict[str, Any], key: str) -> tuple[int, int]:
    for s_index, section in enumerate(sections(definition)):
        for q_index, question in enumerate(section.get("questions") or []):
            if question.get("key") == key:
                return s_index, q_index
    raise EditRefused(_("This question does not exist (any more)."))


def _copy(definition: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(definition) if definition else {}
    result.setdefault("sections", [])
    return result


def section_add(definition: dict[str, Any], *, title: str, description: str) -> dict[str, Any]:
    result = _copy(definition)
    key = _next_key("s", (s["key"] for s in sections(result)))
    result["sections"].append(
        {"key": key, "title": title, "description": description, "questions": []}
    )
    return result


def section_update(
    definition: dict[str, Any], key: str, *, title: str, description: str
) -> dict[str, Any]:
    result = _copy(definition)
    section = _section(result, key)
    section["title"], section["description"] = title, description
    return result


def section_delete(definition: dict[str, Any], key: str) -> dict[str, Any]:
    """Removes the section with its questions (a later condition on one of them makes the
    result invalid: the services refuse it)."""
    result = _copy(definition)
    _section(result, key)
    result["sections"] = [s for s in result["sections"] if s.get("key") != key]
    return result


def section_move(definition: dict[str, Any], key: str, direction: str) -> dict[str, Any]:
    result = _copy(definition)
    found = result["sections"]
    index = next((i for i, s in enumerate(found) if s.get("key") == key), None)
    if index is None:
        raise EditRefused(_("This section does not exist (any more)."))
    other = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other < len(found):
        raise EditRefused(_("This section cannot move further."))
    found[index], found[other] = found[other], found[index]
    return result


def question_add(
    definition: dict[str, Any], section_key: str, question: dict[str, Any], *, taken: set[str]
) -> tuple[dict[str, Any], str]:
    """Adds `question` (without its key) at the end of the section; returns the result and
    the new key, unused in `taken` (the keys of every version of the questionnaire)."""
    result = _copy(definition)
    section = _section(result, section_key)
    key = _next_key("q", taken | question_keys(result))
    section.setdefault("questions", []).append({"key": key, **question})
    return result, key


def question_update(
    definition: dict[str, Any], key: str, question: dict[str, Any]
) -> dict[str, Any]:
    result = _copy(definition)
    s_index, q_index = _locate(result, key)
    result["sections"][s_index]["questions"][q_index] = {"key": key, **question}
    return result


def question_delete(definition: dict[str, Any], key: str) -> dict[str, Any]:
    result = _copy(definition)
    s_index, q_index = _locate(result, key)
    del result["sections"][s_index]["questions"][q_index]
    return result


def question_move(definition: dict[str, Any], key: str, direction: str) -> dict[str, Any]:
    """One place up or down; past the top (bottom) of its section, to the end (start) of the
    previous (next) section."""
    if direction not in (UP, DOWN):
        raise EditRefused(_("This question cannot move further."))
    result = _copy(definition)
    s_index, q_index = _locate(result, key)
    found = result["sections"]
    own = found[s_index]["questions"]
    if direction == UP and q_index > 0:
        own[q_index - 1], own[q_index] = own[q_index], own[q_index - 1]
    elif direction == DOWN and q_index < len(own) - 1:
        own[q_index + 1], own[q_index] = own[q_index], own[q_index + 1]
    elif direction == UP and s_index > 0:
        found[s_index - 1].setdefault("questions", []).append(own.pop(q_index))
    elif direction == DOWN and s_index < len(found) - 1:
        found[s_index + 1].setdefault("questions", []).insert(0, own.pop(q_index))
    else:
        raise EditRefused(_("This question cannot move further."))
    return result
