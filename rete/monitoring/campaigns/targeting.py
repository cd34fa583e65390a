"""Which services a campaign asks, and under which territory each one is counted.

A service is asked when its kind is one of the campaign's and its comune is covered by one
of the campaign's territories (any territory when the campaign names none). It is counted
under the most specific of those territories covering its comune, by the rule the routing
engine uses (DESIGN.md: a city before its province): the routing snapshot's coverage index
holds it, so both read the network the same way. A service whose comune no territory
covers (or with no location) is asked by no campaign: it has no territory to be counted
under, and no referent to follow it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rete.directory.models import Service
from rete.network.models import Territory
from rete.routing.snapshot import routing_snapshot


@dataclass(frozen=True, slots=True)
class PlannedTarget:
    service_id: int
    service_name: str
    organization_id: int
    territory_id: int


@dataclass(slots=True)
class TerritoryPlan:
    territory: Territory
    services: list[PlannedTarget] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.services)


def targets_plan(*, kinds: Iterable[str], territory_ids: Iterable[int] = ()) -> list[PlannedTarget]:
    """The services a campaign of `kinds` in `territory_ids` (none: all) asks, by name."""
    kinds = list(kinds)
    if not kinds:
        return []
    chosen = set(territory_ids)
    territories_by_code = dict(Territory.objects.values_list("code", "pk"))
    coverage = routing_snapshot().coverage
    rows = (
        Service.objects.filter(kind__in=kinds, location__isnull=False)
        .order_by("name", "pk")
        .values_list("pk", "name", "organization_id", "location__comune_id")
    )
    planned: list[PlannedTarget] = []
    for pk, name, organization_id, comune in rows:
        for covering in coverage.get(comune, ()):  # most specific first
            territory_id = territories_by_code.get(covering.code)
            if territory_id is not None and (not chosen or territory_id in chosen):
                planned.append(PlannedTarget(pk, name, organization_id, territory_id))
                break
    return planned


def targets_preview(planned: Iterable[PlannedTarget]) -> list[TerritoryPlan]:
    """`planned` grouped by territory, territories by name."""
    planned = list(planned)
    territories = Territory.objects.filter(pk__in={p.territory_id for p in planned}).order_by(
        "name", "code"
    )
    groups = {territory.pk: TerritoryPlan(territory) for territory in territories}
    for target in planned:
        groups[target.territory_id].services.append(target)
    return list(groups.values())
