"""Notices: one per person and key, e-mailed once the change commits, read in the reserved
area by their recipient only."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rete.accounts.models import Grant
from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, MONITORING_ANALYST
from rete.network.models import Territory
from rete.notices import reminders
from rete.notices.models import Notice
from rete.notices.recipients import people_with_role
from rete.notices.services import notify
from tests.people import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def territories():
    return (
        Territory.objects.create(code="ATR-AA", name="Alfa"),
        Territory.objects.create(code="ATR-BB", name="Beta"),
    )


@pytest.fixture
def people(territories):
    alfa, beta = territories
    return {
        "admin": make_person("admin", DEPARTMENT_ADMIN),
        "referent_a": make_person("referent_a", ATR_REFERENT, territory=alfa),
        "referent_b": make_person("referent_b", ATR_REFERENT, territory=beta),
        "analyst": make_person("analyst", MONITORING_ANALYST),
    }


def test_a_notice_is_given_once_per_key(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify([people["admin"]], key="protocol.1.ends_in_60", subject="Scade")
        again = notify([people["admin"]], key="protocol.1.ends_in_60", subject="Scade")
    assert len(first) == 1
    assert again == []
    assert Notice.objects.filter(recipient=people["admin"]).count() == 1
    assert len(mail.outbox) == 1


def test_the_email_leaves_after_the_commit_with_the_link(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            [people["referent_a"], people["referent_a"]],
            key="x.1",
            subject="Richiesta",
            body="Una risposta.",
            url="/area-riservata/",
        )
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [people["referent_a"].email]
    assert message.subject.endswith("Richiesta")
    assert "/area-riservata/" in message.body
    assert Notice.objects.get(recipient=people["referent_a"]).emailed


def test_a_notice_links_only_inside_the_site(people):
    with pytest.raises(ValueError):
        notify([people["admin"]], key="x.2", subject="S", url="https://example.org/")
    assert not Notice.objects.exists()


def test_recipients_by_role_and_territory(people, territories):
    alfa, beta = territories
    referents_a = people_with_role(ATR_REFERENT, territory_id=alfa.pk, national=False)
    assert list(referents_a) == [people["referent_a"]]
    with_the_department = people_with_role(ATR_REFERENT, DEPARTMENT_ADMIN, territory_id=beta.pk)
    assert set(with_the_department) == {people["referent_b"], people["admin"]}
    assert list(people_with_role(MONITORING_ANALYST)) == [people["analyst"]]


def test_a_revoked_grant_or_an_inactive_account_gets_nothing(people, territories):
    alfa, _ = territories
    Grant.objects.filter(user=people["referent_a"]).update(revoked_at=timezone.now())
    people["admin"].is_active = False
    people["admin"].save(update_fields=["is_active"])
    assert not people_with_role(ATR_REFERENT, DEPARTMENT_ADMIN, territory_id=alfa.pk).exists()


def test_the_list_shows_only_the_persons_notices(client, people):
    notify([people["referent_a"]], key="a.1", subject="Per Anna", email=False)
    notify([people["referent_b"]], key="b.1", subject="Per Bruna", email=False)
    client.force_login(people["referent_a"])
    page = client.get("/area-riservata/avvisi/").content.decode()
    assert "Per Anna" in page
    assert "Per Bruna" not in page
    assert 'data-testid="notices-unread">1' in page


def test_opening_a_notice_marks_it_read_and_follows_its_link(client, people):
    (notice,) = notify(
        [people["referent_a"]], key="a.1", subject="S", url="/area-riservata/", email=False
    )
    client.force_login(people["referent_a"])
    response = client.post(f"/area-riservata/avvisi/{notice.pk}/apri/")
    assert response.status_code == 302
    assert response["Location"] == "/area-riservata/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_somebody_elses_notice_stays_unread(client, people):
    (notice,) = notify([people["referent_b"]], key="b.1", subject="S", email=False)
    client.force_login(people["referent_a"])
    response = client.post(f"/area-riservata/avvisi/{notice.pk}/apri/")
    assert response["Location"] == "/area-riservata/avvisi/"
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(client, people):
    notify([people["referent_a"]], key="a.1", subject="S", email=False)
    notify([people["referent_a"]], key="a.2", subject="T", email=False)
    client.force_login(people["referent_a"])
    client.post("/area-riservata/avvisi/letti/")
    assert not Notice.objects.filter(read_at__isnull=True).exists()


@pytest.fixture
def jobs(monkeypatch):
    registered: dict = {}
    monkeypatch.setattr(reminders, "_JOBS", registered)
    return registered


def test_a_failing_reminder_job_does_not_stop_the_others(jobs):
    seen = []

    @reminders.reminder_register("broken")
    def broken(today):
        raise RuntimeError("boom")

    @reminders.reminder_register("working")
    def working(today):
        seen.append(today)
        return 3

    day = datetime.date(2026, 12, 6)
    assert reminders.reminders_run(day) == {"broken": -1, "working": 3}
    assert seen == [day]


def test_the_command_runs_the_jobs_for_the_day_given(jobs, capsys):
    seen = []
    reminders.reminder_register("count")(lambda today: seen.append(today) or 1)
    call_command("send_reminders", "--date", "2027-01-31")  # queued: immediate in tests
    call_command("send_reminders", "--date", "2027-02-01", "--now")
    assert seen == [datetime.date(2027, 1, 31), datetime.date(2027, 2, 1)]
    assert "count: 1" in capsys.readouterr().out


def test_the_command_refuses_a_malformed_date(jobs):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "31/01/2027")
