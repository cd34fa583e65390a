"""The territory sheet (rete.territory_sheets): every reserved role reads the sheet of a
territory it sees; the Department and the territory's referent edit it; territory B's
referent gets 404 on A's sheet, for reading and for editing."""

from __future__ import annotations

from typing import Any

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, ROLES
from rete.accounts.scopes import user_scope
from rete.territory_sheets.content import MemberRow, SheetContent
from rete.territory_sheets.services import territory_sheet_save
from tests.security.matrix import TERRITORY, Spec, only
from tests.security.world import TERRITORY_A


def objects(world: Any) -> dict[str, Any]:
    referent = world.people[ATR_REFERENT]
    version = territory_sheet_save(
        scope=user_scope(referent),
        actor=referent,
        territory=world.territory_a,
        base_number=0,
        content=SheetContent(
            population_served=1_247_000,
            members=(MemberRow(name="Associazione GIRAFFA Onlus", role="Centro antiviolenza"),),
        ),
    )
    return {"territory_sheet_a": version}


READERS_OF_A = only(*ROLES, other=404)
EDITORS_OF_A = only(DEPARTMENT_ADMIN, ATR_REFERENT, other=404)

ROWS = {
    "reserved:territory_sheet": Spec(READERS_OF_A, kwargs=TERRITORY),
    "reserved:territory_sheet_history": Spec(READERS_OF_A, kwargs=TERRITORY),
    "reserved:territory_sheet_version": Spec(
        READERS_OF_A,
        kwargs=lambda world: {
            "code": TERRITORY_A,
            "number": world.objects["territory_sheet_a"].number,
        },
    ),
    "reserved:territory_sheet_edit": (
        Spec(EDITORS_OF_A, kwargs=TERRITORY),
        # An empty form: refused (400) for whoever may edit, nothing written.
        Spec(
            only(DEPARTMENT_ADMIN, ATR_REFERENT, ok=400, other=404),
            method="POST",
            kwargs=TERRITORY,
        ),
    ),
}
