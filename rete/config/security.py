"""Content-Security-Policy and Permissions-Policy for the screens of signed-in people.

The reserved area, the sign-in pages, the 1522 console and the admin show personal and
confidential data: a script injected into one of them could read it. Their policy lets the
browser run only our own static files: no inline script, no inline style, nothing from
another host, no framing. The public portal sets a policy of its own (rete.portal.http);
an answer that already carries one is left alone, and so is the JSON API, which serves
no page to run scripts in (its Swagger page is the API's own business).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

CONSOLE_PREFIX = "/console/"
ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"

_STRICT = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    # Bootstrap Italia's stylesheet embeds a data: font; a data: URL asks no host anything.
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
)
# No screen of ours uses the camera, the microphone, the position (the portal's finder,
# which does, has its own policy), payments or USB.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def _connect_src(request: HttpRequest) -> str:
    """'self', plus, on the console, the WebSocket origin of this very host: the live board
    (rete/static/rete/js/board.js) connects to ws(s)://<host>/ws/supervisione/, and not every
    browser counts a ws: URL of the page's own host as 'self'."""
    if not request.path.startswith(CONSOLE_PREFIX):
        return "connect-src 'self'"
    try:
        host = request.get_host()
    except DisallowedHost:
        return "connect-src 'self'"
    scheme = "wss" if request.is_secure() else "ws"
    return f"connect-src 'self' {scheme}://{host}"


def content_security_policy(request: HttpRequest) -> str:
    # The admin needs nothing more than the rest: Django's admin templates carry no inline
    # script or style (tests/security/test_csp_browser.py loads its pages under this policy).
    return "; ".join([*_STRICT, _connect_src(request)])


class SecurityHeadersMiddleware:
    """Adds the strict policy to every answer outside the API that has none yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            return response
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = content_security_policy(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
