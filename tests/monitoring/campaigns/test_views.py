"""The campaign pages through the test client: who may open them, what they show, and that
bad input is refused keeping what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rete.audit.models import AuditAction, AuditEntry
from rete.monitoring.models import (
    Campaign,
    CampaignStatus,
    CampaignTarget,
    ResponseStatus,
)
from rete.notices.models import Notice
from tests.monitoring.samples import SAMPLE_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_b(people, published_version, net) -> Campaign:
    """A launched campaign that asked only Ambito Beta's centre."""
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        title="Solo Beta",
        version=published_version,
        service_kinds=["anti_violence_centre"],
        opens_on=today,
        closes_on=today + timedelta(days=5),
        status=CampaignStatus.LAUNCHED,
        launched_at=timezone.now(),
        created_by=people.analyst,
    )
    campaign.territories.set([net.b])
    CampaignTarget.objects.create(
        campaign=campaign, service=net.services["svc-betulla"], territory=net.b
    )
    return campaign


def _url(name: str, **kwargs) -> str:
    return reverse(f"reserved:{name}", kwargs=kwargs)


def _form(published, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "title": "Rilevazione autunno",
        "version": str(published.pk),
        "service_kinds": ["anti_violence_centre"],
        "territories": [],
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=20)).isoformat(),
        "reminder_days": "7, 2",
        "action": "save",
    }
    data.update(changes)
    return data


# --- list -------------------------------------------------------------------------------------


def test_the_list_shows_each_person_the_campaigns_of_their_scope(
    signed_in, people, draft, campaign_launched, only_b
) -> None:
    def listed(person) -> set[int]:
        response = signed_in(person).get(_url("campaigns"))
        assert response.status_code == 200
        return {campaign.pk for campaign, _phase in response.context["items"]}

    assert listed(people.analyst) == {draft.pk, campaign_launched.pk, only_b.pk}
    assert listed(people.committee) == {campaign_launched.pk, only_b.pk}
    # A referent: the launched campaigns that asked services of her territory.
    assert listed(people.referent_a) == {campaign_launched.pk}
    assert listed(people.referent_b) == {campaign_launched.pk, only_b.pk}


def test_operators_and_the_helpline_get_no_campaign_page(
    signed_in, people, campaign_launched
) -> None:
    for person in (people.operator_a, people.helpline):
        client = signed_in(person)
        assert client.get(_url("campaigns")).status_code == 403
        assert client.get(_url("campaign", pk=campaign_launched.pk)).status_code == 403
        assert client.get(_url("campaign_results", pk=campaign_launched.pk)).status_code == 403


# --- create and change ------------------------------------------------------------------------


def test_the_analyst_creates_a_draft(signed_in, people, published_version, net) -> None:
    response = signed_in(people.analyst).post(
        _url("campaign_create"), _form(published_version, territories=[str(net.a.pk)])
    )

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("campaign", pk=campaign.pk)
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.reminder_days == [7, 2]
    assert list(campaign.territories.all()) == [net.a]
    assert AuditEntry.objects.filter(action=AuditAction.CAMPAIGN_CREATE).count() == 1


def test_the_preview_counts_the_services_without_saving(
    signed_in, people, published_version, net
) -> None:
    response = signed_in(people.analyst).post(
        _url("campaign_create"), _form(published_version, action="preview")
    )

    assert response.status_code == 200
    assert response.context["preview"]["total"] == 2  # CAV Aurora (A), CAV Betulla (B)
    assert 'data-testid="preview-total" data-count="2"' in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service_kinds": []}, "service_kinds"),
        ({"reminder_days": "sette"}, "reminder_days"),
        ({"reminder_days": "30"}, "reminder_days"),  # before the opening
        ({"closes_on": (timezone.localdate() - timedelta(days=1)).isoformat()}, "closes_on"),
        ({"version": "999999"}, "version"),
    ],
)
def test_bad_input_is_refused_keeping_what_was_typed(
    signed_in, people, published_version, changes, field
) -> None:
    data = _form(published_version, title="Titolo digitato", **changes)

    response = signed_in(people.analyst).post(_url("campaign_create"), data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert 'value="Titolo digitato"' in page
    assert f'data-testid="error-{field}"' in page
    assert not Campaign.objects.exists()


def test_a_draft_version_cannot_be_sent(signed_in, people, published_version) -> None:
    from rete.monitoring.models import QuestionnaireVersion, VersionStatus

    draft_version = QuestionnaireVersion.objects.create(
        questionnaire=published_version.questionnaire,
        number=2,
        status=VersionStatus.DRAFT,
        definition=published_version.definition,
        updated_by=people.analyst,
    )

    response = signed_in(people.analyst).post(
        _url("campaign_create"), _form(published_version, version=str(draft_version.pk))
    )

    assert "version" in response.context["form"].errors
    assert not Campaign.objects.exists()


def test_a_draft_can_change_everything(signed_in, people, draft, published_version, net) -> None:
    response = signed_in(people.analyst).post(
        _url("campaign_edit", pk=draft.pk),
        _form(published_version, title="Nuovo titolo", service_kinds=["shelter"]),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.service_kinds) == ("Nuovo titolo", ["shelter"])


def test_a_launched_campaign_offers_only_its_title_closing_date_and_reminders(
    signed_in, people, campaign_launched
) -> None:
    client = signed_in(people.analyst)
    page = client.get(_url("campaign_edit", pk=campaign_launched.pk))
    assert set(page.context["form"].fields) == {"title", "closes_on", "reminder_days"}

    earlier = campaign_launched.closes_on - timedelta(days=1)
    refused = client.post(
        _url("campaign_edit", pk=campaign_launched.pk),
        {"title": "X", "closes_on": earlier.isoformat(), "reminder_days": ""},
    )
    assert refused.status_code == 400
    assert "closes_on" in refused.context["form"].errors
    campaign_launched.refresh_from_db()
    assert campaign_launched.title == "Monitoraggio primo semestre 2026"

    later = campaign_launched.closes_on + timedelta(days=7)
    saved = client.post(
        _url("campaign_edit", pk=campaign_launched.pk),
        {"title": "X", "closes_on": later.isoformat(), "reminder_days": "3"},
    )
    assert saved.status_code == 302
    campaign_launched.refresh_from_db()
    assert (campaign_launched.closes_on, campaign_launched.reminder_days) == (later, [3])


# --- launch, close, remind, reopen ------------------------------------------------------------


def test_launching_from_the_page_fixes_the_targets(signed_in, people, draft) -> None:
    response = signed_in(people.analyst).post(_url("campaign_launch", pk=draft.pk))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.LAUNCHED
    assert draft.targets.count() == 2


def test_the_department_may_run_campaigns_the_referent_may_not(signed_in, people, draft) -> None:
    assert (
        signed_in(people.referent_a).post(_url("campaign_launch", pk=draft.pk)).status_code == 403
    )
    assert signed_in(people.admin).post(_url("campaign_launch", pk=draft.pk)).status_code == 302


def test_closing_from_the_page(signed_in, people, campaign_launched) -> None:
    signed_in(people.analyst).post(_url("campaign_close", pk=campaign_launched.pk))

    campaign_launched.refresh_from_db()
    assert campaign_launched.status == CampaignStatus.CLOSED


def test_remind_now_from_the_page(signed_in, people, campaign_launched, target_a, respond) -> None:
    respond(target_a, SAMPLE_ANSWERS)

    response = signed_in(people.analyst).post(_url("campaign_remind", pk=campaign_launched.pk))

    assert response.status_code == 302
    assert set(Notice.objects.values_list("recipient__username", flat=True)) == {"m-operator-b"}


def test_the_analyst_reopens_a_response_on_request(
    signed_in, people, campaign_launched, target_a, respond
) -> None:
    response = respond(target_a, SAMPLE_ANSWERS)
    response.reopen_requested_at = timezone.now()
    response.reopen_reason = "Numero sbagliato"
    response.save()
    dashboard = signed_in(people.analyst).get(_url("campaign", pk=campaign_launched.pk))
    assert 'data-testid="response-reopen"' in dashboard.content.decode()

    answer = signed_in(people.analyst).post(_url("response_reopen", pk=response.pk))

    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.DRAFT
    assert response.reopen_count == 1
    assert response.reopen_requested_at is None
    notice = Notice.objects.get(recipient=people.operator_a)
    assert notice.key == f"response.{response.pk}.reopened.1"
    entry = AuditEntry.objects.get(action=AuditAction.RESPONSE_REOPEN)
    assert entry.details["requested"] is True


def test_a_draft_response_is_not_reopened(signed_in, people, target_a, respond) -> None:
    response = respond(target_a, {"q1": "no"}, submitted=False)

    signed_in(people.analyst).post(_url("response_reopen", pk=response.pk))

    response.refresh_from_db()
    assert response.reopen_count == 0
    assert not AuditEntry.objects.filter(action=AuditAction.RESPONSE_REOPEN).exists()


# --- dashboard --------------------------------------------------------------------------------


def test_the_dashboard_shows_the_rates_per_territory(
    signed_in, people, campaign_launched, target_a, target_b, respond
) -> None:
    respond(target_a, SAMPLE_ANSWERS)
    respond(target_b, {"q1": "no"}, submitted=False)

    response = signed_in(people.analyst).get(_url("campaign", pk=campaign_launched.pk))

    rates = {
        rate.code: (rate.targets, rate.submitted, rate.drafts, rate.not_started, rate.percent)
        for rate in response.context["rates"]
    }
    assert rates == {"ATR-AL": (1, 1, 0, 0, 100.0), "ATR-BE": (1, 0, 1, 0, 0.0)}
    assert response.context["total"].percent == 50.0
    assert response.context["chart"]["datasets"][0]["data"] == [1, 0]
    page = response.content.decode()
    assert "<script>" not in page and 'style="' not in page


def test_a_referent_sees_only_her_territory_s_rows(
    signed_in, people, campaign_launched, only_b
) -> None:
    client = signed_in(people.referent_a)
    response = client.get(_url("campaign", pk=campaign_launched.pk))

    assert response.status_code == 200
    assert [rate.code for rate in response.context["rates"]] == ["ATR-AL"]
    assert [row.target.service.ext_id for row in response.context["rows"]] == ["svc-aurora"]
    assert not response.context["may_manage"]
    assert 'data-testid="campaign-remind"' not in response.content.decode()
    # A campaign that asked nobody of her territory does not exist for her; nor a draft.
    assert client.get(_url("campaign", pk=only_b.pk)).status_code == 404


def test_a_referent_does_not_see_drafts(signed_in, people, draft) -> None:
    assert signed_in(people.referent_a).get(_url("campaign", pk=draft.pk)).status_code == 404


def test_the_steering_committee_reads_results_not_dashboards(
    signed_in, people, campaign_launched
) -> None:
    client = signed_in(people.committee)

    assert client.get(_url("campaign", pk=campaign_launched.pk)).status_code == 403
    assert client.get(_url("campaign_results", pk=campaign_launched.pk)).status_code == 200
    export = _url("campaign_results_export", pk=campaign_launched.pk)
    assert client.get(export).status_code == 403


def test_a_draft_s_page_previews_the_services_asked(signed_in, people, draft) -> None:
    response = signed_in(people.analyst).get(_url("campaign", pk=draft.pk))

    assert response.context["preview"]["total"] == 2
    assert 'data-testid="campaign-launch"' in response.content.decode()


# --- results ----------------------------------------------------------------------------------


def _three_submitted(net, campaign, respond):
    # A third target in A, so that A alone has two responses and B one.
    glicine = CampaignTarget.objects.create(
        campaign=campaign, service=net.services["svc-glicine"], territory=net.a
    )
    for target, answers in zip(
        campaign.targets.order_by("pk"),
        [
            SAMPLE_ANSWERS,
            {**SAMPLE_ANSWERS, "q1": "no", "q2": None, "q4": "Testo B"},
            {"q1": "no", "q3": 4},
        ],
        strict=True,
    ):
        respond(target, {k: v for k, v in answers.items() if v is not None})
    return glicine


def test_the_results_count_the_submitted_answers(
    signed_in, people, net, campaign_launched, respond
) -> None:
    _three_submitted(net, campaign_launched, respond)

    response = signed_in(people.analyst).get(_url("campaign_results", pk=campaign_launched.pk))

    results = response.context["results"]
    assert results.responses == 3
    assert not results.small
    q1 = next(q for q in results.questions if q.key == "q1")
    assert {o.key: o.count for o in q1.options} == {"yes": 1, "no": 2}
    q4 = next(q for q in results.questions if q.key == "q4")
    assert sorted(q4.texts) == ["Nessuna criticità.", "Testo B"]
    assert response.content.decode().count('data-testid="campaign-chart"') == 2  # q1, q2


def test_the_committee_reads_no_free_text(
    signed_in, people, net, campaign_launched, respond
) -> None:
    _three_submitted(net, campaign_launched, respond)

    response = signed_in(people.committee).get(_url("campaign_results", pk=campaign_launched.pk))

    q4 = next(q for q in response.context["results"].questions if q.key == "q4")
    assert q4.answered == 2 and q4.texts == []
    assert "Testo B" not in response.content.decode()


def test_a_territory_filter_with_few_responses_warns(
    signed_in, people, net, campaign_launched, respond
) -> None:
    _three_submitted(net, campaign_launched, respond)

    response = signed_in(people.analyst).get(
        _url("campaign_results", pk=campaign_launched.pk), {"territory": "ATR-BE"}
    )

    assert response.context["results"].responses == 1
    assert 'data-testid="small-cell-warning"' in response.content.decode()


def test_a_referent_s_results_are_her_territory_s(
    signed_in, people, net, campaign_launched, respond
) -> None:
    _three_submitted(net, campaign_launched, respond)
    client = signed_in(people.referent_a)

    response = client.get(_url("campaign_results", pk=campaign_launched.pk))

    assert response.context["results"].responses == 2
    assert [t.code for t in response.context["choices"]] == ["ATR-AL"]
    assert (
        client.get(
            _url("campaign_results", pk=campaign_launched.pk), {"territory": "ATR-BE"}
        ).status_code
        == 404
    )


def test_a_draft_campaign_has_no_results(signed_in, people, draft) -> None:
    assert signed_in(people.analyst).get(_url("campaign_results", pk=draft.pk)).status_code == 404


def test_answers_are_not_reopened_after_the_closing_date(
    signed_in, people, campaign_launched, target_a, respond
) -> None:
    from django.core.exceptions import ValidationError

    from rete.monitoring.campaigns.services import response_reopen

    response = respond(target_a, SAMPLE_ANSWERS)

    with pytest.raises(ValidationError) as refused:
        response_reopen(
            actor=people.analyst,
            response=response,
            today=campaign_launched.closes_on + timedelta(days=1),
        )

    assert refused.value.code == "closed"
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED


def test_a_closed_campaign_cannot_be_changed(signed_in, people, campaign_launched) -> None:
    from rete.monitoring.campaigns.services import campaign_close

    campaign_close(actor=people.analyst, campaign=campaign_launched)
    client = signed_in(people.analyst)

    assert client.get(_url("campaign_edit", pk=campaign_launched.pk)).status_code == 302
    client.post(
        _url("campaign_edit", pk=campaign_launched.pk),
        {"title": "Altro", "closes_on": "2099-01-01", "reminder_days": ""},
    )
    campaign_launched.refresh_from_db()
    assert campaign_launched.title == "Monitoraggio primo semestre 2026"
