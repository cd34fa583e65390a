"""The audit log's exports, written line by line while the rows stream from the database.

- CSV: for reading in a spreadsheet. Comma-separated with a header, UTF-8 with a byte
  order mark (so that Excel reads accents right), instants in Europe/Rome time with their
  offset. A cell that a spreadsheet would run as a formula (starting with = + - @) is
  prefixed with an apostrophe.
- JSON Lines: for verifying the chain offline. One JSON object a line, oldest first, each
  exactly the document the entry's hash is computed over (rete.audit.chain) plus
  "entry_hash": see the page's instructions.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import AsyncIterator, Iterable, Iterator
from itertools import islice

from asgiref.sync import sync_to_async
from django.utils import timezone

from rete.audit.chain import audit_entry_payload
from rete.audit.models import AuditEntry

EXPORT_FORMATS = ("csv", "jsonl")
CSV_HEADER = (
    "sequence",
    "instant",
    "actor_id",
    "actor_username",
    "personal_code",
    "action",
    "action_label",
    "target_type",
    "target_id",
    "details",
    "ip_address",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _csv_row(entry: AuditEntry, personal_code: str) -> list[str]:
    return [
        str(entry.sequence),
        timezone.localtime(entry.created_at).isoformat(),
        "" if entry.actor_id is None else str(entry.actor_id),
        _cell(entry.actor_username),
        _cell(personal_code),
        entry.action,
        _cell(entry.action_label),
        entry.target_type,
        _cell(entry.target_id),
        _cell(json.dumps(entry.details, sort_keys=True, ensure_ascii=False)),
        entry.ip_address or "",
    ]


def csv_lines(rows: Iterable[tuple[AuditEntry, str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADER)
    yield "\ufeff" + take()
    for entry, personal_code in rows:
        writer.writerow(_csv_row(entry, personal_code))
        yield take()


def jsonl_document(entry: AuditEntry) -> dict:
    """The hashed document of the entry (exactly as the chain serializes it), plus its
    hash."""
    document = json.loads(
        audit_entry_payload(
            sequence=entry.sequence,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor_username=entry.actor_username,
            action=entry.action,
            target_type=entry.target_type,
            target_id=entry.target_id,
            details=entry.details,
            ip_address=entry.ip_address,
            previous_hash=entry.previous_hash,
        )
    )
    document["entry_hash"] = entry.entry_hash
    return document


def jsonl_lines(rows: Iterable[tuple[AuditEntry, str]]) -> Iterator[str]:
    for entry, _personal_code in rows:
        yield json.dumps(jsonl_document(entry), sort_keys=True, ensure_ascii=False) + "\n"


def export_lines(
    export_format: str, rows: Iterable[tuple[AuditEntry, str]]
) -> tuple[str, Iterator[str]]:
    """The content type and the lines of an export."""
    if export_format == "jsonl":
        return "application/jsonl; charset=utf-8", jsonl_lines(rows)
    return "text/csv; charset=utf-8", csv_lines(rows)


def export_filename(export_format: str, now: datetime.datetime) -> str:
    return f"registro-audit-{now:%Y%m%d-%H%M%S}.{export_format}"


async def lines_for_asgi(lines: Iterator[str], *, batch: int = 500) -> AsyncIterator[str]:
    """The lines, pulled from the database `batch` at a time in Django's synchronous
    thread. Under ASGI, Django would otherwise read a synchronous iterator to its end
    into memory before sending the first byte: a whole log at once."""

    def take() -> list[str]:
        return list(islice(lines, batch))

    while chunk := await sync_to_async(take, thread_sensitive=True)():
        yield "".join(chunk)
