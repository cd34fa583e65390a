"""The hash chain of the audit log, as pure functions: no database here.

Each entry's hash is SHA-256 over a canonical serialization of its own fields and the
hash of the entry before it; the first entry chains to GENESIS_HASH. Changing, removing
or reordering an entry therefore changes a hash that a later entry (or the chain head,
for the last entry) has already fixed.

The serialization is JSON with sorted keys and no spaces; the instant is written in UTC
with microseconds; the actor's id and the IP address are written as text in the form
Python gives them, so that the hash does not depend on how a database returns a value
(PostgreSQL's inet and jsonb types rewrite some spellings).
"""

import datetime
import hashlib
import ipaddress
import json
from collections.abc import Mapping
from typing import Any

# Named in the hashed document so that a later change of the serialization can be told
# apart from tampering.
CHAIN_FORMAT = "rete-audit/1"
GENESIS_HASH = "0" * 64


def audit_instant_text(value: datetime.datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("An audit instant must carry its UTC offset.")
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def audit_ip_text(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    return str(ipaddress.ip_address(value))


def audit_entry_payload(
    *,
    sequence: int,
    created_at: datetime.datetime,
    actor_id: Any,
    actor_username: str,
    action: str,
    target_type: str,
    target_id: str,
    details: Mapping[str, Any],
    ip_address: str | None,
    previous_hash: str,
) -> bytes:
    """The canonical bytes that an entry's hash is computed over."""
    document = {
        "format": CHAIN_FORMAT,
        "sequence": sequence,
        "created_at": audit_instant_text(created_at),
        "actor_id": None if actor_id is None else str(actor_id),
        "actor_username": actor_username,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "details": dict(details),
        "ip_address": audit_ip_text(ip_address),
        "previous_hash": previous_hash,
    }
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def audit_entry_hash(**fields: Any) -> str:
    """SHA-256 (hex) of `audit_entry_payload(**fields)`."""
    return hashlib.sha256(audit_entry_payload(**fields)).hexdigest()
