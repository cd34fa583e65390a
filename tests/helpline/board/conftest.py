"""Fixtures of the board tests: one named user per role, the small Bari network to route
on, and a fresh in-memory channel layer.

Sara leads the shift and watches the board; Olga and Ornella answer 1522; Dora works at the
Department and has no business on the board."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.utils import translation

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.network.networkfile.importer import network_import
from tests.api.network import small_network
from tests.helpline.conftest import make_user


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_channel_layer(settings: Any) -> None:
    """A new in-memory layer for each test, whatever REDIS_URL says: no test hears another's
    broadcasts (nor those of somebody else's test run on the same Redis)."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    return make_user("olga", HELPLINE_OPERATOR, first_name="Olga", last_name="Russo")


@pytest.fixture
def network(db: None) -> dict[str, Any]:
    document = small_network()
    network_import(document)
    return document
