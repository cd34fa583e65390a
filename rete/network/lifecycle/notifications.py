"""Who is told about a protocol's change or its coming end, and where the notice leads."""

from __future__ import annotations

from django.urls import reverse

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.network.models import Protocol
from rete.notices.recipients import people_with_role
from rete.notices.services import notify


def history_path(protocol: Protocol) -> str:
    return reverse("reserved:protocol_history", kwargs={"code": protocol.territory.code})


def referents_of(protocol: Protocol):
    # The territory's own referents: a national grant of the role would tell everybody.
    return people_with_role(ATR_REFERENT, territory_id=protocol.territory_id, national=False)


def department():
    return people_with_role(DEPARTMENT_ADMIN)


def referents_tell(protocol: Protocol, *, key: str, subject: str, body: str) -> int:
    """Notice + e-mail to the territory's referents (after commit); how many were told."""
    made = notify(
        referents_of(protocol), key=key, subject=subject, body=body, url=history_path(protocol)
    )
    return len(made)
