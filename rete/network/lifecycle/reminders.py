"""The daily reminder of the protocols about to end: 60 and 15 days before the last day in
force, to the Department and to the territory's referents (a notice and an e-mail).

A protocol that an active renewal (or amendment) already continues the day after its end
needs no reminder. The keys `protocol.<id>.ends_in_60` / `.ends_in_15` make the job
idempotent: run twice, or after a missed day, it sends each reminder once; a day missed
inside a window still sends that window's reminder (rete.network.lifecycle.rules).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rete.network.lifecycle.notifications import department, history_path, referents_of
from rete.network.lifecycle.rules import reminder_due
from rete.network.lifecycle.selectors import Ending, protocols_ending
from rete.notices.reminders import reminder_register
from rete.notices.services import notify


def _remind(ending: Ending, due: str) -> int:
    protocol = ending.protocol
    subject = _("%(territory)s: the protocol ends on %(day)s") % {
        "territory": ending.territory.name,
        "day": date_format(ending.valid_to, "DATE_FORMAT"),
    }
    body = _(
        "The protocol of %(territory)s (%(code)s) is in force until %(day)s, in %(days)d days. "
        "After that day the territory leaves the 1522's direct transfers unless a renewal "
        "is recorded and active."
    ) % {
        "territory": ending.territory.name,
        "code": ending.territory.code,
        "day": date_format(ending.valid_to, "DATE_FORMAT"),
        "days": ending.days_left,
    }
    recipients = [*department(), *referents_of(protocol)]
    made = notify(
        recipients,
        key=f"protocol.{protocol.pk}.{due}",
        subject=subject,
        body=body,
        url=history_path(protocol),
    )
    return len(made)


@reminder_register("protocols_ending")
def protocols_ending_remind(today: date) -> int:
    """Send the reminders due on `today`; returns how many notices were made."""
    sent = 0
    # Out of any request: the interface's language.
    with translation.override(settings.LANGUAGE_CODE):
        for ending in protocols_ending(today=today):
            due = reminder_due(ending.days_left)
            if due is not None:
                sent += _remind(ending, due)
    return sent
