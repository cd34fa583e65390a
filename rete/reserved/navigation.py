"""The menu of the reserved area: each entry names the roles that see it, so that a person
is shown only what they may open (the views check again, with the same roles)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    ROLES,
    STEERING_COMMITTEE,
)
from rete.accounts.scopes import Scope
from rete.statistics.access import STATISTICS_ROLES


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: Promise
    roles: frozenset[str]
    description: Promise


EVERY_ROLE = frozenset(ROLES)
REVIEWERS = frozenset({DEPARTMENT_ADMIN, ATR_REFERENT})

NAV: tuple[NavEntry, ...] = (
    NavEntry(
        "reserved:mapping",
        _("Detailed mapping"),
        EVERY_ROLE,
        _("Every service of the network, with what the public does not see."),
    ),
    NavEntry(
        "reserved:documents",
        _("Reserved documents"),
        EVERY_ROLE,
        _("Report formats, operational plans, procedures."),
    ),
    NavEntry(
        "reserved:territories",
        _("Territories"),
        EVERY_ROLE,
        _("Each territory's protocol, network, referents and sheet."),
    ),
    NavEntry(
        "reserved:statistics",
        _("Detailed call data"),
        frozenset(STATISTICS_ROLES),
        _("The 1522 helpline's quarterly data per territory."),
    ),
    NavEntry(
        "reserved:questionnaires",
        _("Monitoring questionnaires"),
        EVERY_ROLE,
        _("The monitoring company's questionnaires: to build, to answer, their results."),
    ),
    NavEntry(
        "reserved:campaigns",
        _("Monitoring campaigns"),
        frozenset({MONITORING_ANALYST, DEPARTMENT_ADMIN, ATR_REFERENT, STEERING_COMMITTEE}),
        _("Questionnaires sent to the services: response rates, reminders, results."),
    ),
    NavEntry(
        "reserved:annual_reports",
        _("Annual reports"),
        EVERY_ROLE,
        _("The territories' annual reports and their formats."),
    ),
    NavEntry(
        "reserved:change_requests",
        _("Changes to the network"),
        REVIEWERS,
        _(
            "Changes to a territory's network data, proposed by its referent and accepted "
            "or rejected by the Department."
        ),
    ),
    NavEntry(
        "reserved:assistance",
        _("Technical assistance"),
        frozenset({DEPARTMENT_ADMIN, ATR_REFERENT, NETWORK_OPERATOR}),
        _("Ask the Department for help; follow your requests."),
    ),
    NavEntry(
        "reserved:practices",
        _("Good practices"),
        EVERY_ROLE,
        _("What worked in the territories: read, answer, share."),
    ),
    NavEntry(
        "reserved:events",
        _("Events of the network"),
        EVERY_ROLE,
        _("Seminars and the annual meeting of the territories: register, see your registrations."),
    ),
    NavEntry(
        "reserved:access_requests",
        _("Access requests"),
        REVIEWERS,
        _("Requests for an account waiting for your review."),
    ),
    NavEntry(
        "reserved:accounts",
        _("Accounts and roles"),
        REVIEWERS,
        _("Who has access, with which role and scope; grant, revoke, deactivate."),
    ),
    NavEntry(
        "reserved:audit",
        _("Audit log"),
        frozenset({DEPARTMENT_ADMIN}),
        _("Who did what, when: sign-ins, reads, downloads, changes."),
    ),
)


def nav_for(scope: Scope) -> list[dict[str, object]]:
    entries = []
    for entry in NAV:
        if not scope.has_role(*entry.roles):
            continue
        entries.append({"entry": entry, "url": reverse(entry.url_name)})
    return entries
