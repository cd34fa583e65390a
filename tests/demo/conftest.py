"""Fixtures of the demo tests: the demo document, built once, and the seed's example file."""

import json
from pathlib import Path

import pytest

from rete.demo.network import demo_network

# A copy of /work/shared/examples/network-bari.json (the seed's Bari network), kept beside
# the tests so that the suite does not depend on a file outside the repository.
EXAMPLE_BARI = Path(__file__).with_name("network-bari.json")


@pytest.fixture(scope="session")
def document() -> dict:
    return demo_network()


@pytest.fixture(scope="session")
def example_bari() -> dict:
    return json.loads(EXAMPLE_BARI.read_text(encoding="utf-8"))
