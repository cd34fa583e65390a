"""Passwords: the link to set one (first password or forgotten one), and changing it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from rete.accounts.models import UserSession
from rete.accounts.passwords import password_set_path
from rete.accounts.roles import HELPLINE_OPERATOR
from rete.audit.models import AuditEntry
from tests.accounts.test_sign_in import it, post_password, sign_in_fully
from tests.people import PASSWORD, make_person, second_factor_device

pytestmark = pytest.mark.django_db

RESET = "/accesso/password/"
NEW_PASSWORD = "Un-faro-sul-porto-2027"


@pytest.fixture
def olga(db: None):
    user = make_person("olga", HELPLINE_OPERATOR)
    second_factor_device(user)
    return user


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def set_password(client: Client, link: str, password: str = NEW_PASSWORD, again: str | None = None):
    path = link.removeprefix(settings.SITE_URL)  # a link of an e-mail, or its path
    form_page = client.get(path)
    assert form_page.status_code == 302
    return client.post(
        form_page["Location"], {"new_password1": password, "new_password2": again or password}
    )


def test_it_mails_a_link_to_an_address_it_knows(client: Client, olga) -> None:
    response = client.post(RESET, {"email": "OLGA@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/accesso/password/inviata/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olga@example.org"]
    assert link_in(message).startswith(f"{settings.SITE_URL}/accesso/password/")
    assert it("To choose a password, open this link:") in message.body
    entry = AuditEntry.objects.get(action="auth.password_reset_requested")
    assert (entry.target_type, entry.target_id) == ("auth.user", str(olga.pk))
    assert entry.details == {}


def test_it_answers_the_same_for_an_unknown_address(client: Client, olga) -> None:
    known = client.post(RESET, {"email": "olga@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="auth.password_reset_requested").count() == 1
    page = client.get(unknown["Location"])
    assert 'data-testid="password-reset-sent"' in page.content.decode()


def test_it_mails_nothing_to_a_deactivated_account(client: Client, olga) -> None:
    from django.utils import timezone

    olga.account.deactivated_at = timezone.now()
    olga.account.save()

    client.post(RESET, {"email": "olga@example.org"})

    assert mail.outbox == []


def test_it_reaches_an_approved_account_that_never_set_a_password(client: Client) -> None:
    nadia = make_person("nadia", HELPLINE_OPERATOR)
    nadia.set_unusable_password()
    nadia.save(update_fields=["password"])

    client.post(RESET, {"email": "nadia@example.org"})

    assert len(mail.outbox) == 1


def test_the_link_sets_the_password_once(client: Client, olga) -> None:
    client.post(RESET, {"email": "olga@example.org"})
    link = link_in(mail.outbox[0])

    page = client.get(client.get(link.removeprefix(settings.SITE_URL))["Location"])
    assert it("Set your password") in page.content.decode()
    response = set_password(client, link)

    assert response.status_code == 302
    assert response["Location"] == "/accesso/"
    olga.refresh_from_db()
    assert olga.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action="auth.password_set")
    assert entry.actor == olga
    assert entry.details == {"via": "link"}
    # Used: the same link no longer works.
    again = Client().get(link.removeprefix(settings.SITE_URL))
    assert again.status_code == 200
    assert 'data-testid="password-link-invalid"' in again.content.decode()
    # And the person signs in with the new password, then the code.
    assert post_password(Client(), "olga", NEW_PASSWORD)["Location"] == "/accesso/secondo-fattore/"


def test_it_refuses_a_weak_password_and_keeps_the_old_one(client: Client, olga) -> None:
    response = set_password(client, password_set_path(olga), "12345678")

    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode()
    olga.refresh_from_db()
    assert olga.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="auth.password_set").exists()


def test_it_refuses_two_different_passwords(client: Client, olga) -> None:
    response = set_password(
        client, password_set_path(olga), NEW_PASSWORD, "Another-one-entirely-2027"
    )

    assert response.status_code == 200
    olga.refresh_from_db()
    assert olga.check_password(PASSWORD)


def test_a_new_password_ends_the_sessions_and_lifts_a_lockout(client: Client, olga) -> None:
    signed_in = Client()
    sign_in_fully(signed_in, olga)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "olga", "wrong-password-2026")
    assert post_password(client, "olga").status_code == 429
    olga.refresh_from_db()  # the link signs the last sign-in too

    set_password(client, password_set_path(olga))

    assert UserSession.objects.get(user=olga).ended_at is not None
    assert signed_in.get("/console/")["Location"].startswith("/accesso/")
    assert post_password(client, "olga", NEW_PASSWORD).status_code == 302


def test_a_signed_in_person_changes_their_password(client: Client, olga) -> None:
    sign_in_fully(client, olga)
    other = Client()
    sign_in_fully(other, olga)

    response = client.post(
        "/accesso/password/modifica/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    olga.refresh_from_db()
    assert olga.check_password(NEW_PASSWORD)
    assert client.get("/console/").status_code == 200
    assert other.get("/console/").status_code == 302
    current = UserSession.objects.get(session_key=client.session.session_key)
    assert current.ended_at is None
    assert UserSession.objects.filter(user=olga, ended_at__isnull=False).count() == 1
    assert AuditEntry.objects.get(action="auth.password_set").details == {"via": "change"}


def test_changing_the_password_needs_the_old_one(client: Client, olga) -> None:
    sign_in_fully(client, olga)

    response = client.post(
        "/accesso/password/modifica/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    olga.refresh_from_db()
    assert olga.check_password(PASSWORD)


def test_changing_the_password_needs_the_second_factor(client: Client) -> None:
    make_person("nadia", HELPLINE_OPERATOR)
    post_password(client, "nadia")

    response = client.get("/accesso/password/modifica/")

    assert response["Location"].startswith("/accesso/secondo-fattore/")


def test_the_link_of_a_deactivated_account_does_not_work(client: Client, olga) -> None:
    from django.utils import timezone

    path = password_set_path(olga)
    olga.account.deactivated_at = timezone.now()
    olga.account.save()

    response = client.get(path)

    assert response.status_code == 200
    assert 'data-testid="password-link-invalid"' in response.content.decode()
