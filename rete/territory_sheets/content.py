"""What a sheet says, apart from who saved it and when: the same shape for what a person
submits and for a stored version, so that any two can be compared field by field."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from rete.territory_sheets.models import TerritorySheetVersion


@dataclass(frozen=True, slots=True)
class MemberRow:
    name: str
    role: str
    # The directory's organisation, when the member is in the directory.
    organization_id: int | None = None


@dataclass(frozen=True, slots=True)
class AgreementRow:
    title: str
    signed_on: date
    parties: str = ""


@dataclass(frozen=True, slots=True)
class SheetContent:
    population_served: int | None = None
    area_notes: str = ""
    members: tuple[MemberRow, ...] = ()
    agreements: tuple[AgreementRow, ...] = ()
    staff_and_funding: str = ""
    yearly_budget: Decimal | None = None
    critical_issues: str = ""
    office_email: str = ""
    office_phone: str = ""


EMPTY_SHEET = SheetContent()
# In the order the sheet shows them; the names are the audit's and the history's.
SHEET_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(SheetContent))
ROW_FIELDS = frozenset({"members", "agreements"})
FIELD_LABELS = {
    "population_served": _("Population served"),
    "area_notes": _("Area"),
    "members": _("Network members and their roles"),
    "agreements": _("Local protocols and agreements"),
    "staff_and_funding": _("Staff and funding"),
    "yearly_budget": _("Yearly budget (euro)"),
    "critical_issues": _("Critical issues"),
    "office_email": _("Office e-mail"),
    "office_phone": _("Office phone"),
}


def content_of(version: TerritorySheetVersion) -> SheetContent:
    """The content of a stored version (its rows prefetched or read here)."""
    return SheetContent(
        population_served=version.population_served,
        area_notes=version.area_notes,
        members=tuple(
            MemberRow(name=m.name, role=m.role, organization_id=m.organization_id)
            for m in version.members.all()
        ),
        agreements=tuple(
            AgreementRow(title=a.title, signed_on=a.signed_on, parties=a.parties)
            for a in version.agreements.all()
        ),
        staff_and_funding=version.staff_and_funding,
        yearly_budget=version.yearly_budget,
        critical_issues=version.critical_issues,
        office_email=version.office_email,
        office_phone=version.office_phone,
    )


def changed_fields(before: SheetContent | None, after: SheetContent) -> list[str]:
    """The names of the fields that differ, in the sheet's order; a first version is
    compared with an empty sheet. Rows compare in order: moving a row is a change."""
    before = before or EMPTY_SHEET
    return [name for name in SHEET_FIELDS if getattr(before, name) != getattr(after, name)]
