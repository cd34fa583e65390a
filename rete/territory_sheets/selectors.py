"""Reads of the territory sheets. The territory itself is found through the reader's scope
(rete.reserved.territories.selectors.territory_get_for_scope: 404 outside it); these read
its versions."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from rete.network.models import Territory
from rete.territory_sheets.models import TerritorySheetVersion


def sheet_versions(territory: Territory) -> QuerySet[TerritorySheetVersion]:
    """Newest first, with who saved each."""
    return (
        TerritorySheetVersion.objects.filter(territory=territory)
        .select_related("created_by")
        .order_by("-number")
    )


def _with_rows(versions: QuerySet[TerritorySheetVersion]) -> QuerySet[TerritorySheetVersion]:
    return versions.prefetch_related("members__organization", "agreements")


def sheet_current(territory: Territory) -> TerritorySheetVersion | None:
    return _with_rows(sheet_versions(territory)).first()


def sheet_current_number(territory: Territory) -> int:
    """The number of the current version; 0 when the territory has no sheet yet."""
    latest = (
        TerritorySheetVersion.objects.filter(territory=territory)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return latest or 0


def sheet_version_get(territory: Territory, number: int) -> TerritorySheetVersion:
    version = _with_rows(sheet_versions(territory)).filter(number=number).first()
    if version is None:
        raise Http404
    return version


def sheet_version_previous(version: TerritorySheetVersion) -> TerritorySheetVersion | None:
    return _with_rows(sheet_versions(version.territory)).filter(number__lt=version.number).first()
