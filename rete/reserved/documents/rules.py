"""Who may add and remove reserved documents.

The Department, for the whole network or any territory; a territory's referent, for their
own territories only. The same rule answers for removing a document: a referent may remove
the documents of their territories (not the whole network's), the Department any of them.
"""

from __future__ import annotations

from django.db.models import QuerySet

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.network.models import Territory
from rete.reserved.models import ReservedDocument

UPLOAD_ROLES = (DEPARTMENT_ADMIN, ATR_REFERENT)


def may_upload_national(scope: Scope) -> bool:
    return DEPARTMENT_ADMIN in scope.national_roles


def upload_territories(scope: Scope) -> QuerySet[Territory]:
    """The territories the person may add documents for."""
    territories = Territory.objects.order_by("name", "code")
    if may_upload_national(scope):
        return territories
    return territories.filter(pk__in=scope.territories_for(ATR_REFERENT) or ())


def may_upload_for(scope: Scope, territory: Territory | None) -> bool:
    if may_upload_national(scope):
        return True
    if territory is None:
        return False
    return territory.pk in (scope.territories_for(ATR_REFERENT) or ())


def may_delete(scope: Scope, document: ReservedDocument) -> bool:
    return may_upload_for(scope, document.territory)
