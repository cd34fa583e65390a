"""Which services belong to which territories: the one rule the reserved area uses for
scopes (the mapping, its export, the territory pages, the access helpers).

A service is "of a territory" when any of these holds:
- it is in the territory's referral chain (network.Referral);
- its location's comune is covered by the territory (the territory's comuni, or a comune of
  one of its provinces);
- its organisation is a party of one of the territory's protocols (current or past: the
  protocol history is part of the territory's sheet).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from rete.accounts.scopes import Scope
from rete.directory.models import Service
from rete.geography.models import Comune
from rete.network.models import Protocol, Referral


def services_in_territories(territory_ids: Iterable[int]) -> QuerySet[Service]:
    """The services of any of `territory_ids`, each once. Subqueries, not joins: a
    service of several territories (or covered twice) is not repeated."""
    ids = list(territory_ids)
    if not ids:
        return Service.objects.none()
    covered_comuni = Comune.objects.filter(
        Q(territories__in=ids) | Q(province__territories__in=ids)
    ).values("code")
    return Service.objects.filter(
        Q(pk__in=Referral.objects.filter(territory_id__in=ids).values("service_id"))
        | Q(location__comune__in=covered_comuni)
        | Q(organization__in=Protocol.objects.filter(territory_id__in=ids).values("parties"))
    )


def services_visible(scope: Scope) -> QuerySet[Service]:
    """Every service the person may see in the reserved area: all of them through a national
    role, else those of the territories of their grants."""
    territory_ids = scope.territories_for()
    if territory_ids is None:
        return Service.objects.all()
    return services_in_territories(territory_ids)
