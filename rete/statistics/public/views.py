"""The public statistics of 1522: the latest published release of a period, nationwide, by
region and by territory, with charts, accessible tables and downloads (CSV, XLSX).

Like every portal page they set no cookie and are cached (rete.portal.http.public_page): a
published release never changes, and publishing one marks the portal's content as changed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from rete.portal.http import public_page
from rete.portal.service_page.views import not_found
from rete.statistics.definitions import NATIONAL_CODE, Level
from rete.statistics.exports import tables_csv, tables_xlsx
from rete.statistics.public.pages import (
    LEVEL_SLUGS,
    SLUG_LEVELS,
    StatisticsPage,
    area_choice_parse,
    area_published,
    download_filename,
    download_note,
    download_title,
    period_canonical,
    statistics_page_get,
)

AREA_LEVELS = ("regione", "territorio")  # the national page is /dati/<period>/
DOWNLOADS = {
    "csv": (tables_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        tables_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _content_page(request: HttpRequest) -> None:
    # Labels come from the classification, written in Italian and English only.
    request.page_languages = settings.PORTAL_CONTENT_LANGUAGES


@public_page()
def statistics(request: HttpRequest) -> HttpResponse:
    """The latest published period, nationwide; the choosers' form lands here too."""
    if "periodo" in request.GET or "area" in request.GET:
        return redirect(_chosen_url(request.GET.get("periodo", ""), request.GET.get("area", "")))
    _content_page(request)
    page = statistics_page_get(period_code=None)
    if page is None:
        return TemplateResponse(request, "statistics/public/empty.html", {})
    return _render(request, page)


@public_page()
def statistics_period(request: HttpRequest, period: str) -> HttpResponse:
    canonical = period_canonical(period)
    if canonical is not None and canonical != period:
        return redirect("portal:statistics_period", period=canonical)
    _content_page(request)
    page = statistics_page_get(period_code=period) if canonical else None
    if page is None:
        return not_found(request, _("No statistics are published for this period."))
    return _render(request, page)


@public_page()
def statistics_area(request: HttpRequest, period: str, level: str, code: str) -> HttpResponse:
    canonical = period_canonical(period)
    if canonical is not None and canonical != period and level in AREA_LEVELS:
        return redirect("portal:statistics_area", period=canonical, level=level, code=code)
    _content_page(request)
    page = (
        statistics_page_get(period_code=period, level=SLUG_LEVELS[level], area_code=code)
        if canonical and level in AREA_LEVELS
        else None
    )
    if page is None:
        return not_found(request, _("No statistics are published for this area and period."))
    return _render(request, page)


@public_page()
def statistics_download(
    request: HttpRequest, period: str, level: str, code: str, fmt: str
) -> HttpResponse:
    page = (
        statistics_page_get(period_code=period, level=SLUG_LEVELS[level], area_code=code)
        if period_canonical(period) == period and level in SLUG_LEVELS and fmt in DOWNLOADS
        else None
    )
    if page is None:
        return not_found(request, _("No statistics are published for this area and period."))
    make, content_type = DOWNLOADS[fmt]
    body = make(page.tables, title=download_title(page), note=download_note(page))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{download_filename(page, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _render(request: HttpRequest, page: StatisticsPage) -> HttpResponse:
    area = page.area
    downloads = {
        fmt: reverse(
            "portal:statistics_download",
            kwargs={"period": page.period.code, "level": area.slug, "code": area.code, "fmt": fmt},
        )
        for fmt in DOWNLOADS
    }
    query = urlencode({"period": page.period.code, "level": area.level, "area": area.code})
    context = {
        "page": page,
        "downloads": downloads,
        "api_url": f"{reverse('api-v1:stats_public')}?{query}",
    }
    return TemplateResponse(request, "statistics/public/page.html", context)


def _chosen_url(period: str, area: str) -> str:
    """Where the choosers' answer leads: the chosen area in the chosen period, the period's
    national page when the area has no tables in it, /dati/ when the period is unknown."""
    period = period_canonical(period) or ""
    if not period:
        return reverse("portal:statistics")
    level, code = area_choice_parse(area) or (Level.NATIONAL, NATIONAL_CODE)
    if level is not Level.NATIONAL and area_published(period, level, code):
        return reverse(
            "portal:statistics_area",
            kwargs={"period": period, "level": LEVEL_SLUGS[level], "code": code},
        )
    return reverse("portal:statistics_period", kwargs={"period": period})
