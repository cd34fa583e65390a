"""`GET /api/v1/stats/public`: the published public tables of a period as JSON, null for a
suppressed value, errors as {"detail": …} in the request's language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from rete.statistics.definitions import PUBLIC_TABLES, Level
from rete.statistics.models import Release, ReleaseStatus, ReleaseTable
from tests.statistics.factories import payload_make, release_make

URL = "/api/v1/stats/public"
ROME = ZoneInfo("Europe/Rome")
AREAS = (
    (Level.NATIONAL, "IT", "Italia"),
    (Level.REGION, "16", "Puglia"),
    (Level.REGION, "08", "Emilia-Romagna"),
    (Level.TERRITORY, "ATR-BA", "Provincia di Bari"),
)


@pytest.fixture
def release(db: None) -> Release:
    release = release_make("2026Q1", areas=AREAS, fill=7)
    Release.objects.filter(pk=release.pk).update(
        published_at=datetime(2026, 4, 20, 10, 0, tzinfo=ROME)
    )
    return release


def _tables(body: dict) -> dict[tuple[str, str], dict]:
    return {(table["area_code"], table["id"]): table for table in body["tables"]}


def test_the_national_tables_of_the_latest_period(client: Client, release: Release) -> None:
    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "2026Q1"
    assert body["release"] == "2026Q1-1"
    assert body["published_at"] == "2026-04-20T10:00:00+02:00"
    assert body["threshold"] == 5
    assert body["corrects"] is None
    assert [table["id"] for table in body["tables"]] == [spec.id for spec in PUBLIC_TABLES]
    validity = body["tables"][0]
    assert validity["area"] == "Italia"
    assert validity["level"] == "national"
    assert validity["rows"][0] == "Valido"
    assert validity["columns"] == ["Telefono", "Chat"]
    assert validity["row_codes"][0] == "valid"
    assert validity["column_codes"] == ["phone", "chat"]
    assert validity["cells"][:2] == [[7, 7], [8, 8]]
    assert validity["row_totals"] == [14, 16, 18, 20, 22, 24]
    assert validity["column_totals"] == [57, 57]
    assert validity["total"] == 114


def test_every_area_of_a_level(client: Client, release: Release) -> None:
    regions = client.get(URL, {"period": "2026Q1", "level": "region"}).json()
    one = client.get(URL, {"period": "2026Q1", "level": "territory", "area": "ATR-BA"}).json()

    assert sorted({table["area_code"] for table in regions["tables"]}) == ["08", "16"]
    assert len(regions["tables"]) == 2 * len(PUBLIC_TABLES)
    # By area name: Emilia-Romagna before Puglia.
    assert regions["tables"][0]["area"] == "Emilia-Romagna"
    assert {table["area_code"] for table in one["tables"]} == {"ATR-BA"}
    assert len(one["tables"]) == len(PUBLIC_TABLES)


def test_a_suppressed_value_is_null(client: Client, release: Release) -> None:
    ReleaseTable.objects.filter(
        release=release, audience="public", area_code="16", table_id="victims_citizenship"
    ).update(payload=payload_make("victims_citizenship", 7, suppress=((0, 0),)))

    body = client.get(URL, {"level": "region", "area": "16"}).json()
    table = _tables(body)[("16", "victims_citizenship")]

    assert table["cells"] == [[None], [8], [9]]
    assert table["row_totals"] == [None, 8, 9]
    assert table["total"] is None


def test_only_public_tables_of_published_releases(client: Client, release: Release) -> None:
    release_make("2026Q1", number=2, status=ReleaseStatus.READY, areas=AREAS, fill=50)
    release_make("2026Q2", status=ReleaseStatus.READY, areas=AREAS, fill=50)

    latest = client.get(URL).json()
    unpublished = client.get(URL, {"period": "2026Q2"})

    assert latest["release"] == "2026Q1-1"
    assert {table["id"] for table in latest["tables"]} == {spec.id for spec in PUBLIC_TABLES}
    assert "transfers" not in {table["id"] for table in latest["tables"]}
    assert unpublished.status_code == 404


def test_a_correction_is_what_the_api_answers(client: Client, release: Release) -> None:
    correction = release_make("2026Q1", number=2, areas=AREAS, fill=20)
    Release.objects.filter(pk=correction.pk).update(corrects=release)

    body = client.get(URL, {"period": "2026Q1"}).json()

    assert body["release"] == "2026Q1-2"
    assert body["corrects"] == "2026Q1-1"
    assert body["tables"][0]["cells"][0] == [20, 20]


def test_english_labels_by_accept_language(client: Client, release: Release) -> None:
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()

    assert body["tables"][0]["rows"][0] == "Valid"
    assert body["tables"][0]["columns"] == ["Phone", "Chat"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"period": "2026Q5"}, 400),
        ({"period": "nonsense"}, 400),
        ({"level": "province"}, 400),
        ({"level": "region", "area": "1 6"}, 400),
        ({"level": "region", "area": "\x00"}, 400),
        ({"period": "2025Q4"}, 404),
        ({"level": "region", "area": "99"}, 404),
        ({"level": "national", "area": "16"}, 404),
        ({"level": "territory", "area": "ATR-LE"}, 404),
    ],
)
def test_bad_requests_are_answered_with_a_sentence(
    client: Client, release: Release, query: dict, status: int
) -> None:
    response = client.get(URL, query)

    assert response.status_code == status
    assert set(response.json()) == {"detail"}
    assert response.json()["detail"]


def test_errors_speak_the_request_language(client: Client, release: Release) -> None:
    italian = client.get(URL, {"level": "province"}).json()["detail"]
    english = client.get(URL, {"level": "province"}, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]

    levels = {"levels": "national, region, territory"}
    with translation.override("it"):
        assert italian == gettext("“level” must be one of: %(levels)s.") % levels
    assert english == "“level” must be one of: national, region, territory."


def test_no_published_release_is_a_404(client: Client, db: None) -> None:
    response = client.get(URL)

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_the_endpoint_is_documented(client: Client, db: None) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/stats/public"]["get"]

    assert {"200", "400", "404"} <= set(operation["responses"])
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names == {"period", "level", "area"}
    level = next(p for p in operation["parameters"] if p["name"] == "level")
    assert level["schema"]["enum"] == ["national", "region", "territory"]


# Schemathesis over this operation with a published release in the database (the suite's
# own fuzz test, tests/api, runs on a database without one: every answer a 404 there).
stats_schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application()
).include(path="/api/v1/stats/public")


@pytest.mark.django_db
@stats_schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_matches_the_schema(case, release, keep_the_test_transaction) -> None:
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])

    assert response.status_code < 500
