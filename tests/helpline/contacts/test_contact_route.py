"""Routing a contact keeps the decision as it was at the time."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rete.audit.models import AuditEntry
from rete.helpline.contacts.services import contact_route
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat(WEDNESDAY_MORNING)


def test_it_stores_the_decision_with_its_explanation_and_instant(network, contact, olga) -> None:
    contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)

    contact.refresh_from_db()
    assert contact.comune_id == MOLA
    assert contact.decision["mode"] == "transfer"
    assert contact.decision["target"]["service_id"] == "svc-giraffa"
    assert contact.decision["explanation"]
    assert datetime.fromisoformat(contact.decision["asked_at"]) == AT
    entry = AuditEntry.objects.filter(action="contact.update").get()
    assert entry.details["mode"] == "transfer"


def test_it_keeps_an_emergency_once_routed_as_one(network, contact, olga) -> None:
    contact_route(contact=contact, actor=olga, comune_code=MOLA, emergency=True, at=AT)

    contact.refresh_from_db()
    assert contact.emergency
    assert contact.decision["mode"] == "emergency"
    assert contact.decision["emergency_contacts"]


def test_it_refuses_an_unknown_comune_or_a_naive_instant(network, contact, olga) -> None:
    with pytest.raises(ValidationError):
        contact_route(contact=contact, actor=olga, comune_code="999999", at=AT)
    with pytest.raises(ValidationError):
        contact_route(contact=contact, actor=olga, comune_code=MOLA, at=datetime(2026, 11, 25))

    contact.refresh_from_db()
    assert contact.decision is None and contact.comune_id is None
    assert not AuditEntry.objects.filter(action="contact.update").exists()


def test_it_refuses_another_operator(network, contact, ornella) -> None:
    with pytest.raises(PermissionDenied):
        contact_route(contact=contact, actor=ornella, comune_code=MOLA, at=AT)
