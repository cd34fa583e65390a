"""Reads of the contact records screens: the filtered list, and what a record's codes mean.

Plain functions, testable without HTTP. Opening one record is not here: a person opens a
contact only through rete.helpline.contacts.access.contact_get_for_user, which audits it.

The filters hold codes, dates and an operator's id, never anything about a caller, which is
why the screens may carry them in the query string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.accounts.roles import HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.helpline.classification.lists import VALIDITY
from rete.helpline.classification.selectors import (
    ClassificationSnapshot,
    ClassificationUnavailable,
    classification_current,
    classification_snapshot,
)
from rete.helpline.contacts.models import Callback, Contact
from rete.helpline.contacts.selectors import user_helpline_role
from rete.network.models import Territory

ROME = ZoneInfo("Europe/Rome")
DEFAULT_SHIFT_HOURS = 12
OUTCOME_LIST = "outcome"

NOT_ROUTED = "not_routed"
# The same words as the console's, so that both screens read alike (one msgid each).
MODE_LABELS = {
    "transfer": _("Direct transfer"),
    "out_of_hours": _("Out of hours"),
    "orientation": _("Orientation"),
    "emergency": _("Emergency"),
}
NOT_ROUTED_LABEL = _("Not routed")

CALLBACK_DUE = "due"
CALLBACK_DONE = "done"
CALLBACK_EXPIRED = "expired"
CALLBACK_STATUS_LABELS = {
    CALLBACK_DUE: _("To do"),
    CALLBACK_DONE: _("Done"),
    CALLBACK_EXPIRED: _("Expired"),
}


@dataclass(frozen=True, slots=True)
class ContactFilters:
    """What a supervisor narrows the list by; empty values filter nothing. Dates are
    Europe/Rome calendar days, both included."""

    date_from: date | None = None
    date_to: date | None = None
    territory: str = ""
    mode: str = ""  # a key of MODE_LABELS, or NOT_ROUTED
    validity: str = ""
    operator_id: int | None = None

    def as_audit_details(self) -> dict[str, Any]:
        """The filters as flat audit details: codes, ISO dates and an id."""
        details = asdict(self)
        for key in ("date_from", "date_to"):
            details[key] = details[key].isoformat() if details[key] else None
        return details


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the list: the contact and the words its codes stand for."""

    contact: Contact
    mode: str
    mode_label: str
    territory_code: str
    territory_name: str
    validity_label: str


# --- the list


def shift_hours() -> int:
    """How far back an operator's list reaches: her shift (settings.HELPLINE_SHIFT_HOURS)."""
    return int(getattr(settings, "HELPLINE_SHIFT_HOURS", DEFAULT_SHIFT_HOURS))


def day_start(day: date) -> datetime:
    """Midnight of `day` in Europe/Rome (midnight always exists there: DST moves 2:00-3:00)."""
    return datetime.combine(day, time.min, tzinfo=ROME)


def contact_list(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    filters: ContactFilters,
    now: datetime | None = None,
) -> QuerySet[Contact]:
    """The contacts `user` may list, narrowed by `filters`, newest first.

    A supervisor lists every contact. An operator lists only her own contacts started in
    the last `shift_hours()` hours, and the operator filter does not apply to her. Anybody
    else lists nothing.
    """
    role = user_helpline_role(user)
    contacts = Contact.objects.select_related(
        "operator", "comune", "classification_version"
    ).order_by("-started_at", "-pk")
    if role == HELPLINE_SUPERVISOR:
        if filters.operator_id is not None:
            contacts = contacts.filter(operator_id=filters.operator_id)
    elif role == HELPLINE_OPERATOR:
        now = now or timezone.now()
        contacts = contacts.filter(
            operator=user, started_at__gte=now - timedelta(hours=shift_hours())
        )
    else:
        return contacts.none()
    if filters.date_from is not None:
        contacts = contacts.filter(started_at__gte=day_start(filters.date_from))
    if filters.date_to is not None:
        contacts = contacts.filter(started_at__lt=day_start(filters.date_to + timedelta(days=1)))
    if filters.territory:
        # A key inside the stored decision: JSON key lookups work alike on SQLite and
        # PostgreSQL; a decision without territory (null) never matches.
        contacts = contacts.filter(decision__territory__code=filters.territory)
    if filters.mode == NOT_ROUTED:
        contacts = contacts.filter(decision__isnull=True)
    elif filters.mode:
        contacts = contacts.filter(decision__mode=filters.mode)
    if filters.validity:
        contacts = contacts.filter(classification__validity=filters.validity)
    return contacts


def contact_rows(contacts: Iterable[Contact]) -> list[ContactRow]:
    rows = []
    for contact in contacts:
        decision = contact.decision or {}
        mode = str(decision.get("mode") or "")
        territory = decision.get("territory") or {}
        rows.append(
            ContactRow(
                contact=contact,
                mode=mode or NOT_ROUTED,
                mode_label=str(mode_label(mode)),
                territory_code=str(territory.get("code") or ""),
                territory_name=str(territory.get("name") or ""),
                validity_label=validity_label(contact),
            )
        )
    return rows


# --- what the codes mean


def mode_label(mode: str | None) -> str:
    if not mode:
        return str(NOT_ROUTED_LABEL)
    return str(MODE_LABELS.get(mode, mode))


def contact_classification_snapshot(contact: Contact) -> ClassificationSnapshot | None:
    """The classification version the contact was classified with (snapshots of published
    versions are cached, so a page of rows costs no query per row)."""
    if contact.classification_version_id is None:
        return None
    return classification_snapshot(version=contact.classification_version)


def _item_label(snapshot: ClassificationSnapshot | None, key: str, code: str) -> str:
    classification_list = snapshot.lists.get(key) if snapshot else None
    item = classification_list.item(code) if classification_list else None
    return item.label if item else code


def validity_label(contact: Contact) -> str:
    code = (contact.classification or {}).get(VALIDITY)
    if not code:
        return ""
    return _item_label(contact_classification_snapshot(contact), VALIDITY, str(code))


@dataclass(frozen=True, slots=True)
class ClassificationAnswer:
    key: str
    label: str
    answers: list[str]


def classification_answers(contact: Contact) -> list[ClassificationAnswer]:
    """The contact's answers with the list and item labels of its own version, in the
    version's list order; a key unknown to the version (never expected) is shown as is."""
    answers: Mapping[str, Any] = contact.classification or {}
    snapshot = contact_classification_snapshot(contact)
    keys = [key for key in (snapshot.lists if snapshot else ()) if key in answers]
    keys += [key for key in answers if key not in keys]
    result = []
    for key in keys:
        value = answers[key]
        codes = value if isinstance(value, list) else [value]
        classification_list = snapshot.lists.get(key) if snapshot else None
        result.append(
            ClassificationAnswer(
                key=key,
                label=classification_list.label if classification_list else key,
                answers=[_item_label(snapshot, key, str(code)) for code in codes],
            )
        )
    return result


def outcome_label(contact: Contact) -> str:
    """The outcome's label in the contact's version, or in the current one for a contact
    closed before it was classified (the version its outcome was checked against)."""
    if not contact.outcome:
        return ""
    snapshot = contact_classification_snapshot(contact)
    if snapshot is None:
        try:
            snapshot = classification_current()
        except ClassificationUnavailable:
            return contact.outcome
    return _item_label(snapshot, OUTCOME_LIST, contact.outcome)


def callback_status(callback: Callback, *, now: datetime) -> str:
    """CALLBACK_DONE, CALLBACK_EXPIRED (erased without being done, or past its expiry and
    not yet erased by the periodic task) or CALLBACK_DUE."""
    if callback.done_at is not None:
        return CALLBACK_DONE
    if callback.erased_at is not None or callback.expires_at <= now:
        return CALLBACK_EXPIRED
    return CALLBACK_DUE


def callback_pending_get(*, pk: int, now: datetime) -> Callback | None:
    """A call-back still to do at `now` (not done, not erased, not expired), or None."""
    return (
        Callback.objects.select_related("contact")
        .filter(pk=pk, done_at__isnull=True, erased_at__isnull=True, expires_at__gt=now)
        .first()
    )


# --- the filter form's choices


def territory_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{name} ({code})")
        for code, name in Territory.objects.order_by("name", "code").values_list("code", "name")
    ]


def validity_choices() -> list[tuple[str, str]]:
    """The validity answers of the current version (codes are the same in every version)."""
    try:
        snapshot = classification_current()
    except ClassificationUnavailable:
        return []
    validity = snapshot.lists.get(VALIDITY)
    return [(item.code, item.label) for item in validity.items] if validity else []


def helpline_users() -> QuerySet[AbstractBaseUser]:
    """The people who take contacts: helpline operators and supervisors, and whoever took
    contacts in the past (a role taken away does not hide their records)."""
    took_contacts = Exists(Contact.objects.filter(operator=OuterRef("pk")))
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=(HELPLINE_OPERATOR, HELPLINE_SUPERVISOR)) | Q(took_contacts)
        )
        .distinct()
        .order_by("username")
    )
