"""How a sheet's values read on its pages."""

from django import template
from django.contrib.auth.base_user import AbstractBaseUser

from rete.directory.hours import format_phone
from rete.territory_sheets.content import FIELD_LABELS

register = template.Library()


@register.filter
def sheet_phone(value: str) -> str:
    """ "+390805741461" as read in Italy: "080 574 1461"."""
    return format_phone(value) if value else ""


@register.filter
def sheet_person(user: AbstractBaseUser | None) -> str:
    """Who saved a version: their name, else their username; empty for a removed account."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def sheet_field_labels(names: list[str]) -> str:
    """The labels of a version's changed fields, for the history."""
    return ", ".join(str(FIELD_LABELS[name]) for name in names if name in FIELD_LABELS)
