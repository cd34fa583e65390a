"""A service's hours as the routing snapshot knows them: its weekly hours, closed dates and
special openings, read from the network document the snapshot was built from. The 1522 console
reads them to a caller and the public service page shows them, so that both say the hours the
routing decision (and the page's "open now") is computed on, and no database query is made
while a call is on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from threading import Lock
from typing import Any

from django.utils.translation import get_language

from rete.directory.hours import exceptions_describe, hours_describe
from rete.routing.engine import NetworkSnapshot


@dataclass(frozen=True, slots=True, eq=False)
class ServiceHours:
    rules: tuple[Mapping[str, Any], ...]
    closed_dates: tuple[str, ...]
    special_openings: tuple[Mapping[str, Any], ...]
    open_on_holidays: bool

    def lines(self, *, on: date) -> list[str]:
        """The weekly hours in words ("lunedì, mercoledì e venerdì 9:00–13:00")."""
        return list(_described(self, on, get_language()))

    def exceptions(self, *, on: date) -> list[str]:
        """Closed dates and special openings of the next 30 days, in words."""
        return list(_exceptions(self, on, get_language()))


# The same few services are described over and over during a day: their words are kept per
# service, day and language (the language is part of the key: the words are translated).
@lru_cache(maxsize=4096)
def _described(hours: ServiceHours, on: date, language: str | None) -> tuple[str, ...]:
    return tuple(hours_describe(hours.rules, on=on))


@lru_cache(maxsize=4096)
def _exceptions(hours: ServiceHours, on: date, language: str | None) -> tuple[str, ...]:
    return tuple(
        exceptions_describe(
            closed_dates=hours.closed_dates, special_openings=hours.special_openings, on=on
        )
    )


_NO_HOURS = ServiceHours(rules=(), closed_dates=(), special_openings=(), open_on_holidays=False)
_cache: dict[str, Mapping[str, ServiceHours]] = {}
_lock = Lock()


def _index(snapshot: NetworkSnapshot) -> Mapping[str, ServiceHours]:
    network = json.loads(snapshot.network_json)
    return {
        raw["id"]: ServiceHours(
            rules=tuple(raw.get("schedules") or ()),
            closed_dates=tuple(raw.get("closed_dates") or ()),
            special_openings=tuple(raw.get("special_openings") or ()),
            open_on_holidays=bool(raw.get("open_on_holidays")),
        )
        for raw in network.get("services", ())
    }


def service_hours(snapshot: NetworkSnapshot, service_id: str) -> ServiceHours:
    """The hours of `service_id` in `snapshot`; no hours for a service it no longer has (a
    decision stored before the network changed)."""
    key = f"{snapshot.version}@{snapshot.built_at.isoformat()}"
    index = _cache.get(key)
    if index is None:
        with _lock:
            index = _cache.get(key)
            if index is None:
                index = _index(snapshot)
                # One network at a time: a new snapshot replaces the old index.
                _cache.clear()
                _cache[key] = index
    return index.get(service_id, _NO_HOURS)
