"""The emergency procedure's instants are kept exactly, in order, each once."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from rete.helpline.contacts.models import EmergencyRecord
from rete.helpline.contacts.services import contact_emergency_mark, contact_route
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

START = datetime.fromisoformat(WEDNESDAY_MORNING).replace(microsecond=123457)


def test_it_keeps_the_instants_to_the_microsecond(network, contact, olga) -> None:
    contact_route(contact=contact, actor=olga, comune_code=MOLA, emergency=True, at=START)
    police = START + timedelta(seconds=41, microseconds=1)
    handover = police + timedelta(minutes=3, microseconds=999_998)
    end = handover + timedelta(seconds=7)

    contact_emergency_mark(contact=contact, actor=olga, step="started", at=START)
    contact_emergency_mark(contact=contact, actor=olga, step="police_activated", at=police)
    contact_emergency_mark(contact=contact, actor=olga, step="handed_over", at=handover)
    contact_emergency_mark(
        contact=contact, actor=olga, step="outcome", at=end, outcome="police_on_site"
    )

    record = EmergencyRecord.objects.get(contact=contact)
    assert (record.started_at, record.police_activated_at, record.handed_over_at) == (
        START,
        police,
        handover,
    )
    assert (record.outcome_at, record.outcome) == (end, "police_on_site")
    assert record.contacts_shown == contact.decision["emergency_contacts"]
    contact.refresh_from_db()
    assert contact.emergency


def test_it_refuses_a_step_marked_twice(contact, olga) -> None:
    contact_emergency_mark(contact=contact, actor=olga, step="started", at=START)
    contact_emergency_mark(contact=contact, actor=olga, step="police_activated", at=START)

    with pytest.raises(ValidationError):
        contact_emergency_mark(contact=contact, actor=olga, step="started")
    with pytest.raises(ValidationError):
        contact_emergency_mark(contact=contact, actor=olga, step="police_activated")

    assert EmergencyRecord.objects.get(contact=contact).police_activated_at == START


def test_it_refuses_steps_out_of_order(contact, olga) -> None:
    with pytest.raises(ValidationError):
        contact_emergency_mark(contact=contact, actor=olga, step="police_activated")
    contact_emergency_mark(contact=contact, actor=olga, step="started", at=START)
    with pytest.raises(ValidationError):
        contact_emergency_mark(contact=contact, actor=olga, step="handed_over")
    with pytest.raises(ValidationError):
        contact_emergency_mark(
            contact=contact,
            actor=olga,
            step="police_activated",
            at=START - timedelta(microseconds=1),
        )

    record = EmergencyRecord.objects.get(contact=contact)
    assert record.police_activated_at is None and record.handed_over_at is None


def test_it_refuses_an_outcome_step_without_an_outcome(contact, olga) -> None:
    with pytest.raises(ValidationError):
        contact_emergency_mark(contact=contact, actor=olga, step="outcome")
