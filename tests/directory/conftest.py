"""Fixtures of the directory's tests."""

from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.translation import pgettext


def pytest_configure(config: pytest.Config) -> None:
    # The Italian wording lives in rete/locale; these tests read it from the real catalogue.
    config.addinivalue_line(
        "markers",
        "italian_catalogue: expects rete/directory/hours.py's strings in the Italian catalogue",
    )


@pytest.fixture
def italian() -> Iterator[None]:
    """Italian output, from the real catalogue; a catalogue without the hours' strings is a
    clear failure rather than English text compared with Italian."""
    with translation.override("it"):
        if pgettext("range of weekdays", "%(first)s to %(last)s") == "%(first)s to %(last)s":
            pytest.fail(
                "rete/locale/it lacks the strings of rete/directory/hours.py: "
                "add them and run `rete compilemessages`"
            )
        yield


@pytest.fixture
def english() -> Iterator[None]:
    with translation.override("en"):
        yield
