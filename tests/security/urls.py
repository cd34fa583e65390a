"""Every URL pattern of the project, found by walking the resolver, and the outcome of a
request as the permission matrix names it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

LOGIN = "login"  # 302 to the sign-in page, with ?next= back to the page asked for
ADMIN_LOGIN = "admin_login"  # 302 to the admin's own sign-in page
REDIRECT = "redirect"  # 302 anywhere else (e.g. the sign-in page for a signed-in person)


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the route itself for an unnamed pattern
    route: str  # the whole route, prefixes included ("area-riservata/documenti/<int:pk>/")
    name: str | None


def _walk(patterns, prefix: str, namespace: str | None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Pattern(key=name or route, route=route, name=name)


def url_patterns() -> list[Pattern]:
    """Every pattern of ROOT_URLCONF, the i18n portal's (Italian, without prefix) included."""
    return list(_walk(get_resolver().url_patterns, "", None))


def outcome(response: HttpResponse) -> int | str:
    if response.status_code not in (301, 302, 303, 307, 308):
        return response.status_code
    location = urlsplit(response["Location"])
    if location.path == reverse("accounts:login") and parse_qs(location.query).get("next"):
        return LOGIN
    if location.path == reverse("admin:login"):
        return ADMIN_LOGIN
    return REDIRECT
