"""Transfer attempts are kept in order, with the service as the decision offered it."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from rete.helpline.contacts.models import TransferAttempt
from rete.helpline.contacts.services import contact_record_transfer_attempt, contact_route
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat(WEDNESDAY_MORNING)


@pytest.fixture
def routed(network, contact, olga):
    return contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)


def test_it_keeps_the_attempts_in_order(routed, olga) -> None:
    contact_record_transfer_attempt(
        contact=routed, actor=olga, service_id="svc-giraffa", outcome="no_answer", at=AT
    )
    contact_record_transfer_attempt(
        contact=routed,
        actor=olga,
        service_id="svc-cav-mola",
        outcome="answered",
        at=AT + timedelta(minutes=1),
    )

    attempts = list(routed.transfer_attempts.all())
    assert [(a.position, a.service_id, a.outcome) for a in attempts] == [
        (1, "svc-giraffa", "no_answer"),
        (2, "svc-cav-mola", "answered"),
    ]
    assert attempts[0].service_name == "Centro antiviolenza GIRAFFA"
    assert attempts[0].service_phone == "+390805741461"
    assert attempts[0].attempted_at == AT


def test_it_refuses_a_service_the_decision_did_not_offer(routed, olga) -> None:
    with pytest.raises(ValidationError):
        contact_record_transfer_attempt(
            contact=routed, actor=olga, service_id="svc-cav-bologna", outcome="answered"
        )

    assert not TransferAttempt.objects.exists()


def test_it_refuses_an_unknown_outcome(routed, olga) -> None:
    with pytest.raises(ValidationError):
        contact_record_transfer_attempt(
            contact=routed, actor=olga, service_id="svc-giraffa", outcome="maybe"
        )

    assert not TransferAttempt.objects.exists()


def test_it_refuses_a_transfer_before_routing(contact, olga) -> None:
    with pytest.raises(ValidationError):
        contact_record_transfer_attempt(
            contact=contact, actor=olga, service_id="svc-giraffa", outcome="answered"
        )
