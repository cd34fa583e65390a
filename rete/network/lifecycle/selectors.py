"""Reads of the protocols' versions: one version through the reader's scope, a territory's
chain of versions, and the protocols in force that are about to end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.http import Http404

from rete.accounts.scopes import Scope
from rete.directory.models import Organization
from rete.network.lifecycle.rules import ENDING_NOTICE_DAYS, Window, days_left
from rete.network.models import Protocol, ProtocolDocument, ProtocolStatus, Territory
from rete.portal.territories.selectors import ProtocolState, protocol_state


def window_of(protocol: Protocol) -> Window:
    return Window(protocol.pk, protocol.valid_from, protocol.valid_to)


def protocol_get_for_scope(scope: Scope, pk: int) -> Protocol:
    """The protocol if the person may see its territory; 404 otherwise."""
    protocol = Protocol.objects.select_related("territory", "previous").filter(pk=pk).first()
    if protocol is None or not scope.covers_territory(protocol.territory_id):
        raise Http404
    return protocol


def active_windows(territory_id: int, *, exclude_pk: int | None = None) -> list[Window]:
    protocols = Protocol.objects.filter(territory_id=territory_id, status=ProtocolStatus.ACTIVE)
    if exclude_pk is not None:
        protocols = protocols.exclude(pk=exclude_pk)
    return [window_of(p) for p in protocols.order_by("valid_from", "pk")]


@dataclass(frozen=True, slots=True)
class VersionEntry:
    pk: int
    kind: str  # the model's value: original, amendment, renewal
    state: ProtocolState
    is_draft: bool
    is_active: bool
    previous_pk: int | None
    previous_label: str
    signatories: str
    parties: list[str]
    documents: list[ProtocolDocument]


def version_label(protocol: Protocol) -> str:
    end = protocol.valid_to.isoformat() if protocol.valid_to else "…"
    title = protocol.title or str(protocol.get_kind_display())
    return f"{title} ({protocol.valid_from.isoformat()} – {end})"


def territory_versions(territory: Territory, *, today: date) -> list[VersionEntry]:
    """Every version of the territory's protocol, newest start first, each with the
    version it changes."""
    protocols = (
        Protocol.objects.filter(territory=territory)
        .select_related("previous")
        .prefetch_related(
            Prefetch("parties", queryset=Organization.objects.order_by("name")),
            Prefetch("documents", queryset=ProtocolDocument.objects.order_by("uploaded_at", "pk")),
        )
        .order_by("-valid_from", "-pk")
    )
    return [
        VersionEntry(
            pk=protocol.pk,
            kind=protocol.kind,
            state=protocol_state(protocol, today=today),
            is_draft=protocol.status == ProtocolStatus.DRAFT,
            is_active=protocol.status == ProtocolStatus.ACTIVE,
            previous_pk=protocol.previous_id,
            previous_label=version_label(protocol.previous) if protocol.previous else "",
            signatories=protocol.signatories,
            parties=[party.name for party in protocol.parties.all()],
            documents=list(protocol.documents.all()),
        )
        for protocol in protocols
    ]


def _continued(protocol: Protocol, others: list[Protocol]) -> bool:
    """Whether another active version is in force the day after `protocol` ends (a renewal
    already recorded): then nobody needs reminding."""
    assert protocol.valid_to is not None
    next_day = protocol.valid_to + timedelta(days=1)
    return any(other.pk != protocol.pk and window_of(other).covers(next_day) for other in others)


@dataclass(frozen=True, slots=True)
class Ending:
    protocol: Protocol
    territory: Territory
    valid_to: date
    days_left: int


def protocols_ending(*, today: date, territory_code: str | None = None) -> list[Ending]:
    """The active protocols in force on `today` that end within ENDING_NOTICE_DAYS days and
    that no active version continues the day after (of one territory, or everywhere)."""
    horizon = today + timedelta(days=ENDING_NOTICE_DAYS)
    in_force = Protocol.objects.filter(
        status=ProtocolStatus.ACTIVE,
        valid_from__lte=today,
        valid_to__gte=today,
        valid_to__lte=horizon,
    ).select_related("territory")
    if territory_code is not None:
        in_force = in_force.filter(territory__code=territory_code)
    in_force_list = list(in_force.order_by("territory__name", "valid_to", "pk"))
    if not in_force_list:
        return []
    actives: dict[int, list[Protocol]] = {}
    later = Protocol.objects.filter(
        status=ProtocolStatus.ACTIVE,
        territory_id__in={p.territory_id for p in in_force_list},
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    for other in later:
        actives.setdefault(other.territory_id, []).append(other)
    found = []
    for protocol in in_force_list:
        if _continued(protocol, actives.get(protocol.territory_id, [])):
            continue
        left = days_left(window_of(protocol), today)
        assert left is not None
        found.append(
            Ending(
                protocol=protocol,
                territory=protocol.territory,
                valid_to=protocol.valid_to,
                days_left=left,
            )
        )
    return found


def territory_ending(territory_code: str, *, today: date) -> Ending | None:
    endings = protocols_ending(today=today, territory_code=territory_code)
    return endings[0] if endings else None
