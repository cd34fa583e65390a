"""A person's own account page: who they are, their roles, their second factor, when they
next re-confirm, where they are signed in."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from rete.accounts.account_page.selectors import browser_label
from rete.accounts.models import Account, UserSession
from rete.accounts.roles import HELPLINE_OPERATOR, NETWORK_OPERATOR
from rete.directory.models import Organization
from rete.network.models import Territory
from tests.people import make_person

pytestmark = pytest.mark.django_db

URL = "/accesso/il-mio-account/"
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def nadia():
    """Nadia works for the GIRAFFA centre in the territory of Bari."""
    giraffa = Organization.objects.create(
        ext_id="org-giraffa", name="Associazione GIRAFFA Onlus", kind="association"
    )
    bari = Territory.objects.create(code="ATR-BA", name="Provincia di Bari")
    user = make_person(
        "nadia",
        NETWORK_OPERATOR,
        territory=bari,
        organization=giraffa,
        first_name="Nadia",
        last_name="Lopez",
    )
    Account.objects.filter(user=user).update(organization=giraffa)
    return user


def test_it_is_the_url_named_security():
    assert reverse("accounts:security") == URL


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_asks_for_the_second_factor_first(client, nadia):
    client.force_login(nadia)
    session = client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("accounts:second_factor")


def test_it_shows_who_the_person_is_and_their_roles(client, nadia):
    client.force_login(nadia)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    page = response.content.decode()
    assert nadia.account.personal_code in page
    assert "Nadia Lopez" in page
    assert "nadia@example.org" in page
    assert "Associazione GIRAFFA Onlus" in page
    assert "Provincia di Bari" in page


def test_it_shows_the_second_factor_and_the_recovery_codes_left(client, nadia):
    device = StaticDevice.objects.create(user=nadia, name="recovery")
    for token in ("aaaa1111", "bbbb2222", "cccc3333"):
        device.token_set.create(token=token)
    client.force_login(nadia)
    response = client.get(URL)
    assert response.context["second_factor"].confirmed is True
    assert response.context["second_factor"].recovery_codes_left == 3
    assert "aaaa1111" not in response.content.decode()


def test_it_shows_the_date_of_the_next_reconfirmation(client, nadia):
    last = timezone.now() - datetime.timedelta(days=10)
    Account.objects.filter(user=nadia).update(reconfirmed_at=last)
    client.force_login(nadia)
    response = client.get(URL)
    assert response.context["reconfirm_due_at"] == last + datetime.timedelta(days=365)
    assert response.context["reconfirm_notice"] is None
    assert 'data-testid="reconfirm-notice"' not in response.content.decode()


def test_it_warns_thirty_days_before_the_reconfirmation_is_due(client, nadia):
    Account.objects.filter(user=nadia).update(
        reconfirmed_at=timezone.now() - datetime.timedelta(days=340)
    )
    client.force_login(nadia)
    response = client.get(URL)
    assert response.context["reconfirm_notice"] == "soon"
    assert 'data-testid="reconfirm-notice"' in response.content.decode()
    assert reverse("accounts:reconfirm") in response.content.decode()


def test_it_lists_this_session_even_when_it_has_no_row_yet(client, nadia):
    client.force_login(nadia)
    response = client.get(URL, HTTP_USER_AGENT=CHROME_LINUX, REMOTE_ADDR="203.0.113.7")
    row = UserSession.objects.get(user=nadia)
    assert row.session_key == client.session.session_key
    assert row.ip_address == "203.0.113.7"
    [item] = response.context["sessions"]
    assert item.is_current
    page = response.content.decode()
    assert 'data-testid="this-session"' in page
    assert "203.0.113.7" in page
    assert 'data-testid="end-session"' not in page


def test_it_does_not_list_a_session_that_signed_out(client, nadia):
    other = client.__class__()
    other.force_login(nadia)
    other.get(URL)
    other.post(reverse("accounts:logout"))
    client.force_login(nadia)
    response = client.get(URL)
    assert len(response.context["sessions"]) == 1
    assert UserSession.objects.filter(user=nadia, ended_at__isnull=False).count() == 1


def test_it_does_not_list_the_sessions_of_someone_else(client, nadia):
    olga = make_person("olga", HELPLINE_OPERATOR)
    other = client.__class__()
    other.force_login(olga)
    other.get(URL)
    client.force_login(nadia)
    response = client.get(URL)
    assert [item.row.user_id for item in response.context["sessions"]] == [nadia.pk]


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (CHROME_LINUX, "Chrome on Linux"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox on Windows",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Safari on iOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Safari on macOS",
        ),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
    ],
)
def test_it_names_the_browser_shortly(user_agent, label):
    with translation.override("en"):
        assert browser_label(user_agent) == label
