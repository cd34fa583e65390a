"""Once a year a person confirms they still work where they did and still need their
access; or says they no longer need it, and their account deactivates at once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rete.accounts.models import Account, DeactivationReason
from rete.accounts.roles import NETWORK_OPERATOR
from rete.audit.models import AuditEntry
from rete.directory.models import Organization
from rete.network.models import Territory
from tests.people import make_person

pytestmark = pytest.mark.django_db

URL = "/accesso/conferma-annuale/"
RESERVED = "/area-riservata/"


@pytest.fixture
def nadia():
    giraffa = Organization.objects.create(
        ext_id="org-giraffa", name="Associazione GIRAFFA Onlus", kind="association"
    )
    bari = Territory.objects.create(code="ATR-BA", name="Provincia di Bari")
    user = make_person("nadia", NETWORK_OPERATOR, territory=bari, organization=giraffa)
    Account.objects.filter(user=user).update(organization=giraffa)
    return user


def overdue(user, days: int = 366) -> datetime.datetime:
    last = timezone.now() - datetime.timedelta(days=days)
    Account.objects.filter(user=user).update(reconfirmed_at=last)
    return last


@pytest.fixture
def browser(nadia) -> Client:
    client = Client()
    client.force_login(nadia)
    return client


def test_it_is_the_url_named_reconfirm():
    assert reverse("accounts:reconfirm") == URL


def test_it_shows_the_organisation_and_the_roles(browser):
    response = browser.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Associazione GIRAFFA Onlus" in page
    assert "Provincia di Bari" in page


def test_the_reserved_area_sends_there_when_due(browser, nadia):
    overdue(nadia)
    response = browser.get(f"{RESERVED}?pagina=2")
    assert response.status_code == 302
    assert response.url == f"{URL}?next=%2Farea-riservata%2F%3Fpagina%3D2"


def test_the_reserved_area_opens_when_not_due(browser):
    assert browser.get(RESERVED).status_code == 200


def test_it_confirms_and_goes_back_where_the_person_was(browser, nadia):
    last = overdue(nadia)
    response = browser.post(URL, {"still_needed": "on", "next": RESERVED})
    assert response.status_code == 302
    assert response.url == RESERVED
    account = Account.objects.get(user=nadia)
    assert account.reconfirmed_at > last + datetime.timedelta(days=300)
    entry = AuditEntry.objects.get(action="account.reconfirm")
    assert entry.actor_id == nadia.pk
    assert entry.target_id == str(account.pk)
    assert browser.get(RESERVED).status_code == 200


def test_it_ignores_a_next_address_elsewhere(browser):
    response = browser.post(URL, {"still_needed": "on", "next": "https://example.com/"})
    assert response.url == reverse("accounts:security")


def test_it_asks_to_tick_the_box(browser, nadia):
    last = overdue(nadia)
    response = browser.post(URL, {"next": RESERVED})
    assert response.status_code == 400
    assert response.context["form"].errors["still_needed"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert Account.objects.get(user=nadia).reconfirmed_at == last
    assert not AuditEntry.objects.filter(action="account.reconfirm").exists()


def test_no_longer_needed_deactivates_and_signs_out(browser, nadia):
    response = browser.post(URL, {"decision": "decline"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert not response.wsgi_request.user.is_authenticated
    assert len(list(response.context["messages"])) == 1
    account = Account.objects.select_related("user").get(user=nadia)
    assert account.deactivated_at is not None
    assert account.deactivation_reason == DeactivationReason.NOT_RECONFIRMED
    assert account.user.is_active is False
    entry = AuditEntry.objects.get(action="account.deactivate")
    assert entry.actor_id == nadia.pk
    assert entry.details["reason"] == "not_reconfirmed"
    assert browser.get(RESERVED).status_code == 302


def test_no_longer_needed_signs_out_the_other_browsers_too(browser, nadia):
    phone = Client()
    phone.force_login(nadia)
    assert phone.get(RESERVED).status_code == 200
    browser.post(URL, {"decision": "decline"})
    assert phone.get(RESERVED).status_code == 302


def test_a_deactivated_person_cannot_sign_in_again(browser, nadia):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    from tests.people import PASSWORD

    browser.post(URL, {"decision": "decline"})
    request = RequestFactory().post("/accesso/")
    assert authenticate(request, username="nadia", password=PASSWORD) is None


def test_it_refuses_an_anonymous_visitor(nadia):
    response = Client().post(URL, {"decision": "decline"})
    assert response.status_code == 302
    assert Account.objects.get(user=nadia).deactivated_at is None
