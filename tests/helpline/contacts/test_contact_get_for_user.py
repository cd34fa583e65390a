"""Who may open a contact record, and that every read is audited."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from rete.audit.models import AuditEntry
from rete.helpline.contacts.access import contact_get_for_user

pytestmark = pytest.mark.django_db


def test_an_operator_opens_her_own_contact_and_the_read_is_audited(contact, olga) -> None:
    found = contact_get_for_user(user=olga, public_id=contact.public_id, ip_address="10.0.0.7")

    assert found == contact
    entry = AuditEntry.objects.get(action="contact.read")
    assert (entry.actor, entry.target_id, entry.ip_address) == (olga, str(contact.pk), "10.0.0.7")


def test_another_operator_gets_404(contact, ornella) -> None:
    with pytest.raises(Http404):
        contact_get_for_user(user=ornella, public_id=contact.public_id)

    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_a_supervisor_opens_any_contact(contact, sara) -> None:
    assert contact_get_for_user(user=sara, public_id=str(contact.public_id)) == contact
    assert AuditEntry.objects.filter(action="contact.read", actor=sara).count() == 1


@pytest.mark.parametrize("who", ["anonymous", "dora", "nobody"])
def test_outsiders_get_404(contact, dora, who) -> None:
    user = {"anonymous": AnonymousUser(), "dora": dora, "nobody": None}[who]

    with pytest.raises(Http404):
        contact_get_for_user(user=user, public_id=contact.public_id)

    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_unknown_and_malformed_ids_get_404(contact, sara) -> None:
    with pytest.raises(Http404):
        contact_get_for_user(user=sara, public_id=uuid.uuid4())
    with pytest.raises(Http404):
        contact_get_for_user(user=sara, public_id=str(contact.pk))
