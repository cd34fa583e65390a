"""Every saved contact, transfer attempt or emergency record refreshes the open boards,
once the transaction that saved it has committed: a board never shows what was rolled back.

Connected at import (dispatch_uid makes a second import harmless), from
HelplineConfig.ready().
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from rete.helpline.board.broadcast import board_broadcast
from rete.helpline.contacts.models import Contact, EmergencyRecord, TransferAttempt


def _already_scheduled(using: str) -> bool:
    # One write (contact_emergency_mark: the record and the contact) saves several rows in
    # one atomic block; one broadcast after its commit shows them all. Only a broadcast
    # scheduled in the same block counts: one of an enclosing or an earlier block may be
    # dropped by a rollback that leaves this one standing.
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return False
    current = set(connection.savepoint_ids)
    return any(
        func is board_broadcast and savepoints == current
        for savepoints, func, _robust in connection.run_on_commit
    )


def board_changed(*, using: str = DEFAULT_DB_ALIAS, raw: bool = False, **kwargs: Any) -> None:
    """Schedule one broadcast of the board after the current transaction commits (right
    away outside a transaction). robust: a channel layer that is down is logged and never
    turns a saved record into an error for the operator. Raw saves (fixtures being loaded)
    are no change anybody is watching."""
    if raw or _already_scheduled(using):
        return
    transaction.on_commit(board_broadcast, using=using, robust=True)


@receiver(post_save, sender=Contact, dispatch_uid="board_changed_contact")
def _contact_saved(sender: type, **kwargs: Any) -> None:
    board_changed(**kwargs)


@receiver(post_save, sender=TransferAttempt, dispatch_uid="board_changed_transfer_attempt")
def _transfer_attempt_saved(sender: type, **kwargs: Any) -> None:
    board_changed(**kwargs)


@receiver(post_save, sender=EmergencyRecord, dispatch_uid="board_changed_emergency_record")
def _emergency_record_saved(sender: type, **kwargs: Any) -> None:
    board_changed(**kwargs)
