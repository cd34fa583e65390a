"""The CSV export: the same services as the list, all pages, with the list's filters."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_it_exports_the_services_of_the_person_s_scope(as_person) -> None:
    response = as_person("referent_b").get("/area-riservata/mappatura.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mappatura-')
    assert {row["service_id"] for row in _rows(response)} == {"svc-betulla", "svc-mimosa"}


def test_it_applies_the_list_s_filters(as_person) -> None:
    response = as_person("admin").get(
        "/area-riservata/mappatura.csv", {"territory": "ATR-AL", "kind": "shelter"}
    )

    (row,) = _rows(response)
    assert row["service_id"] == "svc-glicine"
    assert row["confidential"] == "yes"
    assert row["phones"] == "'+390805550100"
    assert row["hours"]


def test_it_keeps_coordinates_out_for_a_withheld_address(as_person) -> None:
    rows = _rows(as_person("committee").get("/area-riservata/mappatura.csv"))

    shelter = next(row for row in rows if row["service_id"] == "svc-mimosa")
    assert (shelter["address"], shelter["latitude"], shelter["longitude"]) == ("riservato", "", "")
