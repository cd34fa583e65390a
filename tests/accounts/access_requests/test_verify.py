"""The verification link: the request goes to its reviewers, once, while the link works."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from rete.accounts.models import AccessRequest, AccessRequestStatus
from rete.audit.models import AuditEntry
from tests.accounts.access_requests.procedure import path_of, submit, verify_link

pytestmark = pytest.mark.usefixtures("bari", "palermo", "giraffa")


@pytest.fixture
def link(client, django_capture_on_commit_callbacks) -> str:
    submit(client, django_capture_on_commit_callbacks)
    found = path_of(verify_link(mail.outbox[-1]))
    mail.outbox.clear()
    return found


def test_it_verifies_and_tells_the_reviewers(
    client, link, dora, rita, pia, nina, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 200
    page = response.content.decode()
    assert "E-mail address confirmed" in page
    assert "reviewed by the referent of the territory Provincia di Bari" in page
    request = AccessRequest.objects.get()
    assert request.status == AccessRequestStatus.PENDING
    assert request.email_verified_at is not None
    # The Department and Bari's referent; not Palermo's referent, not an operator.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dora@example.org",
        "rita@example.org",
    ]
    message = mail.outbox[0]
    # The reviewers are written to in the interface's language, Italian.
    with translation.override("it"):
        subject = gettext("Access request no. %(number)s to review") % {"number": request.pk}
    assert message.subject == subject
    assert "Anna Esposito" in message.body
    assert "Associazione GIRAFFA Onlus" in message.body
    assert f"/area-riservata/richieste/{request.pk}/" in message.body
    # Staff data only: not the requester's address nor their reason.
    assert "anna.esposito@giraffa.example" not in message.body
    assert "questionnaires" not in message.body
    entry = AuditEntry.objects.get(action="access_request.verify")
    assert entry.target_id == str(request.pk)
    assert entry.actor_id is None


def test_a_national_role_is_reviewed_by_the_department_alone(
    client, dora, rita, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks, role="steering_committee")
    link = path_of(verify_link(mail.outbox[-1]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)
    assert "reviewed by the Department for Equal Opportunities." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["dora@example.org"]]


def test_a_used_link_changes_nothing(client, link, dora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link)
    verified_at = AccessRequest.objects.get().email_verified_at
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 410
    assert "This link has already been used" in response.content.decode()
    assert AccessRequest.objects.get().email_verified_at == verified_at
    assert mail.outbox == []
    assert AuditEntry.objects.filter(action="access_request.verify").count() == 1


def test_an_expired_link_changes_nothing(
    client, link, dora, set_clock, django_capture_on_commit_callbacks
):
    set_clock(timezone.now() + timedelta(hours=72, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 410
    assert "The link has expired: it worked for 72 hours" in response.content.decode()
    request = AccessRequest.objects.get()
    assert request.status == AccessRequestStatus.UNVERIFIED
    assert request.email_verified_at is None
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="access_request.verify").exists()


def test_an_unknown_link_is_not_found(client, link, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/accesso/richiesta/verifica/not-a-real-token/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert AccessRequest.objects.get().status == AccessRequestStatus.UNVERIFIED


def test_a_request_in_italian_gets_its_email_in_italian(
    giraffa, django_capture_on_commit_callbacks
):
    from django.test import Client

    italian = Client(HTTP_ACCEPT_LANGUAGE="it")
    submit(italian, django_capture_on_commit_callbacks)
    assert AccessRequest.objects.get().language == "it"
    # Signed with the network's Italian name, whatever the language of the test.
    assert "Rete nazionale antiviolenza" in mail.outbox[0].body
    assert "National Anti-violence Network\n" not in mail.outbox[0].body
