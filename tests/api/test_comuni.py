"""GET /api/v1/comuni?q=: comune autocomplete."""

from __future__ import annotations

import pytest


def test_it_finds_a_comune_by_the_start_of_its_name(db, client):
    response = client.get("/api/v1/comuni", {"q": "cefal"})

    assert response.status_code == 200
    assert {"code": "082027", "name": "Cefalù", "province": "PA"} in response.json()


@pytest.mark.parametrize("q", ["CEFALÙ", "cefalu", "  Cefalù  ", "efal"])
def test_it_ignores_case_accents_and_spaces(db, client, q):
    codes = [item["code"] for item in client.get("/api/v1/comuni", {"q": q}).json()]

    assert "082027" in codes


def test_it_answers_at_most_twenty(db, client):
    found = client.get("/api/v1/comuni", {"q": "a"}).json()

    assert len(found) == 20
    assert all(set(item) == {"code", "name", "province"} for item in found)


def test_it_answers_an_empty_list_when_nothing_matches(db, client):
    response = client.get("/api/v1/comuni", {"q": "zzzzqqq"})

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 101}, {"q": "bari\x00"}]
)
def test_it_refuses_a_missing_blank_or_too_long_query(db, client, params):
    response = client.get("/api/v1/comuni", params)

    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


def test_it_accepts_a_query_of_one_hundred_characters(db, client):
    response = client.get("/api/v1/comuni", {"q": "x" * 100})

    assert response.status_code == 200
