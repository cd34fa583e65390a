"""Who a notice goes to: the people holding a role, nationally or for a territory or an
organisation, through a grant in force on an active account."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet


def people_with_role(
    *roles: str,
    territory_id: int | None = None,
    organization_id: int | None = None,
    national: bool = True,
) -> QuerySet:
    """Active people holding one of `roles`. With `territory_id` (or `organization_id`):
    those whose grant is for that territory (organisation), plus, when `national` is true,
    those holding the role for the whole country (a grant without territory)."""
    grants = Q(
        grants__role__in=roles,
        grants__revoked_at__isnull=True,
    )
    where = Q()
    if territory_id is not None:
        where |= Q(grants__territory_id=territory_id)
    if organization_id is not None:
        where |= Q(grants__organization_id=organization_id)
    if national:
        where |= Q(grants__territory__isnull=True, grants__organization__isnull=True)
    if territory_id is None and organization_id is None and not national:
        return get_user_model().objects.none()
    users = get_user_model().objects.filter(grants & where, is_active=True)
    users = users.exclude(account__deactivated_at__isnull=False)
    return users.distinct().order_by("pk")
