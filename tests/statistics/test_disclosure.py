"""Disclosure control on hand-made tables whose answer is known: which values are hidden,
and how far an attacker can narrow each of them (checked by the module's own LP and by
the independent one of test_disclosure_check)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rete.statistics.disclosure import protect_release, suppression_ranges
from tests.statistics.test_disclosure_check import assert_protected, independent_ranges


@dataclass
class Table:
    level: str
    area_code: str
    area_name: str
    table_id: str
    payload: dict


def payload(rows, columns, cells, *, column_totals=None):
    """Full counts with margins (column_totals given for several-answer tables)."""
    totals = column_totals or [sum(row[c] for row in cells) for c in range(len(columns))]
    return {
        "row_codes": rows,
        "column_codes": columns,
        "cells": cells,
        "row_totals": [sum(row) for row in cells],
        "column_totals": totals,
        "total": sum(totals),
    }


def national(table_id, data):
    return Table("national", "IT", "Italia", table_id, data)


NATION = {("national", "IT"): frozenset({"BA", "BR", "LE", "unlocated"})}


def test_a_small_cell_of_a_two_way_table_gets_partners_in_its_row_and_column():
    table = national(
        "victims_age_sex", payload(["a", "b"], ["female", "male"], [[20, 3], [30, 12]])
    )
    (out,), report = protect_release([table], NATION, 5)
    # 3 is too small; 20 and 12 hide it in its row and column, 30 closes the rectangle.
    assert out["cells"] == [[None, None], [None, None]]
    assert out["row_totals"] == [23, 42]
    assert out["column_totals"] == [50, 15]
    assert out["total"] == 65
    assert report["primary"] == 1
    assert report["secondary"] == 3
    assert report["suppressed"] == 4
    assert report["cells"] == 9
    assert report["lp_checked"] == 4
    # A proven lower bound: the narrowest range is 15 wide.
    assert 5 < report["min_width"] <= 15
    ranges = {
        (r.row, r.column): (r.low, r.high) for r in suppression_ranges([table], NATION, [out])
    }
    # One degree of freedom t = the (a, male) cell, from 0 to 15.
    assert ranges == {
        ("a", "female"): (8, 23),
        ("a", "male"): (0, 15),
        ("b", "female"): (27, 42),
        ("b", "male"): (0, 15),
    }
    assert_protected([table], NATION, [out])


def test_a_single_column_table_hides_the_small_row_and_the_smallest_other_one():
    table = national(
        "victims_citizenship",
        payload(["italian", "foreign", "not_stated"], ["count"], [[40], [3], [10]]),
    )
    (out,), report = protect_release([table], NATION, 5)
    assert out["cells"] == [[40], [None], [None]]
    assert out["row_totals"] == [40, None, None]
    assert out["column_totals"] == [53]
    assert out["total"] == 53
    assert (report["primary"], report["secondary"]) == (2, 2)
    ranges = {(r.kind, r.row): (r.low, r.high) for r in suppression_ranges([table], NATION, [out])}
    assert ranges[("cell", "foreign")] == (0, 13)
    assert ranges[("row_total", "not_stated")] == (0, 13)


def test_zeros_are_published_and_a_table_without_small_values_is_untouched():
    data = payload(["italian", "foreign", "not_stated"], ["count"], [[40], [0], [10]])
    (out,), report = protect_release([national("victims_citizenship", data)], NATION, 5)
    assert out == data
    assert report["suppressed"] == 0
    assert report["min_width"] is None


def test_the_threshold_is_inclusive():
    data = payload(["italian", "foreign", "not_stated"], ["count"], [[40], [6], [10]])
    (out,), _report = protect_release([national("victims_citizenship", data)], NATION, 5)
    assert out["cells"] == [[40], [6], [10]]
    (out,), _report = protect_release([national("victims_citizenship", data)], NATION, 6)
    assert out["cells"] == [[40], [None], [None]]


def test_a_hidden_margin_is_hidden_in_every_table_that_shows_it():
    """The valid row of the validity table is the total of the valid contacts' tables:
    hiding one and showing the other would give the small 'prank' row away."""
    validity = national(
        "contacts_validity_channel", payload(["valid", "prank"], ["phone"], [[12], [3]])
    )
    reasons = national(
        "valid_reason_caller",
        payload(["help_request", "info_1522"], ["victim", "other"], [[6, 2], [3, 1]]),
    )
    tables = [validity, reasons]
    (out_validity, out_reasons), report = protect_release(tables, NATION, 5)
    assert out_validity["row_totals"] == [None, None]
    assert out_validity["total"] == 15
    assert out_reasons["total"] is None
    assert report["min_width"] > 5
    ranges = assert_protected(tables, NATION, [out_validity, out_reasons])
    prank = next(
        r for r in ranges if r.table_id == "contacts_validity_channel" and r.row == "prank"
    )
    assert prank.high - prank.low > 5


def test_a_small_territory_cell_gets_a_partner_inside_the_territory():
    areas = {
        **NATION,
        ("region", "16"): frozenset({"BA", "BR", "LE"}),
        ("territory", "ATR-BA"): frozenset({"BA"}),
    }
    rows = ["italian", "foreign"]
    tables = [
        national("victims_citizenship", payload(rows, ["count"], [[60], [25]])),
        Table(
            "region", "16", "Puglia", "victims_citizenship", payload(rows, ["count"], [[50], [20]])
        ),
        Table(
            "territory",
            "ATR-BA",
            "Bari",
            "victims_citizenship",
            payload(rows, ["count"], [[3], [8]]),
        ),
    ]
    (nation, region, territory), report = protect_release(tables, areas, 5)
    assert nation["cells"] == [[60], [25]]
    assert region["cells"] == [[50], [20]]
    assert territory["cells"] == [[None], [None]]
    assert territory["row_totals"] == [None, None]
    assert territory["total"] == 11
    assert report["rests_protected"] == 0
    assert_protected(tables, areas, [nation, region, territory])


def test_a_small_count_found_by_difference_of_areas_is_protected_too():
    """Puglia minus Bari would give 2 Italian victims in the rest of the region."""
    areas = {
        **NATION,
        ("region", "16"): frozenset({"BA", "BR", "LE"}),
        ("territory", "ATR-BA"): frozenset({"BA"}),
    }
    rows = ["italian", "foreign"]
    tables = [
        national("victims_citizenship", payload(rows, ["count"], [[60], [45]])),
        Table(
            "region", "16", "Puglia", "victims_citizenship", payload(rows, ["count"], [[50], [40]])
        ),
        Table(
            "territory",
            "ATR-BA",
            "Bari",
            "victims_citizenship",
            payload(rows, ["count"], [[48], [20]]),
        ),
    ]
    (_nation, region, territory), report = protect_release(tables, areas, 5)
    assert report["rests_protected"] == 2  # the cell and its row total
    assert territory["cells"][0] == [None] or region["cells"][0] == [None]
    ranges = assert_protected(tables, areas, [_nation, region, territory])
    rests = [r for r in ranges if r.kind.startswith("rest:")]
    assert {(r.kind, r.row, r.value) for r in rests} == {
        ("rest:cell", "italian", 2),
        ("rest:row_total", "italian", 2),
    }
    derived = [
        r for r in suppression_ranges(tables, areas, [_nation, region, territory]) if r.derived
    ]
    assert {(r.kind, r.row, r.value) for r in derived} == {
        ("cell", "italian", 2),
        ("row_total", "italian", 2),
    }
    assert all(r.width > 5 for r in derived)


def test_the_national_rest_is_not_protected():
    """Contacts with no place (nation minus its regions) place no one."""
    areas = {**NATION, ("region", "16"): frozenset({"BA", "BR", "LE"})}
    rows = ["italian", "foreign"]
    tables = [
        national("victims_citizenship", payload(rows, ["count"], [[52], [40]])),
        Table(
            "region", "16", "Puglia", "victims_citizenship", payload(rows, ["count"], [[50], [40]])
        ),
    ]
    payloads, report = protect_release(tables, areas, 5)
    assert [p["cells"] for p in payloads] == [[[52], [40]], [[50], [40]]]
    assert report["rests_protected"] == 0


def test_several_answers_tables_respect_at_least_one_answer_per_victim():
    """Six victims; 'sexual' 2 is hidden. Cells are ≤ the victims and add up to ≥ them."""
    table = national(
        "victims_violence_type",
        payload(
            ["psychological", "physical", "sexual", "not_stated"],
            ["count"],
            [[30], [12], [2], [0]],
            column_totals=[35],
        ),
    )
    (out,), report = protect_release([table], NATION, 5)
    assert out["cells"][2] == [None]
    assert out["row_totals"][2] is None
    assert out["column_totals"] == [35]
    ranges = assert_protected([table], NATION, [out])
    assert all(r.high <= 35 for r in ranges)
    assert report["min_width"] > 5


def test_suppression_ranges_refuses_a_published_value_that_was_changed():
    table = national(
        "victims_citizenship", payload(["italian", "foreign"], ["count"], [[40], [30]])
    )
    changed = {**table.payload, "cells": [[41], [30]]}
    with pytest.raises(ValueError, match="changed"):
        suppression_ranges([table], NATION, [changed])


def test_measures_tables_are_refused():
    table = national("transfers", payload(["a"], ["value"], [[1]]))
    with pytest.raises(ValueError, match="not a public table"):
        protect_release([table], NATION, 5)


def test_the_output_follows_the_input_order_and_leaves_the_input_alone():
    first = national("victims_citizenship", payload(["italian", "foreign"], ["count"], [[40], [3]]))
    second = national("victims_relationship", payload(["partner", "other"], ["count"], [[40], [3]]))
    before = [dict(first.payload), dict(second.payload)]
    payloads, _report = protect_release([second, first], NATION, 5)
    assert payloads[0]["row_codes"] == ["partner", "other"]
    assert payloads[1]["row_codes"] == ["italian", "foreign"]
    assert [first.payload, second.payload] == before
    assert first.payload["cells"] == [[40], [3]]


def test_independent_check_agrees_with_the_module_on_every_range():
    areas = {
        **NATION,
        ("region", "16"): frozenset({"BA", "BR", "LE"}),
        ("territory", "ATR-BA"): frozenset({"BA"}),
    }
    tables = [
        national("victims_age_sex", payload(["a", "b"], ["female", "male"], [[60, 4], [70, 9]])),
        Table(
            "region",
            "16",
            "Puglia",
            "victims_age_sex",
            payload(["a", "b"], ["female", "male"], [[40, 3], [50, 7]]),
        ),
        Table(
            "territory",
            "ATR-BA",
            "Bari",
            "victims_age_sex",
            payload(["a", "b"], ["female", "male"], [[10, 1], [30, 2]]),
        ),
    ]
    payloads, _report = protect_release(tables, areas, 5)
    mine = {
        (r.area, r.kind if not r.derived else "rest:" + r.kind, r.row, r.column): (r.low, r.high)
        for r in suppression_ranges(tables, areas, payloads)
    }
    theirs = {
        (r.area, r.kind, r.row, r.column): (r.low, r.high)
        for r in independent_ranges(tables, areas, payloads)
    }
    assert mine.keys() == theirs.keys()
    for key, (low, high) in mine.items():
        assert low == pytest.approx(theirs[key][0], abs=1e-6)
        assert high == pytest.approx(theirs[key][1], abs=1e-6)


def test_tables_that_do_not_add_up_are_refused_with_a_clear_error():
    data = payload(["italian", "foreign"], ["count"], [[40], [30]])
    wrong_total = {**data, "total": 71, "column_totals": [71]}
    with pytest.raises(ValueError, match="does not match its parts"):
        protect_release([national("victims_citizenship", wrong_total)], NATION, 5)
    other = national("victims_relationship", payload(["partner", "other"], ["count"], [[40], [31]]))
    # Two tables of victims in one area must count the same victims.
    with pytest.raises(ValueError, match="does not match its parts"):
        protect_release([national("victims_citizenship", data), other], NATION, 5)
    with pytest.raises(ValueError, match="twice"):
        protect_release(
            [national("victims_citizenship", data), national("victims_citizenship", data)],
            NATION,
            5,
        )
