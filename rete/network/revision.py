"""The network revision: how processes learn that the network changed.

Every save or delete of a network or directory record bumps a single-row counter in
the same transaction (signals below). Each application process compares the counter
with the revision of its routing snapshot and rebuilds when they differ
(rete.routing.snapshot). Bulk writers (the network file import) wrap their work in
`network_revision_batch()` so that thousands of rows cost one bump.
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import transaction
from django.db.models import F

from rete.network.models import NetworkRevision

SINGLETON_ID = 1
_batching: contextvars.ContextVar[bool] = contextvars.ContextVar("network_batching", default=False)


def network_revision_bump() -> None:
    """Mark the network as changed. Called inside the transaction that changes it, the
    new number becomes visible to other processes when that transaction commits."""
    if _batching.get():
        return
    updated = NetworkRevision.objects.filter(pk=SINGLETON_ID).update(number=F("number") + 1)
    if not updated:
        with transaction.atomic():
            NetworkRevision.objects.get_or_create(pk=SINGLETON_ID, defaults={"number": 1})


def network_revision_current() -> int:
    number = (
        NetworkRevision.objects.filter(pk=SINGLETON_ID).values_list("number", flat=True).first()
    )
    return number or 0


@contextlib.contextmanager
def network_revision_batch() -> Iterator[None]:
    """Suppress per-row bumps inside the block and bump once at its end."""
    token = _batching.set(True)
    try:
        yield
    finally:
        _batching.reset(token)
    network_revision_bump()
