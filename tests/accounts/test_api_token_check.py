"""The per-request token check: one query gives the whole user, the user's groups and the
token's state; the last use is noted at most once a minute."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rete.accounts.models import ApiToken
from rete.accounts.roles import HELPLINE_OPERATOR
from rete.accounts.services import user_create_with_role
from rete.accounts.tokens import api_token_create, api_token_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def olga():
    """Olga answers 1522; the PBX acts as her through a token."""
    return user_create_with_role(
        username="olga",
        email="olga@example.org",
        password="Sirena-di-Bari-2026",
        role=HELPLINE_OPERATOR,
    )


def test_it_gives_the_whole_user_in_one_query(olga, django_assert_num_queries) -> None:
    record, token = api_token_create(user=olga, name="pbx")
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())

    with django_assert_num_queries(1):
        user = api_token_user(token)
        # Every field is loaded: reading them asks nothing more.
        assert (user.pk, user.username, user.email, user.is_staff) == (
            olga.pk,
            "olga",
            "olga@example.org",
            True,
        )
        assert user.request_group_names == {HELPLINE_OPERATOR}
    assert isinstance(user, get_user_model())


def test_it_notes_the_last_use_at_most_once_a_minute(olga) -> None:
    record, token = api_token_create(user=olga, name="pbx")

    api_token_user(token)
    first = ApiToken.objects.get(pk=record.pk).last_used_at
    api_token_user(token)
    second = ApiToken.objects.get(pk=record.pk).last_used_at
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=first - timedelta(minutes=2))
    api_token_user(token)
    third = ApiToken.objects.get(pk=record.pk).last_used_at

    assert first is not None
    assert second == first
    assert third > first


def test_it_finds_a_user_without_any_group(olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")
    olga.groups.clear()

    user = api_token_user(token)

    assert user == olga
    assert user.request_group_names == frozenset()


def test_it_refuses_a_token_expiring_now_and_accepts_one_expiring_later(olga) -> None:
    record, token = api_token_create(
        user=olga, name="pbx", expires_at=timezone.now() + timedelta(minutes=5)
    )
    assert api_token_user(token) == olga

    ApiToken.objects.filter(pk=record.pk).update(expires_at=timezone.now())

    assert api_token_user(token) is None


def test_it_refuses_a_token_spelled_differently(olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")

    assert api_token_user(token.upper()) is None
    assert api_token_user(token + "x") is None
    assert api_token_user(token[:-1]) is None
