"""A user's helpline role is read when asked; only the groups read with an API token in
the same request are reused, never anything kept from an earlier request."""

import pytest
from django.contrib.auth import get_user_model

from rete.accounts.roles import HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.accounts.services import user_grant_role
from rete.accounts.tokens import api_token_create, api_token_user
from rete.helpline.contacts.selectors import user_helpline_role

pytestmark = pytest.mark.django_db


def test_it_sees_a_role_taken_away_from_the_same_user_object(olga) -> None:
    assert user_helpline_role(olga) == HELPLINE_OPERATOR

    olga.groups.clear()

    assert user_helpline_role(olga) is None


def test_it_sees_a_role_given_to_the_same_user_object(dora) -> None:
    assert user_helpline_role(dora) is None

    user_grant_role(user=dora, role=HELPLINE_SUPERVISOR)

    assert user_helpline_role(dora) == HELPLINE_SUPERVISOR


def test_it_uses_the_groups_read_with_the_token(olga, django_assert_num_queries) -> None:
    _record, token = api_token_create(user=olga, name="pbx")
    api_token_user(token)  # the first use notes when the token was used
    user = api_token_user(token)

    with django_assert_num_queries(0):
        assert user_helpline_role(user) == HELPLINE_OPERATOR


def test_the_next_token_check_reads_the_groups_again(olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")
    assert user_helpline_role(api_token_user(token)) == HELPLINE_OPERATOR

    olga.groups.clear()

    user = api_token_user(token)
    assert user is not None  # a token of a user with no role still authenticates
    assert user_helpline_role(user) is None


def test_the_stronger_role_wins_with_the_token(olga) -> None:
    user_grant_role(user=olga, role=HELPLINE_SUPERVISOR)
    _record, token = api_token_create(user=olga, name="pbx")

    user = api_token_user(token)

    assert user == olga
    assert user_helpline_role(user) == HELPLINE_SUPERVISOR
    assert user.request_group_names == {HELPLINE_OPERATOR, HELPLINE_SUPERVISOR}


def test_a_user_loaded_otherwise_reads_its_groups(olga, django_assert_num_queries) -> None:
    user = get_user_model().objects.get(pk=olga.pk)

    with django_assert_num_queries(1):
        assert user_helpline_role(user) == HELPLINE_OPERATOR
