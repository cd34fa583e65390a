"""Value types of the routing engine: what goes in (`ComuneInfo`) and what comes out (`Decision`).

They are frozen and hold plain values only, so a decision can be logged, compared, cached and
rendered by the Django layer without knowing anything of the engine's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Mode = Literal["emergency", "transfer", "out_of_hours", "orientation"]


class NaiveInstant(ValueError):
    """An instant without a UTC offset: local times are ambiguous around DST, so it is refused."""


class UnknownComune(LookupError):
    """A comune code that is not in the snapshot."""


@dataclass(frozen=True, slots=True)
class ComuneInfo:
    """An ISTAT comune as the engine needs it."""

    code: str  # ISTAT code, 6 digits
    name: str
    province: str  # sigla, e.g. "BA"
    region: str
    is_capital: bool  # capital of its province: its patron day is the province's holiday


@dataclass(frozen=True, slots=True)
class TerritoryRef:
    code: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True, slots=True)
class EmergencyContactRef:
    name: str
    phone: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone}


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """A service as the operator sees it at the decision's instant."""

    service_id: str
    name: str
    phone: str | None  # first phone, E.164
    open_now: bool
    next_opening: datetime | None  # Europe/Rome; None when open now or nothing within 60 days
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "service_id": self.service_id,
            "name": self.name,
            "phone": self.phone,
            "open_now": self.open_now,
            "next_opening": iso_or_none(self.next_opening),
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why the engine decided as it did: a code and the values an Italian sentence needs.

    The codes and their params are listed in the package docstring (`rete.routing.engine`).
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Decision:
    mode: Mode
    comune: ComuneInfo
    territory: TerritoryRef | None
    target: ServiceStatus | None
    next_opening: datetime | None
    alternatives: tuple[ServiceStatus, ...]
    emergency_contacts: tuple[EmergencyContactRef, ...]
    explanation: Explanation

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of the Routing API, without `explanation` (the caller translates it)."""
        return {
            "mode": self.mode,
            "comune": {
                "code": self.comune.code,
                "name": self.comune.name,
                "province": self.comune.province,
            },
            "territory": self.territory.to_dict() if self.territory else None,
            "target": self.target.to_dict() if self.target else None,
            "next_opening": iso_or_none(self.next_opening),
            "alternatives": [item.to_dict() for item in self.alternatives],
            "emergency_contacts": [contact.to_dict() for contact in self.emergency_contacts],
        }


def iso_or_none(instant: datetime | None) -> str | None:
    """ISO 8601 with the instant's own offset ("2026-11-27T09:00:00+01:00"), or None."""
    return instant.isoformat() if instant is not None else None
