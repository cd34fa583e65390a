"""The public request form: what is recorded and sent, and what is refused."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from rete.accounts.access_requests.services import MAX_PER_IP_PER_HOUR, verification_digest
from rete.accounts.models import AccessRequest, AccessRequestStatus
from rete.audit.models import AuditEntry
from tests.accounts.access_requests.procedure import submit, verify_link

pytestmark = pytest.mark.usefixtures("bari", "giraffa", "asl_bari")


def test_it_shows_the_form_with_the_network_members_grouped_by_kind(client):
    response = client.get(reverse("accounts:access_request"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<optgroup label="Association">' in page
    assert "Associazione GIRAFFA Onlus" in page
    assert '<optgroup label="Health service">' in page
    assert "Another organisation, not in the list" in page
    # The Department's and the helpline's accounts are not requested.
    assert 'value="department_admin"' not in page
    assert 'value="helpline_operator"' not in page


def test_it_records_the_request_and_sends_the_verification_link(
    client, django_capture_on_commit_callbacks
):
    response = submit(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:access_request_sent")
    request = AccessRequest.objects.get()
    assert request.status == AccessRequestStatus.UNVERIFIED
    assert request.full_name == "Anna Esposito"
    assert request.email == "anna.esposito@giraffa.example"
    assert request.organization.ext_id == "org-giraffa"
    assert request.territory.code == "ATR-BA"
    assert request.language == "en"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna.esposito@giraffa.example"]
    assert message.subject == (
        "Confirm your request of access to the National Anti-violence Network"
    )
    assert "Dear Anna Esposito," in message.body
    assert "The link works for 72 hours." in message.body
    # Only the token's digest is kept: the link's token is not in the database.
    token = verify_link(message).rstrip("/").rsplit("/", 1)[1]
    assert request.verification_digest == verification_digest(token)
    assert token not in request.verification_digest


def test_it_shows_the_same_check_your_email_page(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks)
    page = client.get(response["Location"])
    assert "Check your e-mail" in page.content.decode()


def test_it_audits_the_request_without_personal_data(client, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks)
    request = AccessRequest.objects.get()
    entry = AuditEntry.objects.get(action="access_request.create")
    assert entry.actor_id is None
    assert entry.target_type == "accounts.accessrequest"
    assert entry.target_id == str(request.pk)
    written = str(entry.details)
    assert "Anna" not in written
    assert "giraffa.example" not in written
    assert "questionnaires" not in written


def test_it_keeps_what_was_typed_and_says_what_is_missing(
    client, django_capture_on_commit_callbacks
):
    response = submit(client, django_capture_on_commit_callbacks, email="anna@", reason="")

    assert response.status_code == 400
    page = response.content.decode()
    assert "This is not an e-mail address" in page
    assert "Explain briefly why you need access." in page
    assert 'value="Anna Esposito"' in page
    assert not AccessRequest.objects.exists()
    assert mail.outbox == []


def test_it_needs_the_organisation_name_when_not_in_the_list(
    client, django_capture_on_commit_callbacks
):
    response = submit(client, django_capture_on_commit_callbacks, organization="other")
    assert response.status_code == 400
    assert "Write the name of your organisation" in response.content.decode()
    assert not AccessRequest.objects.exists()

    submit(
        client,
        django_capture_on_commit_callbacks,
        organization="other",
        organization_other="Cooperativa Sole",
    )
    request = AccessRequest.objects.get()
    assert request.organization is None
    assert request.organization_other == "Cooperativa Sole"


def test_it_needs_a_territory_for_a_territorial_role(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, role="atr_referent", territory="")
    assert response.status_code == 400
    assert "Choose the territory where you work" in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_it_drops_the_territory_of_a_national_role(client, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks, role="monitoring_analyst")
    assert AccessRequest.objects.get().territory is None


def test_it_refuses_a_role_not_offered(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, role="department_admin")
    assert response.status_code == 400
    assert "Choose a role from the list." in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_it_refuses_a_reason_over_2000_characters(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, reason="x" * 2001)
    assert response.status_code == 400
    assert "within 2000 characters" in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_it_records_nothing_when_the_hidden_field_is_filled(
    client, django_capture_on_commit_callbacks
):
    response = submit(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:access_request_sent")
    assert not AccessRequest.objects.exists()
    assert mail.outbox == []


def test_it_accepts_at_most_three_open_requests_per_address(
    client, django_capture_on_commit_callbacks
):
    for _ in range(3):
        submit(client, django_capture_on_commit_callbacks)
    response = submit(
        client, django_capture_on_commit_callbacks, email="ANNA.ESPOSITO@giraffa.example"
    )
    # The same page as ever: it must not tell that the address has asked before.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:access_request_sent")
    assert AccessRequest.objects.count() == 3
    assert len(mail.outbox) == 3


def test_it_limits_the_requests_from_one_connection(client, django_capture_on_commit_callbacks):
    for number in range(MAX_PER_IP_PER_HOUR):
        submit(client, django_capture_on_commit_callbacks, email=f"person{number}@example.org")
    response = submit(client, django_capture_on_commit_callbacks, email="one.more@example.org")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many requests have come from your connection" in page
    assert 'value="one.more@example.org"' in page
    assert AccessRequest.objects.count() == MAX_PER_IP_PER_HOUR
    cache.clear()  # the hour has passed
    assert submit(client, django_capture_on_commit_callbacks).status_code == 302


def test_it_tells_a_signed_in_person_they_have_an_account(client, nina):
    client.force_login(nina)
    response = client.get(reverse("accounts:access_request"))
    assert response.status_code == 200
    assert "You already have an account" in response.content.decode()
    assert '<form method="post" action="/accesso/richiesta/"' not in response.content.decode()
