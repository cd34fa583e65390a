"""The reserved area's small network (ATR-AL and ATR-BE, one person per role) and helpers to
write sheets and to post the edit form as a browser would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from rete.accounts.scopes import user_scope
from rete.territory_sheets.content import AgreementRow, MemberRow, SheetContent
from rete.territory_sheets.services import territory_sheet_save
from tests.reserved.conftest import as_person, net, people  # noqa: F401  # fixtures

SHEET_URL = "/area-riservata/territori/{code}/scheda/"
EDIT_URL = SHEET_URL + "modifica/"
HISTORY_URL = SHEET_URL + "versioni/"
VERSION_URL = HISTORY_URL + "{number}/"


def sheet_content(**changes) -> SheetContent:
    base = SheetContent(
        population_served=1_247_000,
        area_notes="I comuni della provincia.",
        members=(MemberRow(name="Associazione Aurora", role="Centro antiviolenza"),),
        agreements=(
            AgreementRow(title="Protocollo di rete", signed_on=date(2021, 3, 8), parties="ASL"),
        ),
        staff_and_funding="Quattro operatrici.",
        yearly_budget=Decimal("150000.00"),
        critical_issues="Poche ore di apertura.",
        office_email="atr@example.org",
        office_phone="+390805550199",
    )
    return replace(base, **changes)


def save(person, territory, *, base: int, content: SheetContent | None = None, note: str = ""):
    return territory_sheet_save(
        scope=user_scope(person),
        actor=person,
        territory=territory,
        base_number=base,
        content=content or sheet_content(),
        note=note,
    )


def form_data(
    *,
    base: int = 0,
    members: list[dict] | None = None,
    agreements: list[dict] | None = None,
    initial_members: int = 0,
    initial_agreements: int = 0,
    **fields: str,
) -> dict[str, str]:
    """The edit form as posted: the sheet's fields, then each list's management form and
    rows (missing keys of a row are posted empty, as a browser does)."""
    data = {
        "base_version": str(base),
        "population_served": "1247000",
        "area_notes": "I comuni della provincia.",
        "staff_and_funding": "Quattro operatrici.",
        "yearly_budget": "150000,00",
        "critical_issues": "Poche ore di apertura.",
        "office_email": "atr@example.org",
        "office_phone": "080 5550199",
        "note": "",
        **fields,
    }
    lists = (
        ("members", members or [], ("organization", "name", "role"), initial_members),
        ("agreements", agreements or [], ("title", "signed_on", "parties"), initial_agreements),
    )
    for prefix, rows, names, initial in lists:
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(rows):
            for name in names:
                data[f"{prefix}-{index}-{name}"] = row.get(name, "")
            if row.get("DELETE"):
                data[f"{prefix}-{index}-DELETE"] = "on"
    return data
