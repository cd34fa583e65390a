"""Fixtures of every helpline test: one named user per role and a fresh classification
cache. A folder that needs its people with full names overrides their fixtures.

Olga and Ornella answer 1522; Sara leads the shift; Dora works at the Department and has no
business with contacts."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AbstractBaseUser

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.helpline.classification.selectors import classification_cache_clear
from tests.people import PASSWORD, make_person

__all__ = ["PASSWORD", "make_user"]


def make_user(username: str, role: str, **names: str) -> AbstractBaseUser:
    """A user with a national role, the shared password and, if given, names."""
    return make_person(username, role, **names)


@pytest.fixture(autouse=True)
def _fresh_classification_cache() -> Iterator[None]:
    classification_cache_clear()
    yield
    classification_cache_clear()


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    return make_user("olga", HELPLINE_OPERATOR)


@pytest.fixture
def ornella(db: None) -> AbstractBaseUser:
    return make_user("ornella", HELPLINE_OPERATOR)


@pytest.fixture
def sara(db: None) -> AbstractBaseUser:
    return make_user("sara", HELPLINE_SUPERVISOR)


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    return make_user("dora", DEPARTMENT_ADMIN)
