"""Template context of the public pages: the quick exit, the 1522 number, the language links."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

HELPLINE_NUMBER = "1522"


def portal(request: HttpRequest) -> dict:
    return {
        "quick_exit_url": settings.PORTAL_QUICK_EXIT_URL,
        "helpline_number": HELPLINE_NUMBER,
        "map_tile_url": settings.PORTAL_MAP_TILE_URL,
        "map_attribution": settings.PORTAL_MAP_ATTRIBUTION,
        "language_links": SimpleLazyObject(
            lambda: language_links(request, getattr(request, "page_languages", None))
        ),
    }


def language_links(request: HttpRequest, codes: list[str] | None = None) -> list[dict]:
    """The same page in each language the page exists in (all of them by default): the
    language is in the URL, never in a cookie."""
    query = request.META.get("QUERY_STRING", "")
    current = get_language()
    links = []
    for code in codes or [code for code, _name in settings.LANGUAGES]:
        info = get_language_info(code)
        url = translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links
