"""POST /api/v1/routing/decide refuses bad input with 400 and a `detail` sentence."""

from __future__ import annotations

import pytest

from tests.api.conftest import decide
from tests.api.network import BARI


def assert_refused(response, *words: str) -> str:
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(body) == ["detail"]
    assert isinstance(body["detail"], str) and body["detail"]
    for word in words:
        assert word in body["detail"]
    return body["detail"]


def test_it_refuses_an_unknown_comune(network, client):
    assert_refused(decide(client, {"comune": "999999"}), "999999")


def test_it_refuses_an_instant_without_offset(network, client):
    detail = assert_refused(decide(client, {"comune": BARI, "at": "2026-11-25T10:30:00"}))
    assert "offset" in detail.lower() or "UTC" in detail


@pytest.mark.parametrize(
    "at",
    ["yesterday", "2026-13-01T10:00:00+01:00", "25/11/2026 10:30", "", "2026-11-25T25:00:00+01:00"],
)
def test_it_refuses_a_malformed_instant(network, client, at):
    assert_refused(decide(client, {"comune": BARI, "at": at}), "at")


def test_it_refuses_a_date_without_time(network, client):
    # "2026-11-25" parses as a naive midnight: refused like any instant without offset.
    assert_refused(decide(client, {"comune": BARI, "at": "2026-11-25"}))


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_it_refuses_an_instant_out_of_range(network, client, at):
    assert_refused(decide(client, {"comune": BARI, "at": at}), "at")


@pytest.mark.parametrize(
    "body",
    [
        {"comune": 72006},
        {"comune": None},
        {"comune": ["072006"]},
        {"comune": "72006"},
        {"comune": "0720061"},
        {"comune": BARI, "emergency": "yes"},
        {"comune": BARI, "emergency": 1},
        {"comune": BARI, "emergency": None},
        {"comune": BARI, "at": 1764063000},
    ],
)
def test_it_refuses_wrong_types(network, client, body):
    assert_refused(decide(client, body))


def test_it_refuses_a_missing_comune(network, client):
    assert_refused(decide(client, {"at": "2026-11-25T10:30:00+01:00"}), "comune")


def test_it_refuses_unknown_keys(network, client):
    # A typo ("emergancy") must not silently become a non-emergency decision.
    assert_refused(decide(client, {"comune": BARI, "emergancy": True}), "emergancy")


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"072006"', "null", ""])
def test_it_refuses_a_body_that_is_not_an_object(network, client, raw):
    response = client.post("/api/v1/routing/decide", raw, content_type="application/json")
    assert_refused(response)


def test_it_refuses_a_get_with_405_and_detail(network, client):
    response = client.get("/api/v1/routing/decide")

    assert response.status_code == 405
    assert set(response.json()) == {"detail"}
    assert response["Allow"] == "POST"
