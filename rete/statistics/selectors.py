"""Reads of the published statistics for the public portal and the API.

The public reads only published releases and, for a period, only its latest release (a
correction replaces what the public sees; the earlier release stays listed with its date).
"""

from __future__ import annotations

from django.db.models import QuerySet

from rete.statistics.models import Audience, Release, ReleaseStatus, ReleaseTable


def releases_published() -> QuerySet[Release]:
    return Release.objects.filter(status=ReleaseStatus.PUBLISHED)


def release_published_latest(period_code: str | None = None) -> Release | None:
    """The latest published release of `period_code`, or of the most recent published
    period when none is given."""
    releases = releases_published()
    if period_code is not None:
        releases = releases.filter(period=period_code)
    return releases.order_by("-period", "-number").first()


def periods_published() -> list[Release]:
    """The latest published release of every published period, the most recent period
    first. Periods sort as text: "2026" (a year) sorts before "2026Q1"."""
    latest: dict[str, Release] = {}
    for release in releases_published().order_by("-period", "-number"):
        latest.setdefault(release.period, release)
    return list(latest.values())


def release_history(period_code: str) -> list[Release]:
    """Every published release of the period, the latest first: corrections show their date
    and the note that says why."""
    return list(releases_published().filter(period=period_code).order_by("-number"))


def public_tables(release: Release, level: str, area_code: str) -> QuerySet[ReleaseTable]:
    return ReleaseTable.objects.filter(
        release=release, audience=Audience.PUBLIC, level=level, area_code=area_code
    ).order_by("position")


def public_areas(release: Release, level: str) -> list[tuple[str, str]]:
    """(code, name) of the areas of `level` with public tables in the release, by name."""
    rows = (
        ReleaseTable.objects.filter(release=release, audience=Audience.PUBLIC, level=level)
        .values_list("area_code", "area_name")
        .distinct()
        .order_by("area_name")
    )
    return list(rows)
