"""Shared by the access request tests (tests/accounts/access_requests, tests/reserved/people):
two territories, the network's members, the reviewers, and the steps of the procedure.

Dora works at the Department and reviews every request. Rita is the referent of the
territory of Bari, Pia of Palermo: each reviews only her own territory's requests. Nina is
a network operator in Bari and reviews nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rete.accounts.access_requests.services import access_request_verify
from rete.accounts.models import AccessRequest
from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, NETWORK_OPERATOR
from rete.directory.models import Organization
from rete.network.models import Territory
from tests.people import make_person

VERIFY_LINK = re.compile(r"https?://\S+/accesso/richiesta/verifica/[A-Za-z0-9_-]+/")
PASSWORD_LINK = re.compile(r"https?://\S+/accesso/password/\S+/\S+/")
PERSONAL_CODE = re.compile(r"RAV-\d{6}")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The pages and e-mails in English (the msgids): the assertions stay true whatever
    the Italian catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def bari(db: None) -> Territory:
    return Territory.objects.create(code="ATR-BA", name="Provincia di Bari")


@pytest.fixture
def palermo(db: None) -> Territory:
    return Territory.objects.create(code="ATR-PA", name="Comune di Palermo")


@pytest.fixture
def giraffa(db: None) -> Organization:
    return Organization.objects.create(
        ext_id="org-giraffa", name="Associazione GIRAFFA Onlus", kind="association"
    )


@pytest.fixture
def asl_bari(db: None) -> Organization:
    return Organization.objects.create(
        ext_id="org-asl-bari", name="ASL Bari", kind="health_service"
    )


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    return make_person("dora", DEPARTMENT_ADMIN, first_name="Dora")


@pytest.fixture
def rita(bari: Territory) -> AbstractBaseUser:
    return make_person("rita", ATR_REFERENT, territory=bari, first_name="Rita")


@pytest.fixture
def pia(palermo: Territory) -> AbstractBaseUser:
    return make_person("pia", ATR_REFERENT, territory=palermo, first_name="Pia")


@pytest.fixture
def nina(bari: Territory, giraffa: Organization) -> AbstractBaseUser:
    return make_person(
        "nina", NETWORK_OPERATOR, territory=bari, organization=giraffa, first_name="Nina"
    )


def request_data(**overrides: Any) -> dict[str, Any]:
    """What Anna, an operator of GIRAFFA in Bari, types in the form."""
    data = {
        "full_name": "Anna Esposito",
        "email": "anna.esposito@giraffa.example",
        "organization": str(Organization.objects.get(ext_id="org-giraffa").pk),
        "organization_other": "",
        "role": NETWORK_OPERATOR,
        "territory": str(Territory.objects.get(code="ATR-BA").pk),
        "reason": "I keep the centre's sheet and answer the monitoring questionnaires.",
        "website": "",
    }
    data.update(overrides)
    return data


def submit(client: Client, capture, **overrides: Any):
    """Post the form, running what is sent after the commit."""
    with capture(execute=True):
        return client.post(reverse("accounts:access_request"), request_data(**overrides))


def verify_link(message: mail.EmailMessage) -> str:
    found = VERIFY_LINK.search(message.body)
    assert found, message.body
    return found.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def pending_request(client: Client, capture, **overrides: Any) -> AccessRequest:
    """A request made through the form and verified: waiting for its review."""
    submit(client, capture, **overrides)
    token = verify_link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    with capture(execute=True):
        access_request_verify(token=token)
    mail.outbox.clear()
    return AccessRequest.objects.latest("pk")
