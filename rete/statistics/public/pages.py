"""What the public statistics pages and downloads show, as plain data: the latest published
release of a period, the public tables of one area as the reader reads them, the key
figures, the release's history and the choices of period and area.

Only published releases, only their public tables (suppressed values already null), and of a
period only its latest release: a correction replaces what the public sees, and the earlier
releases stay listed with their dates and notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from rete.helpline.classification.lists import VICTIM
from rete.helpline.classification.selectors import classification_current
from rete.statistics.definitions import NATIONAL_CODE, Level
from rete.statistics.models import Release
from rete.statistics.periods import Period, PeriodError
from rete.statistics.presentation import TableView, suppression_note, table_view
from rete.statistics.selectors import (
    periods_published,
    public_areas,
    public_tables,
    release_history,
    release_published_latest,
)

# The level as it reads in the portal's addresses (Italian, like every other portal path).
LEVEL_SLUGS = {Level.NATIONAL: "italia", Level.REGION: "regione", Level.TERRITORY: "territorio"}
SLUG_LEVELS = {slug: level for level, slug in LEVEL_SLUGS.items()}


@dataclass(frozen=True)
class Area:
    level: Level
    code: str
    name: str

    @property
    def slug(self) -> str:
        return LEVEL_SLUGS[self.level]

    @property
    def is_national(self) -> bool:
        return self.level is Level.NATIONAL


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: int


@dataclass(frozen=True)
class AreaChoice:
    """An option of the choosers: a period ("2026Q1") or an area ("<slug>:<code>")."""

    value: str
    name: str
    current: bool


@dataclass(frozen=True)
class StatisticsPage:
    release: Release
    period: Period
    area: Area
    tables: list[TableView]
    key_figures: list[KeyFigure]
    history: list[Release]  # every published release of the period, the latest first
    periods: list[Release]  # the latest release of each published period
    regions: list[AreaChoice]
    territories: list[AreaChoice]

    @property
    def has_suppressed(self) -> bool:
        return any(view.has_suppressed for view in self.tables)

    @property
    def suppression_note(self) -> str:
        return suppression_note(self.release.threshold)

    @property
    def earlier_releases(self) -> list[Release]:
        return [release for release in self.history if release.pk != self.release.pk]

    @property
    def period_choices(self) -> list[AreaChoice]:
        return [
            AreaChoice(
                release.period,
                Period.parse(release.period).label,
                release.period == self.period.code,
            )
            for release in self.periods
        ]

    @property
    def national_choice(self) -> AreaChoice:
        return AreaChoice(
            f"{LEVEL_SLUGS[Level.NATIONAL]}:{NATIONAL_CODE}", _("Italy"), self.area.is_national
        )


def period_canonical(text: str) -> str | None:
    """The period's code as written in addresses ("2026q1" → "2026Q1"), or None."""
    try:
        return Period.parse(text).code
    except PeriodError:
        return None


def statistics_page_get(
    *, period_code: str | None, level: Level = Level.NATIONAL, area_code: str = NATIONAL_CODE
) -> StatisticsPage | None:
    """The page of the area in the latest release of the period (of the latest published
    period when None), or None when there is no such release or area."""
    release = release_published_latest(period_code)
    if release is None:
        return None
    rows = list(public_tables(release, level, area_code))
    if not rows:
        return None
    snapshot = classification_current()
    tables = [table_view(row.table_id, row.area_name, row.payload, snapshot) for row in rows]
    payloads = {row.table_id: row.payload for row in rows}
    return StatisticsPage(
        release=release,
        period=Period.parse(release.period),
        area=Area(level, area_code, rows[0].area_name),
        tables=tables,
        key_figures=key_figures(payloads),
        history=release_history(release.period),
        periods=periods_published(),
        regions=_choices(release, Level.REGION, level, area_code),
        territories=_choices(release, Level.TERRITORY, level, area_code),
    )


def area_published(period_code: str, level: Level, area_code: str) -> bool:
    release = release_published_latest(period_code)
    return release is not None and public_tables(release, level, area_code).exists()


def key_figures(payloads: dict[str, dict[str, Any]]) -> list[KeyFigure]:
    """Total contacts, valid contacts and victims, each only if it is published (a
    suppressed figure is left out rather than shown as a marker at the top of the page)."""
    figures = []
    validity = payloads.get("contacts_validity_channel")
    if validity:
        figures.append((_("Contacts"), validity.get("total")))
        figures.append((_("Valid contacts"), _margin(validity, "row", "valid")))
    callers = payloads.get("valid_reason_caller")
    if callers:
        figures.append((_("Victims"), _margin(callers, "column", VICTIM)))
    return [KeyFigure(label, value) for label, value in figures if isinstance(value, int)]


def _margin(payload: dict[str, Any], axis: str, code: str) -> int | None:
    codes, totals = payload.get(f"{axis}_codes") or [], payload.get(f"{axis}_totals") or []
    return totals[codes.index(code)] if code in codes and len(totals) == len(codes) else None


def _choices(
    release: Release, level: Level, current_level: Level, current_code: str
) -> list[AreaChoice]:
    return [
        AreaChoice(
            f"{LEVEL_SLUGS[level]}:{code}", name, level == current_level and code == current_code
        )
        for code, name in public_areas(release, level)
    ]


def area_choice_parse(value: str) -> tuple[Level, str] | None:
    """The chooser's "<slug>:<code>" as (level, code), or None."""
    slug, _sep, code = value.partition(":")
    level = SLUG_LEVELS.get(slug)
    return (level, code) if level is not None and code else None


def download_title(page: StatisticsPage) -> str:
    return _("1522 data: %(period)s · %(area)s") % {
        "period": page.period.label,
        "area": page.area.name,
    }


def download_note(page: StatisticsPage) -> str:
    """The release (number and date), the correction it makes, and the marker's meaning."""
    parts = [release_sentence(page.release)]
    if page.release.corrects_id and page.release.notes:
        parts.append(page.release.notes)
    parts.append(page.suppression_note)
    return " ".join(parts)


def release_sentence(release: Release) -> str:
    return _("Release %(number)s, published on %(date)s.") % {
        "number": release.number,
        "date": date_format(localtime(release.published_at), "j F Y"),
    }


def download_filename(page: StatisticsPage, extension: str) -> str:
    return f"rete-1522-{page.period.code}-{page.area.code}.{extension}"
