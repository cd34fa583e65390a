"""The immutable, in-memory network the engine decides over, and its file form.

A snapshot is compiled once from a validated `rete-network/1` document and the ISTAT comuni,
every time the network changes, so that a decision does no I/O and little work: comuni by code,
compiled services, territories with their protocols and referral chains, the comune ->
covering territories index (most specific first), services by service area, and emergency
contacts by province.

On disk (`rete-snapshot/1`) a snapshot is its source (network document, comuni, version,
build instant) and loading rebuilds it: one compiler, so a snapshot read back routes exactly as
the one written, and the file stays readable by people and other tools.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

from rete.routing.engine.area import AreaIndex, area_index
from rete.routing.engine.clock import NO_END, NO_START, ROME, LocalInstant, day_ordinal
from rete.routing.engine.holiday_calendar import calendar_for, holiday_profile
from rete.routing.engine.model import ComuneInfo, EmergencyContactRef
from rete.routing.engine.schedule import CompiledService, compile_service

SNAPSHOT_FORMAT = "rete-snapshot/1"

NUMERO_UNICO = EmergencyContactRef(name="Numero unico di emergenza", phone="112")

# Orientation ranks services by kind in this order (the order of ServiceKind in
# rete.directory.kinds, centres and shelters first); kinds not listed come after all of these.
KIND_ORDER = (
    "anti_violence_centre",
    "shelter",
    "helpline",
    "counselling",
    "social_service",
    "health_service",
    "emergency_room",
    "police",
    "legal",
    "other",
)
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


@dataclass(frozen=True, slots=True, eq=False)
class CompiledTerritory:
    code: str
    name: str
    size: int  # comuni covered in total: the smaller, the more specific
    chain: tuple[CompiledService, ...]  # referral chain, by priority
    windows: tuple[tuple[int, int], ...]  # (valid_from, valid_to) ordinals of active protocols

    def in_force(self, day: int) -> bool:
        """Whether an active protocol covers local date `day` (an ordinal), ends included."""
        return any(since <= day <= until for since, until in self.windows)

    def expired_on(self, day: int) -> date | None:
        """The last day of validity when every active protocol has ended before `day`."""
        if self.windows and all(until < day for _, until in self.windows):
            return date.fromordinal(max(until for _, until in self.windows))
        return None


@dataclass(frozen=True, slots=True, eq=False)
class NetworkSnapshot:
    version: str
    built_at: datetime
    comuni: Mapping[str, ComuneInfo]
    services: Mapping[str, CompiledService]
    territories: Mapping[str, CompiledTerritory]
    coverage: Mapping[str, tuple[CompiledTerritory, ...]]  # comune -> most specific first
    area_by_province: Mapping[str, tuple[CompiledService, ...]]
    area_by_comune: Mapping[str, tuple[CompiledService, ...]]
    emergency_by_province: Mapping[str, tuple[EmergencyContactRef, ...]]  # 112 included
    # The source, frozen as JSON text so that later changes to the caller's dict can't make
    # the file differ from what this snapshot routes on.
    network_json: str = field(repr=False)
    comuni_source: tuple[ComuneInfo, ...] = field(repr=False)
    # Memos of area_services() and area_open(): derived, deterministic, filled on first use
    # per comune, and per distinct set of services for the indexes.
    _area_memo: dict[str, _AreaView] = field(default_factory=dict, repr=False)
    _area_indexes: dict[frozenset[str], AreaIndex] = field(default_factory=dict, repr=False)

    def emergency_contacts_for(self, province: str) -> tuple[EmergencyContactRef, ...]:
        return self.emergency_by_province.get(province, (NUMERO_UNICO,))

    def area_services(self, comune: ComuneInfo) -> tuple[CompiledService, ...]:
        """Services whose service area covers `comune`, in orientation order without the
        "open first" part, which depends on the instant: kind, then located in the same
        comune, province, region as the caller, then name.
        """
        return self._area_view(comune).services

    def area_open(self, comune: ComuneInfo, at: LocalInstant) -> list[CompiledService]:
        """The services of `area_services(comune)` open at `at`, in that order."""
        view = self._area_view(comune)
        mask = view.index.open_mask(at)
        if mask is None:  # outside the indexed years: ask each service
            return [service for service in view.services if service.open_at(at)]
        return [
            service
            for service, position in zip(view.services, view.positions, strict=True)
            if mask >> position & 1
        ]

    def _area_view(self, comune: ComuneInfo) -> _AreaView:
        found = self._area_memo.get(comune.code)
        if found is None:
            candidates = {
                service.id: service
                for service in (
                    *self.area_by_comune.get(comune.code, ()),
                    *self.area_by_province.get(comune.province, ()),
                )
            }
            ordered = tuple(
                sorted(candidates.values(), key=lambda s: _orientation_key(s, comune, self.comuni))
            )
            # Comuni of one province share the set of services but not their order: one
            # index per set, and each comune's order as positions in it.
            key = frozenset(candidates)
            index = self._area_indexes.get(key)
            if index is None:
                index = self._area_indexes.setdefault(key, area_index(tuple(candidates.values())))
            where = {service.id: position for position, service in enumerate(index.members)}
            found = _AreaView(ordered, tuple(where[s.id] for s in ordered), index)
            self._area_memo[comune.code] = found
        return found


@dataclass(frozen=True, slots=True)
class _AreaView:
    services: tuple[CompiledService, ...]  # orientation order for one comune
    positions: tuple[int, ...]  # of each service in index.members
    index: AreaIndex


def _orientation_key(
    service: CompiledService, caller: ComuneInfo, comuni: Mapping[str, ComuneInfo]
) -> tuple[Any, ...]:
    where = comuni.get(service.comune)
    return (
        _KIND_RANK.get(service.kind, len(KIND_ORDER)),
        service.comune != caller.code,
        where is None or where.province != caller.province,
        where is None or where.region != caller.region,
        service.sort_name,
        service.id,
    )


def snapshot_from_network(
    network: Mapping[str, Any], comuni: Iterable[ComuneInfo], *, version: str = ""
) -> NetworkSnapshot:
    """Compile a validated `rete-network/1` document over the given comuni."""
    return _build(network, tuple(comuni), version, datetime.now(UTC))


def snapshot_to_json(snapshot: NetworkSnapshot) -> str:
    return json.dumps(
        {
            "format": SNAPSHOT_FORMAT,
            "version": snapshot.version,
            "built_at": snapshot.built_at.isoformat(),
            "comuni": [asdict(comune) for comune in snapshot.comuni_source],
            "network": json.loads(snapshot.network_json),
        },
        ensure_ascii=False,
    )


def snapshot_from_json(text: str) -> NetworkSnapshot:
    """Rebuild a snapshot written by `snapshot_to_json`; ValueError for anything else."""
    data = json.loads(text)
    found = data.get("format") if isinstance(data, dict) else None
    if found != SNAPSHOT_FORMAT:
        raise ValueError(f"not a {SNAPSHOT_FORMAT} file (format: {found!r})")
    try:
        comuni = tuple(ComuneInfo(**comune) for comune in data["comuni"])
        built_at = datetime.fromisoformat(data["built_at"])
        return _build(data["network"], comuni, data["version"], built_at)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"malformed {SNAPSHOT_FORMAT} file: {error!r}") from error


def _build(
    network: Mapping[str, Any],
    comuni_source: tuple[ComuneInfo, ...],
    version: str,
    built_at: datetime,
) -> NetworkSnapshot:
    comuni = {comune.code: comune for comune in comuni_source}
    by_province: dict[str, list[str]] = {}
    for comune in comuni_source:
        by_province.setdefault(comune.province, []).append(comune.code)

    services = {}
    fast_years = _fast_years(built_at)
    for raw in network.get("services", ()):
        location = comuni.get(raw["location"]["comune"])
        calendar = calendar_for(holiday_profile(location))
        services[raw["id"]] = compile_service(raw, calendar, fast_years)

    territories = _compile_territories(network, services, comuni, by_province)
    coverage = _coverage_index(network, territories, comuni, by_province)

    area_by_province: dict[str, list[CompiledService]] = {}
    area_by_comune: dict[str, list[CompiledService]] = {}
    for service in services.values():
        for province in service.area_provinces:
            area_by_province.setdefault(province, []).append(service)
        for code in service.area_comuni:
            area_by_comune.setdefault(code, []).append(service)

    contacts: dict[str, list[EmergencyContactRef]] = {}
    for raw in network.get("emergency_contacts", ()):
        contact = EmergencyContactRef(name=raw["name"], phone=raw["phone"])
        contacts.setdefault(raw["province"], []).append(contact)

    return NetworkSnapshot(
        version=version,
        built_at=built_at,
        comuni=MappingProxyType(comuni),
        services=MappingProxyType(services),
        territories=MappingProxyType(territories),
        coverage=MappingProxyType(coverage),
        area_by_province=_frozen(area_by_province),
        area_by_comune=_frozen(area_by_comune),
        emergency_by_province=MappingProxyType(
            {province: _with_112(listed) for province, listed in contacts.items()}
        ),
        network_json=json.dumps(network, ensure_ascii=False),
        comuni_source=comuni_source,
    )


def _compile_territories(
    network: Mapping[str, Any],
    services: Mapping[str, CompiledService],
    comuni: Mapping[str, ComuneInfo],
    by_province: Mapping[str, list[str]],
) -> dict[str, CompiledTerritory]:
    chains: dict[str, list[tuple[int, str]]] = {}
    for referral in network.get("referrals", ()):
        chains.setdefault(referral["territory"], []).append(
            (referral["priority"], referral["service"])
        )
    windows: dict[str, list[tuple[int, int]]] = {}
    for protocol in network.get("protocols", ()):
        if protocol["status"] == "active":  # draft and terminated are never in force
            since = day_ordinal(protocol.get("valid_from"), NO_START)
            until = day_ordinal(protocol.get("valid_to"), NO_END)
            windows.setdefault(protocol["territory"], []).append((since, until))
    territories = {}
    for raw in network.get("territories", ()):
        code = raw["code"]
        provinces = set(raw.get("provinces", ()))
        outside = [
            c
            for c in raw.get("comuni", ())
            if c not in comuni or comuni[c].province not in provinces
        ]
        territories[code] = CompiledTerritory(
            code=code,
            name=raw["name"],
            size=len(set(outside)) + sum(len(by_province.get(p, ())) for p in provinces),
            chain=tuple(services[sid] for _, sid in sorted(chains.get(code, ()))),
            windows=tuple(windows.get(code, ())),
        )
    return territories


def _coverage_index(
    network: Mapping[str, Any],
    territories: Mapping[str, CompiledTerritory],
    comuni: Mapping[str, ComuneInfo],
    by_province: Mapping[str, list[str]],
) -> dict[str, tuple[CompiledTerritory, ...]]:
    """comune -> covering territories, most specific first.

    Covering a comune through an explicit `comuni` list is more specific than through
    `provinces`; ties go to the territory covering fewer comuni in total, then to the code.
    """
    explicit: dict[str, list[CompiledTerritory]] = {}
    via_province: dict[str, list[CompiledTerritory]] = {}
    for raw in network.get("territories", ()):
        territory = territories[raw["code"]]
        for code in raw.get("comuni", ()):
            if code in comuni:
                explicit.setdefault(code, []).append(territory)
        for province in raw.get("provinces", ()):
            via_province.setdefault(province, []).append(territory)

    def ranked(listed: Iterable[CompiledTerritory]) -> list[CompiledTerritory]:
        return sorted(set(listed), key=lambda t: (t.size, t.code))

    coverage: dict[str, tuple[CompiledTerritory, ...]] = {}
    for province, broad in via_province.items():
        shared = tuple(ranked(broad))  # one tuple for every comune without explicit cover
        for code in by_province.get(province, ()):
            coverage[code] = shared
    for code, specific in explicit.items():
        first = ranked(specific)
        rest = [t for t in coverage.get(code, ()) if t not in first]
        coverage[code] = (*first, *rest)
    return coverage


def _fast_years(built_at: datetime) -> range:
    """The years around the build whose ordinary days the schedules' fast path judges: from
    last year (recent records) to three years ahead (next openings, planning)."""
    year = built_at.astimezone(ROME).year
    return range(year - 1, year + 4)


def _with_112(contacts: list[EmergencyContactRef]) -> tuple[EmergencyContactRef, ...]:
    """The province's contacts in their order, with 112 exactly once (first if not listed)."""
    result: list[EmergencyContactRef] = []
    has_112 = False
    for contact in contacts:
        if contact.phone.strip() == NUMERO_UNICO.phone:
            if has_112:
                continue
            has_112 = True
        result.append(contact)
    return tuple(result) if has_112 else (NUMERO_UNICO, *result)


def _frozen(index: dict[str, list[CompiledService]]) -> Mapping[str, tuple[CompiledService, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in index.items()})
