"""Fixtures of the contact records tests: one named user per role, the demo network to
route on, and a maker of contacts built through the contact services.

Olga and Ornella answer 1522; Sara leads the shift; Dora works at the Department and has
no business in contact records."""

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.utils import translation

from rete.accounts.roles import HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.demo.services import demo_network_load
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import (
    contact_classify,
    contact_close,
    contact_route,
    contact_start,
)
from tests.helpline.conftest import make_user

BARI = "072006"
BOLOGNA = "037006"
ROMA = "058091"
# The demo day, a Wednesday: GIRAFFA (Bari) is open 9-13. On Thursday it is closed.
WEDNESDAY = datetime.fromisoformat("2026-11-25T10:30:00+01:00")
THURSDAY = datetime.fromisoformat("2026-11-26T10:30:00+01:00")

VALID = {"validity": "valid", "caller_type": "victim", "reason": "help_request"}
PRANK = {"validity": "prank"}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    return make_user("olga", HELPLINE_OPERATOR, first_name="Olga", last_name="Lupo")


@pytest.fixture
def ornella(db: None) -> AbstractBaseUser:
    return make_user("ornella", HELPLINE_OPERATOR, first_name="Ornella", last_name="Riva")


@pytest.fixture
def sara(db: None) -> AbstractBaseUser:
    return make_user("sara", HELPLINE_SUPERVISOR, first_name="Sara", last_name="Neri")


@pytest.fixture
def network(db: None) -> None:
    demo_network_load()


def started(contact: Contact, at: datetime) -> Contact:
    """Move a contact's start to `at`. contact_start always starts now; lists by date and
    by shift need contacts of other days, so the tests rewrite that one column."""
    Contact.objects.filter(pk=contact.pk).update(started_at=at)
    contact.refresh_from_db()
    return contact


MakeContact = Callable[..., Contact]


@pytest.fixture
def make_contact(network: None) -> MakeContact:
    """A contact handled by `operator`, routed from `comune` at `at` unless comune is None,
    classified with `answers`, closed with `outcome`, started at `started_at` (now)."""

    def make(
        operator: AbstractBaseUser,
        *,
        comune: str | None = BARI,
        at: datetime = WEDNESDAY,
        emergency: bool = False,
        answers: dict[str, Any] | None = None,
        outcome: str | None = None,
        started_at: datetime | None = None,
        channel: str = "phone",
    ) -> Contact:
        contact = contact_start(operator=operator, channel=channel, language="it").contact
        if comune is not None:
            contact_route(
                contact=contact, actor=operator, comune_code=comune, emergency=emergency, at=at
            )
        if answers is not None:
            contact_classify(contact=contact, actor=operator, answers=answers)
        if outcome is not None:
            contact_close(contact=contact, actor=operator, outcome=outcome)
        if started_at is not None:
            started(contact, started_at)
        return contact

    return make


def signed_in(user: AbstractBaseUser) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def as_olga(olga: AbstractBaseUser) -> Client:
    return signed_in(olga)


@pytest.fixture
def as_sara(sara: AbstractBaseUser) -> Client:
    return signed_in(sara)


@pytest.fixture
def as_dora(dora: AbstractBaseUser) -> Client:
    return signed_in(dora)
