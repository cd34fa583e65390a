"""The kinds of service a reader can filter the finder by: six groups in a reader's words,
each a set of the directory's `ServiceKind` values.

The groups are what a woman looks for, not how the network files its members: "counselling"
holds the family counselling centres and the social services, "health" the health services
and the emergency rooms. The 24-hour lines of the centres go with the centres. A service of
kind "other" is found with "all kinds" only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.directory.kinds import ServiceKind

ALL_KINDS = "all"


@dataclass(frozen=True, slots=True)
class KindGroup:
    key: str
    label: Promise
    kinds: frozenset[str]


KIND_GROUPS: tuple[KindGroup, ...] = (
    KindGroup(
        "anti_violence_centre",
        _("Anti-violence centres"),
        frozenset({ServiceKind.ANTI_VIOLENCE_CENTRE, ServiceKind.HELPLINE}),
    ),
    KindGroup("shelter", _("Shelter lines"), frozenset({ServiceKind.SHELTER})),
    KindGroup(
        "counselling",
        _("Counselling and social services"),
        frozenset({ServiceKind.COUNSELLING, ServiceKind.SOCIAL_SERVICE}),
    ),
    KindGroup(
        "health",
        _("Health services and emergency rooms"),
        frozenset({ServiceKind.HEALTH_SERVICE, ServiceKind.EMERGENCY_ROOM}),
    ),
    KindGroup("police", _("Police"), frozenset({ServiceKind.POLICE})),
    KindGroup("legal", _("Legal assistance"), frozenset({ServiceKind.LEGAL})),
)
KIND_GROUPS_BY_KEY = {group.key: group for group in KIND_GROUPS}

# Anti-violence centres first, as the routing engine ranks services in orientation.
KIND_RANK = {kind: rank for rank, kind in enumerate(ServiceKind.values)}


def kinds_of(group_key: str) -> frozenset[str] | None:
    """The service kinds of a group; None for "all kinds"."""
    if group_key in ("", ALL_KINDS):
        return None
    return KIND_GROUPS_BY_KEY[group_key].kinds


def kind_choices() -> list[tuple[str, Promise]]:
    return [(ALL_KINDS, _("All kinds")), *((group.key, group.label) for group in KIND_GROUPS)]
