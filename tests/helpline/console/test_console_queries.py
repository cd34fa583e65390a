"""The decision part is what an operator waits for after typing the comune: its queries are
counted so that none creeps in (the decision itself queries nothing: it reads the snapshot)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpline.console.conftest import MOLA, WEDNESDAY_1030, signed_in

pytestmark = pytest.mark.django_db


def test_routing_a_contact_takes_a_fixed_number_of_queries(olga, demo_network, set_clock):
    set_clock(WEDNESDAY_1030)
    client = signed_in(olga)
    response = client.post(
        reverse("console:start"),
        {"channel": "phone", "language": "it", "idempotency_key": str(uuid.uuid4())},
    )
    url = response["Location"] + "comune/"
    client.post(url, {"comune": MOLA})  # builds the routing snapshot
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"comune": MOLA})
    assert response.status_code == 200
    assert len(queries) <= 16
