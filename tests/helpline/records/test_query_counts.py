"""The list pages cost the same number of queries whatever the number of rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rete.helpline.contacts.services import callback_create
from tests.helpline.records.conftest import BOLOGNA, PRANK, ROMA, VALID

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_contact_list_does_not_query_per_row(make_contact, olga, ornella, as_sara) -> None:
    make_contact(olga, answers=VALID)
    as_sara.get("/console/registro/")  # warm the classification snapshot cache
    few = queries(as_sara, "/console/registro/")

    for operator, comune, answers in [(ornella, BOLOGNA, PRANK), (olga, ROMA, VALID)] * 3:
        make_contact(operator, comune=comune, answers=answers)

    assert queries(as_sara, "/console/registro/") == few


def test_the_callback_list_does_not_query_per_row(make_contact, olga, ornella, as_sara) -> None:
    def callback(operator) -> None:
        contact = make_contact(operator, comune=BOLOGNA)
        due = timezone.now() + timedelta(hours=1)
        callback_create(
            contact=contact, actor=operator, number="+39 333 1234567", consent=True, due_at=due
        )

    callback(olga)
    # The first request of a session also notes its activity (rete.accounts.middleware).
    queries(as_sara, "/console/registro/richiamate/")
    few = queries(as_sara, "/console/registro/richiamate/")
    for operator in (olga, ornella, ornella, olga):
        callback(operator)

    assert queries(as_sara, "/console/registro/richiamate/") == few
