"""A session left idle too long ends: the next request is sent to sign in, with a word
why; the audit log and the person's session list say so. The 1522 console, used in
shared rooms, ends sooner."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from rete.accounts.middleware import LAST_ACTIVITY_KEY
from rete.accounts.models import UserSession
from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.audit.models import AuditEntry
from tests.people import make_person

pytestmark = pytest.mark.django_db

RESERVED = "/area-riservata/"
CONSOLE = "/console/"


def idle_for(browser: Client, minutes: float) -> None:
    """Make the browser's last activity `minutes` ago."""
    session = browser.session
    session[LAST_ACTIVITY_KEY] = int(time.time() - minutes * 60)
    session.save()


@pytest.fixture
def signed_in(settings):
    settings.ACCOUNTS_IDLE_MINUTES = 30
    settings.ACCOUNTS_CONSOLE_IDLE_MINUTES = 15

    def sign_in(username: str, role: str) -> Client:
        browser = Client()
        browser.force_login(make_person(username, role))
        return browser

    return sign_in


def test_it_keeps_a_session_active_within_the_limit(signed_in):
    browser = signed_in("diana", DEPARTMENT_ADMIN)
    idle_for(browser, 29)
    assert browser.get(RESERVED).status_code == 200
    # The activity was stamped again: the 30 minutes start over from that request.
    assert time.time() - browser.session[LAST_ACTIVITY_KEY] < 60
    assert not AuditEntry.objects.filter(action="auth.session_expired").exists()


def test_it_sends_an_idle_session_to_sign_in_with_a_message(signed_in):
    browser = signed_in("diana", DEPARTMENT_ADMIN)
    idle_for(browser, 31)

    response = browser.get(RESERVED)

    assert response.status_code == 302
    login = reverse("accounts:login")
    assert response.url == f"{login}?next={RESERVED}"
    page = browser.get(response.url)
    assert page.status_code == 200
    [message] = list(page.context["messages"])
    assert message.level_tag == "info"
    assert str(message) in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated
    # Signed out for good: going back does not bring the session back.
    assert browser.get(RESERVED).status_code == 302


def test_it_audits_the_expiry_and_ends_the_session_row(signed_in):
    browser = signed_in("diana", DEPARTMENT_ADMIN)
    key = browser.session.session_key
    browser.get("/accesso/il-mio-account/")
    idle_for(browser, 31)

    browser.get(RESERVED)

    entry = AuditEntry.objects.get(action="auth.session_expired")
    assert entry.target_id == str(UserSession.objects.get(session_key=key).user_id)
    assert key not in str(entry.details)
    assert UserSession.objects.get(session_key=key).ended_at is not None


def test_it_ends_the_console_sooner(signed_in):
    browser = signed_in("olga", HELPLINE_OPERATOR)
    idle_for(browser, 16)
    response = browser.get(CONSOLE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert AuditEntry.objects.filter(action="auth.session_expired").count() == 1


def test_it_does_not_apply_the_console_limit_elsewhere(signed_in):
    browser = signed_in("diana", DEPARTMENT_ADMIN)
    idle_for(browser, 16)
    assert browser.get(RESERVED).status_code == 200
    assert not AuditEntry.objects.filter(action="auth.session_expired").exists()


def test_it_tells_htmx_to_load_the_sign_in_page(signed_in):
    browser = signed_in("olga", HELPLINE_OPERATOR)
    idle_for(browser, 16)
    response = browser.get(CONSOLE, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_it_expires_idle_sessions_on_public_pages_too(signed_in):
    browser = signed_in("diana", DEPARTMENT_ADMIN)
    idle_for(browser, 31)
    response = browser.get("/accesso/il-mio-account/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="auth.session_expired").count() == 1
