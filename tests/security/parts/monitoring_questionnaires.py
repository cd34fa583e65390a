"""The monitoring questionnaires (rete.monitoring.questionnaires): the landing page, the
builder (the monitoring company and the Department), and a service's answers.

Objects: a questionnaire with version 1 published and version 2 a draft (both the sample
definition of tests.monitoring.samples), and a launched, open campaign of version 1 asking
the service of A (svc-giraffa, the organisation of the world's network operator)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    ROLES,
    STEERING_COMMITTEE,
)
from tests.monitoring.samples import sample_definition
from tests.security.matrix import Spec, only
from tests.security.urls import REDIRECT

BUILDERS = (MONITORING_ANALYST, DEPARTMENT_ADMIN)


def objects(world: Any) -> dict[str, Any]:
    from rete.monitoring.models import (
        Campaign,
        CampaignStatus,
        CampaignTarget,
        Questionnaire,
        QuestionnaireVersion,
        VersionStatus,
    )

    analyst = world.people[MONITORING_ANALYST]
    questionnaire = Questionnaire.objects.create(title="Monitoraggio", created_by=analyst)
    published = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        status=VersionStatus.PUBLISHED,
        definition=sample_definition(),
        updated_by=analyst,
        published_at=timezone.now(),
    )
    draft = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=2, definition=sample_definition(), updated_by=analyst
    )
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        title="Monitoraggio 2026",
        version=published,
        service_kinds=["anti_violence_centre"],
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        status=CampaignStatus.LAUNCHED,
        created_by=analyst,
        launched_at=timezone.now(),
    )
    target = CampaignTarget.objects.create(
        campaign=campaign, service=world.objects["service_a"], territory=world.territory_a
    )
    return {
        "mq_questionnaire": questionnaire,
        "mq_published": published,
        "mq_draft": draft,
        "mq_target_a": target,
    }


def _version(name: str, **more: str):
    return lambda world: {"pk": world.objects[name].pk, **more}


QUESTIONNAIRE = lambda world: {"pk": world.objects["mq_questionnaire"].pk}  # noqa: E731
DRAFT = _version("mq_draft")
TARGET_A = lambda world: {"target_pk": world.objects["mq_target_a"].pk}  # noqa: E731
# Readers of a service's answers; the referent of B must not learn they exist.
RESPONSE_READERS = only(
    NETWORK_OPERATOR, ATR_REFERENT, MONITORING_ANALYST, DEPARTMENT_ADMIN, other=404
)


def _respondent_post(ok: int | str) -> dict[str, int | str]:
    """A POST only the service's operators may make: readers get 403, B's referent 404."""
    expect = only(NETWORK_OPERATOR, ok=ok, other=404)
    for reader in (ATR_REFERENT, MONITORING_ANALYST, DEPARTMENT_ADMIN):
        expect[reader] = 403
    return expect


ROWS = {
    # Every role lands here: each sees what is theirs (or a sentence saying there is nothing).
    "reserved:questionnaires": Spec(only(*ROLES)),
    "reserved:questionnaire_create": (
        Spec(only(*BUILDERS)),
        Spec(only(*BUILDERS, ok=400), method="POST"),
    ),
    "reserved:questionnaire": Spec(only(*BUILDERS), kwargs=QUESTIONNAIRE),
    "reserved:questionnaire_version": (
        Spec(only(*BUILDERS, STEERING_COMMITTEE), kwargs=_version("mq_published")),
        # A draft is the builders' only: the committee is not told it exists.
        Spec({**only(*BUILDERS, STEERING_COMMITTEE), STEERING_COMMITTEE: 404}, kwargs=DRAFT),
    ),
    "reserved:questionnaire_edit": Spec(only(*BUILDERS), kwargs=DRAFT),
    # The draft's changes: plain POSTs; empty forms are refused (400), whole actions redirect.
    "reserved:questionnaire_section_add": Spec(
        only(*BUILDERS, ok=400), method="POST", kwargs=DRAFT
    ),
    "reserved:questionnaire_section_update": Spec(
        only(*BUILDERS, ok=400), method="POST", kwargs=_version("mq_draft", key="s1")
    ),
    "reserved:questionnaire_section_delete": Spec(
        only(*BUILDERS, ok=REDIRECT), method="POST", kwargs=_version("mq_draft", key="s2")
    ),
    "reserved:questionnaire_section_move": Spec(
        only(*BUILDERS, ok=400), method="POST", kwargs=_version("mq_draft", key="s1")
    ),
    "reserved:questionnaire_question_add": (
        Spec(only(*BUILDERS), kwargs=_version("mq_draft", key="s1")),
        Spec(only(*BUILDERS, ok=400), method="POST", kwargs=_version("mq_draft", key="s1")),
    ),
    "reserved:questionnaire_question_update": (
        Spec(only(*BUILDERS), kwargs=_version("mq_draft", key="q1")),
        Spec(only(*BUILDERS, ok=400), method="POST", kwargs=_version("mq_draft", key="q1")),
    ),
    "reserved:questionnaire_question_delete": Spec(
        only(*BUILDERS, ok=REDIRECT), method="POST", kwargs=_version("mq_draft", key="q4")
    ),
    "reserved:questionnaire_question_move": Spec(
        only(*BUILDERS, ok=400), method="POST", kwargs=_version("mq_draft", key="q3")
    ),
    "reserved:questionnaire_publish": (
        Spec(only(*BUILDERS, ok=REDIRECT), method="POST", kwargs=DRAFT),
        # Frozen: nothing changes a published version.
        Spec(only(*BUILDERS, ok=409), method="POST", kwargs=_version("mq_published")),
    ),
    # Version 2 is already the draft: a second one is refused.
    "reserved:questionnaire_new_version": Spec(
        only(*BUILDERS, ok=409), method="POST", kwargs=_version("mq_published")
    ),
    # A service's answers: its operators answer, the territory's referent and the national
    # roles read; the committee sees aggregated results only.
    "reserved:response": (
        Spec(RESPONSE_READERS, kwargs=TARGET_A),
        Spec(_respondent_post(REDIRECT), method="POST", kwargs=TARGET_A),
    ),
    # Empty: the required questions are missing, the reason is missing.
    "reserved:response_submit": Spec(_respondent_post(400), method="POST", kwargs=TARGET_A),
    "reserved:response_reopen_request": Spec(_respondent_post(400), method="POST", kwargs=TARGET_A),
}
