"""GET /api/v1/ping and /api/v1/health."""

from __future__ import annotations

from datetime import datetime

from rete.network.revision import network_revision_current


def test_it_pings(db, client):
    response = client.get("/api/v1/ping")

    assert response.status_code == 200
    assert response.json() == {"ok": True}


def test_it_reports_the_snapshot_in_use(network, client):
    response = client.get("/api/v1/health")

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["status", "network_revision", "snapshot_built_at", "snapshot_source"]
    assert body["status"] == "ok"
    assert body["network_revision"] == network_revision_current()
    assert datetime.fromisoformat(body["snapshot_built_at"]).tzinfo is not None
    assert body["snapshot_source"] == "database"


def test_it_checks_health_with_one_query_once_built(network, client, django_assert_num_queries):
    client.get("/api/v1/health")

    with django_assert_num_queries(1):
        client.get("/api/v1/health")
