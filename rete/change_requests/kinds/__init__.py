"""The kinds of change a territory can propose, each in its own module (form, JSON shape,
display, apply): see base.py for what each provides."""

from __future__ import annotations

from rete.change_requests.kinds import (
    member_join,
    member_leave,
    referent_new,
    service_hours,
    service_new,
    service_phones,
)
from rete.change_requests.kinds.base import ApplyError, DisplayField, Kind, Target

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        service_hours.KIND,
        service_phones.KIND,
        service_new.KIND,
        member_join.KIND,
        member_leave.KIND,
        referent_new.KIND,
    )
}

__all__ = ["KINDS", "ApplyError", "DisplayField", "Kind", "Target"]
