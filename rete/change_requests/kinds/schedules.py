"""A weekly schedule in a form, in the JSON of a change and in words.

The JSON shape is the network file's (DESIGN.md): a list of rules `{"byday": "MO,WE,FR",
"opens_at": "09:00", "closes_at": "13:00", "valid_from": null, "valid_to": null}`, sorted
so that the same hours always give the same list. The words come from
rete.directory.hours, as on the public pages and in the 1522 console.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from rete.directory.hours import WEEKDAYS as WEEKDAY_NAMES
from rete.directory.hours import format_date, hours_describe
from rete.directory.models import WEEKDAYS, Schedule, Service

MIN_ROWS = 7
MAX_ROWS = 30
DAY_CHOICES = [(code, WEEKDAY_NAMES[index]) for index, code in enumerate(WEEKDAYS)]


def rule_key(rule: Mapping[str, Any]) -> tuple:
    return (
        WEEKDAYS.index(rule["byday"].split(",")[0]),
        rule["opens_at"],
        rule["closes_at"],
        rule["byday"],
        rule.get("valid_from") or "",
        rule.get("valid_to") or "",
    )


def schedules_canonical(rules: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        (
            {
                "byday": rule["byday"],
                "opens_at": rule["opens_at"],
                "closes_at": rule["closes_at"],
                "valid_from": rule.get("valid_from"),
                "valid_to": rule.get("valid_to"),
            }
            for rule in rules
        ),
        key=rule_key,
    )


def schedules_of(service: Service) -> list[dict[str, Any]]:
    """The service's weekly rules now, in the JSON shape."""
    return schedules_canonical(
        {
            "byday": schedule.byday,
            "opens_at": f"{schedule.opens_at:%H:%M}",
            "closes_at": f"{schedule.closes_at:%H:%M}",
            "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
            "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
        }
        for schedule in Schedule.objects.filter(service=service).order_by("pk")
    )


def schedules_write(service: Service, rules: Iterable[Mapping[str, Any]]) -> None:
    """Replace the service's weekly rules with `rules` (validated by the model, as the
    admin and the network import do)."""
    Schedule.objects.filter(service=service).delete()
    for rule in rules:
        schedule = Schedule(
            service=service,
            byday=rule["byday"],
            opens_at=rule["opens_at"],
            closes_at=rule["closes_at"],
            valid_from=rule.get("valid_from"),
            valid_to=rule.get("valid_to"),
        )
        schedule.full_clean()
        schedule.save()


def schedules_lines(rules: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """The rules in words: the ones always valid grouped by days ("lunedì, mercoledì e
    venerdì 9:00–13:00"), then each dated rule on a line of its own, with its dates."""
    rules = list(rules)
    always = [rule for rule in rules if not rule.get("valid_from") and not rule.get("valid_to")]
    lines = list(hours_describe(always))
    for rule in rules:
        if rule in always:
            continue
        since, until = rule.get("valid_from"), rule.get("valid_to")
        dates = {
            "from": format_date(date.fromisoformat(since), year=True) if since else "…",
            "to": format_date(date.fromisoformat(until), year=True) if until else "…",
        }
        described = "; ".join(hours_describe([rule]))
        lines.append(f"{described} ({_gettext('from %(from)s to %(to)s') % dates})")
    return tuple(lines)


@dataclass(frozen=True)
class HoursRow:
    """The bound fields of one row of the hours editor, for the template."""

    index: int
    days: forms.BoundField
    opens_at: forms.BoundField
    closes_at: forms.BoundField
    valid_from: forms.BoundField
    valid_to: forms.BoundField
    errors: list[str]


class HoursFieldsMixin:
    """Adds rows of "days, opens at, closes at, valid from, valid to" to a form; `clean`
    puts the filled rows in `cleaned_data["schedules"]` (JSON shape). An empty row is
    ignored; a row half filled is refused with a message on that row."""

    hours_required = True

    def hours_setup(self, initial_rules: list[dict[str, Any]] | None) -> None:
        rows = max(MIN_ROWS, len(initial_rules or []) + 2)
        if self.is_bound:  # type: ignore[attr-defined]
            # As many rows as were posted (within bounds): what was typed comes back.
            posted = sum(
                1 for key in self.data if key.startswith("rule_") and key.endswith("_opens_at")
            )  # type: ignore[attr-defined]
            rows = min(MAX_ROWS, max(MIN_ROWS, posted))
        self.hours_rows_count = rows
        self.row_errors: dict[int, list[str]] = {}
        for index in range(rows):
            self.fields[f"rule_{index}_days"] = forms.MultipleChoiceField(  # type: ignore[attr-defined]
                label=_("Days"),
                choices=DAY_CHOICES,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"rule_{index}_opens_at"] = forms.TimeField(  # type: ignore[attr-defined]
                label=_("Opens at"),
                required=False,
                widget=forms.TimeInput(
                    format="%H:%M", attrs={"type": "time", "class": "form-control"}
                ),
            )
            self.fields[f"rule_{index}_closes_at"] = forms.TimeField(  # type: ignore[attr-defined]
                label=_("Closes at"),
                required=False,
                widget=forms.TimeInput(
                    format="%H:%M", attrs={"type": "time", "class": "form-control"}
                ),
            )
            self.fields[f"rule_{index}_valid_from"] = forms.DateField(  # type: ignore[attr-defined]
                label=_("Valid from"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
            )
            self.fields[f"rule_{index}_valid_to"] = forms.DateField(  # type: ignore[attr-defined]
                label=_("Valid to"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
            )
        if not self.is_bound and initial_rules:  # type: ignore[attr-defined]
            for index, rule in enumerate(initial_rules):
                self.initial.update(  # type: ignore[attr-defined]
                    {
                        f"rule_{index}_days": rule["byday"].split(","),
                        f"rule_{index}_opens_at": rule["opens_at"],
                        f"rule_{index}_closes_at": rule["closes_at"],
                        f"rule_{index}_valid_from": rule.get("valid_from") or "",
                        f"rule_{index}_valid_to": rule.get("valid_to") or "",
                    }
                )

    def hours_rows(self) -> list[HoursRow]:
        return [
            HoursRow(
                index=index,
                days=self[f"rule_{index}_days"],  # type: ignore[index]
                opens_at=self[f"rule_{index}_opens_at"],  # type: ignore[index]
                closes_at=self[f"rule_{index}_closes_at"],  # type: ignore[index]
                valid_from=self[f"rule_{index}_valid_from"],  # type: ignore[index]
                valid_to=self[f"rule_{index}_valid_to"],  # type: ignore[index]
                errors=self.row_errors.get(index, []),
            )
            for index in range(self.hours_rows_count)
        ]

    def hours_clean(self, cleaned: dict[str, Any]) -> None:
        rules = []
        for index in range(self.hours_rows_count):
            days = cleaned.get(f"rule_{index}_days") or []
            opens = cleaned.get(f"rule_{index}_opens_at")
            closes = cleaned.get(f"rule_{index}_closes_at")
            since = cleaned.get(f"rule_{index}_valid_from")
            until = cleaned.get(f"rule_{index}_valid_to")
            field_errors = any(
                f"rule_{index}_{name}" in self.errors  # type: ignore[attr-defined]
                for name in ("days", "opens_at", "closes_at", "valid_from", "valid_to")
            )
            if field_errors:
                self._row_error(index, _("Check the times and dates of this row."))
                continue
            if not days and opens is None and closes is None and not since and not until:
                continue
            if not days or opens is None or closes is None:
                self._row_error(
                    index, _("Choose the days and give both the opening and the closing time.")
                )
                continue
            if since and until and until < since:
                self._row_error(index, _("The row's end of validity is before its start."))
                continue
            rules.append(
                {
                    "byday": ",".join(code for code in WEEKDAYS if code in days),
                    "opens_at": f"{opens:%H:%M}",
                    "closes_at": f"{closes:%H:%M}",
                    "valid_from": since.isoformat() if since else None,
                    "valid_to": until.isoformat() if until else None,
                }
            )
        if self.row_errors:
            raise ValidationError(_("Some rows of the opening hours are not complete."))
        if self.hours_required and not rules:
            raise ValidationError(
                _(
                    "Give at least one weekly opening (a service open day and night: every "
                    "day, 00:00 to 00:00)."
                )
            )
        cleaned["schedules"] = schedules_canonical(rules)

    def _row_error(self, index: int, message: Any) -> None:
        self.row_errors.setdefault(index, []).append(str(message))
