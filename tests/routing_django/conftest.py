"""Fixtures of the Django side of routing: the small network and a fresh snapshot holder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from rete.network.networkfile.importer import network_import
from rete.routing.snapshot import routing_snapshot_reset
from tests.api.network import small_network


@pytest.fixture(autouse=True)
def fresh_snapshot() -> Iterator[None]:
    routing_snapshot_reset()
    yield
    routing_snapshot_reset()


@pytest.fixture
def network(db) -> dict[str, Any]:
    document = small_network()
    network_import(document)
    return document
