"""Writing to the audit log.

`audit_record` is the only way entries are written. Call it inside the transaction of the
sensitive write it records, as that transaction's last statement:

    with transaction.atomic():
        contact = ...save the change...
        audit_record(actor=request.user, action=AuditAction.CONTACT_UPDATE,
                     target_type="helpline.contact", target_id=contact.pk,
                     details={"fields": ["outcome"]}, ip_address=client_ip)

so that the change and its entry commit together or not at all. Appending locks the
chain head until the enclosing transaction ends: every audited write in the platform
takes its turn on that lock, which is why the call should come last, after the slow
work. A read (opening a contact) is recorded the same way, in its own short transaction
when there is none around it.

The details are for codes, counts, field names and ids — never personal data of a
caller (name, number, address, notes) nor free text typed by a person.
"""

import ipaddress
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from rete.audit.chain import GENESIS_HASH, audit_entry_hash
from rete.audit.models import AuditAction, AuditChainHead, AuditEntry

logger = logging.getLogger(__name__)

ACTION_RE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\Z")
TARGET_TYPE_RE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\Z")
DETAIL_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
CODE_MAX_LENGTH = 64
DETAILS_MAX_KEYS = 20
DETAIL_TEXT_MAX_LENGTH = 200
DETAIL_LIST_MAX_ITEMS = 50
# Integers that every JSON reader (and PostgreSQL's jsonb) gives back unchanged.
DETAIL_INT_LIMIT = 2**53


class AuditEntryInvalid(ValueError):
    """The entry to record is malformed; nothing was written."""


def _check_text(value: str, *, field: str) -> None:
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise AuditEntryInvalid(f"{field}: control characters are not allowed.")


def _check_scalar(value: Any, *, path: str) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) > DETAIL_INT_LIMIT:
            raise AuditEntryInvalid(f"{path}: integers are limited to ±2**53.")
        return
    if isinstance(value, str):
        if len(value) > DETAIL_TEXT_MAX_LENGTH:
            raise AuditEntryInvalid(
                f"{path}: text is limited to {DETAIL_TEXT_MAX_LENGTH} characters."
            )
        _check_text(value, field=path)
        return
    # Floats are refused because databases may spell them back differently (and the
    # hash would change); nested objects because details are meant to stay small and flat.
    raise AuditEntryInvalid(
        f"{path}: expected text, an integer, true/false or null, not {type(value).__name__}."
    )


def _checked_details(details: Mapping[str, Any] | None) -> dict[str, Any]:
    if details is None:
        return {}
    if not isinstance(details, Mapping):
        raise AuditEntryInvalid("details: expected a mapping of names to values.")
    if len(details) > DETAILS_MAX_KEYS:
        raise AuditEntryInvalid(f"details: at most {DETAILS_MAX_KEYS} names.")
    checked: dict[str, Any] = {}
    for key, value in details.items():
        if not isinstance(key, str) or not DETAIL_KEY_RE.match(key):
            raise AuditEntryInvalid(
                f"details: the name {key!r} must be lower-case letters, digits and "
                "underscores, starting with a letter (at most 40)."
            )
        if isinstance(value, list | tuple):
            if len(value) > DETAIL_LIST_MAX_ITEMS:
                raise AuditEntryInvalid(
                    f"details.{key}: at most {DETAIL_LIST_MAX_ITEMS} items in a list."
                )
            for index, item in enumerate(value):
                _check_scalar(item, path=f"details.{key}[{index}]")
            checked[key] = list(value)
        else:
            _check_scalar(value, path=f"details.{key}")
            checked[key] = value
    return checked


def _checked_code(value: Any, *, field: str, pattern: re.Pattern[str], example: str) -> str:
    if not isinstance(value, str) or len(value) > CODE_MAX_LENGTH or not pattern.match(value):
        raise AuditEntryInvalid(
            f"{field}: expected a lower-case code such as {example!r} "
            f"(at most {CODE_MAX_LENGTH} characters), got {value!r}."
        )
    # A member of AuditAction becomes its plain code.
    return str(value)


def _checked_target_id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AuditEntryInvalid("target_id: expected text or an integer.")
    text = str(value)
    if not text or len(text) > CODE_MAX_LENGTH:
        raise AuditEntryInvalid(f"target_id: expected 1 to {CODE_MAX_LENGTH} characters.")
    _check_text(text, field="target_id")
    return text


def _checked_ip(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise AuditEntryInvalid("ip_address: not an IPv4 or IPv6 address.") from None


def _checked_actor(actor: AbstractBaseUser | AnonymousUser | None) -> AbstractBaseUser | None:
    if actor is None or isinstance(actor, AnonymousUser):
        return None
    if not isinstance(actor, AbstractBaseUser) or actor.pk is None:
        raise AuditEntryInvalid("actor: expected a saved user, or None for the system.")
    return actor


@dataclass(frozen=True, slots=True)
class _Statements:
    """The SQL of an append, written once per database vendor.

    Everything between locking the chain head and the end of the transaction makes every
    other audited write of the platform wait, so that stretch runs these few statements,
    written once, instead of building queries through the ORM (about a millisecond each on
    a small server), and on PostgreSQL the entry and the new head go in one round trip.
    """

    lock_head: str
    insert_entry: str
    move_head: str
    # INSERT the entry and UPDATE the head in one statement, where the database can.
    insert_entry_and_move_head: str | None


_ENTRY_FIELDS = tuple(AuditEntry._meta.concrete_fields)
_statements_by_vendor: dict[str, _Statements] = {}


def _statements(db: BaseDatabaseWrapper) -> _Statements:
    found = _statements_by_vendor.get(db.vendor)
    if found is not None:
        return found
    # Only names from the models' metadata go into the text; every value is a parameter.
    quote = db.ops.quote_name
    head_table = quote(AuditChainHead._meta.db_table)
    head_pk = quote(AuditChainHead._meta.pk.column)
    last_sequence = quote(AuditChainHead._meta.get_field("last_sequence").column)
    last_hash = quote(AuditChainHead._meta.get_field("last_hash").column)
    lock_head = f"SELECT {last_sequence}, {last_hash} FROM {head_table} WHERE {head_pk} = %s"  # noqa: S608  # nosec B608  # quoted model names only
    if db.features.has_select_for_update:
        lock_head += " FOR UPDATE"
    entry_table = quote(AuditEntry._meta.db_table)
    columns = ", ".join(quote(field.column) for field in _ENTRY_FIELDS)
    placeholders = ", ".join(["%s"] * len(_ENTRY_FIELDS))
    insert_entry = f"INSERT INTO {entry_table} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608  # quoted model names only
    move_head = (
        f"UPDATE {head_table} SET {last_sequence} = %s, {last_hash} = %s WHERE {head_pk} = %s"  # noqa: S608  # nosec B608  # quoted model names only
    )
    statements = _Statements(
        lock_head=lock_head,
        insert_entry=insert_entry,
        move_head=move_head,
        # A data-modifying WITH runs to completion even though the UPDATE does not read it.
        insert_entry_and_move_head=(
            f"WITH appended AS ({insert_entry}) {move_head}" if db.vendor == "postgresql" else None
        ),
    )
    _statements_by_vendor[db.vendor] = statements
    return statements


def _append(
    *,
    cursor: CursorWrapper,
    statements: _Statements,
    head: tuple[int, str],
    actor: AbstractBaseUser | None,
    action: str,
    target_type: str,
    target_id: str,
    details: dict[str, Any],
    ip_address: str | None,
) -> AuditEntry:
    """Write the entry that follows `head` (the locked head's sequence and hash) and move
    the head to it."""
    last_sequence, last_hash = head
    entry = AuditEntry(
        sequence=last_sequence + 1,
        # Taken under the lock, so instants follow the sequence within one clock.
        created_at=timezone.now(),
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=details,
        ip_address=ip_address,
        previous_hash=last_hash,
    )
    entry.entry_hash = audit_entry_hash(
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
    db = cursor.db
    values = [field.get_db_prep_save(getattr(entry, field.attname), db) for field in _ENTRY_FIELDS]
    move = [entry.sequence, entry.entry_hash, AuditChainHead.SINGLETON_ID]
    if statements.insert_entry_and_move_head is not None:
        cursor.execute(statements.insert_entry_and_move_head, [*values, *move])
    else:
        cursor.execute(statements.insert_entry, values)
        cursor.execute(statements.move_head, move)
    if cursor.rowcount != 1:
        # The head is locked by this transaction: it cannot have gone away meanwhile.
        raise RuntimeError("The audit chain head was not moved.")
    # As if loaded from the database: saving it again is refused like any stored entry.
    entry._state.adding = False
    entry._state.db = db.alias
    return entry


def _chain_head_locked(
    cursor: CursorWrapper, statements: _Statements
) -> tuple[tuple[int, str], int | None]:
    """The chain head's last sequence and hash, its row locked until the end of the
    transaction.

    Returns them and, when the head had to be made again although entries exist, the
    sequence it was rebuilt from (the caller records that in the chain itself).
    """
    cursor.execute(statements.lock_head, [AuditChainHead.SINGLETON_ID])
    found = cursor.fetchone()
    if found is not None:
        return (found[0], found[1]), None
    # First write ever, or the head row was removed. In the second case the head is
    # rebuilt from the last entry so that the helpline keeps working, and the event is
    # written into the chain: a tail removed together with the head cannot be seen any
    # more, but the rebuild can.
    last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=AuditChainHead.SINGLETON_ID,
                last_sequence=last.sequence if last else 0,
                last_hash=last.entry_hash if last else GENESIS_HASH,
            )
    except IntegrityError:
        # Another writer made it first; its row is the head.
        last = None
    cursor.execute(statements.lock_head, [AuditChainHead.SINGLETON_ID])
    found = cursor.fetchone()
    return (found[0], found[1]), (last.sequence if last else None)


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target_type: str,
    target_id: str | int,
    details: Mapping[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one entry to the audit log and return it.

    actor: the user who acted; None (or the anonymous user) for the system or an
    anonymous request. action: a code such as "contact.read" (see AuditAction).
    target_type: what was acted on, as "app_label.model" (e.g. "helpline.contact");
    target_id: its primary key. details: a small flat mapping of non-personal values
    (text, integers, true/false, null, or lists of those). ip_address: the address the
    request came from, as the deployment determines it.

    Raises AuditEntryInvalid, writing nothing, when an argument is malformed.
    """
    checked_actor = _checked_actor(actor)
    fields = {
        "action": _checked_code(
            action, field="action", pattern=ACTION_RE, example=AuditAction.CONTACT_READ.value
        ),
        "target_type": _checked_code(
            target_type, field="target_type", pattern=TARGET_TYPE_RE, example="helpline.contact"
        ),
        "target_id": _checked_target_id(target_id),
        "details": _checked_details(details),
        "ip_address": _checked_ip(ip_address),
    }
    # No savepoint of its own: if appending fails, the enclosing transaction (the
    # sensitive write) must fail with it, and a savepoint would cost two round trips
    # more while the chain head is locked.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        statements = _statements(cursor.db)
        head, rebuilt_from = _chain_head_locked(cursor, statements)
        if rebuilt_from is not None:
            logger.warning("Audit chain head was missing; rebuilt at sequence %d", rebuilt_from)
            rebuilt = _append(
                cursor=cursor,
                statements=statements,
                head=head,
                actor=None,
                action=AuditAction.CHAIN_HEAD_REBUILT.value,
                target_type="audit.auditchainhead",
                target_id=str(AuditChainHead.SINGLETON_ID),
                details={"rebuilt_from_sequence": rebuilt_from},
                ip_address=None,
            )
            head = (rebuilt.sequence, rebuilt.entry_hash)
        return _append(
            cursor=cursor, statements=statements, head=head, actor=checked_actor, **fields
        )
