"""Fixtures of every helpline test: one named user per role and a fresh classification
cache. A folder that needs its people with full names overrides their fixtures.

Olga and Ornella answer 1522; Sara leads the shift; Dora works at the Department and has no
business with contacts."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AbstractBaseUser

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.accounts.services import user_create_with_role
from rete.helpline.classification.selectors import classification_cache_clear

PASSWORD = "Sirena-di-Bari-2026"


def make_user(username: str, role: str, **names: str) -> AbstractBaseUser:
    """A user with a role, the shared password and, if given, names (first_name=...)."""
    user = user_create_with_role(
        username=username, email=f"{username}@example.org", password=PASSWORD, role=role
    )
    if names:
        for field, value in names.items():
            setattr(user, field, value)
        user.save(update_fields=list(names))
    return user


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
