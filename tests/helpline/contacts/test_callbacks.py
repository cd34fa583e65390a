"""Call-backs: only with consent; the number erased when done or expired."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Callback
from rete.helpline.contacts.selectors import callback_list_pending
from rete.helpline.contacts.services import (
    CALLBACK_EXPIRES_AFTER,
    callback_create,
    callback_done,
    callback_erase_expired,
)

pytestmark = pytest.mark.django_db

NUMBER = "+39 333 1234567"


@pytest.fixture
def callback(contact, olga) -> Callback:
    return callback_create(
        contact=contact,
        actor=olga,
        number=NUMBER,
        consent=True,
        due_at=timezone.now() + timedelta(hours=1),
    )


def test_it_refuses_a_callback_without_consent(contact, olga) -> None:
    with pytest.raises(ValidationError) as error:
        callback_create(
            contact=contact, actor=olga, number=NUMBER, consent=False, due_at=timezone.now()
        )

    assert "consent" in error.value.message_dict
    assert not Callback.objects.exists()


def test_the_database_refuses_a_callback_without_consent(contact, olga) -> None:
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Callback.objects.create(
            contact=contact,
            consent_at=None,
            number="+393331234567",
            due_at=now,
            expires_at=now + timedelta(days=1),
            created_by=olga,
        )


def test_it_refuses_an_invalid_number(contact, olga) -> None:
    with pytest.raises(ValidationError):
        callback_create(
            contact=contact, actor=olga, number="12", consent=True, due_at=timezone.now()
        )

    assert not Callback.objects.exists()


def test_it_refuses_another_operator(contact, ornella) -> None:
    with pytest.raises(PermissionDenied):
        callback_create(
            contact=contact, actor=ornella, number=NUMBER, consent=True, due_at=timezone.now()
        )


def test_it_lists_the_pending_callbacks(callback) -> None:
    assert callback_list_pending(at=timezone.now()) == [callback]


def test_done_erases_the_number(callback, ornella) -> None:
    # Any operator of the shift makes the call-back, not only the one who took it.
    callback_done(callback=callback, actor=ornella)

    stored = Callback.objects.get(pk=callback.pk)
    assert stored.number is None
    assert stored.done_at is not None and stored.erased_at is not None
    assert callback_list_pending(at=timezone.now()) == []
    assert AuditEntry.objects.filter(action="callback.done").count() == 1
    with pytest.raises(ValidationError):
        callback_done(callback=callback, actor=ornella)


def test_done_is_refused_to_a_user_without_a_helpline_role(callback, dora) -> None:
    with pytest.raises(PermissionDenied):
        callback_done(callback=callback, actor=dora)

    assert Callback.objects.get(pk=callback.pk).number is not None


def test_expired_callbacks_are_erased(callback, contact, olga) -> None:
    later = callback_create(
        contact=contact,
        actor=olga,
        number=NUMBER,
        consent=True,
        due_at=timezone.now() + timedelta(days=10),
    )
    now = callback.expires_at

    assert callback_erase_expired(now=now) == 1

    erased = Callback.objects.get(pk=callback.pk)
    assert erased.number is None and erased.erased_at == now and erased.done_at is None
    assert Callback.objects.get(pk=later.pk).number == "+393331234567"
    assert callback_erase_expired(now=now) == 0
    assert later.expires_at == later.due_at + CALLBACK_EXPIRES_AFTER
