"""Reading the audit log: the verification of its chain.

What the verification catches: an entry whose content was changed (its hash no longer
matches), an entry removed from the middle (a gap in the sequence, and the next entry's
link points to nothing), entries reordered (the sequence is part of the hash), an entry
added beyond the chain head, and entries removed from the end (the chain head still
names the last sequence and its hash).

What it cannot catch: the chain alone cannot tell that its last entries were deleted —
only the chain head can, so removing the tail together with the head, or recomputing
every hash and the head after an edit, goes unseen by this check. The command prints the
last entry's sequence and hash so that they can be noted outside the database (the operations
log, a ticket); comparing a later run with a noted head catches even that.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rete.audit.chain import GENESIS_HASH, audit_entry_hash
from rete.audit.models import AuditChainHead, AuditEntry

HASHED_FIELDS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_username",
    "action",
    "target_type",
    "target_id",
    "details",
    "ip_address",
    "previous_hash",
)


@dataclass(frozen=True)
class AuditChainBreak:
    """The first place where the chain does not hold.

    sequence: the first broken entry (for a missing entry, the sequence it should have).
    reason: "hash_mismatch", "broken_link", "sequence_gap", "missing_tail",
    "beyond_head", "head_mismatch", "head_missing" or "unreadable". message: the explanation.
    """

    sequence: int
    reason: str
    message: str


@dataclass(frozen=True)
class AuditVerification:
    """entries_verified: the intact entries, from 1 (all of them when the chain holds).
    last_hash: when the chain holds, the hash of its last entry (GENESIS_HASH if empty)."""

    entries_verified: int
    last_hash: str
    first_break: AuditChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def _head() -> AuditChainHead | None:
    return AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON_ID).first()


class _UnreadableEntry(Exception):
    def __init__(self, sequence: int) -> None:
        super().__init__(sequence)
        self.sequence = sequence


def _rows(chunk_size: int) -> Iterator[dict[str, Any]]:
    """The entries in sequence order, streamed: a server-side cursor on PostgreSQL,
    chunked fetches on SQLite.

    A value written by raw SQL that the database layer cannot convert (on SQLite, an
    instant that is not one) fails a whole chunk at once; the entries from there on are
    then read one at a time, to name the one that cannot be read (_UnreadableEntry).
    """
    entries = AuditEntry.objects.order_by("sequence").values(*HASHED_FIELDS, "entry_hash")
    after = 0
    try:
        for row in entries.iterator(chunk_size=chunk_size):
            after = row["sequence"]
            yield row
        return
    except (TypeError, ValueError):
        pass
    sequences = (
        AuditEntry.objects.filter(sequence__gt=after)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    for sequence in sequences.iterator(chunk_size=chunk_size):
        try:
            row = entries.filter(sequence=sequence).get()
        except (TypeError, ValueError):
            raise _UnreadableEntry(sequence) from None
        yield row


def _tail_break(
    *, head_before: AuditChainHead | None, last_sequence: int, last_hash: str
) -> AuditChainBreak | None:
    """Compare the end of the streamed chain with the chain head.

    The head is read before the entries are: every entry up to the head's sequence had
    committed by then and must be in the stream. Entries beyond it may have been
    appended while the stream ran, so the head is read again to judge them.
    """
    head = head_before
    if head is not None and last_sequence > head.last_sequence:
        head = _head()
    if head is None:
        if last_sequence == 0:
            return None
        return AuditChainBreak(
            sequence=last_sequence,
            reason="head_missing",
            message=_(
                "the chain head is missing, so entries removed from the end of the log "
                "cannot be ruled out."
            ),
        )
    if last_sequence < head.last_sequence:
        return AuditChainBreak(
            sequence=last_sequence + 1,
            reason="missing_tail",
            message=_(
                "entries %(first)d to %(last)d are missing: the log ends at %(end)d, "
                "the chain head records %(last)d."
            )
            % {"first": last_sequence + 1, "last": head.last_sequence, "end": last_sequence},
        )
    if last_sequence > head.last_sequence:
        return AuditChainBreak(
            sequence=head.last_sequence + 1,
            reason="beyond_head",
            message=_("the entry was not appended through the chain head, which ends at %(end)d.")
            % {"end": head.last_sequence},
        )
    if head.last_hash != last_hash:
        return AuditChainBreak(
            sequence=last_sequence,
            reason="head_mismatch",
            message=_("the hash of the last entry differs from the one the chain head records."),
        )
    return None


def _gap_break(*, expected: int, found: int) -> AuditChainBreak:
    return AuditChainBreak(
        sequence=expected,
        reason="sequence_gap",
        message=_("the entry is missing: the log goes from %(before)d to %(after)d.")
        % {"before": expected - 1, "after": found}
        if expected > 1
        else _("the entry is missing: the log starts at %(first)d.") % {"first": found},
    )


def _entry_break(
    row: dict[str, Any], *, expected: int, previous_hash: str
) -> AuditChainBreak | None:
    sequence = row["sequence"]
    if sequence != expected:
        return _gap_break(expected=expected, found=sequence)
    fields = {name: row[name] for name in HASHED_FIELDS}
    try:
        recomputed = audit_entry_hash(**fields)
    except (TypeError, ValueError):
        recomputed = None
    if recomputed != row["entry_hash"]:
        return AuditChainBreak(
            sequence=sequence,
            reason="hash_mismatch",
            message=_("its content no longer matches its hash: it was changed."),
        )
    if row["previous_hash"] != previous_hash:
        return AuditChainBreak(
            sequence=sequence,
            reason="broken_link",
            message=_("it does not link to the hash of the entry before it."),
        )
    return None


def audit_chain_verify(*, chunk_size: int = 2000) -> AuditVerification:
    """Recompute the whole chain, streaming the entries in sequence order, and stop at
    the first broken entry. Memory use does not grow with the size of the log."""
    head = _head()
    expected = 1
    previous_hash = GENESIS_HASH
    first_break: AuditChainBreak | None = None
    try:
        for row in _rows(chunk_size):
            first_break = _entry_break(row, expected=expected, previous_hash=previous_hash)
            if first_break is not None:
                break
            previous_hash = row["entry_hash"]
            expected += 1
    except _UnreadableEntry as unreadable:
        first_break = (
            _gap_break(expected=expected, found=unreadable.sequence)
            if unreadable.sequence != expected
            else AuditChainBreak(
                sequence=expected,
                reason="unreadable",
                message=_("the entry cannot be read: a value in it was changed."),
            )
        )
    verified = expected - 1
    if first_break is None:
        first_break = _tail_break(head_before=head, last_sequence=verified, last_hash=previous_hash)
    if first_break is not None:
        # The tail checks may name an entry that chained correctly (one beyond the head).
        verified = min(verified, first_break.sequence - 1)
    return AuditVerification(
        entries_verified=verified,
        last_hash=previous_hash,
        first_break=first_break,
    )
