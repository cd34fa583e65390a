"""The telephony API: POST /api/v1/contacts (idempotent start), GET /api/v1/contacts/{id}
(an audited read). Tokens are personal; the PBX acts as the operator."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rete.accounts.tokens import api_token_create
from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import callback_create, contact_notes_set

pytestmark = pytest.mark.django_db

URL = "/api/v1/contacts"
BODY = {"channel": "phone", "language": "it"}


def bearer(user) -> dict[str, str]:
    _record, token = api_token_create(user=user, name="pbx")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def start(client: Client, headers: dict[str, str], body=BODY, key: str | None = "call-1"):
    if key is not None:
        headers = {**headers, "HTTP_IDEMPOTENCY_KEY": key}
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def client() -> Client:
    return Client()


def test_it_refuses_a_request_without_a_token(client, olga) -> None:
    response = start(client, {})

    assert response.status_code == 401
    assert "detail" in response.json()
    assert not Contact.objects.exists()


def test_it_requires_an_idempotency_key(client, olga) -> None:
    response = start(client, bearer(olga), key=None)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert start(client, bearer(olga), key="x" * 101).status_code == 400
    assert not Contact.objects.exists()


def test_it_creates_then_returns_the_same_contact(client, olga) -> None:
    headers = bearer(olga)

    first = start(client, headers)
    again = start(client, headers)

    assert first.status_code == 201
    assert again.status_code == 200
    body = first.json()
    assert body["id"] == again.json()["id"] == str(Contact.objects.get().public_id)
    assert body["operator"] == "olga"
    assert body["status"] == "in_progress"
    assert body["started_at"]
    assert Contact.objects.count() == 1


def test_it_refuses_a_different_body_with_the_same_key(client, olga) -> None:
    headers = bearer(olga)
    start(client, headers)

    response = start(client, headers, body={"channel": "chat", "language": "it"})

    assert response.status_code == 409
    assert "detail" in response.json()
    assert Contact.objects.count() == 1


def test_it_refuses_bad_bodies(client, olga) -> None:
    headers = bearer(olga)

    assert start(client, headers, body={"channel": "fax", "language": "it"}).status_code == 400
    assert start(client, headers, body={**BODY, "caller_name": "X"}).status_code == 400
    assert not Contact.objects.exists()


def test_it_refuses_a_wrong_role(client, dora) -> None:
    response = start(client, bearer(dora))

    assert response.status_code == 403
    assert "detail" in response.json()
    assert not Contact.objects.exists()


def test_it_suggests_the_comune_without_storing_the_number(client, olga) -> None:
    response = start(client, bearer(olga), body={**BODY, "caller_number": "not a number"})

    assert response.status_code == 201
    assert response.json()["comune_suggestion"] is None
    assert response.json()["nuisance_flagged"] is False


def test_get_is_an_audited_read_without_notes(client, olga) -> None:
    headers = bearer(olga)
    contact_id = start(client, headers).json()["id"]
    contact = Contact.objects.get(public_id=contact_id)
    contact_notes_set(contact=contact, actor=olga, notes="Segreto")
    callback_create(
        contact=contact,
        actor=olga,
        number="333 123 4567",
        consent=True,
        due_at=timezone.now() + timedelta(hours=1),
    )

    response = client.get(f"{URL}/{contact_id}", **headers)

    assert response.status_code == 200
    assert response.json()["id"] == contact_id
    assert "notes" not in response.json()
    assert "Segreto" not in response.content.decode()
    assert "1234567" not in response.content.decode()
    entry = AuditEntry.objects.get(action="contact.read")
    assert (entry.actor, entry.target_id) == (olga, str(contact.pk))


def test_get_by_an_outsider_is_404(client, olga, ornella, dora) -> None:
    contact_id = start(client, bearer(olga)).json()["id"]

    for outsider in (ornella, dora):
        response = client.get(f"{URL}/{contact_id}", **bearer(outsider))
        assert response.status_code == 404
        assert set(response.json()) == {"detail"}
    assert client.get(f"{URL}/{contact_id}").status_code == 401
    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_a_supervisor_reads_any_contact(client, olga, sara) -> None:
    contact_id = start(client, bearer(olga)).json()["id"]

    response = client.get(f"{URL}/{contact_id}", **bearer(sara))

    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="contact.read", actor=sara).count() == 1
