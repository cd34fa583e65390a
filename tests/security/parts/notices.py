"""The person's notices (rete.notices)."""

from __future__ import annotations

from typing import Any

from rete.accounts.roles import ROLES
from tests.security.matrix import Spec, only
from tests.security.urls import REDIRECT


def objects(world: Any) -> dict[str, Any]:
    return {}


ROWS = {
    "reserved:notices": Spec(only(*ROLES)),
    # Somebody else's notice (or none) sends back to the list: nothing to learn.
    "reserved:notice_open": Spec(
        only(*ROLES, ok=REDIRECT), method="POST", kwargs=lambda world: {"pk": 999_999}
    ),
    "reserved:notices_read_all": Spec(only(*ROLES, ok=REDIRECT), method="POST"),
}
