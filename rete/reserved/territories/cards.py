"""The home page's cards of a territorial person's own territories: protocol state, how many
services of the mapping and how many reserved documents are theirs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from rete.accounts.scopes import Scope
from rete.network.models import Protocol, Territory
from rete.portal.territories.selectors import ProtocolState, protocol_state
from rete.reserved.mapping.selectors import services_in_territories
from rete.reserved.models import ReservedDocument

# A national role sees the whole network: no cards, the menu leads to the lists.
MAX_CARDS = 12


@dataclass(frozen=True, slots=True)
class TerritoryCard:
    code: str
    name: str
    protocol: ProtocolState | None  # in force on the day, else the latest
    services: int
    documents: int


def territory_cards(scope: Scope, *, today: date) -> list[TerritoryCard]:
    territory_ids = scope.territories_for()
    if territory_ids is None or not territory_ids:
        return []
    territories = (
        Territory.objects.filter(pk__in=territory_ids)
        .prefetch_related(
            Prefetch("protocols", queryset=Protocol.objects.order_by("-valid_from", "-pk"))
        )
        .order_by("name")[:MAX_CARDS]
    )
    cards = []
    for territory in territories:
        protocols = list(territory.protocols.all())
        chosen = next((p for p in protocols if p.in_force_on(today)), None) or (
            protocols[0] if protocols else None
        )
        cards.append(
            TerritoryCard(
                code=territory.code,
                name=territory.name,
                protocol=protocol_state(chosen, today=today) if chosen else None,
                services=services_in_territories([territory.pk]).count(),
                documents=ReservedDocument.objects.filter(territory=territory).count(),
            )
        )
    return cards
