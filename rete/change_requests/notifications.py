"""The notices of proposed changes: the Department is told of a new one, the proposer and
the territory's referents of the decision. Subjects name the territory and the kind of
change, nothing else."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.change_requests.models import ChangeRequest, ChangeStatus
from rete.notices.recipients import people_with_role
from rete.notices.services import notify


def _url(change_request: ChangeRequest) -> str:
    return reverse("reserved:change_request", kwargs={"pk": change_request.pk})


def notify_created(change_request: ChangeRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(territory)s proposes a change: %(kind)s") % {
            "territory": change_request.territory.name,
            "kind": change_request.get_kind_display(),
        }
        body = _("Compare the data with the proposal and accept or reject it.")
    notify(
        people_with_role(DEPARTMENT_ADMIN),
        key=f"change_request.{change_request.pk}.created",
        subject=subject,
        body=body,
        url=_url(change_request),
    )


def decided_recipients(change_request: ChangeRequest) -> list:
    """The proposer and the territory's referents. Read before a change is applied: a new
    referent learns of their role from its own e-mail, not as one of the deciders' audience."""
    recipients = list(
        people_with_role(ATR_REFERENT, territory_id=change_request.territory_id, national=False)
    )
    if change_request.created_by is not None and change_request.created_by.is_active:
        recipients.insert(0, change_request.created_by)
    return recipients


def notify_decided(change_request: ChangeRequest, recipients: list) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "territory": change_request.territory.name,
            "kind": change_request.get_kind_display(),
        }
        if change_request.status == ChangeStatus.ACCEPTED:
            subject = _("Change accepted and applied (%(territory)s): %(kind)s") % values
            body = _("The network's data now read as proposed.")
        else:
            subject = _("Change rejected (%(territory)s): %(kind)s") % values
            body = _("The Department's reason: %(reason)s") % {
                "reason": change_request.decision_reason
            }
    notify(
        recipients,
        key=f"change_request.{change_request.pk}.decided",
        subject=subject,
        body=body,
        url=_url(change_request),
    )
