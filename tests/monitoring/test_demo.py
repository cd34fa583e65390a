"""The demo's monitoring: a published yearly questionnaire of the anti-violence centres, a
launched campaign over the demo network's centres, the answers of four of them (three
submitted, one draft), made once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rete.audit.models import AuditAction, AuditEntry
from rete.demo.services import demo_accounts_ensure, demo_network_load
from rete.monitoring.campaigns.phase import CampaignPhase, campaign_phase
from rete.monitoring.campaigns.selectors import submitted_responses
from rete.monitoring.definition import definition_validate, questions
from rete.monitoring.demo import CAMPAIGN_TITLE, demo_monitoring_load
from rete.monitoring.models import Campaign, Response, ResponseStatus, VersionStatus
from rete.monitoring.results import results_aggregate

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def demo():
    demo_network_load()
    demo_accounts_ensure()


def test_it_loads_a_launched_campaign_with_answers_once(demo) -> None:
    first = demo_monitoring_load(today=TODAY)
    audited = AuditEntry.objects.count()
    second = demo_monitoring_load(today=TODAY)

    assert first == second
    assert first["questionnaires"] == first["campaigns"] == 1
    assert (first["submitted"], first["drafts"]) == (3, 1)
    assert AuditEntry.objects.count() == audited  # the second load wrote nothing

    campaign = Campaign.objects.select_related("version").get()
    version = campaign.version
    assert version.status == VersionStatus.PUBLISHED
    assert definition_validate(version.definition) == []
    assert any(q.get("show_if") for q in questions(version.definition))
    assert version.questionnaire.created_by.username == "demo_monitoring_analyst"

    assert campaign.title == CAMPAIGN_TITLE
    assert campaign.service_kinds == ["anti_violence_centre"]
    assert (campaign.opens_on, campaign.closes_on) == (
        TODAY - timedelta(days=10),
        TODAY + timedelta(days=20),
    )
    assert campaign.reminder_days == [7, 2]
    assert campaign_phase(campaign, TODAY) == CampaignPhase.OPEN
    targets = campaign.targets.select_related("service")
    assert first["targets"] == targets.count() > 10
    assert {target.service.kind for target in targets} == {"anti_violence_centre"}

    giraffa = Response.objects.get(target__service__ext_id="svc-giraffa")
    assert giraffa.status == ResponseStatus.SUBMITTED
    assert giraffa.submitted_by.username == "demo_network_operator"
    assert AuditEntry.objects.filter(
        action=AuditAction.RESPONSE_SUBMIT, target_id=str(giraffa.pk)
    ).exists()
    draft = Response.objects.get(status=ResponseStatus.DRAFT)
    assert draft.target.service.ext_id == "svc-genova-cav"


def test_the_results_aggregate_the_submitted_answers(demo, client) -> None:
    demo_monitoring_load(today=TODAY)
    campaign = Campaign.objects.get()

    results = results_aggregate(
        campaign.version.definition,
        [response.answers for response in submitted_responses(campaign, None)],
    )
    by_key = {question.key: question for question in results.questions}
    assert results.responses == 3
    assert not results.small  # three responses: shown without the warning
    assert by_key["donne_accolte"].numbers.total == 212 + 48 + 167
    options = {option.key: option.count for option in by_key["lista_attesa"].options}
    assert options == {"si": 2, "no": 1}
    # Asked only where there is a waiting list: counted over those two.
    assert (by_key["settimane_attesa"].shown, by_key["settimane_attesa"].numbers.total) == (2, 5)

    client.force_login(get_user_model().objects.get(username="demo_monitoring_analyst"))
    page = client.get(reverse("reserved:campaign_results", kwargs={"pk": campaign.pk}))
    assert page.status_code == 200
    assert page.context["results"].responses == 3
    assert b'data-testid="results-count" data-count="3"' in page.content


def test_without_the_demo_accounts_nothing_is_loaded() -> None:
    demo_network_load()

    assert demo_monitoring_load(today=TODAY) == {
        "questionnaires": 0,
        "campaigns": 0,
        "targets": 0,
        "submitted": 0,
        "drafts": 0,
    }
    assert not Campaign.objects.exists()
