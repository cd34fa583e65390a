"""The demo shows every case the routing rules know, so that each can be tried by hand."""

from rete.geography.istat import read_comuni


def _services(document: dict) -> dict[str, dict]:
    return {service["id"]: service for service in document["services"]}


def test_it_has_confidential_shelters_without_coordinates(document: dict) -> None:
    shelters = [s for s in document["services"] if s["kind"] == "shelter"]

    assert len(shelters) >= 5
    assert all(s["location"]["confidential"] for s in shelters)
    assert all(s["location"]["lat"] is None and s["location"]["lon"] is None for s in shelters)


def test_it_has_24_hour_lines_open_on_holidays(document: dict) -> None:
    lines = [
        s
        for s in document["services"]
        if any(r["opens_at"] == r["closes_at"] == "00:00" for r in s["schedules"])
    ]

    assert lines
    assert all(s["open_on_holidays"] for s in lines)


def test_it_has_evening_lines_that_run_past_midnight(document: dict) -> None:
    assert any(
        r["opens_at"] == "18:00" and r["closes_at"] == "08:00"
        for s in document["services"]
        for r in s["schedules"]
    )


def test_it_has_split_days_and_saturday_mornings(document: dict) -> None:
    cosenza = _services(document)["svc-cosenza-cav"]
    rende = _services(document)["svc-rende-sportello"]

    assert {(r["opens_at"], r["closes_at"]) for r in cosenza["schedules"]} >= {
        ("09:00", "13:00"),
        ("15:00", "18:00"),
    }
    assert rende["schedules"][0]["byday"] == "SA"


def test_it_has_closed_dates_and_special_openings(document: dict) -> None:
    bologna = _services(document)["svc-bologna-cav"]

    assert bologna["closed_dates"] == ["2026-12-24", "2026-12-31"]
    assert bologna["special_openings"] == [
        {"date": "2026-12-27", "opens_at": "09:00", "closes_at": "12:00"}
    ]


def test_it_has_an_announced_change_of_hours(document: dict) -> None:
    rules = _services(document)["svc-roma-cav"]["schedules"]

    assert [(r["valid_from"], r["valid_to"]) for r in rules] == [
        (None, "2026-12-31"),
        ("2027-01-01", None),
    ]


def test_it_has_services_in_languages_besides_italian(document: dict) -> None:
    languages = {code for s in document["services"] for code in s["languages"]}

    assert {"en", "fr", "es", "ar", "ro", "de"} <= languages


def test_it_has_service_areas_by_province_and_by_comuni(document: dict) -> None:
    areas = [s["service_area"] for s in document["services"]]

    assert any(area["provinces"] and not area["comuni"] for area in areas)
    assert any(len(area["comuni"]) > 1 for area in areas)


def test_it_has_services_outside_every_territory(document: dict) -> None:
    province_of = {comune.code: comune.province_sigla for comune in read_comuni()}
    covered_provinces = {p for t in document["territories"] for p in t["provinces"]}
    covered_comuni = {c for t in document["territories"] for c in t["comuni"]}
    outside = [
        s
        for s in document["services"]
        if s["location"]["comune"] not in covered_comuni
        and province_of[s["location"]["comune"]] not in covered_provinces
    ]

    assert {province_of[s["location"]["comune"]] for s in outside} >= {"RM", "MI", "FI"}
