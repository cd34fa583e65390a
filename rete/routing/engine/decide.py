"""The routing decision: emergency, transfer, out_of_hours or orientation (DESIGN.md).

A pure function of (snapshot, comune, instant, emergency). The instant is converted to
Europe/Rome wall time once, and every service check after that is integer work on the
compiled snapshot, so the operator gets the answer within the first seconds of a call even
when the database is down.
"""

from __future__ import annotations

from datetime import datetime

from rete.routing.engine.clock import LocalInstant, local_instant, to_rome
from rete.routing.engine.model import (
    ComuneInfo,
    Decision,
    Explanation,
    ServiceStatus,
    TerritoryRef,
    UnknownComune,
    iso_or_none,
)
from rete.routing.engine.schedule import CompiledService
from rete.routing.engine.snapshot import CompiledTerritory, NetworkSnapshot

# "next_opening ... or null (open now, or nothing within 60 days)"
HORIZON_DAYS = 60


def is_open(snapshot: NetworkSnapshot, service_id: str, at: datetime) -> bool:
    """Whether the service is open at `at`.

    Raises NaiveInstant for an `at` without offset, KeyError for an unknown service.
    """
    return _service(snapshot, service_id).open_at(local_instant(at))


def next_opening(
    snapshot: NetworkSnapshot, service_id: str, at: datetime, horizon_days: int = HORIZON_DAYS
) -> datetime | None:
    """The earliest instant after `at` at which the service is open, in Europe/Rome.

    None if it is open at `at`, or if it does not open within `horizon_days` days of `at`.
    Raises NaiveInstant for an `at` without offset, KeyError for an unknown service.
    """
    service = _service(snapshot, service_id)
    local = local_instant(at)
    if service.open_at(local):
        return None
    return _next(service, local, horizon_days)


def decide(
    snapshot: NetworkSnapshot, comune: str, at: datetime, emergency: bool = False
) -> Decision:
    """Route a contact from `comune` (ISTAT code) at instant `at`.

    Raises NaiveInstant for an `at` without offset, UnknownComune for a code not in the
    snapshot. The modes and their contents are those of DESIGN.md ("Routing API").
    """
    local = local_instant(at)
    info = snapshot.comuni.get(comune)
    if info is None:
        raise UnknownComune(f"unknown comune: {comune!r}")
    covering = snapshot.coverage.get(comune, ())
    if emergency:
        return _emergency(snapshot, info, covering, local)
    chains = [t for t in covering if t.chain and t.in_force(local.day)]
    if not chains:
        return _orientation(snapshot, info, covering, local)

    # Every chain service once, most specific chain first, each chain in priority order.
    ordered: list[tuple[CompiledTerritory, CompiledService]] = []
    seen: set[str] = set()
    for territory in chains:
        for service in territory.chain:
            if service.id not in seen:
                seen.add(service.id)
                ordered.append((territory, service))

    open_now = [(t, s) for t, s in ordered if s.open_at(local)]
    if open_now:
        territory, target = open_now[0]
        params = {
            "territory": territory.name,
            "service": target.name,
            "open_alternatives": len(open_now) - 1,
        }
        if territory is chains[0]:
            explanation = Explanation("transfer", params)
        else:
            params["specific_territory"] = chains[0].name
            explanation = Explanation("transfer_fallback_broader", params)
        return Decision(
            mode="transfer",
            comune=info,
            territory=_ref(territory),
            target=target.open_status,
            next_opening=None,
            alternatives=tuple(s.open_status for _, s in open_now[1:]),
            emergency_contacts=(),
            explanation=explanation,
        )

    chain_statuses = [_closed(s, local) for _, s in ordered]
    target_status = chain_statuses[0]  # the first service of the most specific chain
    # By timestamp: Rome datetimes compare by wall time, which misorders the repeated hour.
    earliest = min(
        (status.next_opening for status in chain_statuses if status.next_opening is not None),
        key=datetime.timestamp,
        default=None,
    )
    # Open now, so not in any chain (all closed): no duplicate of the chain services above.
    open_elsewhere = [s.open_status for s in snapshot.area_open(info, local)]
    return Decision(
        mode="out_of_hours",
        comune=info,
        territory=_ref(chains[0]),
        target=target_status,
        next_opening=earliest,
        alternatives=(*chain_statuses[1:], *open_elsewhere),
        emergency_contacts=(),
        explanation=Explanation(
            "out_of_hours",
            {
                "territory": chains[0].name,
                "service": target_status.name,
                "service_next_opening": iso_or_none(target_status.next_opening),
                "next_opening": iso_or_none(earliest),
                "open_alternatives": len(open_elsewhere),
            },
        ),
    )


def _emergency(
    snapshot: NetworkSnapshot,
    info: ComuneInfo,
    covering: tuple[CompiledTerritory, ...],
    local: LocalInstant,
) -> Decision:
    territory = next((t for t in covering if t.in_force(local.day)), None)
    contacts = snapshot.emergency_contacts_for(info.province)
    return Decision(
        mode="emergency",
        comune=info,
        territory=_ref(territory) if territory else None,
        target=None,
        next_opening=None,
        alternatives=(),
        emergency_contacts=contacts,
        explanation=Explanation(
            "emergency",
            {
                "province": info.province,
                "territory": territory.name if territory else None,
                "contacts": len(contacts),
            },
        ),
    )


def _orientation(
    snapshot: NetworkSnapshot,
    info: ComuneInfo,
    covering: tuple[CompiledTerritory, ...],
    local: LocalInstant,
) -> Decision:
    open_now = snapshot.area_open(info, local)
    opened = [service.open_status for service in open_now]
    open_ids = {service.id for service in open_now}
    closed = [
        _closed(service, local)
        for service in snapshot.area_services(info)
        if service.id not in open_ids
    ]

    expired_on = None
    if not covering:
        reason = "no_territory"
    elif covering[0].in_force(local.day):
        reason = "no_referral_chain"
    else:
        expired = covering[0].expired_on(local.day)
        reason = "protocol_expired" if expired else "protocol_not_in_force"
        expired_on = expired.isoformat() if expired else None
    return Decision(
        mode="orientation",
        comune=info,
        territory=None,
        target=None,
        next_opening=None,
        alternatives=(*opened, *closed),
        emergency_contacts=(),
        explanation=Explanation(
            "orientation" if opened or closed else "orientation_none",
            {
                "reason": reason,
                "territory": covering[0].name if covering else None,
                "expired_on": expired_on,
                "province": info.province,
                "services": len(opened) + len(closed),
                "open": len(opened),
            },
        ),
    )


def _service(snapshot: NetworkSnapshot, service_id: str) -> CompiledService:
    try:
        return snapshot.services[service_id]
    except KeyError:
        raise KeyError(f"unknown service: {service_id!r}") from None


def _next(service: CompiledService, local: LocalInstant, horizon_days: int) -> datetime | None:
    found = service.next_opening_ts(local, horizon_days)
    return to_rome(found) if found is not None else None


def _closed(service: CompiledService, local: LocalInstant) -> ServiceStatus:
    """A service closed at `local`, with its next opening within the 60 days the API shows."""
    opening = _next(service, local, HORIZON_DAYS)
    return ServiceStatus(service.id, service.name, service.phone, False, opening, service.kind)


def _ref(territory: CompiledTerritory) -> TerritoryRef:
    return TerritoryRef(code=territory.code, name=territory.name)
