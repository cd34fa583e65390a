"""The network's events (rete.events): every reserved role registers (the events are the
whole network's, so the referent of B answers as the referent of A); only the Department
reads the participants, changes the settings and attaches documents."""

from __future__ import annotations

from typing import Any

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, ROLES
from tests.security.matrix import Spec, _pk, only
from tests.security.urls import REDIRECT


def objects(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from rete.events.models import Registration, RegistrationSettings

    event = world.objects["event"]
    RegistrationSettings.objects.create(event=event, is_open=True, capacity=50)
    registration = Registration.objects.create(
        event=event,
        user=world.people[ATR_REFERENT],
        territory=world.territory_a,
        mode="in_person",
        accessibility_needs="Interprete LIS",
        registered_at=timezone.now(),
    )
    return {"event_registration_a": registration}


EVENT = _pk("event")

ROWS = {
    "reserved:events": Spec(only(*ROLES)),
    "reserved:event_registration": (
        Spec(only(*ROLES), kwargs=EVENT),
        # Without the way of attending: refused, nothing written.
        Spec(only(*ROLES, ok=400), method="POST", kwargs=EVENT),
    ),
    "reserved:event_unregister": (
        Spec(only(*ROLES, ok=REDIRECT), method="POST", kwargs=EVENT),
        Spec(only(*ROLES, ok=405), kwargs=EVENT),
    ),
    "reserved:event_settings": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=EVENT),
        Spec(only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST", kwargs=EVENT),
    ),
    "reserved:event_participants": Spec(only(DEPARTMENT_ADMIN), kwargs=EVENT),
    "reserved:event_participants_export": Spec(only(DEPARTMENT_ADMIN), kwargs=EVENT),
    "reserved:event_documents": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=EVENT),
        Spec(only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=EVENT),
    ),
}
