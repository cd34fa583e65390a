"""Who may do what with an assistance request, and how its status may move.

Two sides talk in a request: the territory (its referents and network operators; any of
them may write in any request of their territory, not only the requester, since the
territory's work is shared) and the Department (department_admin, for every territory).
Other roles have no part in it.

The status machine:

    open ──take──▶ in progress ──wait──▶ waiting for the territory
      │               ▲  │                      │
      │               └──┼──── territory reply ─┘ (and take)
      └──────resolve─────┴──────────┬──────────── resolve (either side)
                                    ▼
      open ◀──reopen (territory, within REOPEN_DAYS)── resolved ──close──▶ closed

A Department reply to an open request takes it (in progress, assigned to the replier if
nobody is); a territory reply to a request waiting for it puts it back in progress. The
Department may close a request at any step (a duplicate, a request withdrawn); the
territory closes only a resolved one (it confirms the solution). A closed request is
final: a new problem is a new request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, NETWORK_OPERATOR
from rete.accounts.scopes import Scope
from rete.assistance.models import (
    ACTIVE_STATUSES,
    AssistanceRequest,
    AssistanceStatus,
    Side,
)
from rete.network.models import Territory

ASSISTANCE_ROLES = (DEPARTMENT_ADMIN, ATR_REFERENT, NETWORK_OPERATOR)
TERRITORY_ROLES = (ATR_REFERENT, NETWORK_OPERATOR)
# How long after it was resolved the territory may reopen a request.
REOPEN_DAYS = 30


class AssistanceRefused(ValidationError):
    """The step asked for is not possible now (the message says why)."""


def is_department(scope: Scope) -> bool:
    return DEPARTMENT_ADMIN in scope.national_roles


def side_of(scope: Scope) -> str:
    return Side.DEPARTMENT if is_department(scope) else Side.TERRITORY


def request_territories(scope: Scope) -> QuerySet[Territory]:
    """The territories a person may open a request for: those of their territorial roles."""
    ids = scope.territories_for(*TERRITORY_ROLES) or frozenset()
    return Territory.objects.filter(pk__in=ids).order_by("name", "code")


def may_act_on(scope: Scope, request: AssistanceRequest) -> bool:
    return is_department(scope) or scope.covers_territory(request.territory_id, *TERRITORY_ROLES)


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    to: str
    # side -> the statuses from which that side may take this step
    sources: dict[str, frozenset[str]]


_ACTIVE = frozenset(ACTIVE_STATUSES)
ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action(
            "take",
            _("Take in charge"),
            AssistanceStatus.IN_PROGRESS,
            {Side.DEPARTMENT: _ACTIVE},
        ),
        Action(
            "wait",
            _("Wait for the territory"),
            AssistanceStatus.WAITING,
            {Side.DEPARTMENT: frozenset({AssistanceStatus.OPEN, AssistanceStatus.IN_PROGRESS})},
        ),
        Action(
            "resolve",
            _("Mark as resolved"),
            AssistanceStatus.RESOLVED,
            {Side.DEPARTMENT: _ACTIVE, Side.TERRITORY: _ACTIVE},
        ),
        Action(
            "close",
            _("Close"),
            AssistanceStatus.CLOSED,
            {
                Side.DEPARTMENT: _ACTIVE | {AssistanceStatus.RESOLVED},
                Side.TERRITORY: frozenset({AssistanceStatus.RESOLVED}),
            },
        ),
        Action(
            "reopen",
            _("Reopen"),
            AssistanceStatus.OPEN,
            {Side.TERRITORY: frozenset({AssistanceStatus.RESOLVED})},
        ),
    )
}
# The steps a Department reply may end with.
REPLY_THEN = ("wait", "resolve")


def reopen_deadline(request: AssistanceRequest) -> datetime | None:
    if request.resolved_at is None:
        return None
    return request.resolved_at + timedelta(days=REOPEN_DAYS)


def action_check(request: AssistanceRequest, side: str, name: str, now: datetime) -> Action:
    """The action, if `side` may take it now; AssistanceRefused saying why otherwise."""
    action = ACTIONS.get(name)
    if action is None or side not in action.sources:
        raise AssistanceRefused(_("This step is not possible."), code="unknown_action")
    if request.status not in action.sources[side]:
        raise AssistanceRefused(
            _("This step is not possible while the request is “%(status)s”."),
            code="wrong_status",
            params={"status": request.get_status_display()},
        )
    if name == "reopen":
        deadline = reopen_deadline(request)
        if deadline is None or now > deadline:
            raise AssistanceRefused(
                _(
                    "A request may be reopened within %(days)d days of its resolution: "
                    "please open a new request."
                ),
                code="reopen_too_late",
                params={"days": REOPEN_DAYS},
            )
    return action


def actions_available(request: AssistanceRequest, side: str, now: datetime) -> list[Action]:
    available = []
    for name in ACTIONS:
        try:
            available.append(action_check(request, side, name, now))
        except AssistanceRefused:
            continue
    return available


def reply_check(request: AssistanceRequest) -> None:
    if request.status not in ACTIVE_STATUSES:
        raise AssistanceRefused(
            _("The request is “%(status)s”: no more messages can be added."),
            code="not_active",
            params={"status": request.get_status_display()},
        )
