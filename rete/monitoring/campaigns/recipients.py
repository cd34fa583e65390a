"""Whom a campaign's notices go to (rete/monitoring format contract, "Respondents"):

- a target's respondents: the people holding NETWORK_OPERATOR through a grant for the
  targeted service's organisation;
- a territory's referents: the people holding ATR_REFERENT for that territory.
National grants are left out on purpose: the Department and the monitoring company run the
campaign, they do not answer it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser

from rete.accounts.roles import ATR_REFERENT, NETWORK_OPERATOR
from rete.notices.recipients import people_with_role


def respondents_of(organization_id: int) -> list[AbstractBaseUser]:
    return list(people_with_role(NETWORK_OPERATOR, organization_id=organization_id, national=False))


def respondents_by_organization(
    organization_ids: Iterable[int],
) -> dict[int, list[AbstractBaseUser]]:
    return {pk: respondents_of(pk) for pk in sorted(set(organization_ids))}


def referents_of(territory_ids: Iterable[int]) -> list[AbstractBaseUser]:
    found: dict[int, AbstractBaseUser] = {}
    for territory_id in sorted(set(territory_ids)):
        for person in people_with_role(ATR_REFERENT, territory_id=territory_id, national=False):
            found.setdefault(person.pk, person)
    return list(found.values())
