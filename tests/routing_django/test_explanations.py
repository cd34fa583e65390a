"""The engine's explanation codes as sentences, in the request's language, times in Rome."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import translation

from rete.routing.engine import ComuneInfo, Decision, Explanation
from rete.routing.explain import explanation_text, format_day, format_instant

BARI = ComuneInfo("072006", "Bari", "BA", "Puglia", True)


def explained(code: str, **params) -> str:
    decision = Decision(
        mode="orientation",
        comune=BARI,
        territory=None,
        target=None,
        next_opening=None,
        alternatives=(),
        emergency_contacts=(),
        explanation=Explanation(code, params),
    )
    with translation.override("en"):
        return explanation_text(decision)


def test_it_writes_instants_the_italian_way_in_rome_time():
    # 08:00 UTC on 27 November is 9:00 in Rome; on 1 July, 07:00 UTC is 9:00 (summer time).
    with translation.override("it"):
        assert format_instant("2026-11-27T08:00:00+00:00") == "venerdì 27 novembre alle 9:00"
        assert (
            format_instant(datetime.fromisoformat("2026-07-01T07:05:00Z"))
            == "mercoledì 1 luglio alle 9:05"
        )
        assert format_day("2012-12-31") == "31 dicembre 2012"


def test_italian_elides_the_article_before_one_oclock():
    with translation.override("it"):
        assert format_instant("2026-11-27T01:30:00+01:00") == "venerdì 27 novembre all'1:30"


def test_it_writes_instants_in_english_when_asked():
    with translation.override("en"):
        assert format_instant("2026-11-27T09:00:00+01:00") == "on Friday 27 November at 9:00"


def test_it_explains_a_transfer_and_its_alternatives():
    text = explained(
        "transfer", territory="Provincia di Bari", service="GIRAFFA", open_alternatives=2
    )

    assert text.startswith("Transfer to GIRAFFA")
    assert "Provincia di Bari" in text
    assert "2 other services of the chain are open too." in text


def test_it_explains_a_transfer_from_a_broader_chain():
    text = explained(
        "transfer_fallback_broader",
        territory="Provincia di Bari",
        specific_territory="Comune di Bari",
        service="GIRAFFA",
        open_alternatives=0,
    )

    assert "Comune di Bari" in text and "Provincia di Bari" in text and "GIRAFFA" in text


@pytest.mark.parametrize(
    ("own", "earliest", "expected"),
    [
        (
            "2026-11-30T09:00:00+01:00",
            "2026-11-30T09:00:00+01:00",
            "which opens on Monday 30 November at 9:00.",
        ),
        (
            "2026-12-02T09:00:00+01:00",
            "2026-11-30T09:00:00+01:00",
            "does so on Monday 30 November at 9:00",
        ),
        (None, "2026-11-30T09:00:00+01:00", "does not open within 60 days"),
        (None, None, "no service of the chain opens within 60 days"),
    ],
)
def test_it_explains_out_of_hours_with_the_next_openings(own, earliest, expected):
    text = explained(
        "out_of_hours",
        territory="Provincia di Bari",
        service="GIRAFFA",
        service_next_opening=own,
        next_opening=earliest,
        open_alternatives=0,
    )

    assert text.startswith("No service of the referral chain of Provincia di Bari is open now.")
    assert expected in text


@pytest.mark.parametrize(
    ("reason", "territory", "expired_on", "expected"),
    [
        ("no_territory", None, None, "The comune of Bari is in no territory of the network."),
        ("protocol_expired", "ATR Bologna", "2012-12-31", "expired on 31 December 2012"),
        (
            "protocol_not_in_force",
            "ATR Bologna",
            None,
            "The protocol of ATR Bologna is not in force.",
        ),
        ("no_referral_chain", "ATR Bologna", None, "ATR Bologna has no referral chain"),
    ],
)
def test_it_explains_why_it_orients(reason, territory, expired_on, expected):
    text = explained(
        "orientation",
        reason=reason,
        territory=territory,
        expired_on=expired_on,
        province="BA",
        services=3,
        open=1,
    )

    assert expected in text
    assert "Orient the caller to the 3 services that cover the comune (1 open now)." in text


def test_it_explains_that_nothing_covers_the_comune():
    text = explained(
        "orientation_none",
        reason="no_territory",
        territory=None,
        expired_on=None,
        province="BA",
        services=0,
        open=0,
    )

    assert "No service of the directory covers the comune" in text


def test_it_explains_an_emergency_with_or_without_police_contacts():
    assert "police contacts of the province (BA)" in explained(
        "emergency", province="BA", territory=None, contacts=3
    )
    assert "no police contact is configured" in explained(
        "emergency", province="BA", territory=None, contacts=1
    )


def test_it_names_the_mode_for_a_code_it_does_not_know():
    assert explained("something_new") == "Routing mode: orientation."


def test_it_answers_in_italian_by_default(network):
    from django.test import Client

    response = Client().post(
        "/api/v1/routing/decide",
        {"comune": "072006", "at": "2026-11-28T10:00:00+01:00"},
        content_type="application/json",
    )

    assert "lunedì 30 novembre alle 9:00" in response.json()["explanation"]
