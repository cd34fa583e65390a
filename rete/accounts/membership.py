"""Rule (b) of the account review (rete.accounts.review), run as soon as a protocol or its
parties change, not only at the next daily review: access given because an organisation
is in the network ends when it leaves.

The review runs after the change commits (on_commit), on the organisations the change can
concern, so a rolled-back edit changes nobody's access. An organisation removed from the
parties of a protocol that has been in force is known to have been in the network, even
though no row says so any more: the review is told (`former_parties`). Imports that write
the parties in bulk send no signal: the daily `rete accounts-review` covers them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone

from rete.network.models import Protocol

_PARTIES_BEFORE = "_rete_parties_before"


def _review_on_commit(organization_ids: Iterable[int], *, former_parties: bool = False) -> None:
    ids = frozenset(organization_ids)
    if not ids:
        return

    def review() -> None:
        from rete.accounts.review import organizations_membership_review

        organizations_membership_review(ids, former_parties=former_parties)

    transaction.on_commit(review)


def _started(protocols: Iterable[Protocol]) -> bool:
    from rete.accounts.review import protocol_has_started

    today = timezone.localdate()
    return any(protocol_has_started(protocol, today) for protocol in protocols)


def _party_ids(protocol: Protocol) -> list[int]:
    return list(protocol.parties.values_list("pk", flat=True))


def protocol_saved(sender, instance: Protocol, raw: bool = False, **kwargs) -> None:
    # A new status or validity can take the protocol's parties out of the network.
    if raw or instance.pk is None:
        return
    _review_on_commit(_party_ids(instance))


def protocol_deleting(sender, instance: Protocol, **kwargs) -> None:
    # The parties' rows go with the protocol, without m2m_changed: remember them first.
    setattr(instance, _PARTIES_BEFORE, _party_ids(instance))


def protocol_deleted(sender, instance: Protocol, **kwargs) -> None:
    _review_on_commit(getattr(instance, _PARTIES_BEFORE, []), former_parties=_started([instance]))


def parties_changed(
    sender, instance, action: str, reverse: bool, pk_set: set[int] | None, **kwargs
) -> None:
    if reverse:
        # organization.protocols.remove(...) / .clear(): the organisation is the one
        # concerned; the protocols it leaves say whether it was in the network.
        if action == "pre_clear":
            setattr(instance, _PARTIES_BEFORE, list(instance.protocols.all()))
        elif action == "post_clear":
            protocols = getattr(instance, _PARTIES_BEFORE, [])
            _review_on_commit([instance.pk], former_parties=_started(protocols))
        elif action == "post_remove":
            protocols = Protocol.objects.filter(pk__in=pk_set or [])
            _review_on_commit([instance.pk], former_parties=_started(protocols))
        return
    if action == "pre_clear":
        setattr(instance, _PARTIES_BEFORE, _party_ids(instance))
    elif action == "post_clear":
        _review_on_commit(
            getattr(instance, _PARTIES_BEFORE, []), former_parties=_started([instance])
        )
    elif action == "post_remove":
        _review_on_commit(pk_set or [], former_parties=_started([instance]))


post_save.connect(protocol_saved, sender=Protocol, dispatch_uid="accounts-membership-save")
pre_delete.connect(protocol_deleting, sender=Protocol, dispatch_uid="accounts-membership-pre-del")
post_delete.connect(protocol_deleted, sender=Protocol, dispatch_uid="accounts-membership-delete")
m2m_changed.connect(
    parties_changed, sender=Protocol.parties.through, dispatch_uid="accounts-membership-parties"
)
