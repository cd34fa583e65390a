"""Fixtures of the network-file tests: the seed's Bari file and a richer hand-written one."""

import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from tests.network.documents import RICH

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English, the language of the source strings."""
    with translation.override("en"):
        yield


@pytest.fixture
def bari() -> dict:
    """The seed's Bari network file (a copy of /work/shared/examples/network-bari.json)."""
    return json.loads((DATA / "network-bari.json").read_text(encoding="utf-8"))


@pytest.fixture
def bari_path() -> Path:
    return DATA / "network-bari.json"


@pytest.fixture
def rich() -> dict:
    return copy.deepcopy(RICH)
