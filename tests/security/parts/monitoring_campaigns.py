"""The monitoring campaigns (rete.monitoring.campaigns): list, create and change, launch,
close, remind, the response-rate dashboard, the aggregated results and their download,
reopening a submitted response.

Objects: a published questionnaire version; a draft campaign asking the anti-violence
centres of A; a launched, open campaign of A with its target svc-giraffa, whose submitted
response asks to be reopened."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    STEERING_COMMITTEE,
)
from tests.monitoring.samples import SAMPLE_ANSWERS, sample_definition
from tests.security.matrix import Spec, but, only
from tests.security.urls import REDIRECT

MANAGERS = (MONITORING_ANALYST, DEPARTMENT_ADMIN)
DASHBOARD = (*MANAGERS, ATR_REFERENT)
RESULTS = (*DASHBOARD, STEERING_COMMITTEE)


def objects(world: Any) -> dict[str, Any]:
    from rete.monitoring.models import (
        Campaign,
        CampaignStatus,
        CampaignTarget,
        Questionnaire,
        QuestionnaireVersion,
        Response,
        ResponseStatus,
        VersionStatus,
    )

    analyst = world.people[MONITORING_ANALYST]
    questionnaire = Questionnaire.objects.create(title="Rilevazione", created_by=analyst)
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        status=VersionStatus.PUBLISHED,
        definition=sample_definition(),
        updated_by=analyst,
        published_at=timezone.now(),
    )
    today = timezone.localdate()

    def campaign(title: str, **more: Any) -> Campaign:
        made = Campaign.objects.create(
            title=title,
            version=version,
            service_kinds=["anti_violence_centre"],
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=10),
            reminder_days=[3],
            created_by=analyst,
            **more,
        )
        made.territories.set([world.territory_a])
        return made

    draft = campaign("Bozza di campagna")
    launched = campaign(
        "Campagna in corso", status=CampaignStatus.LAUNCHED, launched_at=timezone.now()
    )
    target = CampaignTarget.objects.create(
        campaign=launched, service=world.objects["service_a"], territory=world.territory_a
    )
    response = Response.objects.create(
        target=target,
        status=ResponseStatus.SUBMITTED,
        answers=SAMPLE_ANSWERS,
        updated_by=world.people[MONITORING_ANALYST],
        submitted_at=timezone.now(),
        reopen_requested_at=timezone.now(),
        reopen_reason="Un numero da correggere",
    )
    return {"mc_draft": draft, "mc_launched": launched, "mc_response": response}


def _pk(name: str):
    return lambda world: {"pk": world.objects[name].pk}


LAUNCHED = _pk("mc_launched")

ROWS = {
    # The list: each reader sees the campaigns of their scope (B's referent: none of A's).
    "reserved:campaigns": Spec(only(*RESULTS)),
    "reserved:campaign_create": (
        Spec(only(*MANAGERS)),
        Spec(only(*MANAGERS, ok=400), method="POST"),
    ),
    "reserved:campaign": (
        Spec(only(*DASHBOARD, other=404), kwargs=LAUNCHED),
        # A draft is the managers' only.
        Spec(but(only(*DASHBOARD, other=404), atr_referent=404), kwargs=_pk("mc_draft")),
    ),
    "reserved:campaign_edit": (
        Spec(only(*MANAGERS), kwargs=LAUNCHED),
        Spec(only(*MANAGERS, ok=400), method="POST", kwargs=LAUNCHED),
    ),
    "reserved:campaign_launch": Spec(
        only(*MANAGERS, ok=REDIRECT), method="POST", kwargs=_pk("mc_draft")
    ),
    "reserved:campaign_close": Spec(only(*MANAGERS, ok=REDIRECT), method="POST", kwargs=LAUNCHED),
    "reserved:campaign_remind": Spec(only(*MANAGERS, ok=REDIRECT), method="POST", kwargs=LAUNCHED),
    "reserved:campaign_results": Spec(only(*RESULTS, other=404), kwargs=LAUNCHED),
    # Raw answers: not for the steering committee (aggregated results only).
    "reserved:campaign_results_export": (
        Spec(only(*DASHBOARD, other=404), kwargs=LAUNCHED),
        Spec(only(*DASHBOARD, other=404), kwargs=LAUNCHED, query="format=csv"),
    ),
    "reserved:response_reopen": Spec(
        only(*MANAGERS, ok=REDIRECT), method="POST", kwargs=_pk("mc_response")
    ),
}
