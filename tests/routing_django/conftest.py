"""Fixtures of the Django side of routing: the small network of the API tests."""

from tests.api.conftest import network  # noqa: F401 - a fixture, used by name
