"""Personal API tokens: created once, stored as a digest, refused when revoked or expired."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from rete.accounts.models import ApiToken
from rete.accounts.roles import HELPLINE_OPERATOR
from rete.accounts.services import user_create_with_role
from rete.accounts.tokens import api_token_create, api_token_revoke, api_token_user

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


def test_it_finds_the_user_of_a_token(olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")

    assert api_token_user(token) == olga


def test_it_stores_only_a_digest(olga) -> None:
    record, token = api_token_create(user=olga, name="pbx")

    stored = ApiToken.objects.values_list("prefix", "digest").get(pk=record.pk)
    assert token not in stored
    assert token.startswith(stored[0])


def test_it_refuses_an_unknown_token(olga) -> None:
    api_token_create(user=olga, name="pbx")

    assert api_token_user("rete_" + "x" * 43) is None
    assert api_token_user("not-a-token") is None


def test_it_refuses_a_revoked_token(olga) -> None:
    record, token = api_token_create(user=olga, name="pbx")

    api_token_revoke(token=record)

    assert api_token_user(token) is None


def test_it_refuses_an_expired_token(olga) -> None:
    _record, token = api_token_create(
        user=olga, name="pbx", expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert api_token_user(token) is None


def test_it_refuses_the_token_of_a_deactivated_user(olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")
    olga.is_active = False
    olga.save()

    assert api_token_user(token) is None


def test_the_command_prints_the_token_once(olga) -> None:
    out, err = io.StringIO(), io.StringIO()

    call_command("create-api-token", "olga", "--name", "pbx", stdout=out, stderr=err)

    token = out.getvalue().strip()
    assert api_token_user(token) == olga
    assert token not in err.getvalue()
    assert ApiToken.objects.get().expires_at is not None


def test_the_command_refuses_an_unknown_user(olga) -> None:
    with pytest.raises(CommandError):
        call_command("create-api-token", "nobody", stdout=io.StringIO(), stderr=io.StringIO())

    assert not ApiToken.objects.exists()


def test_the_bearer_authentication_sets_the_user(olga, rf) -> None:
    from rete.accounts.tokens import BearerTokenAuth

    _record, token = api_token_create(user=olga, name="pbx")
    request = rf.get("/api/v1/contacts/1", HTTP_AUTHORIZATION=f"Bearer {token}")
    refused = rf.get("/api/v1/contacts/1", HTTP_AUTHORIZATION="Bearer rete_wrong")

    assert BearerTokenAuth()(request) == olga
    assert request.user == olga
    assert BearerTokenAuth()(refused) is None
