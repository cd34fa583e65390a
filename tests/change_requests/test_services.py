"""The life of a proposed change through the plain services: proposed (the Department
told), accepted (applied with its audit entry in one transaction, the territory told),
refused when the data changed meanwhile, rejected with a reason, withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rete.accounts.scopes import user_scope
from rete.audit.models import AuditAction, AuditEntry
from rete.change_requests.kinds import ApplyError, Target
from rete.change_requests.models import ChangeKind, ChangeRequest, ChangeStatus
from rete.change_requests.services import (
    ChangeRequestNotPending,
    ChangeRequestStale,
    change_request_accept,
    change_request_reject,
    change_request_withdraw,
)
from rete.directory.models import Organization, Schedule
from rete.network.models import Protocol
from rete.network.revision import network_revision_current
from rete.notices.models import Notice
from tests.change_requests.conftest import HOURS_FORM
from tests.change_requests.test_kinds import NEW_MEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def hours_change(net, propose):
    return propose(
        ChangeKind.SERVICE_HOURS,
        Target(territory=net.a, service=net.services["svc-aurora"]),
        HOURS_FORM,
    )


def accept(change, people):
    return change_request_accept(
        change_request=change, by=people.admin, scope=user_scope(people.admin)
    )


def test_a_proposal_keeps_the_data_as_they_were_and_tells_the_department(hours_change, people):
    assert hours_change.status == ChangeStatus.PENDING
    assert hours_change.before == {
        "schedules": [
            {
                "byday": "MO,WE,FR",
                "opens_at": "09:00",
                "closes_at": "13:00",
                "valid_from": None,
                "valid_to": None,
            }
        ]
    }
    assert hours_change.proposed["schedules"][0]["byday"] == "MO,TU,WE,TH,FR,SA"
    notice = Notice.objects.get(key=f"change_request.{hours_change.pk}.created")
    assert notice.recipient == people.admin
    assert notice.url == f"/area-riservata/segnalazioni/{hours_change.pk}/"
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_REQUEST_CREATE)
    assert entry.actor == people.referent_a
    assert entry.details == {
        "kind": "service_hours",
        "territory": "ATR-AL",
        "service": "svc-aurora",
        "fields": ["schedules"],
    }


def test_accepting_applies_the_change_moves_the_network_and_tells_the_territory(
    hours_change, people
):
    revision = network_revision_current()

    change = accept(hours_change, people)

    change.refresh_from_db()
    assert change.status == ChangeStatus.ACCEPTED
    assert change.decided_by == people.admin
    assert change.decided_at is not None
    assert Schedule.objects.get(service__ext_id="svc-aurora").byday == "MO,TU,WE,TH,FR,SA"
    assert network_revision_current() > revision
    told = set(
        Notice.objects.filter(key=f"change_request.{change.pk}.decided").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"referent_a"}
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_REQUEST_ACCEPT)
    assert entry.actor == people.admin
    assert entry.details["fields"] == ["schedules"]
    assert entry.details["service"] == "svc-aurora"
    # The entry is the transaction's last write: after the change it records.
    assert entry.sequence == AuditEntry.objects.order_by("-sequence").first().sequence


def test_it_refuses_to_accept_when_the_data_changed_since_the_proposal(hours_change, people):
    Schedule.objects.filter(service__ext_id="svc-aurora").update(closes_at=datetime.time(14))

    with pytest.raises(ChangeRequestStale):
        accept(hours_change, people)

    hours_change.refresh_from_db()
    assert hours_change.status == ChangeStatus.PENDING
    assert Schedule.objects.get(service__ext_id="svc-aurora").closes_at == datetime.time(14)
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE_REQUEST_ACCEPT).exists()


def test_a_change_that_cannot_be_applied_changes_nothing(net, people, propose):
    change = propose(ChangeKind.MEMBER_JOIN, Target(territory=net.a), NEW_MEMBER)
    Protocol.objects.filter(territory=net.a).update(status="terminated")

    with pytest.raises(ApplyError):
        accept(change, people)

    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert not Organization.objects.filter(tax_id=NEW_MEMBER["tax_id"]).exists()


def test_rejecting_needs_a_reason_and_tells_the_territory_why(hours_change, people):
    with pytest.raises(ValidationError):
        change_request_reject(change_request=hours_change, by=people.admin, reason="  ")
    hours_change.refresh_from_db()
    assert hours_change.status == ChangeStatus.PENDING

    change_request_reject(
        change_request=hours_change, by=people.admin, reason="Orari non confermati dal centro."
    )

    hours_change.refresh_from_db()
    assert hours_change.status == ChangeStatus.REJECTED
    assert hours_change.decision_reason == "Orari non confermati dal centro."
    assert Schedule.objects.get(service__ext_id="svc-aurora").byday == "MO,WE,FR"
    notice = Notice.objects.get(key=f"change_request.{hours_change.pk}.decided")
    assert "Orari non confermati dal centro." in notice.body
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_REQUEST_REJECT)
    assert "Orari" not in str(entry.details)  # free text never reaches the audit log


def test_a_withdrawn_proposal_can_no_longer_be_decided(hours_change, people):
    change_request_withdraw(change_request=hours_change, by=people.referent_a)

    hours_change.refresh_from_db()
    assert hours_change.status == ChangeStatus.WITHDRAWN
    assert hours_change.decided_by == people.referent_a
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE_REQUEST_WITHDRAW).count() == 1
    with pytest.raises(ChangeRequestNotPending):
        accept(hours_change, people)
    with pytest.raises(ChangeRequestNotPending):
        change_request_withdraw(change_request=hours_change, by=people.referent_a)


def test_the_database_refuses_a_rejection_without_reason(hours_change):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.filter(pk=hours_change.pk).update(
            status=ChangeStatus.REJECTED, decided_at=timezone.now()
        )


def test_the_database_refuses_a_decision_without_date(hours_change):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.filter(pk=hours_change.pk).update(status=ChangeStatus.ACCEPTED)


def test_the_database_refuses_a_service_on_a_member_change(hours_change, net):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.filter(pk=hours_change.pk).update(kind=ChangeKind.MEMBER_JOIN)
