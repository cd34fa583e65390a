"""The daily reminder of the protocols about to end: 60 and 15 days before, to the
Department and the territory's referents; once per window; not when a renewal is active."""

from __future__ import annotations

from datetime import date, timedelta

from rete.network.lifecycle.reminders import protocols_ending_remind
from rete.network.models import Protocol
from rete.notices.models import Notice
from rete.notices.reminders import reminder_jobs

END = date(2026, 12, 31)


def keys() -> list[tuple[str, str]]:
    return sorted(Notice.objects.values_list("key", "recipient__username"))


def test_it_is_registered_as_a_daily_reminder():
    assert reminder_jobs()["protocols_ending"] is protocols_ending_remind


def test_it_reminds_the_department_and_the_referents_60_days_before(
    protocol_a, people, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = protocols_ending_remind(END - timedelta(days=60))

    key = f"protocol.{protocol_a.pk}.ends_in_60"
    assert sent == 2
    assert keys() == [(key, "admin"), (key, "referent_a")]
    notice = Notice.objects.get(recipient=people.referent_a)
    assert "Ambito Alfa" in notice.subject
    assert notice.url == "/area-riservata/protocolli/territorio/ATR-AL/"
    assert sorted(m.to[0] for m in mailoutbox) == ["admin@example.org", "referent_a@example.org"]


def test_it_sends_nothing_before_the_window(protocol_a, people):
    assert protocols_ending_remind(END - timedelta(days=61)) == 0
    assert not Notice.objects.exists()


def test_it_sends_each_reminder_once(protocol_a, people):
    protocols_ending_remind(END - timedelta(days=60))
    again_same_day = protocols_ending_remind(END - timedelta(days=60))
    next_day = protocols_ending_remind(END - timedelta(days=59))

    assert again_same_day == 0 and next_day == 0
    assert Notice.objects.count() == 2


def test_it_reminds_again_15_days_before(protocol_a, people):
    protocols_ending_remind(END - timedelta(days=60))
    sent = protocols_ending_remind(END - timedelta(days=15))

    assert sent == 2
    assert {k for k, _who in keys()} == {
        f"protocol.{protocol_a.pk}.ends_in_60",
        f"protocol.{protocol_a.pk}.ends_in_15",
    }


def test_a_missed_day_still_sends_the_window_s_reminder(protocol_a, people):
    # The job did not run on day 60 nor on day 15: it runs on day 52, then on day 9.
    assert protocols_ending_remind(END - timedelta(days=52)) == 2
    assert protocols_ending_remind(END - timedelta(days=9)) == 2
    assert protocols_ending_remind(END - timedelta(days=8)) == 0


def test_an_active_renewal_from_the_day_after_suppresses_the_reminder(protocol_a, people):
    Protocol.objects.create(
        territory=protocol_a.territory,
        kind="renewal",
        previous=protocol_a,
        valid_from=END + timedelta(days=1),
        status="active",
    )

    assert protocols_ending_remind(END - timedelta(days=60)) == 0
    assert protocols_ending_remind(END - timedelta(days=15)) == 0


def test_a_renewal_still_in_draft_does_not_suppress_it(protocol_a, people):
    Protocol.objects.create(
        territory=protocol_a.territory,
        kind="renewal",
        previous=protocol_a,
        valid_from=END + timedelta(days=1),
        status="draft",
    )

    assert protocols_ending_remind(END - timedelta(days=15)) == 2


def test_a_renewal_starting_later_leaves_a_gap_and_still_reminds(protocol_a, people):
    Protocol.objects.create(
        territory=protocol_a.territory,
        kind="renewal",
        previous=protocol_a,
        valid_from=END + timedelta(days=10),
        status="active",
    )

    assert protocols_ending_remind(END - timedelta(days=15)) == 2


def test_an_open_ended_protocol_is_never_reminded(net, people):
    assert protocols_ending_remind(date(2026, 11, 1)) == 0
