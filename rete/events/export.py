"""The organisers' CSV of an event's participants. A cell a spreadsheet would run as a
formula is written as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils import timezone

from rete.events.models import Registration

COLUMNS = (
    "last_name",
    "first_name",
    "email",
    "organization",
    "territory",
    "mode",
    "accessibility_needs",
    "registered_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def participants_csv(registrations: Sequence[Registration]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for registration in registrations:
        person = registration.user
        writer.writerow(
            [
                _cell(person.last_name),
                _cell(person.first_name or ("" if person.last_name else person.get_username())),
                _cell(person.email),
                _cell(registration.organization.name if registration.organization else ""),
                registration.territory.code if registration.territory else "",
                registration.mode,
                _cell(registration.accessibility_needs),
                timezone.localtime(registration.registered_at).isoformat(timespec="minutes"),
            ]
        )
    return out.getvalue()
