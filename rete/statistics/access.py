"""Who reads which reserved statistics. The Department, the steering committee, the
monitoring company and the helpline's supervisors read every area; a territory's referents
and the network's operators read their own territories' tables only. Only the Department
sees releases before they are published, to review them. Every reserved list, page and
download filters through here, in the query."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_SUPERVISOR,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    STEERING_COMMITTEE,
)
from rete.accounts.scopes import Scope
from rete.network.models import Territory
from rete.statistics.definitions import Level
from rete.statistics.models import Audience, Release, ReleaseStatus, ReleaseTable

NATIONAL_READERS = (DEPARTMENT_ADMIN, STEERING_COMMITTEE, MONITORING_ANALYST, HELPLINE_SUPERVISOR)
TERRITORY_READERS = (ATR_REFERENT, NETWORK_OPERATOR)
STATISTICS_ROLES = NATIONAL_READERS + TERRITORY_READERS
RELEASE_MANAGERS = (DEPARTMENT_ADMIN,)


def releases_visible(scope: Scope) -> QuerySet[Release]:
    releases = Release.objects.all()
    if not scope.has_role(*RELEASE_MANAGERS):
        releases = releases.filter(status=ReleaseStatus.PUBLISHED)
    return releases


def release_get_for_scope(scope: Scope, pk: int) -> Release:
    release = releases_visible(scope).filter(pk=pk).first()
    if release is None:
        raise Http404
    return release


def territory_codes_visible(scope: Scope) -> frozenset[str] | None:
    """The codes of the territories whose reserved tables the person reads; None: all."""
    if scope.has_role(*NATIONAL_READERS) and scope.territories_for(*STATISTICS_ROLES) is None:
        return None
    ids = scope.territories_for(*TERRITORY_READERS) or frozenset()
    return frozenset(Territory.objects.filter(pk__in=ids).values_list("code", flat=True))


def reserved_tables_visible(scope: Scope, release: Release) -> QuerySet[ReleaseTable]:
    tables = ReleaseTable.objects.filter(release=release, audience=Audience.RESERVED)
    codes = territory_codes_visible(scope)
    if codes is None:
        return tables
    return tables.filter(level=Level.TERRITORY, area_code__in=codes)
