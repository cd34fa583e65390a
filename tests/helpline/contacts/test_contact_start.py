"""Starting a contact: one record per idempotency key, the caller's number never stored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Contact, ContactStatus
from rete.helpline.contacts.services import IdempotencyConflict, contact_start

pytestmark = pytest.mark.django_db


def test_it_starts_a_contact_locked_to_its_operator(olga) -> None:
    result = contact_start(operator=olga, channel="phone", language="it")

    contact = result.contact
    assert result.created
    assert contact.status == ContactStatus.IN_PROGRESS
    assert contact.operator == olga
    assert contact.locked_by == olga
    assert contact.started_at.tzinfo is not None
    entry = AuditEntry.objects.get(action="contact.create")
    assert entry.target_id == str(contact.pk)
    assert entry.actor == olga


def test_it_returns_the_same_contact_for_the_same_key(olga) -> None:
    first = contact_start(operator=olga, channel="phone", language="it", idempotency_key="k-1")
    second = contact_start(operator=olga, channel="phone", language="it", idempotency_key="k-1")

    assert first.created and not second.created
    assert first.contact.pk == second.contact.pk
    assert Contact.objects.count() == 1
    assert AuditEntry.objects.filter(action="contact.create").count() == 1


def test_it_refuses_the_same_key_for_a_different_start(olga, ornella) -> None:
    contact_start(operator=olga, channel="phone", language="it", idempotency_key="k-1")

    with pytest.raises(IdempotencyConflict):
        contact_start(operator=olga, channel="chat", language="it", idempotency_key="k-1")
    # Ornella cannot get Olga's contact by guessing her key.
    with pytest.raises(IdempotencyConflict):
        contact_start(operator=ornella, channel="phone", language="it", idempotency_key="k-1")
    assert Contact.objects.count() == 1


def test_it_never_stores_the_callers_number(olga) -> None:
    result = contact_start(
        operator=olga, channel="phone", language="it", caller_number="080 5741461"
    )

    names = {field.name for field in Contact._meta.get_fields()}
    assert not names & {"caller_number", "number", "caller_name", "phone"}
    stored = [
        str(value) for value in Contact.objects.filter(pk=result.contact.pk).values()[0].values()
    ]
    assert not any("5741461" in value for value in stored)
    assert not any("5741461" in str(entry.details) for entry in AuditEntry.objects.all())


def test_it_refuses_bad_input_and_writes_nothing(olga) -> None:
    with pytest.raises(ValidationError) as error:
        contact_start(operator=olga, channel="fax", language="Italiano", idempotency_key="")

    assert set(error.value.message_dict) == {"channel", "language", "idempotency_key"}
    assert not Contact.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="contact.").exists()


def test_it_refuses_a_user_without_a_helpline_role(dora) -> None:
    with pytest.raises(PermissionDenied):
        contact_start(operator=dora, channel="phone", language="it")

    assert not Contact.objects.exists()
