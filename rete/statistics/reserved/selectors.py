"""Reads of the reserved tables, always through the person's scope (rete.statistics.access):
the query filters, never the template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.accounts.scopes import Scope
from rete.statistics.access import reserved_tables_visible, territory_codes_visible
from rete.statistics.definitions import RESERVED_LEVELS, Level
from rete.statistics.models import Audience, Release, ReleaseTable

LEVEL_GROUP_TITLES: dict[str, Promise] = {
    Level.NATIONAL: _("Italy"),
    Level.REGION: _("Regions"),
    Level.PROVINCE: _("Provinces"),
    Level.TERRITORY: _("Territories (ATR)"),
}


@dataclass(frozen=True)
class Area:
    level: str
    code: str
    name: str


@dataclass(frozen=True)
class AreaGroup:
    level: str
    title: Promise
    areas: tuple[Area, ...]


def _grouped(areas: Iterable[Area]) -> list[AreaGroup]:
    by_level: dict[str, list[Area]] = {}
    for area in areas:
        by_level.setdefault(area.level, []).append(area)
    return [
        AreaGroup(
            level=level,
            title=LEVEL_GROUP_TITLES[level],
            areas=tuple(sorted(by_level[level], key=lambda area: (area.name, area.code))),
        )
        for level in RESERVED_LEVELS
        if level in by_level
    ]


def reserved_areas_by_release(
    scope: Scope, releases: Iterable[Release]
) -> dict[int, list[AreaGroup]]:
    """For each release, the areas of the person's scope that have reserved tables, grouped
    by level (Italy, regions, provinces, territories), in one query for all releases."""
    ids = [release.pk for release in releases]
    tables = ReleaseTable.objects.filter(release_id__in=ids, audience=Audience.RESERVED)
    # The same filter as access.reserved_tables_visible, for many releases at once.
    codes = territory_codes_visible(scope)
    if codes is not None:
        tables = tables.filter(level=Level.TERRITORY, area_code__in=codes)
    rows = tables.order_by().values_list("release_id", "level", "area_code", "area_name").distinct()
    areas: dict[int, list[Area]] = {pk: [] for pk in ids}
    for release_id, level, code, name in rows:
        areas[release_id].append(Area(level, code, name))
    return {pk: _grouped(found) for pk, found in areas.items()}


def reserved_areas(scope: Scope, release: Release) -> list[AreaGroup]:
    return reserved_areas_by_release(scope, [release])[release.pk]


def area_tables_for_scope(
    scope: Scope, release: Release, level: str, code: str
) -> list[ReleaseTable]:
    """The reserved tables of one area, in their order; 404 when the area is outside the
    person's scope or has no tables (we do not say which)."""
    if level not in RESERVED_LEVELS:
        raise Http404
    tables = list(
        reserved_tables_visible(scope, release)
        .filter(level=level, area_code=code)
        .order_by("position")
    )
    if not tables:
        raise Http404
    return tables
