"""The telephony API checks the token and the role on every request: nothing is kept
from one request to the next, so a revoked token, a deactivated account or a role taken
away refuses the very next call of the PBX."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from rete.accounts.models import ApiToken
from rete.accounts.roles import HELPLINE_OPERATOR
from rete.accounts.services import user_grant_role
from rete.accounts.tokens import api_token_create, api_token_revoke
from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Contact

pytestmark = pytest.mark.django_db

URL = "/api/v1/contacts"
BODY = json.dumps({"channel": "phone", "language": "it"})


def start(client: Client, token: str, key: str):
    return client.post(
        URL,
        BODY,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=key,
    )


@pytest.fixture
def client() -> Client:
    return Client()


def test_it_refuses_the_next_request_once_the_role_is_taken_away(client, olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")
    assert start(client, token, "call-1").status_code == 201

    olga.groups.remove(Group.objects.get(name=HELPLINE_OPERATOR))
    refused = start(client, token, "call-2")

    assert refused.status_code == 403
    assert "detail" in refused.json()
    assert Contact.objects.count() == 1
    assert AuditEntry.objects.filter(action="contact.create").count() == 1


def test_it_accepts_the_next_request_once_the_role_is_given(client, dora) -> None:
    _record, token = api_token_create(user=dora, name="pbx")
    assert start(client, token, "call-1").status_code == 403

    user_grant_role(user=dora, role=HELPLINE_OPERATOR)

    assert start(client, token, "call-1").status_code == 201


def test_it_refuses_a_retry_once_the_role_is_taken_away(client, olga) -> None:
    # A retry of a start made while she had the role gets no answer either.
    _record, token = api_token_create(user=olga, name="pbx")
    assert start(client, token, "call-1").status_code == 201

    olga.groups.clear()

    assert start(client, token, "call-1").status_code == 403


def test_it_refuses_the_next_request_once_the_token_is_revoked(client, olga) -> None:
    record, token = api_token_create(user=olga, name="pbx")
    assert start(client, token, "call-1").status_code == 201

    api_token_revoke(token=record)

    assert start(client, token, "call-2").status_code == 401
    assert Contact.objects.count() == 1


def test_it_refuses_the_next_request_once_the_account_is_deactivated(client, olga) -> None:
    _record, token = api_token_create(user=olga, name="pbx")
    assert start(client, token, "call-1").status_code == 201

    olga.is_active = False
    olga.save(update_fields=["is_active"])

    assert start(client, token, "call-2").status_code == 401


def test_it_refuses_the_next_request_once_the_token_expires(client, olga) -> None:
    record, token = api_token_create(
        user=olga, name="pbx", expires_at=timezone.now() + timedelta(hours=1)
    )
    assert start(client, token, "call-1").status_code == 201

    ApiToken.objects.filter(pk=record.pk).update(expires_at=timezone.now())

    assert start(client, token, "call-2").status_code == 401
    assert Contact.objects.count() == 1
