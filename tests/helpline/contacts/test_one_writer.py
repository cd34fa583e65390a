"""One writer: a contact is locked to its operator; a supervisor can take it over."""

import pytest
from django.core.exceptions import PermissionDenied

from rete.audit.models import AuditEntry
from rete.helpline.contacts.services import contact_notes_set, contact_take_over

pytestmark = pytest.mark.django_db


def test_another_operator_is_refused(contact, ornella) -> None:
    with pytest.raises(PermissionDenied):
        contact_notes_set(contact=contact, actor=ornella, notes="x")

    contact.refresh_from_db()
    assert contact.notes == ""


def test_a_supervisor_is_refused_until_she_takes_over(contact, olga, sara) -> None:
    with pytest.raises(PermissionDenied):
        contact_notes_set(contact=contact, actor=sara, notes="x")

    contact_take_over(contact=contact, supervisor=sara)
    contact_notes_set(contact=contact, actor=sara, notes="Richiamare la sorella")

    contact.refresh_from_db()
    assert contact.locked_by == sara
    assert contact.notes == "Richiamare la sorella"
    entry = AuditEntry.objects.get(action="contact.take_over")
    assert entry.details == {"previous_writer_id": olga.pk}
    # The operator's stale instance does not let her write any more.
    with pytest.raises(PermissionDenied):
        contact_notes_set(contact=contact, actor=olga, notes="y")


def test_an_operator_cannot_take_over(contact, ornella) -> None:
    with pytest.raises(PermissionDenied):
        contact_take_over(contact=contact, supervisor=ornella)

    contact.refresh_from_db()
    assert contact.locked_by_id != ornella.pk
