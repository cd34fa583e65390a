"""The routing snapshot follows the network: rebuilt when the revision changes, and only then."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from rete.directory.models import Schedule, Service
from rete.network.models import Protocol, Territory
from rete.routing.snapshot import SnapshotHolder, routing_snapshot, routing_snapshot_status

WEDNESDAY_MORNING = "2026-11-25T10:30:00+01:00"


def decide(body: dict) -> dict:
    response = Client().post("/api/v1/routing/decide", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_it_sees_a_change_of_hours_at_the_next_decision(network):
    assert (
        decide({"comune": "072006", "at": WEDNESDAY_MORNING})["target"]["service_id"]
        == "svc-giraffa"
    )
    giraffa = Service.objects.get(ext_id="svc-giraffa")
    schedule = Schedule.objects.get(service=giraffa)
    schedule.opens_at = datetime.time(15, 0)
    schedule.closes_at = datetime.time(18, 0)
    schedule.save()

    body = decide({"comune": "072006", "at": WEDNESDAY_MORNING})

    assert body["target"]["service_id"] == "svc-cav-mola"


def test_it_sees_a_new_territory_at_the_next_decision(network):
    assert decide({"comune": "082027"})["mode"] == "orientation"
    territory = Territory.objects.create(code="ATR-PA", name="Città metropolitana di Palermo")
    territory.provinces.add("PA")
    Protocol.objects.create(
        territory=territory, valid_from=datetime.date(2020, 1, 1), status="active"
    )
    territory.referrals.create(service=Service.objects.get(ext_id="svc-casa-ba"), priority=1)

    body = decide({"comune": "082027", "emergency": False})

    assert body["mode"] == "transfer"
    assert body["territory"]["code"] == "ATR-PA"


def test_it_keeps_the_snapshot_while_the_revision_is_unchanged(network, django_assert_num_queries):
    first = routing_snapshot()

    with django_assert_num_queries(1):  # the revision, nothing else
        again = routing_snapshot()

    assert again is first
    assert routing_snapshot_status().source == "database"


def test_it_asks_nothing_of_the_database_between_checks(
    network, monkeypatch, django_assert_num_queries
):
    clock = [1000.0]
    monkeypatch.setattr("rete.routing.snapshot.time.monotonic", lambda: clock[0])
    holder = SnapshotHolder(check_seconds=2)
    holder.get()

    with django_assert_num_queries(0):
        for _ in range(100):
            holder.get()
    clock[0] += 2.5
    with django_assert_num_queries(1):
        holder.get()


def test_it_labels_the_snapshot_with_the_revision(network):
    status = routing_snapshot_status()

    assert routing_snapshot().version == str(status.revision)
    assert status.built_at.tzinfo is not None


@pytest.mark.parametrize("check_seconds", [0, 3600])
def test_a_fresh_holder_builds_at_first_use(network, check_seconds):
    holder = SnapshotHolder(check_seconds=check_seconds)

    snapshot = holder.get()

    assert "svc-giraffa" in snapshot.services
    assert holder.status().source == "database"


def test_it_routes_a_service_saved_without_a_location(network):
    organization = Service.objects.get(ext_id="svc-giraffa").organization
    extra = Service.objects.create(
        ext_id="svc-no-place", organization=organization, name="Sportello", kind="counselling"
    )
    extra.area_provinces.add("BA")

    body = decide({"comune": "072006", "at": WEDNESDAY_MORNING})

    assert body["mode"] == "transfer"
    assert "svc-no-place" in routing_snapshot().services
