"""Who may read and who may change a territory's sheet.

Reading: whoever sees the territory (its people, and every national role). Changing: the
Department, and the territory's own referents. The territory is looked up through the
reader's scope first, so that another territory's sheet answers 404 before this rule is
asked (rete.reserved.territories.selectors.territory_get_for_scope).
"""

from __future__ import annotations

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.network.models import Territory

EDIT_ROLES = (DEPARTMENT_ADMIN, ATR_REFERENT)


def sheet_may_edit(scope: Scope, territory: Territory) -> bool:
    return scope.covers_territory(territory.pk, *EDIT_ROLES)


def sheet_edit_is_the_territory_s(scope: Scope, territory: Territory) -> bool:
    """Whether the change comes from the territory (its referent) rather than the
    Department: the Department is told of the territory's changes, not of its own."""
    return not scope.covers_territory(territory.pk, DEPARTMENT_ADMIN) and scope.covers_territory(
        territory.pk, ATR_REFERENT
    )
