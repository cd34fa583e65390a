"""The protocols' lifecycle (rete.network.lifecycle): every reserved role reads the versions
of its territories (the referent of B gets 404 on A's); only the Department writes."""

from __future__ import annotations

from typing import Any

from rete.accounts.roles import DEPARTMENT_ADMIN, ROLES
from tests.security.matrix import TERRITORY, Spec, _pk, only


def objects(world: Any) -> dict[str, Any]:
    return {"protocol_version_a": world.territory_a.protocols.order_by("pk").first()}


VERSION_A = _pk("protocol_version_a")

ROWS = {
    "reserved:protocol_history": Spec(only(*ROLES, other=404), kwargs=TERRITORY),
    "reserved:protocol_version_create": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=VERSION_A),
        # An empty form: refused with its errors, nothing written.
        Spec(only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=VERSION_A),
    ),
    "reserved:protocol_status": (
        Spec(only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=VERSION_A),
        Spec(only(DEPARTMENT_ADMIN, ok=405), kwargs=VERSION_A),
    ),
    "reserved:protocol_document_upload": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=VERSION_A),
        Spec(only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=VERSION_A),
    ),
}
