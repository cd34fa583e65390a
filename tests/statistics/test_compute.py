"""The tables of a release computed from a hand-built quarter (tests/statistics/
test_compute_data.py): every table, at national level, for Puglia, the province of Bari, the
city-level territory of Bari and a territory made of a province and one comune, with the
numbers worked out by hand from the contacts' list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.functional import Promise

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.geography.models import Province, Region
from rete.helpline.classification.selectors import classification_cache_clear
from rete.statistics.compute import ComputedRelease, release_compute_tables
from rete.statistics.definitions import LINKS, TABLES, Level, Universe
from rete.statistics.periods import Period
from tests.people import make_person
from tests.statistics.test_compute_data import (
    CITY_TERRITORY,
    IN_PERIOD,
    MIXED_TERRITORY,
    quarter_make,
)

PUGLIA, PIEMONTE = "16", "01"
AREAS = {
    "IT": (Level.NATIONAL, "IT"),
    "PUGLIA": (Level.REGION, PUGLIA),
    "BA": (Level.PROVINCE, "BA"),
    "CITY": (Level.TERRITORY, CITY_TERRITORY),
    "MIXED": (Level.TERRITORY, MIXED_TERRITORY),
}


@pytest.fixture(autouse=True)
def _fresh_classification_cache() -> Iterator[None]:
    classification_cache_clear()
    yield
    classification_cache_clear()


@pytest.fixture
def computed(db) -> ComputedRelease:
    quarter_make(make_person("olga", HELPLINE_OPERATOR))
    return release_compute_tables(Period.parse("2026Q1"))


def payload(computed: ComputedRelease, area: str, table_id: str) -> dict:
    level, code = AREAS.get(area, (None, area))
    found = [
        t.payload
        for t in computed.tables
        if t.table_id == table_id and t.area_code == code and (level is None or t.level == level)
    ]
    assert len(found) == 1, (area, table_id)
    return found[0]


def check(computed, area, table_id, cells, row_totals, column_totals, total):
    data = payload(computed, area, table_id)
    assert data["cells"] == cells, (area, table_id)
    assert data["row_totals"] == row_totals, (area, table_id)
    assert data["column_totals"] == column_totals, (area, table_id)
    assert data["total"] == total, (area, table_id)


def check_column(computed, area, table_id, counts, total):
    """A table with one column (victims by something)."""
    check(computed, area, table_id, [[n] for n in counts], counts, [total], total)


def test_contacts_count_and_period_bounds(computed):
    # 30 contacts, of which 3 fall outside 2026Q1 in local time: 31 Dec 23:30 (already
    # 2026 nowhere), 1 April 00:10 and 00:00 (still 31 March in UTC).
    assert computed.contacts_count == IN_PERIOD == 27
    assert computed.period == Period(2026, 1)


def test_areas_and_atoms(computed):
    areas = {(t.level, t.area_code): t.area_name for t in computed.tables}
    assert len({t.table_id for t in computed.tables}) == len(TABLES)
    assert len(computed.tables) == len(areas) * len(TABLES)
    regions = {code for level, code in areas if level == Level.REGION}
    provinces = {code for level, code in areas if level == Level.PROVINCE}
    assert regions == set(Region.objects.values_list("code", flat=True))
    assert len(regions) == 20
    assert provinces == set(Province.objects.values_list("sigla", flat=True))
    assert areas[(Level.NATIONAL, "IT")] == "Italia"
    assert areas[(Level.REGION, PUGLIA)] == "Puglia"
    assert areas[(Level.PROVINCE, "BA")] == "Bari"
    assert areas[(Level.TERRITORY, CITY_TERRITORY)] == "Città di Bari (prova)"
    atoms = computed.area_atoms
    assert atoms[(Level.TERRITORY, CITY_TERRITORY)] == {"C:072006"}
    assert atoms[(Level.TERRITORY, MIXED_TERRITORY)] == {"P:LE", "C:072004"}
    assert atoms[(Level.PROVINCE, "BA")] == {"P:BA", "C:072006", "C:072004"}
    assert atoms[(Level.PROVINCE, "LE")] == {"P:LE"}
    assert {"P:BA", "P:LE", "C:072006", "C:072004"} <= atoms[(Level.REGION, PUGLIA)]
    assert "P:TO" not in atoms[(Level.REGION, PUGLIA)]
    assert "P:TO" in atoms[(Level.REGION, PIEMONTE)]
    assert atoms[(Level.NATIONAL, "IT")] == frozenset().union(
        *(a for (level, _c), a in atoms.items() if level == Level.REGION), {"unlocated"}
    )


def test_contacts_validity_channel(computed):
    t = "contacts_validity_channel"
    assert payload(computed, "IT", t)["row_codes"] == [
        "valid", "nuisance", "prank", "wrong_number", "silent", "unclassified"
    ]  # fmt: skip
    assert payload(computed, "IT", t)["column_codes"] == ["phone", "chat"]
    check(computed, "IT", t, [[15, 4], [2, 0], [0, 1], [1, 0], [1, 0], [2, 1]],
          [19, 2, 1, 1, 1, 3], [21, 6], 27)  # fmt: skip
    check(computed, "PUGLIA", t, [[11, 3], [2, 0], [0, 0], [1, 0], [0, 0], [1, 0]],
          [14, 2, 0, 1, 0, 1], [15, 3], 18)  # fmt: skip
    check(computed, "BA", t, [[9, 1], [1, 0], [0, 0], [0, 0], [0, 0], [1, 0]],
          [10, 1, 0, 0, 0, 1], [11, 1], 12)  # fmt: skip
    check(computed, "CITY", t, [[6, 1], [1, 0], [0, 0], [0, 0], [0, 0], [0, 0]],
          [7, 1, 0, 0, 0, 0], [7, 1], 8)  # fmt: skip
    check(computed, "MIXED", t, [[5, 2], [1, 0], [0, 0], [1, 0], [0, 0], [1, 0]],
          [7, 1, 0, 1, 0, 1], [8, 2], 10)  # fmt: skip


def test_routed_mode_channel(computed):
    t = "routed_mode_channel"
    assert payload(computed, "IT", t)["row_codes"] == [
        "transfer", "out_of_hours", "orientation", "emergency"
    ]  # fmt: skip
    check(computed, "IT", t, [[8, 1], [1, 2], [1, 0], [2, 0]], [9, 3, 1, 2], [12, 3], 15)
    check(computed, "PUGLIA", t, [[8, 0], [1, 2], [0, 0], [1, 0]], [8, 3, 0, 1], [10, 2], 12)
    check(computed, "BA", t, [[6, 0], [1, 1], [0, 0], [1, 0]], [6, 2, 0, 1], [8, 1], 9)
    check(computed, "CITY", t, [[4, 0], [0, 1], [0, 0], [1, 0]], [4, 1, 0, 1], [5, 1], 6)
    check(computed, "MIXED", t, [[4, 0], [1, 1], [0, 0], [0, 0]], [4, 2, 0, 0], [5, 1], 6)


Z = [0, 0, 0, 0, 0]


def test_valid_reason_caller(computed):
    t = "valid_reason_caller"
    data = payload(computed, "IT", t)
    # "reason" has no "not stated" item: the row is added for valid contacts without one.
    assert data["row_codes"] == [
        "help_request", "violence_report", "info_1522", "info_centres", "legal_info",
        "operator_procedure", "stalking", "off_target", "not_stated",
    ]  # fmt: skip
    assert data["column_codes"] == ["victim", "relative_friend", "operator", "other", "not_stated"]
    check(computed, "IT", t,
          [[10, 0, 0, 0, 0], [1, 1, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1], [0, 0, 0, 0, 1],
           [0, 0, 1, 0, 0], [1, 0, 0, 0, 0], Z, [1, 1, 0, 0, 0]],
          [10, 2, 1, 1, 1, 1, 1, 0, 2], [13, 2, 1, 1, 2], 19)  # fmt: skip
    check(computed, "PUGLIA", t,
          [[8, 0, 0, 0, 0], [1, 1, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1], Z, Z,
           [1, 0, 0, 0, 0], Z, [0, 1, 0, 0, 0]],
          [8, 2, 1, 1, 0, 0, 1, 0, 1], [10, 2, 0, 1, 1], 14)  # fmt: skip
    check(computed, "BA", t,
          [[5, 0, 0, 0, 0], [1, 1, 0, 0, 0], Z, [0, 0, 0, 0, 1], Z, Z, [1, 0, 0, 0, 0], Z,
           [0, 1, 0, 0, 0]],
          [5, 2, 0, 1, 0, 0, 1, 0, 1], [7, 2, 0, 0, 1], 10)  # fmt: skip
    check(computed, "CITY", t,
          [[4, 0, 0, 0, 0], [0, 1, 0, 0, 0], Z, [0, 0, 0, 0, 1], Z, Z, [1, 0, 0, 0, 0], Z, Z],
          [4, 1, 0, 1, 0, 0, 1, 0, 0], [5, 1, 0, 0, 1], 7)  # fmt: skip
    check(computed, "MIXED", t,
          [[4, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 1, 0], Z, Z, Z, Z, Z, [0, 1, 0, 0, 0]],
          [4, 1, 1, 0, 0, 0, 0, 0, 1], [5, 1, 0, 1, 0], 7)  # fmt: skip


def test_valid_weekday_slot(computed):
    t = "valid_weekday_slot"
    data = payload(computed, "IT", t)
    assert data["row_codes"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert data["column_codes"] == ["h00_09", "h09_13", "h13_17", "h17_21", "h21_24"]
    # Local wall-clock times: 03:30 on 29 March is summer time, 23:30 on 31 March too.
    check(computed, "IT", t,
          [[0, 2, 0, 0, 0], [1, 1, 2, 1, 1], [0, 1, 0, 0, 1], [1, 0, 0, 0, 0], [0, 1, 1, 0, 0],
           [0, 0, 1, 0, 2], [1, 1, 0, 1, 0]],
          [2, 6, 2, 1, 2, 3, 3], [3, 6, 4, 2, 4], 19)  # fmt: skip
    check(computed, "PUGLIA", t,
          [[0, 2, 0, 0, 0], [1, 0, 1, 1, 1], [0, 1, 0, 0, 1], [1, 0, 0, 0, 0], [0, 1, 1, 0, 0],
           [0, 0, 1, 0, 1], [1, 0, 0, 0, 0]],
          [2, 4, 2, 1, 2, 2, 1], [3, 4, 3, 1, 3], 14)  # fmt: skip
    check(computed, "BA", t,
          [[0, 2, 0, 0, 0], [1, 0, 1, 1, 1], [0, 0, 0, 0, 1], [1, 0, 0, 0, 0], [0, 0, 1, 0, 0],
           Z, [1, 0, 0, 0, 0]],
          [2, 4, 1, 1, 1, 0, 1], [3, 2, 2, 1, 2], 10)  # fmt: skip
    check(computed, "CITY", t,
          [[0, 2, 0, 0, 0], [1, 0, 1, 1, 1], Z, Z, [0, 0, 1, 0, 0], Z, Z],
          [2, 4, 0, 0, 1, 0, 0], [1, 2, 2, 1, 1], 7)  # fmt: skip
    check(computed, "MIXED", t,
          [Z, Z, [0, 1, 0, 0, 1], [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 1],
           [1, 0, 0, 0, 0]],
          [0, 0, 2, 1, 1, 2, 1], [2, 2, 1, 0, 2], 7)  # fmt: skip


VICTIMS = {"IT": 13, "PUGLIA": 10, "BA": 7, "CITY": 5, "MIXED": 5}


@pytest.mark.parametrize(
    ("table_id", "rows", "expected"),
    [
        (
            # Several per victim: cells count victims naming the type, the total victims;
            # a victim with no answer at all is "not stated".
            "victims_violence_type",
            ["psychological", "threats", "physical", "sexual", "economic", "stalking",
             "online", "not_stated"],
            {"IT": [7, 2, 4, 1, 1, 1, 1, 2], "PUGLIA": [6, 2, 3, 0, 1, 1, 1, 1],
             "BA": [4, 2, 3, 0, 0, 1, 0, 1], "CITY": [4, 2, 2, 0, 0, 1, 0, 0],
             "MIXED": [2, 0, 1, 0, 1, 0, 1, 1]},
        ),
        (
            "victims_relationship",
            ["current_partner", "ex_partner", "family_member", "acquaintance",
             "colleague_employer", "stranger", "other", "not_stated"],
            {"IT": [5, 3, 1, 1, 0, 1, 1, 1], "PUGLIA": [5, 2, 1, 1, 0, 0, 0, 1],
             "BA": [4, 2, 0, 0, 0, 0, 0, 1], "CITY": [3, 2, 0, 0, 0, 0, 0, 0],
             "MIXED": [2, 0, 1, 1, 0, 0, 0, 1]},
        ),
        (
            "victims_citizenship",
            ["italian", "foreign", "not_stated"],
            {"IT": [9, 3, 1], "PUGLIA": [7, 2, 1], "BA": [5, 1, 1], "CITY": [4, 1, 0],
             "MIXED": [3, 1, 1]},
        ),
        (
            "victims_children_witnessing",
            ["yes", "no", "no_children", "not_stated"],
            {"IT": [5, 2, 3, 3], "PUGLIA": [5, 1, 2, 2], "BA": [4, 1, 1, 1],
             "CITY": [3, 1, 1, 0], "MIXED": [2, 0, 1, 2]},
        ),
        (
            "victims_reported_to_police",
            ["yes", "no", "not_stated"],
            {"IT": [4, 6, 3], "PUGLIA": [3, 5, 2], "BA": [3, 3, 1], "CITY": [2, 3, 0],
             "MIXED": [1, 2, 2]},
        ),
        (
            "victims_heard_of_1522",
            ["internet_social", "tv_radio", "press", "services_centres", "police",
             "relatives_friends", "information_material", "other", "not_stated"],
            {"IT": [3, 2, 1, 1, 1, 1, 1, 1, 2], "PUGLIA": [3, 2, 0, 1, 1, 1, 0, 1, 1],
             "BA": [2, 1, 0, 1, 1, 1, 0, 0, 1], "CITY": [2, 1, 0, 1, 0, 1, 0, 0, 0],
             "MIXED": [1, 1, 0, 0, 1, 0, 0, 1, 1]},
        ),
        (
            "victims_referral_kind",
            ["anti_violence_centre", "shelter", "police", "social_services", "health_services",
             "emergency_room", "legal_advice", "other", "none", "not_stated"],
            {"IT": [5, 2, 4, 1, 0, 1, 1, 0, 2, 2], "PUGLIA": [5, 2, 3, 1, 0, 0, 0, 0, 1, 2],
             "BA": [4, 2, 3, 0, 0, 0, 0, 0, 1, 1], "CITY": [4, 1, 2, 0, 0, 0, 0, 0, 1, 0],
             "MIXED": [1, 1, 1, 1, 0, 0, 0, 0, 0, 2]},
        ),
    ],
)  # fmt: skip
def test_victims_by_one_list(computed, table_id, rows, expected):
    data = payload(computed, "IT", table_id)
    assert data["row_codes"] == rows
    assert data["column_codes"] == ["count"]
    for area, counts in expected.items():
        check_column(computed, area, table_id, counts, VICTIMS[area])


def test_victims_age_sex(computed):
    t = "victims_age_sex"
    data = payload(computed, "IT", t)
    assert data["row_codes"] == [
        "up_to_17", "age_18_24", "age_25_34", "age_35_44", "age_45_54", "age_55_64",
        "age_65_plus", "not_stated",
    ]  # fmt: skip
    assert data["column_codes"] == ["female", "male", "not_stated"]
    z = [0, 0, 0]
    check(computed, "IT", t,
          [[0, 1, 0], [2, 0, 0], [4, 0, 0], [2, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0],
           [0, 0, 1]],
          [1, 2, 4, 2, 1, 1, 1, 1], [11, 1, 1], 13)  # fmt: skip
    check(computed, "PUGLIA", t,
          [[0, 1, 0], [1, 0, 0], [3, 0, 0], [2, 0, 0], [1, 0, 0], [1, 0, 0], z, [0, 0, 1]],
          [1, 1, 3, 2, 1, 1, 0, 1], [8, 1, 1], 10)  # fmt: skip
    check(computed, "BA", t,
          [z, [1, 0, 0], [2, 0, 0], [2, 0, 0], [1, 0, 0], z, z, [0, 0, 1]],
          [0, 1, 2, 2, 1, 0, 0, 1], [6, 0, 1], 7)  # fmt: skip
    check(computed, "CITY", t,
          [z, [1, 0, 0], [2, 0, 0], [2, 0, 0], z, z, z, z],
          [0, 1, 2, 2, 0, 0, 0, 0], [5, 0, 0], 5)  # fmt: skip
    check(computed, "MIXED", t,
          [[0, 1, 0], z, [1, 0, 0], z, [1, 0, 0], [1, 0, 0], z, [0, 0, 1]],
          [1, 0, 1, 0, 1, 1, 0, 1], [3, 1, 1], 5)  # fmt: skip


def measures(computed, area, table_id) -> list:
    data = payload(computed, area, table_id)
    assert data["column_codes"] == ["count"]
    assert data["row_totals"] is None and data["column_totals"] is None
    assert data["total"] is None
    return [row[0] for row in data["cells"]]


def test_transfers(computed):
    t = "transfers"
    assert payload(computed, "IT", t)["row_codes"] == [
        "routed_transfer", "routed_out_of_hours", "out_of_hours_share", "transfer_attempts",
        "transfers_answered", "contacts_transferred", "transfer_success_share",
        "time_to_transfer_median", "time_to_transfer_p90",
    ]  # fmt: skip
    # Times to the first answered attempt, in seconds: 30 45 90 120 600 (Bari province),
    # 40 300 (Lecce). Percentiles interpolate linearly between ranks.
    assert measures(computed, "IT", t) == [9, 3, 25.0, 12, 8, 7, 77.8, 90.0, 420.0]
    assert measures(computed, "PUGLIA", t) == [8, 3, 27.3, 12, 8, 7, 87.5, 90.0, 420.0]
    assert measures(computed, "BA", t) == [6, 2, 25.0, 9, 6, 5, 83.3, 90.0, 408.0]
    assert measures(computed, "CITY", t) == [4, 1, 20.0, 6, 5, 4, 100.0, 82.5, 456.0]
    assert measures(computed, "MIXED", t) == [4, 2, 33.3, 6, 3, 3, 75.0, 90.0, 258.0]
    # Turin: one contact routed to a transfer, never attempted: no time, 0% transferred.
    assert measures(computed, "TO", t) == [1, 0, 0.0, 0, 0, 0, 0.0, None, None]
    # No routed contact at all: shares have no denominator.
    assert measures(computed, "MI", t) == [0, 0, None, 0, 0, 0, None, None, None]


def test_emergencies(computed):
    t = "emergencies"
    assert payload(computed, "IT", t)["row_codes"] == [
        "emergencies", "police_activated", "police_delay_median", "police_delay_p90",
        "handed_over",
    ]  # fmt: skip
    # Police activated 60 s (Turin), 100 s and 400 s (Bari) after the contact started.
    assert measures(computed, "IT", t) == [4, 3, 100.0, 340.0, 2]
    assert measures(computed, "PUGLIA", t) == [3, 2, 250.0, 370.0, 1]
    assert measures(computed, "BA", t) == [2, 2, 250.0, 370.0, 1]
    assert measures(computed, "CITY", t) == [2, 2, 250.0, 370.0, 1]
    assert measures(computed, "MIXED", t) == [1, 0, None, None, 0]
    assert measures(computed, "TO", t) == [1, 1, 60.0, 60.0, 1]


def _universe_count(computed, level, code, universe) -> int:
    by_id = {
        t.table_id: t.payload for t in computed.tables if (t.level, t.area_code) == (level, code)
    }
    validity = by_id["contacts_validity_channel"]
    return {
        Universe.CONTACTS: validity["total"],
        Universe.VALID: validity["row_totals"][validity["row_codes"].index("valid")],
        Universe.VICTIMS: by_id["valid_reason_caller"]["column_totals"][0],
        Universe.ROUTED: by_id["routed_mode_channel"]["total"],
    }[universe]


def test_totals_are_the_universe_counts_everywhere(computed):
    by_area: dict[tuple[str, str], dict[str, dict]] = {}
    for t in computed.tables:
        by_area.setdefault((t.level, t.area_code), {})[t.table_id] = t.payload
    for (level, code), tables in by_area.items():
        for spec in TABLES:
            if spec.is_measures:
                continue
            data = tables[spec.id]
            count = _universe_count(computed, level, code, spec.universe)
            assert data["total"] == count, (level, code, spec.id)
            assert data["column_totals"] == [sum(col) for col in zip(*data["cells"], strict=True)] \
                or spec.multiple  # fmt: skip
            if not spec.multiple:
                assert sum(data["row_totals"]) == count
                assert sum(data["column_totals"]) == count
        for link in LINKS:
            data = tables[link.table]
            margin = (
                data["row_totals"][data["row_codes"].index(link.row)]
                if link.row
                else data["column_totals"][data["column_codes"].index(link.column)]
            )
            assert margin == _universe_count(computed, level, code, link.universe)


def test_national_is_the_regions_plus_the_unlocated(computed):
    national = {t.table_id: t.payload for t in computed.tables if t.level == Level.NATIONAL}
    regions = [t for t in computed.tables if t.level == Level.REGION]
    # Unlocated: c03 (silent), c06 (unclassified), c12 (valid), v21 (victim, orientation).
    unlocated_totals = {
        "contacts_validity_channel": 4,
        "routed_mode_channel": 1,
        "valid_reason_caller": 2,
        "valid_weekday_slot": 2,
    }
    for spec in TABLES:
        if spec.is_measures:
            continue
        summed = sum(t.payload["total"] for t in regions if t.table_id == spec.id)
        expected = unlocated_totals.get(spec.id, 1)  # the one unlocated victim
        assert national[spec.id]["total"] == summed + expected, spec.id


def test_empty_quarter_has_every_table_in_zeros(computed):
    empty = release_compute_tables(Period.parse("2025Q3"))
    assert empty.contacts_count == 0
    assert len(empty.tables) == len(computed.tables)
    for table in empty.tables:
        values = [value for row in table.payload["cells"] for value in row]
        if TABLES_BY_ID_MEASURES.get(table.table_id):
            assert all(value in (0, None) for value in values)
        else:
            assert set(values) == {0} and table.payload["total"] == 0


TABLES_BY_ID_MEASURES = {spec.id: spec.is_measures for spec in TABLES}


def test_progress_goes_up_to_100_with_english_notes(db):
    calls: list[tuple[int, str]] = []
    release_compute_tables(Period.parse("2026Q2"), progress=lambda p, n: calls.append((p, n)))
    percents = [p for p, _n in calls]
    assert percents == sorted(percents)
    assert percents[0] == 0 and percents[-1] == 100
    assert len(calls) >= 3
    # Lazy messages in English, translated by whoever shows them.
    assert all(isinstance(note, Promise) for _p, note in calls)
    with translation.override("en"):
        assert str(calls[-1][1]) == "Tables computed"


def test_a_year_is_its_quarters(computed):
    year = release_compute_tables(Period.parse("2026"))
    # x26 (1 April 00:10) and x27 (1 April 00:00) are in Q2, so in the year; x25 is 2025.
    assert year.contacts_count == 27 + 2


def test_postgres_engines_agree_with_the_province_read_through_a_join(computed, monkeypatch):
    """On PostgreSQL: the portable engine, and the one-statement engine reading provinces
    through a join (as it does when comune codes' prefixes do not name one province), give
    the tables of the default path."""
    from django.db import connection

    from rete.statistics import compute_postgres
    from rete.statistics.compute import compute_release

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement engine runs on PostgreSQL")
    expected = [(t.level, t.area_code, t.table_id, t.payload) for t in computed.tables]
    portable = compute_release(Period.parse("2026Q1"), portable=True)
    assert [(t.level, t.area_code, t.table_id, t.payload) for t in portable.tables] == expected
    monkeypatch.setattr(
        compute_postgres,
        "_province_key",
        lambda geography: (
            "(SELECT g.province_id FROM geography_comune g WHERE g.code = c.comune_id)",
            {},
        ),
    )
    joined = compute_release(Period.parse("2026Q1"))
    assert [(t.level, t.area_code, t.table_id, t.payload) for t in joined.tables] == expected
