"""JSON API of the geography: comune autocomplete.

The two pieces every router shares, `ErrorOut` and `describe_errors`, live here because
geography is the app every other one depends on: the routers import them from here without
importing each other or rete.config.api, which mounts them all.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from rete.geography.selectors import comune_search

QUERY_MAX_LENGTH = 100

router = Router()


class ErrorOut(Schema):
    """Every error answer of the API."""

    detail: str


def describe_errors(errors: Iterable[Mapping[str, Any]]) -> str:
    """One readable sentence from pydantic's errors, `loc` already relative to the document
    the client wrote: 'Invalid request: comune: Field required; junk: Extra inputs …'."""
    items = []
    for error in errors:
        kind, where = error.get("type"), ".".join(str(part) for part in error.get("loc", ()))
        if kind == "json_invalid":
            return _("The request body is not valid JSON.")
        if kind in {"model_type", "model_attributes_type"} and not where:
            return _("The request body must be a JSON object.")
        message = str(error.get("msg", "invalid value"))
        items.append(f"{where}: {message}" if where else message)
    return _("Invalid request: %(errors)s.") % {"errors": "; ".join(items)}


class ComuneOut(Schema):
    code: str
    name: str
    province: str


def parse_search_query(raw: str) -> str:
    """The search text stripped; 1–100 characters or a 400."""
    query = raw.strip()
    if not query:
        raise HttpError(400, _("Write at least one character to search."))
    if len(query) > QUERY_MAX_LENGTH:
        raise HttpError(
            400,
            _("The search text is too long (at most %(max)d characters).")
            % {"max": QUERY_MAX_LENGTH},
        )
    if "\x00" in query:
        raise HttpError(400, _("The search text contains invalid characters."))
    return query


@router.get(
    "/comuni",
    response={200: list[ComuneOut], 400: ErrorOut, 503: ErrorOut},
    summary="Search comuni",
)
def comuni_search(request: HttpRequest, q: str) -> list[dict[str, str]]:
    """Comuni whose name contains `q`, accent- and case-insensitive, at most 20;
    names that start with `q` first."""
    query = parse_search_query(q)
    return [
        {"code": code, "name": name, "province": province}
        for code, name, province in comune_search(query=query).values_list(
            "code", "name", "province_id"
        )
    ]
