"""Fixtures of the API tests: the small Bari/Bologna network loaded through the importer,
and the client. (Each test gets a fresh routing snapshot from the suite's conftest.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from rete.network.networkfile.importer import network_import
from tests.api.network import small_network


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
