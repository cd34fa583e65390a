"""What a signed-in person may see: their roles and the territories and organisations their
grants bind them to, read once per request.

Every reserved query starts from a Scope: lists, searches, exports and the API filter by it
(`Scope.territory_filter` and friends), and each sensitive object has an access helper in
its own capability that asks it (e.g. rete.reserved.mapping.access). Templates never decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from rete.accounts.roles import DEPARTMENT_ADMIN, NATIONAL_ROLES, ROLES

_REQUEST_CACHE_ATTRIBUTE = "_rete_scope"


@dataclass(frozen=True)
class Scope:
    """roles: the roles of the active grants. national_roles: those held for the whole
    country. territory_ids / organization_ids: where the territorial grants apply."""

    roles: frozenset[str] = frozenset()
    national_roles: frozenset[str] = frozenset()
    territory_ids: frozenset[int] = frozenset()
    organization_ids: frozenset[int] = frozenset()
    # role -> territories of that role's grants (a referent of Bari who is also an
    # operator elsewhere has two entries).
    territories_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.roles

    @property
    def is_national(self) -> bool:
        """Sees every territory (at least through one role)."""
        return bool(self.national_roles)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def covers_territory(self, territory_id: int | None, *roles: str) -> bool:
        """Whether the person may see territory-bound data of `territory_id` through one
        of `roles` (any role when none is given)."""
        wanted = set(roles) if roles else self.roles
        if self.national_roles & wanted:
            return True
        if territory_id is None:
            return False
        return any(
            territory_id in self.territories_by_role.get(role, frozenset()) for role in wanted
        )

    def territories_for(self, *roles: str) -> frozenset[int] | None:
        """The territories visible through `roles`: None means all of them."""
        wanted = set(roles) if roles else self.roles
        if self.national_roles & wanted:
            return None
        found: set[int] = set()
        for role in wanted:
            found |= self.territories_by_role.get(role, frozenset())
        return frozenset(found)


NO_SCOPE = Scope()


def _scope_of(user: AbstractBaseUser) -> Scope:
    from rete.accounts.models import Grant

    if not user.is_active:
        return NO_SCOPE
    account = getattr(user, "account", None)
    if account is not None and account.deactivated_at is not None:
        return NO_SCOPE
    roles: set[str] = set()
    national: set[str] = set()
    territories: set[int] = set()
    organizations: set[int] = set()
    by_role: dict[str, set[int]] = {}
    grants = Grant.objects.filter(user=user, revoked_at__isnull=True).values_list(
        "role", "territory_id", "organization_id"
    )
    for role, territory_id, organization_id in grants:
        if role not in ROLES:
            continue
        roles.add(role)
        if role in NATIONAL_ROLES:
            national.add(role)
        if territory_id is not None:
            territories.add(territory_id)
            by_role.setdefault(role, set()).add(territory_id)
        if organization_id is not None:
            organizations.add(organization_id)
    if user.is_superuser:
        roles.add(DEPARTMENT_ADMIN)
        national.add(DEPARTMENT_ADMIN)
    return Scope(
        roles=frozenset(roles),
        national_roles=frozenset(national),
        territory_ids=frozenset(territories),
        organization_ids=frozenset(organizations),
        territories_by_role={role: frozenset(ids) for role, ids in by_role.items()},
    )


def user_scope(user: AbstractBaseUser | AnonymousUser | None) -> Scope:
    """The scope of `user`, read from the database once per user object (that is, once per
    request): a grant revoked counts from the next request on."""
    if user is None or not user.is_authenticated:
        return NO_SCOPE
    cached = getattr(user, _REQUEST_CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = _scope_of(user)
        setattr(user, _REQUEST_CACHE_ATTRIBUTE, cached)
    return cached


def user_scope_forget(user: AbstractBaseUser) -> None:
    """Drop the scope read for `user` (after a grant changed in the same request)."""
    if hasattr(user, _REQUEST_CACHE_ATTRIBUTE):
        delattr(user, _REQUEST_CACHE_ATTRIBUTE)
