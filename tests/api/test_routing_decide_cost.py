"""The decision path asks the database nothing but the throttled revision check."""

from __future__ import annotations

from django.test import override_settings

from tests.api.conftest import decide
from tests.api.network import BARI, WEDNESDAY_MORNING

BODY = {"comune": BARI, "at": WEDNESDAY_MORNING}


def test_it_makes_no_query_between_revision_checks(network, client, django_assert_num_queries):
    with override_settings(ROUTING_SNAPSHOT_CHECK_SECONDS=3600):
        decide(client, BODY)  # builds the snapshot

        with django_assert_num_queries(0):
            for _ in range(20):
                assert decide(client, BODY).status_code == 200


def test_it_makes_one_tiny_query_when_checking_at_every_call(
    network, client, django_assert_num_queries
):
    decide(client, BODY)

    with django_assert_num_queries(1) as captured:
        decide(client, BODY)

    assert "network_networkrevision" in captured.captured_queries[0]["sql"]


def test_it_refuses_bad_input_without_any_query(network, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        decide(client, {"comune": 72006})
        decide(client, {"comune": BARI, "at": "2026-11-25T10:30:00"})
