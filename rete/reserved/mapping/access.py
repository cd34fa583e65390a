"""Who may see a service in the reserved area, and who may see a shelter's address.

Shelter addresses are the most sensitive data of the platform (DESIGN.md, Privacy). In the
reserved area they are shown to:
- the Department and the 1522 helpline (operators and supervisors): everywhere, they send
  women there;
- a territory's referents and the network's operators: for the services of their own
  territories (rete.reserved.mapping.selectors.services_in_territories);
and never to the monitoring company nor to the steering committee, who read "riservato".
Every screen, export and download asks here; templates never decide.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    NETWORK_OPERATOR,
)
from rete.accounts.scopes import Scope
from rete.directory.models import Location, Service
from rete.reserved.mapping.selectors import services_in_territories, services_visible

# Roles that see every confidential address (held nationally).
ADDRESS_EVERYWHERE_ROLES = frozenset({DEPARTMENT_ADMIN, HELPLINE_OPERATOR, HELPLINE_SUPERVISOR})
# Roles that see the confidential addresses of their own territories' services.
ADDRESS_IN_SCOPE_ROLES = frozenset({ATR_REFERENT, NETWORK_OPERATOR})


def service_visible(scope: Scope, service: Service) -> bool:
    return services_visible(scope).filter(pk=service.pk).exists()


def service_get_for_scope(scope: Scope, ext_id: str) -> Service:
    """The service with this network-file id if the person may see it; 404 otherwise (an
    outsider does not learn that it exists)."""
    service = (
        services_visible(scope)
        .select_related("organization", "location__comune__province")
        .filter(ext_id=ext_id)
        .first()
    )
    if service is None:
        raise Http404
    return service


def _is_confidential(service: Service) -> bool:
    try:
        return service.location.confidential
    except Location.DoesNotExist:
        return False


def addresses_everywhere(scope: Scope) -> bool:
    return bool(scope.national_roles & ADDRESS_EVERYWHERE_ROLES)


def confidential_addresses_visible_among(scope: Scope, service_ids: Iterable[int]) -> set[int]:
    """Of `service_ids`, those whose confidential address the person may see (one query
    at most, for a whole page of a list)."""
    ids = set(service_ids)
    if not ids:
        return set()
    if addresses_everywhere(scope):
        return ids
    territory_ids = scope.territories_for(*ADDRESS_IN_SCOPE_ROLES) or frozenset()
    if not territory_ids:
        return set()
    return set(
        services_in_territories(territory_ids).filter(pk__in=ids).values_list("pk", flat=True)
    )


def confidential_address_visible(scope: Scope, service: Service) -> bool:
    """Whether the person may see this service's address and coordinates. A service whose
    location is not confidential: yes (the public sees it too)."""
    if not _is_confidential(service):
        return True
    return service.pk in confidential_addresses_visible_among(scope, [service.pk])
