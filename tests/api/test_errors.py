"""Every error of the API is JSON `{"detail": "…"}`, never Django's HTML pages."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/nothing", "/api/v1/services/", "/api/v1/comuni/x/y"]
)
def test_it_answers_404_with_detail_for_an_unknown_path(db, client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/api/v1/comuni"), ("delete", "/api/v1/services"), ("put", "/api/v1/ping")],
)
def test_it_answers_405_with_detail_for_a_wrong_method(db, client, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert set(response.json()) == {"detail"}
    assert response["Allow"] == "GET"


def test_it_answers_500_with_detail_and_no_trace(network, client, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("rete.network.api.territory_list", broken)

    response = client.get("/api/v1/territories")

    assert response.status_code == 500
    assert set(response.json()) == {"detail"}
    assert "secret" not in response.content.decode()
    assert "RuntimeError" in caplog.text


def test_it_ignores_the_query_string_in_its_error_log(network, client, monkeypatch, caplog):
    monkeypatch.setattr("rete.network.api.territory_list", lambda **kwargs: 1 / 0)

    client.get("/api/v1/territories", {"who": "Maria Rossi"})

    assert "Maria" not in caplog.text


def test_it_answers_503_with_detail_when_the_database_is_unreachable(
    network, client, monkeypatch, caplog
):
    from django.db import OperationalError

    def unreachable(**kwargs):
        raise OperationalError("could not connect to server at 10.1.2.3")

    monkeypatch.setattr("rete.directory.api.service_list", unreachable)

    response = client.get("/api/v1/services")

    assert response.status_code == 503
    assert set(response.json()) == {"detail"}
    assert response["Retry-After"] == "30"
    assert "10.1.2.3" not in caplog.text and "10.1.2.3" not in response.content.decode()
