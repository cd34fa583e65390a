"""Two versions side by side: which fields changed, and which rows of a list are not on the
other side."""

from __future__ import annotations

from rete.territory_sheets.comparison import sheet_compare
from rete.territory_sheets.content import MemberRow
from tests.territory_sheets.conftest import sheet_content

AURORA = MemberRow(name="Associazione Aurora", role="Centro antiviolenza", organization_id=1)
QUESTURA = MemberRow(name="Questura", role="Emergenze")


def by_name(compared):
    return {field.name: field for field in compared}


def test_it_marks_only_the_fields_that_differ() -> None:
    before = sheet_content(members=(AURORA,))
    after = sheet_content(members=(AURORA, QUESTURA), population_served=1_300_000)

    compared = by_name(sheet_compare(before, after))

    assert [name for name, field in compared.items() if field.changed] == [
        "population_served",
        "members",
    ]
    assert compared["population_served"].before == 1_247_000
    assert compared["population_served"].after == 1_300_000


def test_it_marks_the_added_row_and_not_the_kept_one() -> None:
    compared = by_name(
        sheet_compare(sheet_content(members=(AURORA,)), sheet_content(members=(AURORA, QUESTURA)))
    )

    members = compared["members"]
    assert [(item.row.name, item.differs) for item in members.after] == [
        ("Associazione Aurora", False),
        ("Questura", True),
    ]
    assert [(item.row.name, item.differs) for item in members.before] == [
        ("Associazione Aurora", False)
    ]


def test_an_edited_row_is_marked_on_both_sides() -> None:
    edited = MemberRow(name="Questura", role="Emergenze e denunce")
    compared = by_name(
        sheet_compare(sheet_content(members=(QUESTURA,)), sheet_content(members=(edited,)))
    )

    assert [item.differs for item in compared["members"].before] == [True]
    assert [item.differs for item in compared["members"].after] == [True]


def test_a_first_version_has_nothing_before_it() -> None:
    compared = by_name(sheet_compare(None, sheet_content()))

    assert compared["members"].before == []
    assert compared["population_served"].before is None
