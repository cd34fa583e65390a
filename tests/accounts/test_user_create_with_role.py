"""Creating accounts with a role, and granting roles."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.accounts.services import user_create_with_role, user_grant_role

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Sirena-di-Bari-2026"


def test_it_creates_an_active_staff_user_with_the_role() -> None:
    user = user_create_with_role(
        username="dora", email="Dora@EXAMPLE.org", password=PASSWORD, role=DEPARTMENT_ADMIN
    )

    user.refresh_from_db()
    assert user.is_active and user.is_staff and not user.is_superuser
    assert user.email == "Dora@example.org"
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [DEPARTMENT_ADMIN]
    assert user.has_perm("directory.change_service")
    assert not user.has_perm("auth.add_user")


def test_it_can_create_a_user_who_is_not_staff() -> None:
    user = user_create_with_role(
        username="ada",
        email="ada@example.org",
        password=PASSWORD,
        role=HELPLINE_OPERATOR,
        is_staff=False,
    )

    assert not user.is_staff


def test_it_refuses_an_unknown_role_and_writes_nothing() -> None:
    with pytest.raises(ValidationError, match="superhero"):
        user_create_with_role(
            username="eve", email="eve@example.org", password=PASSWORD, role="superhero"
        )
    assert not User.objects.filter(username="eve").exists()


def test_it_refuses_a_weak_password_and_writes_nothing() -> None:
    with pytest.raises(ValidationError) as caught:
        user_create_with_role(
            username="eve", email="eve@example.org", password="12345678", role=HELPLINE_OPERATOR
        )
    assert "password" in caught.value.error_dict
    assert not User.objects.filter(username="eve").exists()


def test_it_refuses_a_bad_email_and_a_taken_username_at_once() -> None:
    user_create_with_role(
        username="dora", email="dora@example.org", password=PASSWORD, role=DEPARTMENT_ADMIN
    )

    with pytest.raises(ValidationError) as caught:
        user_create_with_role(
            username="dora", email="not an address", password=PASSWORD, role=HELPLINE_OPERATOR
        )
    assert set(caught.value.error_dict) == {"username", "email"}
    assert User.objects.count() == 1


def test_it_grants_a_role_once() -> None:
    user = user_create_with_role(
        username="dora", email="dora@example.org", password=PASSWORD, role=HELPLINE_OPERATOR
    )

    user_grant_role(user=user, role=DEPARTMENT_ADMIN)
    user_grant_role(user=user, role=DEPARTMENT_ADMIN)

    assert sorted(user.groups.values_list("name", flat=True)) == [
        DEPARTMENT_ADMIN,
        HELPLINE_OPERATOR,
    ]


def test_it_refuses_to_grant_an_unknown_role() -> None:
    user = user_create_with_role(
        username="dora", email="dora@example.org", password=PASSWORD, role=HELPLINE_OPERATOR
    )

    with pytest.raises(ValidationError):
        user_grant_role(user=user, role="root")
    assert list(user.groups.values_list("name", flat=True)) == [HELPLINE_OPERATOR]
