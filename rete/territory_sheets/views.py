"""The territory sheet's screens: the current version, the edit form, the history and one
version compared with the one before it.

Every screen first finds the territory through the person's scope (404 outside it); the
edit form then asks whether the person may change the sheet (403 if not).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rete.audit.http import client_ip
from rete.network.models import Territory
from rete.reserved.http import reserved_view
from rete.reserved.territories.selectors import territory_get_for_scope
from rete.territory_sheets.comparison import sheet_compare
from rete.territory_sheets.content import content_of
from rete.territory_sheets.forms import SheetEdit
from rete.territory_sheets.rules import EDIT_ROLES, sheet_may_edit
from rete.territory_sheets.selectors import (
    sheet_current,
    sheet_version_get,
    sheet_version_previous,
    sheet_versions,
)
from rete.territory_sheets.services import SheetStale, SheetUnchanged, territory_sheet_save

# The submit buttons that ask for more blank rows instead of saving.
GROW_BUTTONS = {"more_members": "members", "more_agreements": "agreements"}


@reserved_view()
def territory_sheet(request: HttpRequest, code: str) -> HttpResponse:
    territory = territory_get_for_scope(request.scope, code)
    version = sheet_current(territory)
    return render(
        request,
        "territory_sheets/sheet.html",
        {
            "territory": territory,
            "version": version,
            # Shown through the comparison's shape, against nothing.
            "fields": sheet_compare(None, content_of(version)) if version else [],
            "may_edit": sheet_may_edit(request.scope, territory),
        },
    )


def _edit_page(
    request: HttpRequest,
    territory: Territory,
    edit: SheetEdit,
    *,
    show_errors: bool,
    error: str = "",
    stale_number: int = 0,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "territory_sheets/edit.html",
        {
            "territory": territory,
            "edit": edit,
            "show_errors": show_errors,
            "error": error,
            "stale_number": stale_number,
        },
        status=status,
    )


@reserved_view(*EDIT_ROLES)
def territory_sheet_edit(request: HttpRequest, code: str) -> HttpResponse:
    territory = territory_get_for_scope(request.scope, code)
    if not sheet_may_edit(request.scope, territory):
        raise PermissionDenied
    if request.method != "POST":
        return _edit_page(
            request, territory, SheetEdit(version=sheet_current(territory)), show_errors=False
        )

    edit = SheetEdit(request.POST)
    grow = next((GROW_BUTTONS[name] for name in GROW_BUTTONS if name in request.POST), "")
    if grow:
        base = edit.sheet["base_version"].value()
        longer = SheetEdit(
            typed=edit.as_typed(grow=grow),
            base_number=int(base) if str(base).isdigit() else 0,
        )
        return _edit_page(request, territory, longer, show_errors=False)
    if not edit.is_valid():
        return _edit_page(request, territory, edit, show_errors=True, status=400)
    try:
        version = territory_sheet_save(
            scope=request.scope,
            actor=request.user,
            territory=territory,
            base_number=edit.sheet.cleaned_data["base_version"],
            content=edit.content(),
            note=edit.sheet.cleaned_data["note"],
            ip_address=client_ip(request),
        )
    except SheetStale as stale:
        # Shown again as typed, now based on the newer version: saving again, knowingly,
        # replaces it.
        typed = SheetEdit(typed=edit.as_typed(), base_number=stale.current_number)
        return _edit_page(
            request,
            territory,
            typed,
            show_errors=False,
            stale_number=stale.current_number,
            status=409,
        )
    except SheetUnchanged:
        return _edit_page(
            request,
            territory,
            edit,
            show_errors=True,
            error=_("Nothing changed: no new version was saved."),
            status=400,
        )
    except ValidationError as invalid:
        return _edit_page(
            request,
            territory,
            edit,
            show_errors=True,
            error=" ".join(invalid.messages),
            status=400,
        )
    messages.success(
        request,
        _("Version %(number)d of the sheet saved.") % {"number": version.number},
    )
    return redirect("reserved:territory_sheet", code=territory.code)


@reserved_view()
def territory_sheet_history(request: HttpRequest, code: str) -> HttpResponse:
    territory = territory_get_for_scope(request.scope, code)
    return render(
        request,
        "territory_sheets/history.html",
        {
            "territory": territory,
            "versions": sheet_versions(territory),
            "may_edit": sheet_may_edit(request.scope, territory),
        },
    )


@reserved_view()
def territory_sheet_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    territory = territory_get_for_scope(request.scope, code)
    version = sheet_version_get(territory, number)
    previous = sheet_version_previous(version)
    return render(
        request,
        "territory_sheets/version.html",
        {
            "territory": territory,
            "version": version,
            "previous": previous,
            "comparison": sheet_compare(
                content_of(previous) if previous else None, content_of(version)
            ),
        },
    )
