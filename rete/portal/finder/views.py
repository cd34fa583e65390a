"""The service finder: `GET /trova/` (by comune; works without JavaScript) and
`POST /trova/posizione/` ("use my position": the results fragment the page swaps in).

The position comes by POST so that it never lands in a URL, a history entry, a cache key or
an access log; it is rounded, used to order the services and forgotten. Nothing here logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from rete.geography.models import Comune
from rete.geography.text import fold
from rete.portal.finder.forms import FinderForm, PositionForm
from rete.portal.finder.selectors import (
    NAME_WITH_PROVINCE,
    FinderResult,
    comune_get,
    comune_resolve,
    finder_ids_for_comune,
    finder_results,
    finder_results_near,
    finder_shown_ids,
    territory_referral,
)
from rete.portal.freshness import valid_until
from rete.portal.http import page_now, page_valid_until, public_page
from rete.routing.snapshot import routing_snapshot

PAGE_SIZE = 25
ISTAT_CODE = re.compile(r"[0-9]{6}")
PAGE_TEMPLATE = "portal/finder/finder.html"
RESULTS_TEMPLATE = "portal/finder/_results.html"


@dataclass
class ComuneChoice:
    """What the typed comune resolved to: one comune, several to choose from, or none."""

    comune: Comune | None = None
    candidates: list[Comune] = field(default_factory=list)
    not_found: str = ""


@public_page()
@require_safe
def finder(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None)
    context: dict = {"form": form, "mode": "search"}
    if not form.is_bound:
        return TemplateResponse(request, PAGE_TEMPLATE, context)
    if not form.is_valid():
        return TemplateResponse(request, PAGE_TEMPLATE, context, status=400)

    choice = _comune_choice(form.cleaned_data["comune"], form.cleaned_data["code"])
    if choice is None:
        form.add_error("code", _("No comune has this code: write its name."))
        return TemplateResponse(request, PAGE_TEMPLATE, context, status=400)
    context["not_found"] = choice.not_found
    context["candidates"] = [
        {"comune": comune, "url": _finder_url(request.GET, code=comune.code, name=comune.name)}
        for comune in choice.candidates
    ]
    context["no_comune"] = choice.comune is None and not choice.candidates and not choice.not_found
    if choice.comune is None:
        return TemplateResponse(request, PAGE_TEMPLATE, context)

    at = page_now()
    snapshot = routing_snapshot()
    found = finder_ids_for_comune(
        comune=choice.comune, filters=form.filters(), snapshot=snapshot, at=at
    )
    page = Paginator(found, PAGE_SIZE).get_page(form.cleaned_data["page"] or 1)
    results = finder_results(service_ids=list(page.object_list), snapshot=snapshot, at=at)
    context.update(
        {
            "comune": choice.comune,
            "count": len(found),
            "results": results,
            "page": page,
            "page_links": _page_links(request.GET, page),
            "referral": territory_referral(
                snapshot=snapshot, comune_code=choice.comune.code, at=at
            ),
            "markers": _markers(results),
        }
    )
    response = TemplateResponse(request, PAGE_TEMPLATE, context)
    shown = finder_shown_ids(snapshot=snapshot, comune_code=choice.comune.code)
    return page_valid_until(response, valid_until(snapshot, shown, at))


@csrf_exempt  # it changes nothing, and an anonymous reader has no cookie to carry a token
@public_page()
@require_POST
@sensitive_post_parameters("latitude", "longitude")
def finder_position(request: HttpRequest) -> HttpResponse:
    form = PositionForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, RESULTS_TEMPLATE, {"mode": "position", "form": form}, status=400
        )
    latitude, longitude = form.position()
    results = finder_results_near(
        latitude=latitude,
        longitude=longitude,
        filters=form.filters(),
        snapshot=routing_snapshot(),
        at=page_now(),
    )
    context = {
        "mode": "position",
        "form": form,
        "count": len(results),
        "results": results,
        "markers": _markers(results),
    }
    return TemplateResponse(request, RESULTS_TEMPLATE, context)


def _comune_choice(text: str, code: str) -> ComuneChoice | None:
    """The comune of the search. A code (from the autocomplete or a "did you mean" link)
    wins while the text still names its comune; a text edited since (without JavaScript the
    hidden code stays) is resolved afresh. None for a code of no comune."""
    if code:
        comune = comune_get(code=code)
        if comune is None:
            return None
        if not text or _names(text, comune):
            return ComuneChoice(comune=comune)
    if not text:
        return ComuneChoice()
    if ISTAT_CODE.fullmatch(text):  # an ISTAT code written in the comune field
        comune = comune_get(code=text)
        return ComuneChoice(comune=comune) if comune else ComuneChoice(not_found=text)
    candidates = comune_resolve(text=text)
    if len(candidates) == 1:
        return ComuneChoice(comune=candidates[0])
    if not candidates:
        return ComuneChoice(not_found=text)
    return ComuneChoice(candidates=candidates)


def _names(text: str, comune: Comune) -> bool:
    if match := NAME_WITH_PROVINCE.match(text.strip()):
        text = match["name"]
    return fold(text) in (fold(comune.name), fold(comune.name_other))


def _finder_url(query: QueryDict, **changes: str) -> str:
    """The finder with the same filters and another comune or page."""
    params = query.copy()
    if "code" in changes:
        params["code"] = changes["code"]
        params["comune"] = changes["name"]
        params.pop("page", None)
    if "page" in changes:
        params["page"] = changes["page"]
    return f"{reverse('portal:finder')}?{params.urlencode()}"


def _page_links(query: QueryDict, page: Page) -> dict:
    links = {}
    if page.has_previous():
        links["previous"] = _finder_url(query, page=str(page.previous_page_number()))
    if page.has_next():
        links["next"] = _finder_url(query, page=str(page.next_page_number()))
    return links


def _markers(results: list[FinderResult]) -> list[dict]:
    """Map markers: the results with public coordinates only (a confidential location has
    none), each with its name and the link to its page."""
    return [
        {
            "name": result.name,
            "lat": result.latitude,
            "lon": result.longitude,
            "url": reverse("portal:service", kwargs={"service_id": result.service_id}),
        }
        for result in results
        if result.latitude is not None and result.longitude is not None and not result.confidential
    ]
