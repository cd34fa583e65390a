"""What `POST /api/v1/contacts` answers, and what it costs the database.

A new contact is answered without reading anything back (it has no transfer attempt and no
emergency record yet); a retry answers the contact as it is now, attempts included. The
start is the busiest call of the telephony API, so its queries are pinned here: a change
that adds one shows up as a failing test, not as a slower helpline months later.
"""

import json
from datetime import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rete.accounts.tokens import api_token_create
from rete.audit.models import AuditEntry
from rete.audit.selectors import audit_chain_verify
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import (
    contact_emergency_mark,
    contact_record_transfer_attempt,
    contact_route,
)
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

URL = "/api/v1/contacts"
BODY = json.dumps({"channel": "phone", "language": "it"})
AT = datetime.fromisoformat(WEDNESDAY_MORNING)
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def token(olga) -> str:
    _record, token = api_token_create(user=olga, name="pbx")
    return token


def start(client: Client, token: str, key: str):
    return client.post(
        URL,
        BODY,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def statements(captured: CaptureQueriesContext) -> list[str]:
    """The statements run, without the transaction control around them."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].upper().startswith(TRANSACTION_CONTROL)
    ]


def test_a_new_contact_is_answered_with_no_attempts_and_no_emergency(client, token) -> None:
    response = start(client, token, "call-1")

    assert response.status_code == 201
    body = response.json()
    assert body["transfer_attempts"] == []
    assert body["emergency_record"] is None
    assert body["operator"] == "olga"
    assert body["comune"] is None
    assert body["id"] == str(Contact.objects.get().public_id)


def test_a_retry_answers_the_contact_as_it_is_now(client, token, olga, network) -> None:
    first = start(client, token, "call-1").json()
    contact = Contact.objects.get(public_id=first["id"])
    contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)
    contact_record_transfer_attempt(
        contact=contact, actor=olga, service_id="svc-giraffa", outcome="no_answer", at=AT
    )
    contact_emergency_mark(contact=contact, actor=olga, step="started", at=AT)

    again = start(client, token, "call-1")

    assert again.status_code == 200
    body = again.json()
    assert body["id"] == first["id"]
    assert body["operator"] == "olga"
    assert body["comune"] == {"code": MOLA, "name": "Mola di Bari"}
    assert body["emergency"] is True
    assert [(a["position"], a["service_id"], a["outcome"]) for a in body["transfer_attempts"]] == [
        (1, "svc-giraffa", "no_answer")
    ]
    assert body["emergency_record"]["started_at"]
    assert Contact.objects.count() == 1


def test_it_starts_a_contact_in_four_statements(client, token) -> None:
    # The first call of a token also notes when the token was last used: not counted here.
    start(client, token, "call-1")

    with CaptureQueriesContext(connection) as captured:
        response = start(client, token, "call-2")

    assert response.status_code == 201
    run = statements(captured)
    # The token with its user and the user's groups; the contact; the audit chain head,
    # locked; the audit entry and the moved head (one statement on PostgreSQL, two elsewhere).
    expected = 4 if connection.vendor == "postgresql" else 5
    assert len(run) == expected, "\n".join(run)
    assert AuditEntry.objects.filter(action="contact.create").count() == 2
    assert audit_chain_verify().intact


def test_it_answers_a_retry_in_five_statements(client, token) -> None:
    start(client, token, "call-1")

    with CaptureQueriesContext(connection) as captured:
        response = start(client, token, "call-1")

    assert response.status_code == 200
    run = statements(captured)
    # The token with its user and the user's groups; the refused insert; the contact of the
    # key; then its emergency record and its transfer attempts.
    assert len(run) == 5, "\n".join(run)
    assert Contact.objects.count() == 1
