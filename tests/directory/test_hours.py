"""Opening hours in words (rete/directory/hours.py).

Italian is the default language and the one the 1522 operators read aloud: the tests marked
`italian_catalogue` compare with the exact Italian text of rete/locale/it. A few tests check the
English source wording too.
"""

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rete.directory.hours import (
    exceptions_describe,
    format_phone,
    hours_describe,
    opening_phrase,
    out_of_hours_script,
)
from rete.routing.engine.clock import local_instant, to_rome
from rete.routing.engine.schedule import compile_service

ROME = ZoneInfo("Europe/Rome")
italian = pytest.mark.usefixtures("italian")
english = pytest.mark.usefixtures("english")
catalogue = pytest.mark.italian_catalogue


def rule(
    byday: str, opens: str, closes: str, since: str | None = None, until: str | None = None
) -> dict[str, str | None]:
    return {
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": since,
        "valid_to": until,
    }


def rome(*args: int) -> datetime:
    return datetime(*args, tzinfo=ROME)


GIRAFFA = [rule("MO,WE,FR", "09:00", "13:00")]


# --- hours_describe, Italian -----------------------------------------------------------------


@catalogue
@italian
def test_it_lists_scattered_days_with_commas_and_e() -> None:
    assert hours_describe(GIRAFFA) == ["lunedì, mercoledì e venerdì 9:00–13:00"]


@catalogue
@italian
def test_it_collapses_a_run_of_days() -> None:
    assert hours_describe([rule("MO,TU,WE,TH,FR", "09:00", "17:00")]) == [
        "da lunedì a venerdì 9:00–17:00"
    ]


@catalogue
@italian
def test_it_keeps_two_consecutive_days_as_a_pair() -> None:
    assert hours_describe([rule("SA,SU", "10:00", "12:30")]) == ["sabato e domenica 10:00–12:30"]


@catalogue
@italian
def test_it_mixes_a_run_and_a_single_day() -> None:
    assert hours_describe([rule("FR,MO,TU,WE", "09:00", "13:00")]) == [
        "da lunedì a mercoledì e venerdì 9:00–13:00"
    ]


@catalogue
@italian
def test_it_joins_a_days_intervals() -> None:
    rules = [rule("MO,TH", "15:00", "18:00"), rule("MO,TH", "09:00", "13:00")]
    assert hours_describe(rules) == ["lunedì e giovedì 9:00–13:00 e 15:00–18:00"]


@catalogue
@italian
def test_it_gives_one_line_per_group_in_week_order() -> None:
    rules = [
        rule("SA", "09:00", "12:00"),
        rule("MO,TU,WE,TH,FR", "09:00", "13:00"),
        rule("TU,TH", "15:00", "18:00"),
    ]
    assert hours_describe(rules) == [
        "lunedì, mercoledì e venerdì 9:00–13:00",
        "martedì e giovedì 9:00–13:00 e 15:00–18:00",
        "sabato 9:00–12:00",
    ]


@catalogue
@italian
def test_it_merges_touching_intervals() -> None:
    rules = [rule("MO", "09:00", "13:00"), rule("MO", "13:00", "17:30")]
    assert hours_describe(rules) == ["lunedì 9:00–17:30"]


@catalogue
@italian
def test_it_says_every_day() -> None:
    assert hours_describe([rule("MO,TU,WE,TH,FR,SA,SU", "08:30", "20:00")]) == [
        "tutti i giorni 8:30–20:00"
    ]


@catalogue
@italian
def test_it_says_round_the_clock() -> None:
    assert hours_describe([rule("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00")]) == [
        "tutti i giorni, 24 ore su 24"
    ]


@catalogue
@italian
def test_it_says_round_the_clock_for_nights_and_days_that_meet() -> None:
    week = "MO,TU,WE,TH,FR,SA,SU"
    rules = [rule(week, "08:00", "20:00"), rule(week, "20:00", "08:00")]
    assert hours_describe(rules) == ["tutti i giorni, 24 ore su 24"]


@catalogue
@italian
def test_it_says_whole_days_for_some_days() -> None:
    rules = [rule("SA,SU", "00:00", "00:00"), rule("MO,TU,WE,TH,FR", "09:00", "18:00")]
    assert hours_describe(rules) == [
        "da lunedì a venerdì 9:00–18:00",
        "sabato e domenica, 24 ore su 24",
    ]


@catalogue
@italian
def test_it_says_when_an_interval_runs_past_midnight() -> None:
    assert hours_describe([rule("MO,TU,WE,TH,FR,SA,SU", "18:00", "08:00")]) == [
        "tutti i giorni 18:00–8:00 del giorno dopo"
    ]


@catalogue
@italian
def test_it_describes_only_the_rules_valid_on_a_date() -> None:
    rules = [
        rule("MO,WE,FR", "09:00", "13:00", until="2026-06-30"),
        rule("TU", "10:00", "12:00", since="2026-07-01"),
    ]
    assert hours_describe(rules, on=date(2026, 3, 1)) == ["lunedì, mercoledì e venerdì 9:00–13:00"]
    assert hours_describe(rules, on=date(2026, 9, 1)) == ["martedì 10:00–12:00"]


@catalogue
@italian
def test_it_announces_new_hours_within_60_days() -> None:
    rules = [
        rule("MO,WE,FR", "09:00", "13:00", until="2026-12-31"),
        rule("MO,TU,WE,TH,FR", "09:00", "17:00", since="2027-01-01"),
    ]
    assert hours_describe(rules, on=date(2026, 11, 25)) == [
        "lunedì, mercoledì e venerdì 9:00–13:00",
        "dal 1 gennaio 2027: da lunedì a venerdì 9:00–17:00",
    ]


@catalogue
@italian
def test_it_keeps_new_hours_further_than_60_days_for_later() -> None:
    rules = [
        rule("MO,WE,FR", "09:00", "13:00", until="2026-12-31"),
        rule("MO,TU,WE,TH,FR", "09:00", "17:00", since="2027-01-01"),
    ]
    assert hours_describe(rules, on=date(2026, 10, 1)) == ["lunedì, mercoledì e venerdì 9:00–13:00"]


@catalogue
@italian
def test_it_elides_dal_before_8_and_11() -> None:
    rules = [rule("SA", "09:00", "12:00", since="2026-12-08")]
    assert hours_describe(rules, on=date(2026, 11, 25)) == [
        "dall'8 dicembre 2026: sabato 9:00–12:00"
    ]


@catalogue
@italian
def test_it_announces_hours_that_end() -> None:
    rules = [rule("MO", "09:00", "13:00", until="2026-11-30")]
    assert hours_describe(rules, on=date(2026, 11, 25)) == [
        "lunedì 9:00–13:00",
        "dal 1 dicembre 2026: nessun orario di apertura settimanale",
    ]


def test_it_skips_a_change_that_changes_nothing() -> None:
    rules = [
        rule("MO", "09:00", "13:00", until="2026-11-30"),
        rule("MO", "09:00", "13:00", since="2026-12-01"),
    ]
    assert len(hours_describe(rules, on=date(2026, 11, 25))) == 1


def test_it_gives_no_line_without_rules() -> None:
    assert hours_describe([]) == []


@catalogue
@italian
def test_it_reads_the_databases_times_and_dates() -> None:
    rules = [
        {
            "byday": "MO,WE,FR",
            "opens_at": time(9, 0),
            "closes_at": time(13, 0),
            "valid_from": date(2026, 1, 1),
            "valid_to": None,
        }
    ]
    assert hours_describe(rules, on=date(2026, 11, 25)) == [
        "lunedì, mercoledì e venerdì 9:00–13:00"
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"byday": "MO,XX", "opens_at": "09:00", "closes_at": "13:00"},
        {"byday": "", "opens_at": "09:00", "closes_at": "13:00"},
        {"byday": "MO", "opens_at": "9 am", "closes_at": "13:00"},
        {"byday": "MO", "opens_at": "25:00", "closes_at": "13:00"},
        {"byday": "MO", "closes_at": "13:00"},
        {"byday": "MO", "opens_at": "09:00", "closes_at": "13:00", "valid_from": "1/1/2026"},
        {
            "byday": "MO",
            "opens_at": "09:00",
            "closes_at": "13:00",
            "valid_from": "2026-02-01",
            "valid_to": "2026-01-01",
        },
    ],
)
def test_it_refuses_a_malformed_rule(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        hours_describe([bad])


def test_it_refuses_a_datetime_for_a_date() -> None:
    with pytest.raises(TypeError):
        hours_describe(GIRAFFA, on=datetime(2026, 11, 25, tzinfo=UTC))


# --- hours_describe, English -----------------------------------------------------------------


@english
def test_it_describes_hours_in_english() -> None:
    rules = [
        rule("MO,TU,WE,TH,FR", "09:00", "13:00", until="2026-12-31"),
        rule("TU,TH", "15:00", "18:00", until="2026-12-31"),
        rule("SA,SU", "20:00", "08:00", since="2027-01-01"),
    ]
    assert hours_describe(rules, on=date(2026, 11, 25)) == [
        "Monday, Wednesday and Friday 9:00–13:00",
        "Tuesday and Thursday 9:00–13:00 and 15:00–18:00",
        "from 1 January 2027: Saturday and Sunday 20:00–8:00 the next day",
    ]


@english
def test_it_says_round_the_clock_in_english() -> None:
    assert hours_describe([rule("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00")]) == [
        "every day, 24 hours a day"
    ]
    assert hours_describe([rule("MO,TU,WE", "09:00", "17:00")]) == [
        "Monday to Wednesday 9:00–17:00"
    ]


# --- opening_phrase ------------------------------------------------------------------------


@catalogue
@italian
def test_it_says_open_now() -> None:
    assert opening_phrase(True, None, now=rome(2026, 11, 25, 10, 30)) == "aperto ora"


@catalogue
@italian
def test_it_says_today() -> None:
    now = rome(2026, 11, 25, 13, 30)
    assert opening_phrase(False, rome(2026, 11, 25, 15, 0), now=now) == "apre oggi alle 15:00"


@catalogue
@italian
def test_it_says_tomorrow() -> None:
    now = rome(2026, 11, 26, 10, 30)
    assert opening_phrase(False, rome(2026, 11, 27, 9, 0), now=now) == "apre domani alle 9:00"


@catalogue
@italian
def test_it_says_tomorrow_at_one_minute_to_midnight() -> None:
    # 22:59 UTC is 23:59 in Rome in November: the opening is tomorrow, not today.
    now = datetime(2026, 11, 26, 22, 59, tzinfo=UTC)
    assert opening_phrase(False, rome(2026, 11, 27, 9, 0), now=now) == "apre domani alle 9:00"


@catalogue
@italian
def test_it_says_today_at_one_minute_past_midnight() -> None:
    now = datetime(2026, 11, 26, 23, 1, tzinfo=UTC)  # 00:01 on Friday in Rome
    assert opening_phrase(False, rome(2026, 11, 27, 9, 0), now=now) == "apre oggi alle 9:00"


@catalogue
@italian
def test_it_names_the_weekday_within_six_days() -> None:
    now = rome(2026, 11, 28, 10, 0)  # Saturday
    assert opening_phrase(False, rome(2026, 12, 4, 9, 0), now=now) == "apre venerdì alle 9:00"


@catalogue
@italian
def test_it_names_the_date_from_a_week_on() -> None:
    now = rome(2026, 11, 27, 13, 0)  # Friday
    assert opening_phrase(False, rome(2026, 12, 4, 9, 0), now=now) == (
        "apre venerdì 4 dicembre alle 9:00"
    )


@catalogue
@italian
def test_it_elides_alle_at_one_oclock() -> None:
    now = rome(2026, 11, 25, 23, 0)
    assert opening_phrase(False, rome(2026, 11, 26, 1, 0), now=now) == "apre domani all'1:00"


@catalogue
@italian
def test_it_says_no_opening_within_60_days() -> None:
    assert opening_phrase(False, None, now=rome(2026, 11, 25, 10, 30)) == (
        "nessuna apertura nei prossimi 60 giorni"
    )


@catalogue
@italian
def test_it_reads_an_opening_across_the_end_of_summer_time() -> None:
    # Summer time ends on Sunday 25 October 2026: Saturday evening is UTC+2, Monday UTC+1.
    service = {
        "id": "giraffa",
        "name": "Centro antiviolenza GIRAFFA",
        "location": {"comune": "072006"},
        "schedules": GIRAFFA,
    }
    compiled = compile_service(service, None, range(2026, 2028))
    now = rome(2026, 10, 24, 20, 0)
    ts = compiled.next_opening_ts(local_instant(now), 60)
    assert ts is not None
    next_opening = to_rome(ts)
    assert next_opening.utcoffset().total_seconds() == 3600
    assert opening_phrase(False, next_opening, now=now) == "apre lunedì alle 9:00"
    # The same instant given in UTC reads the same.
    in_utc = next_opening.astimezone(UTC)
    assert opening_phrase(False, in_utc, now=now.astimezone(UTC)) == "apre lunedì alle 9:00"


@english
def test_it_words_the_openings_in_english() -> None:
    now = rome(2026, 11, 26, 10, 30)  # Thursday
    assert opening_phrase(True, None, now=now) == "open now"
    assert opening_phrase(False, rome(2026, 11, 26, 15, 0), now=now) == "opens today at 15:00"
    assert opening_phrase(False, rome(2026, 11, 27, 9, 0), now=now) == "opens tomorrow at 9:00"
    assert opening_phrase(False, rome(2026, 11, 30, 9, 0), now=now) == "opens on Monday at 9:00"
    assert opening_phrase(False, rome(2026, 12, 4, 9, 0), now=now) == (
        "opens on Friday 4 December at 9:00"
    )
    assert opening_phrase(False, None, now=now) == "no opening in the next 60 days"


def test_it_refuses_naive_instants_and_an_opening_in_the_past() -> None:
    with pytest.raises(ValueError):
        opening_phrase(False, rome(2026, 11, 27, 9, 0), now=datetime(2026, 11, 26, 10, 0))
    with pytest.raises(ValueError):
        opening_phrase(False, datetime(2026, 11, 27, 9, 0), now=rome(2026, 11, 26, 10, 0))
    with pytest.raises(ValueError):
        opening_phrase(False, rome(2026, 11, 25, 9, 0), now=rome(2026, 11, 26, 10, 0))


# --- out_of_hours_script -------------------------------------------------------------------


@catalogue
@italian
def test_it_writes_the_script_to_read() -> None:
    script = out_of_hours_script(
        service_name="Centro antiviolenza GIRAFFA",
        phone="+390805741461",
        rules=GIRAFFA,
        next_opening=rome(2026, 11, 27, 9, 0),
        now=rome(2026, 11, 26, 10, 30),
    )
    assert script == (
        "In questo momento il servizio Centro antiviolenza GIRAFFA è chiuso. "
        "Può chiamarlo al numero 080 574 1461 lunedì, mercoledì e venerdì dalle 9:00 alle 13:00. "
        "La prossima apertura è domani, venerdì 27 novembre, alle 9:00. "
        "Se lo desidera, possiamo richiamarla noi quando il servizio sarà aperto. "
        "Il 1522 risponde giorno e notte: può richiamarci in qualsiasi momento."
    )


@catalogue
@italian
def test_it_reads_several_groups_and_nights_aloud() -> None:
    script = out_of_hours_script(
        service_name="Sportello donna",
        phone="+390612345678",
        rules=[
            rule("MO,TU,WE,TH,FR", "09:00", "13:00"),
            rule("MO,TU,WE,TH,FR", "15:00", "18:00"),
            rule("SA", "22:00", "01:00"),
        ],
        next_opening=rome(2026, 11, 30, 9, 0),
        now=rome(2026, 11, 26, 20, 0),  # Thursday
    )
    assert (
        "Può chiamarlo al numero 06 1234 5678 da lunedì a venerdì dalle 9:00 alle 13:00 e dalle "
        "15:00 alle 18:00; sabato dalle 22:00 all'1:00 del giorno dopo. "
        "La prossima apertura è lunedì 30 novembre alle 9:00."
    ) in script


@catalogue
@italian
def test_it_reads_an_opening_later_today() -> None:
    script = out_of_hours_script(
        service_name="Centro antiviolenza GIRAFFA",
        phone="+390805741461",
        rules=[rule("WE", "09:00", "13:00"), rule("WE", "15:00", "18:00")],
        next_opening=rome(2026, 11, 25, 15, 0),
        now=rome(2026, 11, 25, 13, 30),
    )
    assert "La prossima apertura è oggi alle 15:00." in script


@catalogue
@italian
def test_it_reads_the_hours_valid_today() -> None:
    script = out_of_hours_script(
        service_name="Centro antiviolenza GIRAFFA",
        phone="+390805741461",
        rules=[
            rule("MO,WE,FR", "09:00", "13:00", until="2026-12-31"),
            rule("TU", "09:00", "13:00", since="2027-01-01"),
        ],
        next_opening=rome(2026, 11, 27, 9, 0),
        now=rome(2026, 11, 26, 10, 30),
    )
    assert "lunedì, mercoledì e venerdì dalle 9:00 alle 13:00." in script
    assert "martedì" not in script


@catalogue
@italian
def test_it_writes_a_script_without_phone_nor_opening() -> None:
    script = out_of_hours_script(
        service_name="Casa rifugio",
        phone=None,
        rules=[rule("MO", "09:00", "13:00")],
        next_opening=None,
        now=rome(2026, 11, 26, 10, 30),
    )
    assert script == (
        "In questo momento il servizio Casa rifugio è chiuso. "
        "È aperto lunedì dalle 9:00 alle 13:00. "
        "Nei prossimi 60 giorni il servizio non ha aperture in programma. "
        "Il 1522 risponde giorno e notte: può richiamarci in qualsiasi momento."
    )


@catalogue
@italian
def test_it_writes_a_script_with_a_phone_and_no_weekly_hours() -> None:
    script = out_of_hours_script(
        service_name="Casa rifugio",
        phone="+390805741461",
        rules=[],
        next_opening=rome(2026, 12, 20, 9, 0),
        now=rome(2026, 11, 26, 10, 30),
    )
    assert "Può chiamarlo al numero 080 574 1461. " in script
    assert "La prossima apertura è domenica 20 dicembre alle 9:00." in script


@english
def test_it_writes_the_script_in_english() -> None:
    script = out_of_hours_script(
        service_name="Centro antiviolenza GIRAFFA",
        phone="+390805741461",
        rules=GIRAFFA,
        next_opening=rome(2026, 11, 27, 9, 0),
        now=rome(2026, 11, 26, 10, 30),
    )
    assert script == (
        "The service Centro antiviolenza GIRAFFA is closed at the moment. "
        "You can call it on 080 574 1461 Monday, Wednesday and Friday from 9:00 to 13:00. "
        "The next opening is tomorrow, Friday 27 November, at 9:00. "
        "If you like, we can call you back when the service is open. "
        "1522 answers day and night: you can call us again at any time."
    )


def test_it_refuses_a_script_without_a_name_or_with_a_naive_now() -> None:
    with pytest.raises(ValueError):
        out_of_hours_script(
            service_name=" ",
            phone=None,
            rules=GIRAFFA,
            next_opening=None,
            now=rome(2026, 11, 26, 10, 30),
        )
    with pytest.raises(ValueError):
        out_of_hours_script(
            service_name="Casa rifugio",
            phone=None,
            rules=GIRAFFA,
            next_opening=None,
            now=datetime(2026, 11, 26, 10, 30),
        )


def test_it_formats_numbers_for_reading_aloud() -> None:
    assert format_phone("+390805741461") == "080 574 1461"
    assert format_phone("+393331234567") == "333 123 4567"
    assert format_phone("1522") == "1522"


# --- exceptions_describe -------------------------------------------------------------------


@catalogue
@italian
def test_it_lists_closed_dates_and_special_openings() -> None:
    lines = exceptions_describe(
        closed_dates=["2026-12-25", date(2027, 3, 1)],
        special_openings=[
            {"date": "2026-12-20", "opens_at": "15:00", "closes_at": "18:00"},
            {"date": "2026-12-20", "opens_at": "09:00", "closes_at": "13:00"},
            {"date": "2026-12-25", "opens_at": "09:00", "closes_at": "12:00"},
        ],
        on=date(2026, 11, 26),
    )
    assert lines == [
        "apertura straordinaria domenica 20 dicembre 9:00–13:00 e 15:00–18:00",
        "chiuso venerdì 25 dicembre",
    ]


@english
def test_it_lists_exceptions_in_english() -> None:
    lines = exceptions_describe(
        closed_dates=[date(2026, 12, 8)],
        special_openings=[{"date": "2026-12-31", "opens_at": "20:00", "closes_at": "02:00"}],
        on=date(2026, 12, 1),
        days=31,
    )
    assert lines == [
        "closed on Tuesday 8 December",
        "special opening on Thursday 31 December 20:00–2:00 the next day",
    ]


def test_it_leaves_out_exceptions_beyond_the_window() -> None:
    lines = exceptions_describe(
        closed_dates=["2026-11-30", "2026-12-31"],
        special_openings=[],
        on=date(2026, 12, 1),
        days=30,
    )
    assert lines == []


def test_it_refuses_malformed_exceptions() -> None:
    with pytest.raises(ValueError):
        exceptions_describe(closed_dates=["25/12"], special_openings=[], on=date(2026, 12, 1))
    with pytest.raises(ValueError):
        exceptions_describe(
            closed_dates=[], special_openings=[{"date": "2026-12-20"}], on=date(2026, 12, 1)
        )
    with pytest.raises(ValueError):
        exceptions_describe(closed_dates=[], special_openings=[], on=date(2026, 12, 1), days=0)
