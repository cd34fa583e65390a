"""JSON API of the public statistics of 1522: the published tables of a period as open data.

`GET /stats/public?period=2026Q1&level=national|region|territory[&area=CODE]` answers the
public tables of the latest published release of the period (of the latest published period
when `period` is left out): the national ones, or those of one area, or those of every area
of the level. Only published releases, only public tables: a suppressed value is null, and so
is a total that would give it away. Labels are in the request's language (Italian, or English
by Accept-Language); codes beside them are for programs.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rete.config.api_errors import ErrorOut
from rete.helpline.classification.selectors import classification_current
from rete.statistics.definitions import NATIONAL_CODE, PUBLIC_LEVELS, Level
from rete.statistics.models import Audience, Release, ReleaseTable
from rete.statistics.periods import Period, PeriodError
from rete.statistics.presentation import api_table, table_view
from rete.statistics.selectors import release_published_latest

router = Router()

AREA_CODE_RE = re.compile(r"^[A-Za-z0-9-]{1,20}$")
LEVELS = [level.value for level in PUBLIC_LEVELS]

Number = int | float | None


class StatsPublicQuery(Schema):
    period: str | None = Field(
        None,
        description="A quarter (2026Q1) or a year (2026); left out: the latest published.",
        examples=["2026Q1"],
    )
    level: str = Field(
        Level.NATIONAL.value,
        description="Nationwide, by region or by territory (ATR).",
        json_schema_extra={"enum": LEVELS},
    )
    area: str | None = Field(
        None,
        description="One area of the level: IT (national), a region's ISTAT code (16), a "
        "territory's code (ATR-BA). Left out: every area of the level.",
        examples=["ATR-BA"],
    )


class StatsTableOut(Schema):
    id: str = Field(description="The table's id, stable across releases.")
    title: str
    level: str
    area: str = Field(description="The area's name.")
    area_code: str
    rows: list[str] = Field(description="The rows' labels.")
    columns: list[str] = Field(description="The columns' labels.")
    row_codes: list[str]
    column_codes: list[str]
    cells: list[list[Number]] = Field(description="Row by row; null is a suppressed value.")
    row_totals: list[Number] | None
    column_totals: list[Number] | None
    total: Number


class StatsPublicOut(Schema):
    period: str
    release: str = Field(description="The release: the period and its number, e.g. 2026Q1-2.")
    published_at: datetime
    threshold: int = Field(description="Values from 1 to the threshold are never published.")
    corrects: str | None = Field(description="The release this one corrects, or null.")
    tables: list[StatsTableOut]


@router.get(
    "/stats/public",
    response={200: StatsPublicOut, 400: ErrorOut, 404: ErrorOut, 503: ErrorOut},
    summary="Public statistics of 1522",
    url_name="stats_public",
)
def stats_public(
    request: HttpRequest, response: HttpResponse, query: Query[StatsPublicQuery]
) -> dict[str, Any]:
    """The public tables of the latest published release of a period: nationwide, of one
    region or territory (`area`), or of every area of the level. `null` is a suppressed
    value (between 1 and `threshold`, or one that would let such a value be worked out)."""
    period = _period(query.period)
    level = _level(query.level)
    area = _area(query.area)
    release = release_published_latest(period)
    if release is None:
        if period is None:
            raise HttpError(404, _("No statistics have been published yet."))
        raise HttpError(404, _("No statistics are published for %(period)s.") % {"period": period})
    if level is Level.NATIONAL and area is None:
        area = NATIONAL_CODE
    rows = _public_tables(release, level, area)
    if not rows:
        raise HttpError(404, _("No statistics are published for this area and period."))
    patch_cache_control(response, public=True, max_age=settings.PORTAL_CACHE_SECONDS)
    return stats_public_body(release, rows)


def stats_public_body(release: Release, rows: list[ReleaseTable]) -> dict[str, Any]:
    snapshot = classification_current()
    tables = []
    for row in rows:
        view = table_view(row.table_id, row.area_name, row.payload, snapshot)
        tables.append(
            {**api_table(view, row.payload), "level": row.level, "area_code": row.area_code}
        )
    corrects = release.corrects
    return {
        "period": release.period,
        "release": release_identifier(release),
        "published_at": localtime(release.published_at),  # with Europe/Rome's offset
        "threshold": release.threshold,
        "corrects": release_identifier(corrects) if corrects else None,
        "tables": tables,
    }


def release_identifier(release: Release) -> str:
    return f"{release.period}-{release.number}"


def _public_tables(release: Release, level: Level, area: str | None) -> list[ReleaseTable]:
    """The public tables of one area, or of every area of the level (by area name)."""
    tables = ReleaseTable.objects.filter(
        release=release, audience=Audience.PUBLIC, level=level
    ).order_by("area_name", "area_code", "position")
    if area is not None:
        tables = tables.filter(area_code=area)
    return list(tables)


def _period(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return Period.parse(text[:20]).code
    except PeriodError as error:
        raise HttpError(400, str(error)) from None


def _level(text: str) -> Level:
    if text not in LEVELS:
        raise HttpError(
            400,
            _("“level” must be one of: %(levels)s.") % {"levels": ", ".join(LEVELS)},
        )
    return Level(text)


def _area(text: str | None) -> str | None:
    if text is None:
        return None
    if not AREA_CODE_RE.match(text):
        raise HttpError(
            400,
            _("“area” must be an area's code: IT, a region's ISTAT code or a territory's code."),
        )
    return text.upper()
