"""Before, now and proposed side by side, from the kinds' common display: one row per
field, each column a list of lines, a line marked when the other side lacks it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from rete.change_requests.kinds import Kind


@dataclass(frozen=True)
class Line:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffRow:
    key: str
    label: Promise | str
    before: tuple[Line, ...]
    now: tuple[Line, ...] | None  # None: not compared (a decided request)
    proposed: tuple[Line, ...]
    changed: bool  # the proposal changes this field
    moved: bool  # the data of this field changed since the proposal


def _marked(lines: tuple[str, ...], other: tuple[str, ...]) -> tuple[Line, ...]:
    return tuple(Line(text, text not in other) for text in lines)


def diff_rows(
    kind: Kind,
    *,
    before: dict[str, Any],
    proposed: dict[str, Any],
    now: dict[str, Any] | None = None,
) -> list[DiffRow]:
    before_fields = kind.display(before)
    proposed_fields = {field.key: field for field in kind.display(proposed)}
    now_fields = {field.key: field for field in kind.display(now)} if now is not None else {}
    rows = []
    for field in before_fields:
        new = proposed_fields[field.key].lines
        current = now_fields[field.key].lines if now is not None else None
        rows.append(
            DiffRow(
                key=field.key,
                label=field.label,
                before=_marked(field.lines, new),
                now=_marked(current, field.lines) if current is not None else None,
                proposed=_marked(new, field.lines),
                changed=field.lines != new,
                moved=current is not None and current != field.lines,
            )
        )
    return rows


def changed_fields(kind: Kind, *, before: dict[str, Any], proposed: dict[str, Any]) -> list[str]:
    """The names of the fields the proposal changes (for the audit log: names, no values)."""
    return [row.key for row in diff_rows(kind, before=before, proposed=proposed) if row.changed]
