"""Reviewing a request: approve (a new account, or a role on the one the person has) or
refuse; only within the reviewer's territories; once."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from rete.accounts.models import AccessRequest, AccessRequestStatus, Account, Grant
from rete.audit.models import AuditEntry
from tests.accounts.access_requests.procedure import (
    PASSWORD_LINK,
    PERSONAL_CODE,
    path_of,
    pending_request,
)
from tests.people import make_person

User = get_user_model()


@pytest.fixture
def anna_request(client, bari, giraffa, django_capture_on_commit_callbacks) -> AccessRequest:
    return pending_request(client, django_capture_on_commit_callbacks)


def approve(client, capture, access_request, **data):
    with capture(execute=True):
        return client.post(
            reverse("reserved:access_request_approve", kwargs={"pk": access_request.pk}), data
        )


def test_the_referent_approves_a_request_of_her_territory(
    client, rita, anna_request, bari, giraffa, django_capture_on_commit_callbacks
):
    client.force_login(rita)
    page = client.get(reverse("reserved:access_request", kwargs={"pk": anna_request.pk}))
    assert page.status_code == 200
    assert "Anna Esposito" in page.content.decode()

    response = approve(
        client,
        django_capture_on_commit_callbacks,
        anna_request,
        role="network_operator",
        territory=bari.pk,
        organization=giraffa.pk,
    )

    assert response.status_code == 302
    anna_request.refresh_from_db()
    assert anna_request.status == AccessRequestStatus.APPROVED
    assert anna_request.reviewed_by == rita
    assert anna_request.reviewed_at is not None
    anna = anna_request.account
    assert anna.email == "anna.esposito@giraffa.example"
    assert anna.get_full_name() == "Anna Esposito"
    assert not anna.has_usable_password()
    assert not anna.is_staff
    account = Account.objects.get(user=anna)
    assert anna.username == account.personal_code.lower()
    assert account.organization == giraffa
    grant = Grant.objects.get(user=anna)
    assert (grant.role, grant.territory, grant.organization, grant.granted_by) == (
        "network_operator",
        bari,
        giraffa,
        rita,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna.esposito@giraffa.example"]
    assert message.subject == (
        "Your access to the National Anti-violence Network has been approved"
    )
    assert PERSONAL_CODE.search(message.body).group(0) == account.personal_code
    link = PASSWORD_LINK.search(message.body)
    assert link, message.body
    # The link opens the page where Anna chooses her password (a valid link, not the
    # "link expired" page: the form has the new-password fields).
    client.logout()
    page = client.get(path_of(link.group(0)), follow=True)
    assert page.status_code == 200
    assert 'name="new_password1"' in page.content.decode()
    entry = AuditEntry.objects.get(action="access_request.approve")
    assert entry.actor_id == rita.pk
    assert entry.target_id == str(anna_request.pk)
    assert entry.details["account_created"] is True
    assert AuditEntry.objects.filter(action="grant.create", actor=rita).exists()


def test_the_department_may_change_the_role_to_a_national_one(
    client, dora, anna_request, django_capture_on_commit_callbacks
):
    client.force_login(dora)
    approve(client, django_capture_on_commit_callbacks, anna_request, role="monitoring_analyst")
    grant = Grant.objects.get(user=AccessRequest.objects.get().account)
    assert (grant.role, grant.territory, grant.organization) == ("monitoring_analyst", None, None)
    assert "Monitoring analyst" in mail.outbox[0].body


def test_a_referent_cannot_give_a_national_role(
    client, rita, anna_request, django_capture_on_commit_callbacks
):
    client.force_login(rita)
    response = approve(
        client, django_capture_on_commit_callbacks, anna_request, role="steering_committee"
    )
    assert response.status_code == 400
    assert "Only the Department can give this role." in response.content.decode()
    anna_request.refresh_from_db()
    assert anna_request.status == AccessRequestStatus.PENDING
    assert not User.objects.filter(email="anna.esposito@giraffa.example").exists()
    assert mail.outbox == []


def test_a_referent_cannot_give_a_role_in_another_territory(
    client, rita, anna_request, palermo, django_capture_on_commit_callbacks
):
    client.force_login(rita)
    response = approve(
        client,
        django_capture_on_commit_callbacks,
        anna_request,
        role="network_operator",
        territory=palermo.pk,
    )
    assert response.status_code == 400
    assert "Choose one of the territories of the list." in response.content.decode()
    assert AccessRequest.objects.get().status == AccessRequestStatus.PENDING


def test_the_referent_of_another_territory_cannot_see_nor_approve_it(
    client, pia, anna_request, django_capture_on_commit_callbacks
):
    client.force_login(pia)
    detail = client.get(reverse("reserved:access_request", kwargs={"pk": anna_request.pk}))
    assert detail.status_code == 404
    listing = client.get(reverse("reserved:access_requests"))
    assert "Anna Esposito" not in listing.content.decode()
    response = approve(
        client, django_capture_on_commit_callbacks, anna_request, role="network_operator"
    )
    assert response.status_code == 404
    assert AccessRequest.objects.get().status == AccessRequestStatus.PENDING
    assert mail.outbox == []


def test_an_operator_is_not_a_reviewer(client, nina, anna_request):
    client.force_login(nina)
    assert client.get(reverse("reserved:access_requests")).status_code == 403


def test_a_request_is_reviewed_once(
    client, dora, rita, anna_request, bari, django_capture_on_commit_callbacks
):
    client.force_login(rita)
    approve(
        client,
        django_capture_on_commit_callbacks,
        anna_request,
        role="network_operator",
        territory=bari.pk,
    )
    mail.outbox.clear()
    client.force_login(dora)

    again = approve(
        client, django_capture_on_commit_callbacks, anna_request, role="monitoring_analyst"
    )
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(
            reverse("reserved:access_request_refuse", kwargs={"pk": anna_request.pk}),
            {"reason": "Too late."},
        )

    for response in (again, refused):
        assert response.status_code == 409
        assert "This request is not waiting for a review" in response.content.decode()
    assert User.objects.filter(email="anna.esposito@giraffa.example").count() == 1
    assert list(
        Grant.objects.filter(user__email="anna.esposito@giraffa.example").values_list(
            "role", flat=True
        )
    ) == ["network_operator"]
    assert AccessRequest.objects.get().status == AccessRequestStatus.APPROVED
    assert mail.outbox == []


def test_an_unverified_request_cannot_be_reviewed(
    client, dora, bari, giraffa, django_capture_on_commit_callbacks
):
    from tests.accounts.access_requests.procedure import submit

    submit(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    request = AccessRequest.objects.get()
    client.force_login(dora)
    response = approve(
        client,
        django_capture_on_commit_callbacks,
        request,
        role="network_operator",
        territory=bari.pk,
    )
    assert response.status_code == 409
    assert AccessRequest.objects.get().status == AccessRequestStatus.UNVERIFIED
    assert mail.outbox == []


def test_an_address_with_an_account_gets_the_role_on_it(
    client, rita, bari, giraffa, django_capture_on_commit_callbacks
):
    anna = make_person("anna", "network_operator", territory=bari, organization=giraffa)
    anna.email = "Anna.Esposito@giraffa.example"
    anna.save(update_fields=["email"])
    request = pending_request(client, django_capture_on_commit_callbacks, role="atr_referent")
    client.force_login(rita)

    page = client.get(reverse("reserved:access_request", kwargs={"pk": request.pk}))
    assert "An account with this e-mail address already exists" in page.content.decode()

    approve(
        client,
        django_capture_on_commit_callbacks,
        request,
        role="atr_referent",
        territory=bari.pk,
    )

    assert User.objects.filter(email__iexact="anna.esposito@giraffa.example").count() == 1
    assert AccessRequest.objects.get().account == anna
    assert set(Grant.objects.filter(user=anna).values_list("role", flat=True)) == {
        "network_operator",
        "atr_referent",
    }
    body = mail.outbox[0].body
    assert anna.account.personal_code in body
    assert "The role has been added to the account you already have" in body
    assert not PASSWORD_LINK.search(body)


def test_a_deactivated_account_must_be_reactivated_first(
    client, dora, bari, giraffa, django_capture_on_commit_callbacks
):
    from rete.accounts.review import account_deactivate

    anna = make_person("anna", "network_operator", territory=bari, organization=giraffa)
    anna.email = "anna.esposito@giraffa.example"
    anna.save(update_fields=["email"])
    account_deactivate(account=anna.account, by=dora, reason="by_reviewer")
    request = pending_request(client, django_capture_on_commit_callbacks)
    client.force_login(dora)

    response = approve(
        client,
        django_capture_on_commit_callbacks,
        request,
        role="network_operator",
        territory=bari.pk,
    )

    assert response.status_code == 400
    assert "reactivate it from its page before approving" in response.content.decode()
    assert AccessRequest.objects.get().status == AccessRequestStatus.PENDING
    assert mail.outbox == []


def test_the_referent_refuses_with_a_reason(
    client, rita, anna_request, django_capture_on_commit_callbacks
):
    client.force_login(rita)
    url = reverse("reserved:access_request_refuse", kwargs={"pk": anna_request.pk})
    with django_capture_on_commit_callbacks(execute=True):
        missing = client.post(url, {"reason": "  "})
    assert missing.status_code == 400
    assert "Write the reason: the requester will read it." in missing.content.decode()
    assert AccessRequest.objects.get().status == AccessRequestStatus.PENDING
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "GIRAFFA already has two operators."})

    assert response.status_code == 302
    anna_request.refresh_from_db()
    assert anna_request.status == AccessRequestStatus.REFUSED
    assert anna_request.decision_reason == "GIRAFFA already has two operators."
    assert anna_request.reviewed_by == rita
    assert anna_request.account is None
    message = mail.outbox[0]
    assert message.to == ["anna.esposito@giraffa.example"]
    assert "GIRAFFA already has two operators." in message.body
    entry = AuditEntry.objects.get(action="access_request.refuse")
    assert entry.actor_id == rita.pk
    assert "GIRAFFA" not in str(entry.details)


def test_the_list_shows_pending_requests_of_the_reviewers_scope(
    client, dora, rita, pia, anna_request, palermo, django_capture_on_commit_callbacks
):
    palermo_request = pending_request(
        client,
        django_capture_on_commit_callbacks,
        full_name="Lia Russo",
        email="lia@example.org",
        territory=str(palermo.pk),
    )
    lists = {}
    for reviewer in (dora, rita, pia):
        client.force_login(reviewer)
        lists[reviewer.username] = client.get(reverse("reserved:access_requests")).content.decode()
    assert "Anna Esposito" in lists["dora"] and "Lia Russo" in lists["dora"]
    assert "Anna Esposito" in lists["rita"] and "Lia Russo" not in lists["rita"]
    assert "Lia Russo" in lists["pia"] and "Anna Esposito" not in lists["pia"]
    assert palermo_request.status == AccessRequestStatus.PENDING

    client.force_login(dora)
    refused = client.get(reverse("reserved:access_requests"), {"status": "refused"})
    assert "Anna Esposito" not in refused.content.decode()
