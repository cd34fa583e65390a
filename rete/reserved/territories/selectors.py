"""Territories in the reserved area: which ones a person sees, and each one's sheet —
protocols with their documents, referral chain, network members, referents and reserved
documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from rete.accounts.models import Grant
from rete.accounts.roles import ATR_REFERENT
from rete.accounts.scopes import Scope
from rete.directory.models import Organization
from rete.network.models import Protocol, ProtocolDocument, Referral, Territory
from rete.portal.territories.selectors import ProtocolState, protocol_state
from rete.reserved.models import ReservedDocument


def territories_visible(scope: Scope) -> QuerySet[Territory]:
    """Every territory through a national role, else those of the person's grants."""
    territory_ids = scope.territories_for()
    territories = Territory.objects.order_by("name", "code")
    if territory_ids is None:
        return territories
    return territories.filter(pk__in=territory_ids)


def territory_get_for_scope(scope: Scope, code: str) -> Territory:
    territory = territories_visible(scope).filter(code=code).first()
    if territory is None:
        raise Http404
    return territory


def protocol_document_get_for_scope(scope: Scope, pk: int) -> ProtocolDocument:
    document = ProtocolDocument.objects.select_related("protocol__territory").filter(pk=pk).first()
    if document is None or not scope.covers_territory(document.protocol.territory_id):
        raise Http404
    return document


@dataclass(frozen=True, slots=True)
class ProtocolEntry:
    pk: int
    state: ProtocolState
    signatories: str
    parties: list[str]
    documents: list[ProtocolDocument]


@dataclass(frozen=True, slots=True)
class Referent:
    name: str
    email: str
    organization: str


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    kind: str
    email: str
    website: str


@dataclass(frozen=True, slots=True)
class TerritorySheet:
    territory: Territory
    protocol: ProtocolEntry | None  # in force on the day, else None
    history: list[ProtocolEntry]  # every protocol, newest first
    chain: list[Referral]
    members: list[Member]
    referents: list[Referent]
    documents: list[ReservedDocument]


def territory_sheet(territory: Territory, *, today: date) -> TerritorySheet:
    protocols = (
        Protocol.objects.filter(territory=territory)
        .prefetch_related(
            Prefetch("parties", queryset=Organization.objects.order_by("name")),
            Prefetch("documents", queryset=ProtocolDocument.objects.order_by("uploaded_at", "pk")),
        )
        .order_by("-valid_from", "-pk")
    )
    history = [
        ProtocolEntry(
            pk=protocol.pk,
            state=protocol_state(protocol, today=today),
            signatories=protocol.signatories,
            parties=[party.name for party in protocol.parties.all()],
            documents=list(protocol.documents.all()),
        )
        for protocol in protocols
    ]
    in_force = next((entry for entry in history if entry.state.in_force), None)
    members = (
        Organization.objects.filter(protocols__territory=territory).distinct().order_by("name")
    )
    grants = (
        Grant.objects.filter(territory=territory, role=ATR_REFERENT, revoked_at__isnull=True)
        .filter(user__is_active=True)
        .exclude(user__account__deactivated_at__isnull=False)
        .select_related("user", "organization")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    return TerritorySheet(
        territory=territory,
        protocol=in_force,
        history=history,
        chain=list(
            Referral.objects.filter(territory=territory)
            .select_related("service__organization")
            .order_by("priority")
        ),
        members=[
            Member(
                name=member.name,
                kind=str(member.get_kind_display()),
                email=member.email,
                website=member.website,
            )
            for member in members
        ],
        referents=[
            Referent(
                name=grant.user.get_full_name() or grant.user.get_username(),
                email=grant.user.email,
                organization=grant.organization.name if grant.organization else "",
            )
            for grant in grants
        ],
        documents=list(
            ReservedDocument.objects.filter(territory=territory).order_by("-uploaded_at", "-pk")
        ),
    )
