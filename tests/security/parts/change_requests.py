"""Changes proposed by the territories (rete.change_requests): a referent proposes for
their own territories, the Department reads every one and decides; the other roles do not
use the screen. A request of territory A is not found for the referent of B."""

from __future__ import annotations

from typing import Any

from tests.security.matrix import Spec, _pk, only
from tests.security.urls import REDIRECT
from tests.security.world import ATR_REFERENT, DEPARTMENT_ADMIN, SERVICE_A, TERRITORY_A

SCREEN = (DEPARTMENT_ADMIN, ATR_REFERENT)
CHANGE = _pk("change_request_a")
CREATE_HOURS_A = lambda world: {"code": TERRITORY_A, "kind": "service_hours"}  # noqa: E731


def objects(world: Any) -> dict[str, Any]:
    from rete.change_requests.kinds import KINDS, Target
    from rete.change_requests.models import ChangeKind
    from rete.change_requests.services import change_request_create
    from rete.directory.models import Service

    target = Target(territory=world.territory_a, service=Service.objects.get(ext_id=SERVICE_A))
    form = KINDS[ChangeKind.SERVICE_PHONES].form_class(
        {"phones": "080 5741461\n080 5741462"}, target=target
    )
    assert form.is_valid(), form.errors
    change = change_request_create(
        territory=world.territory_a,
        kind=ChangeKind.SERVICE_PHONES,
        target=target,
        cleaned_data=form.cleaned_data,
        by=world.people[ATR_REFERENT],
    )
    return {"change_request_a": change}


ROWS = {
    "reserved:change_requests": Spec(only(*SCREEN)),
    # Choosing what to change: a referent, for their own territories (B's referent too).
    "reserved:change_request_new": Spec(only(ATR_REFERENT)),
    "reserved:change_request_create": (
        Spec(only(ATR_REFERENT, other=404), kwargs=CREATE_HOURS_A, query=f"service={SERVICE_A}"),
        # Empty: no opening hours given, refused with a message.
        Spec(
            only(ATR_REFERENT, ok=400, other=404),
            method="POST",
            kwargs=CREATE_HOURS_A,
            query=f"service={SERVICE_A}",
        ),
    ),
    "reserved:change_request": Spec(only(*SCREEN, other=404), kwargs=CHANGE),
    # Deciding: the Department alone (a referent, of A or of B, is refused the screen).
    "reserved:change_request_accept": Spec(
        only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST", kwargs=CHANGE
    ),
    # Empty: no reason, refused with a message.
    "reserved:change_request_reject": Spec(
        only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=CHANGE
    ),
    "reserved:change_request_withdraw": Spec(
        only(ATR_REFERENT, ok=REDIRECT, other=404), method="POST", kwargs=CHANGE
    ),
}
