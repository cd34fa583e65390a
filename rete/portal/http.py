"""What every public page shares: privacy headers and a cache of rendered pages.

A public page is read by a woman who may be on a phone someone else checks. So it sets no
cookie (its template never asks for a CSRF token or the session), sends no referrer when she
leaves, lets the browser load nothing from another host (Content-Security-Policy) and lets
no other site frame it.

Rendered pages are reused. The cache key holds the network revision of the routing snapshot
and the content generation, so a change of the network or of the published content shows at
once on the process that made it (and, with a shared cache, on every process). A page is
reused until the end of the minute it was rendered in — schedules are written in whole
minutes, so a page computed at the minute's start (`page_now`) says "open now" rightly for
that whole minute — or, for a page that declares it (`page_valid_until`), until the next
instant at which what it shows can change (rete.portal.freshness): a finder page for Bari
computed at 10:30 stays right until the next opening or closing of one of its services.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language

from rete.routing.snapshot import routing_snapshot

View = Callable[..., HttpResponse]
CONTENT_GENERATION_KEY = "portal:content-generation"
# A page is never kept longer than this, whatever it declares (a day: midnight comes first).
MAX_KEEP_SECONDS = 86_400


def page_now() -> datetime:
    """The instant a public page is computed at: the start of the current minute."""
    return timezone.now().replace(second=0, microsecond=0)


def content_changed() -> None:
    """Say that published content changed: cached pages are rendered again."""
    cache.set(CONTENT_GENERATION_KEY, time.time_ns(), timeout=None)


def content_generation() -> int:
    return cache.get(CONTENT_GENERATION_KEY) or 0


def content_security_policy() -> str:
    tiles = _origin(settings.PORTAL_MAP_TILE_URL)
    images = " ".join(filter(None, ["'self'", "data:", tiles]))
    # data: fonts: Bootstrap Italia's stylesheet embeds one (VideoJS's icons) that Chromium
    # loads with the stylesheet; a data: URL asks nothing of any host.
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ]
    )


def public_page(*, cache_seconds: int | None = None) -> Callable[[View], View]:
    """Decorate a public view: privacy headers on every answer, and GET answers reused
    from the page cache.

    A page is reused until the instant the view declared with `page_valid_until` (a page
    showing opening hours: until the next change of what it shows), else until the end of
    the current minute. `cache_seconds` (default PORTAL_CACHE_SECONDS; 0: not cached) is how
    long browsers and shared caches may keep it, never past that instant.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seconds = settings.PORTAL_CACHE_SECONDS if cache_seconds is None else cache_seconds
            cacheable = request.method in ("GET", "HEAD") and seconds > 0
            key = _page_key(request) if cacheable else ""
            now = timezone.now()
            if cacheable and (entry := cache.get(key)) is not None:
                expires, cached = entry
                if now.timestamp() < expires:
                    return cached
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            _privacy_headers(response)
            expires = _valid_until(response, now).timestamp()
            lifetime = int(expires - now.timestamp())
            if cacheable and response.status_code == 200 and not response.streaming:
                patch_cache_control(response, public=True, max_age=max(0, min(seconds, lifetime)))
                if lifetime > 0:
                    cache.set(key, (expires, response), min(lifetime, MAX_KEEP_SECONDS))
            elif not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            return response

        wrapped.public_page = True  # type: ignore[attr-defined]
        return wrapped

    return decorator


def page_valid_until(response: HttpResponse, instant: datetime) -> HttpResponse:
    """Declare until when the page stays right (see rete.portal.freshness)."""
    response.page_valid_until = instant  # type: ignore[attr-defined]
    return response


def _valid_until(response: HttpResponse, now: datetime) -> datetime:
    declared = getattr(response, "page_valid_until", None)
    if declared is not None:
        return declared
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)


def _privacy_headers(response: HttpResponse) -> None:
    response.headers["Content-Security-Policy"] = content_security_policy()
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"


def _page_key(request: HttpRequest) -> str:
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    snapshot = routing_snapshot()
    return f"portal:page:{get_language()}:{path}:{snapshot.version}:{content_generation()}"


def _origin(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "a").replace("{z}", "0"))
    if not parts.scheme or not parts.netloc:
        return ""  # a path on our own origin: 'self' covers it
    # Leaflet's {s} subdomains: allow the whole pattern's host family.
    host = urlsplit(url).netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}"
