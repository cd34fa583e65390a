"""Kind 1: the weekly opening hours of one of the territory's services, replaced as a whole.
The routing engine reads them: an accepted change moves the 1522 transfers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from rete.change_requests.kinds.base import DisplayField, Kind, KindForm, Target
from rete.change_requests.kinds.schedules import (
    HoursFieldsMixin,
    schedules_lines,
    schedules_of,
    schedules_write,
)
from rete.change_requests.models import ChangeKind


class ServiceHoursForm(HoursFieldsMixin, KindForm):
    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, target=target, **kwargs)
        self.hours_setup(self.initial.get("schedules"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.hours_clean(cleaned)
        return cleaned


def current(target: Target) -> dict[str, Any]:
    if target.service is None:
        return {}
    return {"schedules": schedules_of(target.service)}


def initial(data: dict[str, Any]) -> dict[str, Any]:
    return {"schedules": data.get("schedules", [])}


def proposed(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"schedules": cleaned["schedules"]}


def display(data: dict[str, Any]) -> list[DisplayField]:
    return [
        DisplayField("schedules", _("Weekly hours"), schedules_lines(data.get("schedules", [])))
    ]


def apply(change_request: Any, **context: Any) -> dict[str, Any]:
    schedules_write(change_request.service, change_request.proposed["schedules"])
    return {"service": change_request.service.ext_id}


KIND = Kind(
    code=ChangeKind.SERVICE_HOURS,
    target="service",
    form_class=ServiceHoursForm,
    current=current,
    initial=initial,
    proposed=proposed,
    display=display,
    apply=apply,
)
