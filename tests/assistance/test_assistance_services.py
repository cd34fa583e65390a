"""Assistance requests without HTTP: opening, the status machine, who is told, what is
audited, and attachments checked before anything is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rete.accounts.scopes import user_scope
from rete.assistance.models import (
    AssistanceMessage,
    AssistanceRequest,
    AssistanceStatus,
    AssistanceStatusChange,
)
from rete.assistance.rules import REOPEN_DAYS, AssistanceRefused
from rete.assistance.services import assistance_reply, assistance_status_change
from rete.audit.models import AuditEntry
from rete.notices.models import Notice
from tests.assistance.conftest import exe_upload, pdf_upload, stored_files

pytestmark = pytest.mark.django_db


def _reply(person, request, body="Una risposta.", **kwargs):
    return assistance_reply(
        scope=user_scope(person), actor=person, request=request, body=body, **kwargs
    )


def _step(person, request, action, **kwargs):
    return assistance_status_change(
        scope=user_scope(person), actor=person, request=request, action=action, **kwargs
    )


def _told(key_prefix: str) -> set[str]:
    return set(
        Notice.objects.filter(key__startswith=key_prefix).values_list(
            "recipient__username", flat=True
        )
    )


def _fresh(request) -> AssistanceRequest:
    return AssistanceRequest.objects.get(pk=request.pk)


def test_it_opens_a_request_with_its_first_message_and_attachment(open_request, people) -> None:
    request = open_request(files=[pdf_upload()])

    assert (request.status, request.requester, request.awaiting_department) == (
        AssistanceStatus.OPEN,
        people.referent_a,
        True,
    )
    message = request.messages.get()
    assert message.side == "territory"
    attachment = message.attachments.get()
    assert (attachment.original_filename, attachment.content_type) == (
        "schermata.pdf",
        "application/pdf",
    )
    assert len(stored_files()) == 1


def test_it_tells_the_department_of_a_new_request_without_quoting_it(
    open_request, people, admin2
) -> None:
    request = open_request(subject="Problema con Maria Rossi")

    notices = Notice.objects.filter(
        key=f"assistance.{request.pk}.message.{request.messages.get().pk}"
    )
    assert {n.recipient.username for n in notices} == {"admin", "admin2"}
    for notice in notices:
        assert "Maria Rossi" not in notice.subject + notice.body
        assert notice.url == f"/area-riservata/assistenza/{request.pk}/"


def test_it_audits_ids_and_codes_never_the_text(open_request) -> None:
    request = open_request(body="Testo riservato della richiesta", files=[pdf_upload()])

    entry = AuditEntry.objects.get(action="assistance.create")
    assert entry.target_id == str(request.pk)
    assert entry.details == {
        "territory": "ATR-AL",
        "category": "data_mapping",
        "message": request.messages.get().pk,
        "attachments": 1,
    }
    assert "Testo riservato" not in str(entry.details)


def test_a_network_operator_opens_a_request_for_their_territory(open_request) -> None:
    assert open_request(person="netop_a").territory.code == "ATR-AL"


@pytest.mark.parametrize("person", ["referent_b", "admin", "analyst"])
def test_nobody_opens_a_request_for_a_territory_not_theirs(open_request, person) -> None:
    with pytest.raises(PermissionDenied):
        open_request(person=person)

    assert not AssistanceRequest.objects.exists()


def test_a_forbidden_file_refuses_the_request_and_stores_nothing(open_request) -> None:
    with pytest.raises(ValidationError):
        open_request(files=[pdf_upload(), exe_upload()])

    assert not AssistanceRequest.objects.exists()
    assert not AssistanceMessage.objects.exists()
    assert stored_files() == []


def test_a_department_reply_takes_the_request_and_tells_the_territory(open_request, people) -> None:
    request = open_request(person="netop_a")

    message = _reply(people.admin, request)

    request = _fresh(request)
    assert (request.status, request.assignee, request.awaiting_department) == (
        AssistanceStatus.IN_PROGRESS,
        people.admin,
        False,
    )
    # The requester and the territory's referents; not B's people, not the replier.
    assert _told(f"assistance.{request.pk}.message.{message.pk}") == {"netop_a", "referent_a"}
    assert list(
        AuditEntry.objects.filter(
            target_type="assistance.assistancerequest", target_id=str(request.pk)
        )
        .order_by("sequence")
        .values_list("action", flat=True)
    ) == ["assistance.create", "assistance.reply", "assistance.status"]


def test_a_territory_reply_goes_to_the_assignee_only(open_request, people, admin2) -> None:
    request = open_request()
    _step(people.admin, request, "take", assignee=admin2)

    message = _reply(people.referent_a, _fresh(request))

    assert _told(f"assistance.{request.pk}.message.{message.pk}") == {"admin2"}
    assert _fresh(request).awaiting_department is True


def test_a_territory_reply_goes_to_the_whole_department_while_nobody_is_assigned(
    open_request, people, admin2
) -> None:
    request = open_request()

    message = _reply(people.netop_a, request)

    assert _told(f"assistance.{request.pk}.message.{message.pk}") == {"admin", "admin2"}


def test_the_territory_answering_a_request_waiting_for_it_puts_it_back_in_progress(
    open_request, people
) -> None:
    request = open_request()
    _reply(people.admin, request, then="wait")
    assert _fresh(request).status == AssistanceStatus.WAITING

    _reply(people.referent_a, _fresh(request))

    assert _fresh(request).status == AssistanceStatus.IN_PROGRESS
    assert list(
        AssistanceStatusChange.objects.filter(request=request).values_list(
            "from_status", "to_status"
        )
    ) == [("open", "in_progress"), ("in_progress", "waiting"), ("waiting", "in_progress")]


def test_taking_a_request_tells_the_territory_and_the_new_assignee(
    open_request, people, admin2
) -> None:
    request = open_request()

    change = _step(people.admin, request, "take", assignee=admin2)

    assert _fresh(request).assignee == admin2
    assert _told(f"assistance.{request.pk}.status.{change.pk}") == {"referent_a", "admin2"}
    entry = AuditEntry.objects.get(action="assistance.status")
    assert entry.details == {
        "from": "open",
        "to": "in_progress",
        "change": change.pk,
        "assignee": admin2.pk,
    }


def test_a_request_is_assigned_only_to_the_department(open_request, people) -> None:
    request = open_request()

    with pytest.raises(AssistanceRefused):
        _step(people.admin, request, "take", assignee=people.referent_a)

    assert _fresh(request).status == AssistanceStatus.OPEN


def test_resolved_then_reopened_within_the_window(open_request, people) -> None:
    request = open_request()
    _reply(people.admin, request, then="resolve")
    request = _fresh(request)
    assert request.status == AssistanceStatus.RESOLVED
    assert request.resolved_at is not None

    change = _step(people.referent_a, request, "reopen")

    request = _fresh(request)
    assert (request.status, request.resolved_at) == (AssistanceStatus.OPEN, None)
    # The territory's step goes to the assignee (who took it by replying).
    assert _told(f"assistance.{request.pk}.status.{change.pk}") == {"admin"}


def test_a_request_cannot_be_reopened_after_the_window(open_request, people) -> None:
    request = open_request()
    _step(people.referent_a, request, "resolve")
    AssistanceRequest.objects.filter(pk=request.pk).update(
        resolved_at=timezone.now() - timedelta(days=REOPEN_DAYS, hours=1)
    )

    with pytest.raises(AssistanceRefused) as refused:
        _step(people.referent_a, _fresh(request), "reopen")

    assert refused.value.code == "reopen_too_late"
    assert _fresh(request).status == AssistanceStatus.RESOLVED


@pytest.mark.parametrize(
    ("person", "action"),
    [
        ("referent_a", "take"),  # only the Department takes a request
        ("referent_a", "wait"),
        ("referent_a", "close"),  # the territory closes only a resolved one
        ("admin", "reopen"),  # reopening is the territory's
        ("admin", "resolve_everything"),
    ],
)
def test_steps_not_for_that_side_or_status_are_refused(
    open_request, people, person, action
) -> None:
    request = open_request()

    with pytest.raises(AssistanceRefused):
        _step(getattr(people, person), request, action)

    assert not AssistanceStatusChange.objects.exists()
    assert not AuditEntry.objects.filter(action="assistance.status").exists()


def test_a_closed_request_takes_no_more_messages_nor_steps(open_request, people) -> None:
    request = open_request()
    _step(people.referent_a, request, "resolve")
    _step(people.referent_a, _fresh(request), "close")
    request = _fresh(request)
    assert request.status == AssistanceStatus.CLOSED
    assert request.closed_at is not None

    with pytest.raises(AssistanceRefused):
        _reply(people.referent_a, request)
    with pytest.raises(AssistanceRefused):
        _step(people.referent_a, request, "reopen")
    assert request.messages.count() == 1


def test_another_territory_s_people_cannot_write_in_a_request(open_request, people) -> None:
    request = open_request()

    for person in (people.referent_b, people.netop_b, people.analyst):
        with pytest.raises(PermissionDenied):
            _reply(person, request)
        with pytest.raises(PermissionDenied):
            _step(person, request, "resolve")
    assert request.messages.count() == 1


def test_only_the_department_ends_a_reply_with_a_step(open_request, people) -> None:
    request = open_request()

    with pytest.raises(AssistanceRefused):
        _reply(people.referent_a, request, then="resolve")

    assert request.messages.count() == 1


def test_a_reply_with_a_forbidden_file_writes_nothing(open_request, people) -> None:
    request = open_request()

    with pytest.raises(ValidationError):
        _reply(people.admin, request, files=[exe_upload()])

    request = _fresh(request)
    assert (request.status, request.messages.count()) == (AssistanceStatus.OPEN, 1)
    assert stored_files() == []
    assert not AuditEntry.objects.filter(action="assistance.reply").exists()
