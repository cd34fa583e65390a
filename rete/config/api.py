"""The JSON API v1 (django-ninja): every capability mounts its router here.

Every error answer, whatever raised it, is `{"detail": "<a sentence>"}`:
- invalid input (wrong types, missing or unknown fields, malformed JSON): 400, not ninja's
  default 422 with pydantic's error list, because the contract (DESIGN.md) says 400;
- unknown resources and unknown paths under /api/v1/: 404;
- a method the path does not accept: 405;
- the database is unreachable (OperationalError, InterfaceError) or, for routing, neither
  the database nor the snapshot file can give a snapshot: 503;
- anything unexpected: 500 with a generic sentence, the traceback goes to the log only
  (without local variables: no request data in logs).
"""

import functools
import logging
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from rete.config.api_errors import ErrorOut, describe_errors
from rete.directory.api import router as directory_router
from rete.geography.api import router as geography_router
from rete.helpline.api import router as contacts_router
from rete.network.api import router as network_router
from rete.routing.api import router as routing_router
from rete.routing.api import status_router
from rete.routing.snapshot import SnapshotUnavailable
from rete.statistics.api import router as statistics_router

logger = logging.getLogger(__name__)


class ReteAPI(NinjaAPI):
    """NinjaAPI whose non-operation answers (405, unknown paths, the API root) are JSON too."""

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        patterns = [_with_json_errors(pattern) for pattern in super()._get_urls()]
        # Last: any other path under the API's prefix is a JSON 404, not Django's HTML page.
        patterns.append(re_path(r"^.*$", _not_found_view, name="not-found"))
        return patterns


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 text as is ("Cefalù", not "Cefal\\u00f9"), as the routing decision writes it."""

    json_dumps_params = {"ensure_ascii": False}


def _error(status: int, detail: str, **headers: str) -> HttpResponse:
    response = api.create_response(None, {"detail": detail}, status=status)  # type: ignore[arg-type]
    for name, value in headers.items():
        response[name] = value
    return response


def _not_found_view(request: HttpRequest) -> HttpResponse:
    return _error(404, _("Not found."))


_not_found_view.csrf_exempt = True  # type: ignore[attr-defined]


def _with_json_errors(pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if not isinstance(pattern, URLPattern):
        return pattern
    view = pattern.callback

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return _error(404, _("Not found."))
        if isinstance(response, HttpResponseNotAllowed):
            return _error(405, _("Method not allowed."), Allow=response["Allow"])
        return response

    pattern.callback = wrapper
    return pattern


api = ReteAPI(
    title="Rete Antiviolenza API",
    version="1",
    description=(
        "Public data of the National Anti-violence Network: the 1522 routing decision, "
        "the directory of services, the territories (ATR) and the comuni. "
        'Every error answer is `{"detail": "…"}`.'
    ),
    # validatorUrl: Swagger UI would otherwise fetch a badge from validator.swagger.io,
    # a third-party request from our pages.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    urls_namespace="api-v1",
    renderer=ReadableJSONRenderer(),
)


def validation_message(errors: list[dict[str, Any]]) -> str:
    """ninja's ValidationError as one sentence. Its `loc` starts with the source ("body",
    "query", "path") and, for a body, the parameter's name: both dropped."""
    relative = []
    for error in errors:
        loc = list(error.get("loc", ()))[1:]
        if len(loc) > 1 and loc[0] == "payload":
            loc = loc[1:]
        relative.append({**error, "loc": loc})
    return describe_errors(relative)


@api.exception_handler(ValidationError)
def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(400, validation_message(exc.errors))


@api.exception_handler(HttpError)
def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return _error(400, _("The request body is not valid JSON."))
    return _error(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Http404's text is written for developers (model names): the client gets a sentence.
    return _error(404, _("Not found."))


@api.exception_handler(SnapshotUnavailable)
def _on_snapshot_unavailable(request: HttpRequest, exc: SnapshotUnavailable) -> HttpResponse:
    return _error(503, str(exc), **{"Retry-After": "30"})


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _on_database_unreachable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The error's text may carry hosts and users: only its class is logged.
    logger.warning(
        "Database unreachable (%s) on %s %s", type(exc).__name__, request.method, request.path
    )
    return _error(
        503,
        _("The service is temporarily unavailable: please retry shortly."),
        **{"Retry-After": "30"},
    )


@api.exception_handler(Exception)
def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The path is logged, never the query string or the body (they may hold personal data);
    # the traceback carries source lines, not local variables.
    logger.error(
        "Unhandled %s on %s %s", type(exc).__name__, request.method, request.path, exc_info=exc
    )
    return _error(500, _("Internal error: the request could not be completed."))


@api.get("/ping", response={200: dict[str, bool]}, tags=["status"], summary="Liveness")
def ping(request: HttpRequest) -> dict[str, bool]:
    """A trivial answer, the baseline of the routing benchmark."""
    return {"ok": True}


api.add_router("", status_router, tags=["status"])
api.add_router("/routing", routing_router, tags=["routing"])
api.add_router("", geography_router, tags=["geography"])
api.add_router("", network_router, tags=["territories"])
api.add_router("", directory_router, tags=["services"])
api.add_router("/contacts", contacts_router, tags=["contacts"])
api.add_router("", statistics_router, tags=["statistics"])

__all__ = ["ErrorOut", "api", "validation_message"]
