"""A person signs in with her personal code, her username or her e-mail address."""

import pytest

from rete.accounts.backends import axes_username, user_by_identifier
from rete.accounts.roles import HELPLINE_OPERATOR
from tests.people import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def olga():
    return make_person("olga", HELPLINE_OPERATOR)


def test_the_personal_code_in_any_case_finds_the_account(olga) -> None:
    code = olga.account.personal_code
    assert user_by_identifier(code) == olga
    assert user_by_identifier(code.lower()) == olga
    assert user_by_identifier(f"  {code} ") == olga


def test_the_username_and_the_email_find_the_account(olga) -> None:
    assert user_by_identifier("olga") == olga
    assert user_by_identifier("OLGA@example.org") == olga


def test_an_email_shared_by_two_accounts_finds_neither(olga) -> None:
    other = make_person("olga2", HELPLINE_OPERATOR)
    other.email = olga.email
    other.save()
    assert user_by_identifier(olga.email) is None


@pytest.mark.parametrize("typed", ["", "   ", "nobody", "RAV-999999", "x" * 300])
def test_unknown_names_find_nobody(olga, typed) -> None:
    assert user_by_identifier(typed) is None


def test_every_name_of_one_account_counts_against_the_same_lockout(olga) -> None:
    names = ["olga", olga.email, olga.account.personal_code.lower()]
    assert {axes_username(None, {"username": name}) for name in names} == {"olga"}
