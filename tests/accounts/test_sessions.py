"""A person ends their sessions on other browsers from "Il mio account": the ended browser
is signed out at its next request, and the audit log says so without the session key."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rete.accounts.account_page.selectors import browser_label
from rete.accounts.models import UserSession
from rete.accounts.roles import HELPLINE_OPERATOR, NETWORK_OPERATOR
from rete.audit.models import AuditEntry
from tests.people import make_person

pytestmark = pytest.mark.django_db

PAGE = "/accesso/il-mio-account/"
RESERVED = "/area-riservata/"


def signed_in(user, *, user_agent: str = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"):
    """A browser of its own, signed in as `user`, that has opened the account page once
    (so that its session is listed)."""
    browser = Client(HTTP_USER_AGENT=user_agent)
    browser.force_login(user)
    assert browser.get(PAGE).status_code == 200
    return browser


def row_of(browser: Client) -> UserSession:
    return UserSession.objects.get(session_key=browser.session.session_key)


@pytest.fixture
def nadia():
    return make_person("nadia", NETWORK_OPERATOR)


def test_it_lists_every_open_session_of_the_person(nadia):
    signed_in(nadia, user_agent="Mozilla/5.0 (Windows NT 10.0) Firefox/133.0")
    laptop = signed_in(nadia)
    sessions = laptop.get(PAGE).context["sessions"]
    assert len(sessions) == 2
    assert [item.is_current for item in sessions] == [True, False]
    with translation.override("en"):
        assert browser_label(sessions[1].row.user_agent) == "Firefox on Windows"
    assert sessions[1].browser in laptop.get(PAGE).content.decode()


def test_it_ends_another_session_which_is_then_signed_out(nadia):
    phone = signed_in(nadia)
    laptop = signed_in(nadia)
    phone_row = row_of(phone)
    assert phone.get(RESERVED).status_code == 200

    response = laptop.post(reverse("accounts:session_end", args=[phone_row.pk]), follow=True)

    assert response.redirect_chain[-1][0] == PAGE
    assert len(response.context["sessions"]) == 1
    phone_row.refresh_from_db()
    assert phone_row.ended_at is not None
    answer = phone.get(RESERVED)
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("accounts:login"))
    assert laptop.get(RESERVED).status_code == 200


def test_it_audits_the_end_without_the_session_key(nadia):
    phone = signed_in(nadia)
    laptop = signed_in(nadia)
    phone_row = row_of(phone)
    laptop.post(reverse("accounts:session_end", args=[phone_row.pk]), REMOTE_ADDR="198.51.100.4")
    entry = AuditEntry.objects.get(action="auth.session_ended")
    assert entry.actor_id == nadia.pk
    assert entry.target_id == str(phone_row.pk)
    assert entry.details == {"session_id": phone_row.pk, "ended_by": "self"}
    assert entry.ip_address == "198.51.100.4"
    assert phone_row.session_key not in str(entry.details)


def test_it_ends_all_the_other_sessions_and_keeps_this_one(nadia):
    phone = signed_in(nadia)
    tablet = signed_in(nadia)
    laptop = signed_in(nadia)

    response = laptop.post(reverse("accounts:sessions_end_others"), follow=True)

    assert [item.is_current for item in response.context["sessions"]] == [True]
    assert phone.get(RESERVED).status_code == 302
    assert tablet.get(RESERVED).status_code == 302
    assert laptop.get(RESERVED).status_code == 200
    assert AuditEntry.objects.filter(action="auth.session_ended").count() == 2
    assert row_of(laptop).ended_at is None


def test_it_says_so_when_there_is_no_other_session(nadia):
    laptop = signed_in(nadia)
    response = laptop.post(reverse("accounts:sessions_end_others"), follow=True)
    assert len(list(response.context["messages"])) == 1
    assert not AuditEntry.objects.filter(action="auth.session_ended").exists()


def test_it_does_not_end_the_session_of_someone_else(nadia):
    olga = make_person("olga", HELPLINE_OPERATOR)
    olgas = signed_in(olga)
    olga_row = row_of(olgas)
    laptop = signed_in(nadia)

    response = laptop.post(reverse("accounts:session_end", args=[olga_row.pk]))

    assert response.status_code == 404
    olga_row.refresh_from_db()
    assert olga_row.ended_at is None
    assert olgas.get(RESERVED).status_code == 200
    assert not AuditEntry.objects.filter(action="auth.session_ended").exists()


def test_it_does_not_end_this_session_by_that_button(nadia):
    laptop = signed_in(nadia)
    response = laptop.post(reverse("accounts:session_end", args=[row_of(laptop).pk]))
    assert response.status_code == 404
    assert laptop.get(RESERVED).status_code == 200


def test_it_answers_404_for_a_session_already_ended(nadia):
    phone = signed_in(nadia)
    laptop = signed_in(nadia)
    url = reverse("accounts:session_end", args=[row_of(phone).pk])
    laptop.post(url)
    assert laptop.post(url).status_code == 404
    assert AuditEntry.objects.filter(action="auth.session_ended").count() == 1


def test_it_refuses_to_end_a_session_by_get(nadia):
    phone = signed_in(nadia)
    laptop = signed_in(nadia)
    response = laptop.get(reverse("accounts:session_end", args=[row_of(phone).pk]))
    assert response.status_code == 405
    assert phone.get(RESERVED).status_code == 200


def test_it_refuses_an_anonymous_visitor(nadia):
    phone = signed_in(nadia)
    response = Client().post(reverse("accounts:session_end", args=[row_of(phone).pk]))
    assert response.status_code == 302
    assert row_of(phone).ended_at is None
