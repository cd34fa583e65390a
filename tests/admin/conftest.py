"""Fixtures of the admin tests: one named user per role."""

import pytest
from django.contrib.auth.models import AbstractBaseUser

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.accounts.services import user_create_with_role

PASSWORD = "Sirena-di-Bari-2026"


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    """Dora works at the Department and keeps the mapping."""
    return user_create_with_role(
        username="dora", email="dora@example.org", password=PASSWORD, role=DEPARTMENT_ADMIN
    )


@pytest.fixture
def oscar(db: None) -> AbstractBaseUser:
    """Oscar answers 1522: staff, but the mapping is not his to edit."""
    return user_create_with_role(
        username="oscar", email="oscar@example.org", password=PASSWORD, role=HELPLINE_OPERATOR
    )
