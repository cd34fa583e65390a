"""Fixtures of the monitoring questionnaires, shared by the builder, the answering and the
campaign tests (tests/monitoring/campaigns may add its own conftest beside this one).

The network is the reserved area's small one (tests/reserved/conftest.py NETWORK):
territory A "Ambito Alfa" (ATR-AL, province of Bari) with the centre "CAV Aurora"
(organisation org-aurora) and the shelter "Casa Glicine" (org-glicine); territory B
"Ambito Beta" (ATR-BE, Bologna) with "CAV Betulla" (org-betulla).

- `people`: admin, analyst, committee, helpline (operator), referent_a / referent_b,
  operator_a (network operator of org-aurora in A), operator_b (org-betulla in B),
  operator_glicine (org-glicine in A: same territory as operator_a, another organisation);
  also as separate fixtures `operator_a`, `operator_b`, `analyst`.
- `published_version`: a questionnaire with version 1 published, its definition
  tests.monitoring.samples.sample_definition() (every type of question, q2 shown only
  when q1 is "yes").
- `campaign_launched`: a launched campaign of that version, open from yesterday to two
  weeks from today (Europe/Rome), with a target for CAV Aurora (territory A) and one for
  CAV Betulla (territory B): `campaign_launched.targets`, or the fixtures `target_a`,
  `target_b`. No Response exists yet: it is created by the first save of an operator.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    STEERING_COMMITTEE,
)
from rete.directory.models import Organization, Service
from rete.monitoring.models import (
    Campaign,
    CampaignStatus,
    CampaignTarget,
    Questionnaire,
    QuestionnaireVersion,
    VersionStatus,
)
from rete.network.models import Territory
from rete.network.networkfile.importer import network_import
from tests.monitoring.samples import sample_definition
from tests.people import make_person
from tests.reserved.conftest import NETWORK


@pytest.fixture
def net(db) -> SimpleNamespace:
    """a, b: the two territories; services: by ext_id; organizations: by ext_id."""
    network_import(NETWORK)
    return SimpleNamespace(
        a=Territory.objects.get(code="ATR-AL"),
        b=Territory.objects.get(code="ATR-BE"),
        services={service.ext_id: service for service in Service.objects.all()},
        organizations={org.ext_id: org for org in Organization.objects.all()},
    )


@pytest.fixture
def people(net) -> SimpleNamespace:
    orgs = net.organizations
    return SimpleNamespace(
        admin=make_person("m-admin", DEPARTMENT_ADMIN),
        analyst=make_person("m-analyst", MONITORING_ANALYST, first_name="Marta"),
        committee=make_person("m-committee", STEERING_COMMITTEE),
        helpline=make_person("m-helpline", HELPLINE_OPERATOR),
        referent_a=make_person("m-referent-a", ATR_REFERENT, territory=net.a),
        referent_b=make_person("m-referent-b", ATR_REFERENT, territory=net.b),
        operator_a=make_person(
            "m-operator-a", NETWORK_OPERATOR, territory=net.a, organization=orgs["org-aurora"]
        ),
        operator_b=make_person(
            "m-operator-b", NETWORK_OPERATOR, territory=net.b, organization=orgs["org-betulla"]
        ),
        operator_glicine=make_person(
            "m-operator-glicine",
            NETWORK_OPERATOR,
            territory=net.a,
            organization=orgs["org-glicine"],
        ),
    )


@pytest.fixture
def analyst(people):
    return people.analyst


@pytest.fixture
def operator_a(people):
    return people.operator_a


@pytest.fixture
def operator_b(people):
    return people.operator_b


@pytest.fixture
def published_version(people) -> QuestionnaireVersion:
    questionnaire = Questionnaire.objects.create(
        title="Monitoraggio dei centri 2026",
        description="Rilevazione semestrale.",
        created_by=people.analyst,
    )
    return QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        status=VersionStatus.PUBLISHED,
        definition=sample_definition(),
        updated_by=people.analyst,
        published_at=timezone.now(),
    )


@pytest.fixture
def campaign_launched(net, people, published_version) -> Campaign:
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        title="Monitoraggio primo semestre 2026",
        version=published_version,
        service_kinds=["anti_violence_centre"],
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=14),
        reminder_days=[7, 1],
        status=CampaignStatus.LAUNCHED,
        created_by=people.analyst,
        launched_at=timezone.now(),
    )
    campaign.territories.set([net.a, net.b])
    CampaignTarget.objects.create(
        campaign=campaign, service=net.services["svc-aurora"], territory=net.a
    )
    CampaignTarget.objects.create(
        campaign=campaign, service=net.services["svc-betulla"], territory=net.b
    )
    return campaign


@pytest.fixture
def target_a(campaign_launched, net) -> CampaignTarget:
    return campaign_launched.targets.get(service=net.services["svc-aurora"])


@pytest.fixture
def target_b(campaign_launched, net) -> CampaignTarget:
    return campaign_launched.targets.get(service=net.services["svc-betulla"])
