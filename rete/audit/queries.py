"""Reading the audit log for people: filters, pages newest first, and exports.

The log grows by every sensitive read and write of the platform, so it will hold millions
of rows. Every filter here is served by an index (see AuditEntry.Meta and migration 0003):

- action: (action, sequence); actor: (actor, sequence) — the actor is found by username or
  personal code first, then filtered by id; target: (target_type, target_id), so a target
  id is only searched together with its type;
- dates: the instant index (created_at). The sequence is not used as a proxy for the
  instant: entries are numbered in the order they are written, but the instants come from
  the clocks of the app servers, which may disagree or be set back, and a day's filter
  must never lose an entry to that. A closed range (both dates) is first turned into the
  exact lowest and highest sequence written within it (one aggregate over the instant
  index; "sequence + 0" keeps the planner from walking the primary key instead), so that
  the page is then read by a short primary-key range scan: without the bounds, the
  planner assumes the range's entries are spread over the whole table and walks it
  backwards from the newest entry (about a second for an old month of a 3-million-entry
  log; tens of milliseconds with them). An open range is read as it is: from a start date
  the newest entries match at once, and up to an end date is rarely asked alone.

Pages are keyset pages on the sequence (`before` / `after` a sequence), never OFFSET,
whose cost grows with the page number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import F, Max, Min, QuerySet

from rete.accounts.models import Account
from rete.audit.models import AuditChainHead, AuditEntry

PAGE_SIZE = 100
ROME = ZoneInfo("Europe/Rome")


@dataclass(frozen=True)
class AuditFilter:
    """What to look for; None (or empty) means any. Dates are Europe/Rome calendar days,
    both included. actor_ids: the accounts the actor text named (empty tuple: it named
    none, so nothing matches)."""

    action: str | None = None
    actor_ids: tuple[int, ...] | None = None
    target_type: str | None = None
    target_id: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def used(self) -> list[str]:
        """The names of the filters in use, for the audit entry of a read."""
        names = []
        if self.action:
            names.append("action")
        if self.actor_ids is not None:
            names.append("actor")
        if self.target_type:
            names.append("target_type")
        if self.target_id:
            names.append("target_id")
        if self.date_from:
            names.append("date_from")
        if self.date_to:
            names.append("date_to")
        return names


def audit_actor_ids(text: str) -> tuple[int, ...]:
    """The ids of the accounts a person means by `text`: a personal code (RAV-000123) or
    a username, either in any case. Empty when none matches."""
    text = text.strip()
    if not text:
        return ()
    by_code = Account.objects.filter(personal_code__iexact=text).values_list("user_id", flat=True)
    users = get_user_model().objects
    exact = users.filter(username=text).values_list("pk", flat=True)
    ids = set(by_code) | set(exact)
    if not ids:
        ids = set(users.filter(username__iexact=text).values_list("pk", flat=True))
    return tuple(sorted(ids))


def local_day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ROME)


def audit_entries(criteria: AuditFilter) -> QuerySet[AuditEntry]:
    """The entries matching `criteria`, unordered (callers order by sequence)."""
    entries = AuditEntry.objects.all()
    if criteria.action:
        entries = entries.filter(action=criteria.action)
    if criteria.actor_ids is not None:
        entries = entries.filter(actor_id__in=criteria.actor_ids)
    if criteria.target_type:
        entries = entries.filter(target_type=criteria.target_type)
        if criteria.target_id:
            entries = entries.filter(target_id=criteria.target_id)
    start = local_day_start(criteria.date_from) if criteria.date_from else None
    end = (
        local_day_start(criteria.date_to + datetime.timedelta(days=1)) if criteria.date_to else None
    )
    if start is not None:
        entries = entries.filter(created_at__gte=start)
    if end is not None:
        entries = entries.filter(created_at__lt=end)
    if start is not None and end is not None:
        bounds = AuditEntry.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
            lowest=Min(F("sequence") + 0), highest=Max(F("sequence") + 0)
        )
        if bounds["lowest"] is None:
            return entries.none()
        entries = entries.filter(sequence__gte=bounds["lowest"], sequence__lte=bounds["highest"])
    return entries


@dataclass
class AuditPage:
    """One page of entries, newest first, with the cursors of its neighbours."""

    entries: list[AuditEntry]
    # Pass as `before` for the next (older) page; None when this is the oldest.
    older_than: int | None
    # Pass as `after` for the previous (newer) page; None when this is the newest.
    newer_than: int | None
    personal_codes: dict[int, str] = field(default_factory=dict)


def audit_page(
    criteria: AuditFilter,
    *,
    before: int | None = None,
    after: int | None = None,
    size: int = PAGE_SIZE,
) -> AuditPage:
    """A page of at most `size` entries matching `criteria`, newest first: the newest ones,
    or those just older than sequence `before`, or just newer than sequence `after`."""
    matching = audit_entries(criteria)
    if after is not None:
        # Towards newer entries: the `size` just above `after`, then shown newest first.
        rows = list(matching.filter(sequence__gt=after).order_by("sequence")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        more_older = matching.filter(sequence__lte=after).exists()
    else:
        older = matching.filter(sequence__lt=before) if before is not None else matching
        rows = list(older.order_by("-sequence")[: size + 1])
        more_older = len(rows) > size
        rows = rows[:size]
        more_newer = before is not None and matching.filter(sequence__gte=before).exists()
    return AuditPage(
        entries=rows,
        older_than=rows[-1].sequence if rows and more_older else None,
        newer_than=rows[0].sequence if rows and more_newer else None,
        personal_codes=audit_personal_codes(entry.actor_id for entry in rows),
    )


def audit_personal_codes(actor_ids: Iterable[int | None]) -> dict[int, str]:
    """Personal codes by user id, for the given actors (one query)."""
    ids = {actor_id for actor_id in actor_ids if actor_id is not None}
    if not ids:
        return {}
    return dict(Account.objects.filter(user_id__in=ids).values_list("user_id", "personal_code"))


def audit_entry_neighbours(sequence: int) -> tuple[int | None, int | None]:
    """The sequences just before and just after `sequence` (by the primary key)."""
    previous = (
        AuditEntry.objects.filter(sequence__lt=sequence)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    following = (
        AuditEntry.objects.filter(sequence__gt=sequence)
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    return previous, following


def audit_export_bound() -> int:
    """The last sequence committed now: an export covers the entries up to it, so that
    the count written in its own audit entry is the number of rows it gives (entries are
    committed in sequence order, under the chain head's lock)."""
    head = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON_ID).first()
    if head is not None:
        return head.last_sequence
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    return last or 0


def audit_export_entries(
    criteria: AuditFilter, *, up_to: int, chunk_size: int = 2000
) -> Iterator[tuple[AuditEntry, str]]:
    """The matching entries up to sequence `up_to`, oldest first, streamed, each with its
    actor's personal code ("" when none)."""
    entries = audit_entries(criteria).filter(sequence__lte=up_to).order_by("sequence")
    batch: list[AuditEntry] = []
    for entry in entries.iterator(chunk_size=chunk_size):
        batch.append(entry)
        if len(batch) >= chunk_size:
            yield from _with_codes(batch)
            batch = []
    yield from _with_codes(batch)


def _with_codes(batch: list[AuditEntry]) -> Iterator[tuple[AuditEntry, str]]:
    codes = audit_personal_codes(entry.actor_id for entry in batch)
    for entry in batch:
        yield entry, codes.get(entry.actor_id, "") if entry.actor_id is not None else ""


def audit_export_count(criteria: AuditFilter, *, up_to: int) -> int:
    return audit_entries(criteria).filter(sequence__lte=up_to).count()


def details_items(details: Any) -> list[tuple[str, str]]:
    """The details as (key, text) pairs for display: lists joined by commas."""
    if not isinstance(details, dict):
        return []
    items = []
    for key in sorted(details):
        value = details[key]
        if isinstance(value, list):
            text = ", ".join("—" if item is None else str(item) for item in value)
        elif value is None:
            text = "—"
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = str(value)
        items.append((str(key), text))
    return items
