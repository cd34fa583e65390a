"""JSON API of the geography: comune autocomplete."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from rete.config.api_errors import ErrorOut
from rete.geography.selectors import comune_search

QUERY_MAX_LENGTH = 100

router = Router()


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
