"""POST /api/v1/routing/decide: the four modes on the small Bari/Bologna network."""

from __future__ import annotations

from tests.api.conftest import decide
from tests.api.network import (
    BARI,
    BOLOGNA,
    CEFALU,
    NEXT_MONDAY_OPENING,
    SATURDAY_MORNING,
    TUESDAY_MORNING,
    WEDNESDAY_MORNING,
)

GIRAFFA_OPEN = {
    "service_id": "svc-giraffa",
    "name": "Centro antiviolenza GIRAFFA",
    "phone": "+390805741461",
    "open_now": True,
    "next_opening": None,
}
MOLA_OPEN = {
    "service_id": "svc-cav-mola",
    "name": "Centro antiviolenza di Mola di Bari",
    "phone": "+390804738100",
    "open_now": True,
    "next_opening": None,
}
BARI_COMUNE = {"code": BARI, "name": "Bari", "province": "BA"}
ATR_BA = {"code": "ATR-BA", "name": "Provincia di Bari"}
KEYS = [
    "mode",
    "comune",
    "territory",
    "target",
    "next_opening",
    "alternatives",
    "emergency_contacts",
    "explanation",
]


def test_it_transfers_to_the_first_open_service_of_the_chain(network, client):
    response = decide(client, {"comune": BARI, "at": WEDNESDAY_MORNING, "emergency": False})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == KEYS
    assert body["mode"] == "transfer"
    assert body["comune"] == BARI_COMUNE
    assert body["territory"] == ATR_BA
    assert body["target"] == GIRAFFA_OPEN
    assert body["next_opening"] is None
    assert body["alternatives"] == [MOLA_OPEN]
    assert body["emergency_contacts"] == []
    assert isinstance(body["explanation"], str) and body["explanation"]


def test_it_skips_a_closed_service_of_the_chain(network, client):
    body = decide(client, {"comune": BARI, "at": TUESDAY_MORNING}).json()

    assert body["mode"] == "transfer"
    assert body["target"] == MOLA_OPEN
    assert body["alternatives"] == []


def test_it_gives_the_next_opening_out_of_hours(network, client):
    body = decide(client, {"comune": BARI, "at": SATURDAY_MORNING}).json()

    assert body["mode"] == "out_of_hours"
    assert body["territory"] == ATR_BA
    assert body["target"] == {
        **GIRAFFA_OPEN,
        "open_now": False,
        "next_opening": NEXT_MONDAY_OPENING,
    }
    assert body["next_opening"] == NEXT_MONDAY_OPENING
    # The other chain service with its own next opening, then the 24-hour line open now.
    assert [(a["service_id"], a["open_now"], a["next_opening"]) for a in body["alternatives"]] == [
        ("svc-cav-mola", False, NEXT_MONDAY_OPENING),
        ("svc-casa-ba", True, None),
    ]


def test_it_orients_where_the_protocol_has_expired(network, client):
    body = decide(client, {"comune": BOLOGNA, "at": WEDNESDAY_MORNING}).json()

    assert body["mode"] == "orientation"
    assert body["territory"] is None
    assert body["target"] is None
    assert body["next_opening"] is None
    assert [a["service_id"] for a in body["alternatives"]] == ["svc-cav-bologna"]
    assert body["alternatives"][0]["open_now"] is True


def test_it_orients_where_there_is_no_territory(network, client):
    body = decide(client, {"comune": CEFALU, "at": WEDNESDAY_MORNING}).json()

    assert body["mode"] == "orientation"
    assert body["comune"] == {"code": CEFALU, "name": "Cefalù", "province": "PA"}
    assert body["territory"] is None
    assert body["alternatives"] == []


def test_it_gives_the_province_police_contacts_in_an_emergency(network, client):
    body = decide(client, {"comune": BARI, "at": SATURDAY_MORNING, "emergency": True}).json()

    assert body["mode"] == "emergency"
    assert body["territory"] == ATR_BA
    assert body["target"] is None
    assert body["alternatives"] == []
    assert body["emergency_contacts"] == [
        {"name": "Numero unico di emergenza", "phone": "112"},
        {"name": "Polizia di Stato - Questura di Bari", "phone": "113"},
        {"name": "Comando provinciale Carabinieri di Bari", "phone": "+390805386111"},
    ]


def test_it_gives_112_in_an_emergency_anywhere(network, client):
    body = decide(client, {"comune": CEFALU, "emergency": True}).json()

    assert body["mode"] == "emergency"
    assert body["territory"] is None
    assert body["emergency_contacts"] == [{"name": "Numero unico di emergenza", "phone": "112"}]


def test_it_decides_now_without_at(network, client):
    response = decide(client, {"comune": BARI})

    assert response.status_code == 200
    assert response.json()["mode"] in {"transfer", "out_of_hours"}


def test_it_accepts_any_offset_and_utc(network, client):
    # 09:30 UTC is 10:30 in Rome on 25 November.
    for at in ("2026-11-25T09:30:00Z", "2026-11-25T09:30:00+00:00", "2026-11-25T04:30:00-05:00"):
        body = decide(client, {"comune": BARI, "at": at}).json()
        assert body["target"]["service_id"] == "svc-giraffa", at


def test_it_needs_no_session_nor_csrf_token(network):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = decide(strict, {"comune": BARI, "at": WEDNESDAY_MORNING})

    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
