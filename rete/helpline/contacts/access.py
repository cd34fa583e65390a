"""The one place that says who may open a contact record (STYLE.md, habit 4).

Operators open their own contacts; supervisors open all; anybody else gets the same 404 as
for a contact that does not exist, so that an outsider learns nothing, not even that the
record exists. Every successful read by a person is written to the audit log.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.http import Http404

from rete.accounts.roles import HELPLINE_SUPERVISOR
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.selectors import user_helpline_role


def contact_get_for_user(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    public_id: UUID | str,
    ip_address: str | None = None,
) -> Contact:
    """The contact `public_id` if `user` may read it, with its "contact.read" audit entry;
    Http404 otherwise (unknown, another operator's, or a user without a helpline role)."""
    role = user_helpline_role(user)
    if role is None:
        raise Http404
    try:
        public_id = public_id if isinstance(public_id, UUID) else UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    contacts = Contact.objects.select_related("operator", "comune", "classification_version")
    if role != HELPLINE_SUPERVISOR:
        contacts = contacts.filter(operator=user)
    contact = contacts.filter(public_id=public_id).first()
    if contact is None:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.CONTACT_READ,
            target_type="helpline.contact",
            target_id=contact.pk,
            ip_address=ip_address,
        )
    return contact
