"""The reserved statistics screens: the releases a person reads, a release, an area's
detailed tables with charts, and their downloads. The scope filters every query
(rete.statistics.access); an area outside it answers 404, and nothing is audited for it."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rete.audit.http import audit_request
from rete.audit.models import AuditAction
from rete.helpline.classification.selectors import classification_current
from rete.reserved.http import reserved_view
from rete.statistics import exports
from rete.statistics.access import (
    RELEASE_MANAGERS,
    STATISTICS_ROLES,
    release_get_for_scope,
    releases_visible,
)
from rete.statistics.models import Release, ReleaseStatus, ReleaseTable
from rete.statistics.periods import Period, PeriodError
from rete.statistics.presentation import TableView, table_view
from rete.statistics.reserved.formatting import measures_view
from rete.statistics.reserved.selectors import (
    area_tables_for_scope,
    reserved_areas,
    reserved_areas_by_release,
)

TARGET_TYPE = "statistics.release"
DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9-]")


def period_label(release: Release) -> str:
    try:
        return Period.parse(release.period).label
    except PeriodError:
        return release.period


def download_filename(release: Release, area_code: str, fmt: str) -> str:
    """rete-1522-riservato-2026Q1-ATR-BA.pdf; a correction adds its number (2026Q1r2)."""
    period = release.period if release.number == 1 else f"{release.period}r{release.number}"
    area = _UNSAFE_IN_FILENAME.sub("-", area_code)
    return f"rete-1522-riservato-{period}-{area}.{fmt}"


def _is_manager(request: HttpRequest) -> bool:
    return request.scope.has_role(*RELEASE_MANAGERS)


@reserved_view(*STATISTICS_ROLES)
def statistics(request: HttpRequest) -> HttpResponse:
    releases = list(
        releases_visible(request.scope)
        .filter(status=ReleaseStatus.PUBLISHED)
        .select_related("corrects")
        .order_by("-period", "-number")
    )
    areas = reserved_areas_by_release(request.scope, releases)
    context: dict[str, Any] = {
        "releases": [
            {"release": release, "period_label": period_label(release), "groups": areas[release.pk]}
            for release in releases
        ],
        "is_manager": _is_manager(request),
    }
    if context["is_manager"]:
        # The Department's requests, progress and reviews (rete.statistics.releases).
        from rete.statistics.releases.views import release_management_context

        context.update(release_management_context(request))
    return render(request, "statistics/reserved/list.html", context)


@reserved_view(*STATISTICS_ROLES)
def statistics_release(request: HttpRequest, pk: int) -> HttpResponse:
    release = release_get_for_scope(request.scope, pk)
    context: dict[str, Any] = {
        "release": release,
        "period_label": period_label(release),
        "groups": reserved_areas(request.scope, release),
        "is_manager": _is_manager(request),
        "is_published": release.status == ReleaseStatus.PUBLISHED,
    }
    if not context["is_published"]:
        # Only managers reach a release that is not published: its review.
        from rete.statistics.releases.views import release_review_context

        context.update(release_review_context(request, release))
    return render(request, "statistics/reserved/release.html", context)


def _views(tables: list[ReleaseTable]) -> list[TableView]:
    snapshot = classification_current()
    return [
        table_view(table.table_id, table.area_name, table.payload, snapshot) for table in tables
    ]


@reserved_view(*STATISTICS_ROLES)
def statistics_area(request: HttpRequest, pk: int, level: str, code: str) -> HttpResponse:
    release = release_get_for_scope(request.scope, pk)
    tables = area_tables_for_scope(request.scope, release, level, code)
    shown = [
        {"view": view, "measures": measures_view(view) if view.is_measures else None}
        for view in _views(tables)
    ]
    audit_request(
        request,
        action=AuditAction.STATISTICS_READ,
        target_type=TARGET_TYPE,
        target_id=release.pk,
        details={"level": level, "area": code, "period": release.period},
    )
    return render(
        request,
        "statistics/reserved/area.html",
        {
            "release": release,
            "period_label": period_label(release),
            "level": level,
            "area_code": code,
            "area_name": tables[0].area_name,
            "tables": shown,
            "formats": list(DOWNLOAD_TYPES),
        },
    )


def _export(views: list[TableView], release: Release, area_name: str, fmt: str) -> bytes:
    title = _("1522 helpline, reserved data: %(area)s, %(period)s") % {
        "area": area_name,
        "period": period_label(release),
    }
    published = release.published_at or release.computed_at or release.requested_at
    subtitle = _("Release %(number)s of %(date)s") % {
        "number": release.number,
        "date": date_format(timezone.localtime(published), "DATE_FORMAT"),
    }
    note = _(
        "Reserved data, not for publication: the figures are not suppressed and may "
        "identify people. %(release)s."
    ) % {"release": subtitle}
    if fmt == "csv":
        return exports.tables_csv(views, title=title, note=note)
    if fmt == "xlsx":
        return exports.tables_xlsx(views, title=title, note=note)
    return exports.tables_pdf(views, title=title, subtitle=subtitle, note=note)


@reserved_view(*STATISTICS_ROLES)
def statistics_download(
    request: HttpRequest, pk: int, level: str, code: str, fmt: str
) -> HttpResponse:
    if fmt not in DOWNLOAD_TYPES:
        raise Http404
    release = release_get_for_scope(request.scope, pk)
    tables = area_tables_for_scope(request.scope, release, level, code)
    content = _export(_views(tables), release, tables[0].area_name, fmt)
    audit_request(
        request,
        action=AuditAction.STATISTICS_DOWNLOAD,
        target_type=TARGET_TYPE,
        target_id=release.pk,
        details={"level": level, "area": code, "period": release.period, "format": fmt},
    )
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{download_filename(release, code, fmt)}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
