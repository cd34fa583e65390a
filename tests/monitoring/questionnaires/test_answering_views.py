"""Answering through the client: the operators of the targeted service save drafts, submit,
ask for a reopening; errors keep what was typed; a campaign not open takes nothing; another
organisation's target does not exist; the territory's referent reads, audited, and cannot
write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rete.audit.models import AuditAction, AuditEntry
from rete.monitoring.models import Response, ResponseStatus
from rete.notices.models import Notice
from tests.monitoring.samples import SAMPLE_ANSWERS

COMPLETE = {
    "a-q1": "yes",
    "a-q2": ["phone", "online"],
    "a-q3": "12",
    "a-q4": "Nessuna criticità.",
    "a-q5": "2026-03-02",
    "a-q6.police": "good",
    "a-q6.health": "fair",
}


def page(target):
    return reverse("reserved:response", kwargs={"target_pk": target.pk})


def submit(target):
    return reverse("reserved:response_submit", kwargs={"target_pk": target.pk})


def reopen(target):
    return reverse("reserved:response_reopen_request", kwargs={"target_pk": target.pk})


@pytest.fixture
def as_operator(client, people):
    client.force_login(people.operator_a)
    return client


def audits(action):
    return AuditEntry.objects.filter(action=action).count()


def test_the_operator_opens_the_form(as_operator, target_a) -> None:
    response = as_operator.get(page(target_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="a-q1"' in content
    # q2 waits for q1 = yes: on the page, hidden and with its condition for the script.
    assert 'data-question="q2" data-type="multiple" data-show-if=' in content
    assert audits(AuditAction.RESPONSE_READ) == 0


def test_a_draft_keeps_what_is_valid_and_shows_the_rest(as_operator, target_a, people) -> None:
    response = as_operator.post(page(target_a), {"a-q1": "no", "a-q3": "tante", "a-q4": "Bene"})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="tante"' in content
    assert 'data-question-error="q3"' in content
    saved = Response.objects.get(target=target_a)
    assert saved.answers == {"q1": "no", "q4": "Bene"}
    assert saved.status == ResponseStatus.DRAFT
    assert saved.updated_by == people.operator_a
    assert audits(AuditAction.RESPONSE_SAVE) == 1


def test_a_clean_draft_redirects_and_comes_back_filled(as_operator, target_a) -> None:
    response = as_operator.post(page(target_a), {"a-q1": "yes", "a-q2": ["online"]})
    assert response.status_code == 302
    content = as_operator.get(page(target_a)).content.decode()
    assert 'value="online" checked' in content
    assert 'value="yes" checked' in content


def test_a_hidden_answer_is_not_kept(as_operator, target_a) -> None:
    as_operator.post(page(target_a), {"a-q1": "no", "a-q2": ["online"]})
    assert Response.objects.get(target=target_a).answers == {"q1": "no"}


def test_autosave_answers_a_fragment_and_is_audited_at_most_every_ten_minutes(
    as_operator, target_a
) -> None:
    headers = {"HX-Request": "true"}
    first = as_operator.post(page(target_a), {"a-q1": "yes", "autosave": "1"}, headers=headers)
    assert first.status_code == 200
    assert b'data-testid="autosave-saved"' in first.content
    as_operator.post(page(target_a), {"a-q1": "no", "autosave": "1"}, headers=headers)
    assert Response.objects.get(target=target_a).answers == {"q1": "no"}
    assert audits(AuditAction.RESPONSE_SAVE) == 1
    # An explicit save is always recorded.
    as_operator.post(page(target_a), {"a-q1": "no"})
    assert audits(AuditAction.RESPONSE_SAVE) == 2


def test_a_submission_with_problems_keeps_everything_typed(as_operator, target_a) -> None:
    as_operator.post(page(target_a), {"a-q1": "no"})
    typed = {**COMPLETE, "a-q2": [], "a-q3": "-4", "a-q4": "Da non perdere"}
    response = as_operator.post(submit(target_a), typed)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'data-question-error="q2"' in content
    assert 'data-question-error="q3"' in content
    assert 'value="-4"' in content
    assert "Da non perdere" in content
    saved = Response.objects.get(target=target_a)
    assert (saved.status, saved.answers) == (ResponseStatus.DRAFT, {"q1": "no"})
    assert audits(AuditAction.RESPONSE_SUBMIT) == 0


def test_a_complete_submission_is_final(as_operator, target_a, people) -> None:
    response = as_operator.post(submit(target_a), COMPLETE)
    assert response.status_code == 302
    saved = Response.objects.get(target=target_a)
    assert saved.status == ResponseStatus.SUBMITTED
    assert saved.answers == SAMPLE_ANSWERS
    assert saved.submitted_by == people.operator_a
    assert audits(AuditAction.RESPONSE_SUBMIT) == 1

    readonly = as_operator.get(page(target_a)).content.decode()
    assert 'name="a-q1"' not in readonly
    assert 'data-answer="q2">Telefono; Online' in readonly
    refused = as_operator.post(page(target_a), {"a-q1": "no"})
    assert refused.status_code == 409
    assert Response.objects.get(target=target_a).answers == SAMPLE_ANSWERS


def test_a_reopening_needs_a_reason_and_tells_the_analysts(as_operator, target_a, people) -> None:
    as_operator.post(submit(target_a), COMPLETE)
    response = as_operator.post(reopen(target_a), {"reason": "  "})
    assert response.status_code == 400
    assert not Notice.objects.exists()

    response = as_operator.post(reopen(target_a), {"reason": "Numero di donne sbagliato."})
    assert response.status_code == 302
    saved = Response.objects.get(target=target_a)
    assert saved.reopen_requested_at is not None
    assert saved.reopen_reason == "Numero di donne sbagliato."
    notice = Notice.objects.get()
    assert notice.recipient == people.analyst
    assert notice.key == f"response.{saved.pk}.reopen_request.0"
    assert notice.url == page(target_a)
    entry = AuditEntry.objects.get(action=AuditAction.RESPONSE_REOPEN_REQUEST)
    assert "sbagliato" not in str(entry.details)
    # Asked twice: refused, nobody told twice.
    assert as_operator.post(reopen(target_a), {"reason": "Ancora"}).status_code == 409
    assert Notice.objects.count() == 1


def test_a_reopening_of_a_draft_is_refused(as_operator, target_a) -> None:
    as_operator.post(page(target_a), {"a-q1": "no"})
    assert as_operator.post(reopen(target_a), {"reason": "Perché"}).status_code == 409


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(2, 10), (-10, -1)],
    ids=["not yet open", "past its closing day"],
)
def test_a_campaign_not_open_takes_no_answers(
    as_operator, target_a, campaign_launched, opens, closes
) -> None:
    today = timezone.localdate()
    campaign_launched.opens_on = today + timedelta(days=opens)
    campaign_launched.closes_on = today + timedelta(days=closes)
    campaign_launched.save()
    content = as_operator.get(page(target_a)).content.decode()
    assert 'data-testid="closed"' in content
    assert 'name="a-q1"' not in content
    assert as_operator.post(page(target_a), {"a-q1": "no"}).status_code == 409
    assert as_operator.post(submit(target_a), COMPLETE).status_code == 409
    assert not Response.objects.exists()


def test_a_campaign_closed_early_takes_no_answers(as_operator, target_a, campaign_launched) -> None:
    campaign_launched.status = "closed"
    campaign_launched.closed_at = timezone.now()
    campaign_launched.save()
    assert as_operator.post(submit(target_a), COMPLETE).status_code == 409


def test_another_organisation_s_target_does_not_exist(client, people, target_a, target_b) -> None:
    for person in (people.operator_b, people.operator_glicine, people.referent_b):
        client.force_login(person)
        assert client.get(page(target_a)).status_code == 404
        assert client.post(page(target_a), {"a-q1": "no"}).status_code == 404
        assert client.post(submit(target_a), COMPLETE).status_code == 404
    assert not Response.objects.exists()


def test_the_referent_reads_her_territory_s_answers_audited_and_cannot_write(
    client, people, target_a, as_operator
) -> None:
    as_operator.post(submit(target_a), COMPLETE)
    client.force_login(people.referent_a)
    response = client.get(page(target_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="a-q1"' not in content
    assert 'data-answer="q3">12' in content
    entry = AuditEntry.objects.get(action=AuditAction.RESPONSE_READ)
    assert entry.actor == people.referent_a
    assert client.post(page(target_a), {"a-q1": "no"}).status_code == 403
    assert client.post(reopen(target_a), {"reason": "x"}).status_code == 403


def test_the_analyst_reads_every_answer_and_sees_the_reopening_request(
    client, people, target_b
) -> None:
    client.force_login(people.operator_b)
    client.post(submit(target_b), COMPLETE)
    client.post(reopen(target_b), {"reason": "Errore nella data."})
    client.force_login(people.analyst)
    content = client.get(page(target_b)).content.decode()
    assert 'data-testid="reopen-pending"' in content
    assert "Errore nella data." in content
    assert AuditEntry.objects.filter(action=AuditAction.RESPONSE_READ).count() == 1
    client.force_login(people.committee)
    assert client.get(page(target_b)).status_code == 403


def test_the_landing_page_says_what_each_person_has_to_do(
    client, people, target_a, target_b, published_version
) -> None:
    landing = reverse("reserved:questionnaires")
    client.force_login(people.operator_a)
    content = client.get(landing).content.decode()
    assert f'data-target="{target_a.pk}"' in content
    assert f'data-target="{target_b.pk}"' not in content
    assert 'data-testid="questionnaires"' not in content

    client.force_login(people.referent_b)
    content = client.get(landing).content.decode()
    assert f'data-target="{target_b.pk}"' in content
    assert f'data-target="{target_a.pk}"' not in content

    client.force_login(people.analyst)
    content = client.get(landing).content.decode()
    assert 'data-testid="questionnaires"' in content
    assert published_version.questionnaire.title in content

    client.force_login(people.committee)
    content = client.get(landing).content.decode()
    assert 'data-testid="published"' in content
    assert 'data-testid="results-link"' in content

    client.force_login(people.helpline)
    assert b'data-testid="nothing"' in client.get(landing).content
