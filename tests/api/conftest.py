"""Fixtures of the API tests: the small Bari/Bologna network loaded through the importer,
a fresh routing snapshot for every test, and the client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from rete.network.networkfile.importer import network_import
from rete.routing.snapshot import routing_snapshot_reset
from tests.api.network import small_network


@pytest.fixture(autouse=True)
def fresh_snapshot() -> Iterator[None]:
    # The holder lives as long as the process; each test's database is rolled back, so a
    # revision number could repeat with another network behind it.
    routing_snapshot_reset()
    yield
    routing_snapshot_reset()


@pytest.fixture
def network(db) -> dict[str, Any]:
    document = small_network()
    network_import(document)
    return document


@pytest.fixture
def client() -> Client:
    return Client()


def decide(client: Client, body: dict[str, Any], **headers: str):
    return client.post("/api/v1/routing/decide", body, content_type="application/json", **headers)
