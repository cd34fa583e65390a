"""What every router of the API shares for errors: the body of every error answer and the
sentence made of pydantic's validation errors. Kept apart from rete.config.api, which mounts
the routers, so that the routers can import it without importing each other."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema


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
