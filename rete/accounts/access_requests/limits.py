"""Who may give which role where: one rule for approving a request and for adding a grant.

The Department gives any role, anywhere. A territory's referent gives only the roles bound
to a territory (referent, network operator), and only in the territories of its own
referent grants: national roles reach every territory's data, so only the Department
gives them.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    MONITORING_ANALYST,
    NATIONAL_ROLES,
    NETWORK_OPERATOR,
    ROLES,
    STEERING_COMMITTEE,
    TERRITORY_ROLES,
)
from rete.accounts.scopes import Scope

ROLE_LABELS: dict[str, Promise] = {
    DEPARTMENT_ADMIN: _("Department (Equal Opportunities)"),
    HELPLINE_OPERATOR: _("1522 operator"),
    HELPLINE_SUPERVISOR: _("1522 shift supervisor"),
    ATR_REFERENT: _("Territory's referent"),
    NETWORK_OPERATOR: _("Network member's operator"),
    MONITORING_ANALYST: _("Monitoring analyst"),
    STEERING_COMMITTEE: _("Steering committee"),
}

# What the public form offers: the Department's and the helpline's accounts are created by
# the Department itself, never requested.
REQUESTABLE_ROLES: tuple[str, ...] = (
    NETWORK_OPERATOR,
    ATR_REFERENT,
    MONITORING_ANALYST,
    STEERING_COMMITTEE,
)


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def role_choices(roles: tuple[str, ...] | list[str]) -> list[tuple[str, Promise | str]]:
    return [(role, ROLE_LABELS.get(role, role)) for role in roles]


def grantable_roles(scope: Scope) -> tuple[str, ...]:
    """The roles `scope` may give, in the platform's order."""
    if scope.has_role(DEPARTMENT_ADMIN):
        return ROLES
    if scope.has_role(ATR_REFERENT):
        return tuple(role for role in ROLES if role in TERRITORY_ROLES)
    return ()


def reviewer_territory_ids(scope: Scope) -> frozenset[int] | None:
    """The territories whose requests and accounts `scope` reviews: None means all."""
    return scope.territories_for(DEPARTMENT_ADMIN, ATR_REFERENT)


def grant_limits_errors(scope: Scope, *, role: str, territory) -> dict[str, str]:
    """Field -> message for what `scope` may not give; empty when the grant is allowed."""
    if role not in ROLES:
        return {"role": str(_("Choose a role from the list."))}
    if role not in grantable_roles(scope):
        return {"role": str(_("Only the Department can give this role."))}
    if role in NATIONAL_ROLES:
        if territory is not None:
            return {
                "territory": str(
                    _("This role works for the whole country: leave the territory empty.")
                )
            }
        return {}
    if territory is None:
        return {"territory": str(_("Choose the territory this role works in."))}
    allowed = reviewer_territory_ids(scope)
    if allowed is not None and territory.pk not in allowed:
        return {"territory": str(_("You can give roles only in your own territories."))}
    return {}
