"""The CSV export of the contact list: statistical fields and codes only.

No note, no number, no free text: a row says when, where from (the comune), how it was
routed, what happened and how it was classified, in codes that keep their meaning across
classification versions. Every export is written to the audit log with its filters and
row count, in the same transaction that reads the rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.helpline.classification.selectors import (
    ClassificationUnavailable,
    classification_current,
)
from rete.helpline.contacts.models import Contact, EmergencyRecord, TransferOutcome
from rete.helpline.records.selectors import ROME, ContactFilters, contact_list

EXPORT_TARGET_TYPE = "helpline.contact"
BASE_COLUMNS = (
    "public_id",
    "started_at",
    "ended_at",
    "channel",
    "language",
    "status",
    "operator",
    "comune_code",
    "comune_name",
    "province",
    "emergency",
    "mode",
    "territory",
    "target_service",
    "transfer_attempts",
    "transferred_to",
    "emergency_outcome",
    "classification_version",
)
END_COLUMNS = ("outcome",)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ContactExport:
    content: str
    rows: int


def _iso(instant: datetime | None) -> str:
    return instant.astimezone(ROME).isoformat(timespec="seconds") if instant else ""


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _classification_keys(contacts: Iterable[Contact]) -> list[str]:
    """The current version's lists in their order, then any other key found in the rows."""
    try:
        keys = list(classification_current().lists)
    except ClassificationUnavailable:
        keys = []
    extra = sorted({key for c in contacts for key in (c.classification or {})} - set(keys))
    return keys + extra


def _answer(value: object) -> str:
    if isinstance(value, list):
        return "|".join(str(code) for code in value)
    return "" if value is None else str(value)


def _row(contact: Contact, keys: list[str]) -> list[str]:
    decision = contact.decision or {}
    territory = decision.get("territory") or {}
    target = decision.get("target") or {}
    attempts = list(contact.transfer_attempts.all())
    answered = next((a for a in attempts if a.outcome == TransferOutcome.ANSWERED), None)
    try:
        emergency_outcome = contact.emergency_record.outcome
    except EmergencyRecord.DoesNotExist:
        emergency_outcome = ""
    comune = contact.comune
    version = contact.classification_version
    answers = contact.classification or {}
    values = [
        contact.public_id,
        _iso(contact.started_at),
        _iso(contact.ended_at),
        contact.channel,
        contact.language,
        contact.status,
        contact.operator.get_username(),
        comune.code if comune else "",
        comune.name if comune else "",
        comune.province_id if comune else "",
        "1" if contact.emergency else "0",
        decision.get("mode") or "",
        territory.get("code") or "",
        target.get("service_id") or "",
        len(attempts),
        answered.service_id if answered else "",
        emergency_outcome,
        version.number if version else "",
        *(_answer(answers.get(key)) for key in keys),
        contact.outcome,
    ]
    return [_cell(value) for value in values]


def contact_export(
    *,
    user: AbstractBaseUser,
    filters: ContactFilters,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> ContactExport:
    """The CSV of the contacts `user` lists with `filters`, and its "contact.export" audit
    entry (filters and row count): both in one transaction, so no export goes unrecorded."""
    now = now or timezone.now()
    with transaction.atomic():
        contacts = list(
            contact_list(user=user, filters=filters, now=now)
            .select_related("emergency_record")
            .prefetch_related("transfer_attempts")
        )
        keys = _classification_keys(contacts)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([*BASE_COLUMNS, *keys, *END_COLUMNS])
        writer.writerows(_row(contact, keys) for contact in contacts)
        audit_record(
            actor=user,
            action=AuditAction.CONTACT_EXPORT,
            target_type=EXPORT_TARGET_TYPE,
            target_id="list",
            details={**filters.as_audit_details(), "rows": len(contacts)},
            ip_address=ip_address,
        )
    return ContactExport(content=buffer.getvalue(), rows=len(contacts))
