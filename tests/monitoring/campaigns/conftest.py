"""Fixtures of the campaign tests, beside tests/monitoring/conftest.py (net, people,
published_version, campaign_launched, target_a, target_b).

- `city`: a territory for the city of Bari alone (ATR-BARI), more specific than Ambito Alfa
  (the province): CAV Aurora and Casa Glicine, in Bari, count under it.
- `mola`: an anti-violence centre in Mola di Bari (province of Bari, outside the city), of
  CAV Aurora's organisation: it counts under Ambito Alfa.
- `draft`: a draft campaign of the published version asking the anti-violence centres of
  every territory, open from today for three weeks, reminders 7 and 2 days before closing.
- `respond`: write a target's response as the questionnaire's pages would (draft or
  submitted, with answers).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from rete.directory.models import Location, Service
from rete.geography.models import Comune
from rete.monitoring.campaigns.services import campaign_create
from rete.monitoring.models import Campaign, CampaignTarget, Response, ResponseStatus
from rete.network.models import Territory

BARI = "072006"
MOLA = "072028"


@pytest.fixture
def city(net) -> Territory:
    territory = Territory.objects.create(code="ATR-BARI", name="Città di Bari")
    territory.comuni.add(Comune.objects.get(code=BARI))
    return territory


@pytest.fixture
def mola(net) -> Service:
    service = Service.objects.create(
        ext_id="svc-aurora-mola",
        organization=net.organizations["org-aurora"],
        name="CAV Aurora Mola",
        kind="anti_violence_centre",
    )
    Location.objects.create(service=service, address="Via Mola 1", comune_id=MOLA)
    return service


@pytest.fixture
def draft(people, published_version) -> Campaign:
    today = timezone.localdate()
    return campaign_create(
        actor=people.analyst,
        title="Rilevazione centri",
        version=published_version,
        service_kinds=["anti_violence_centre"],
        territories=[],
        opens_on=today,
        closes_on=today + timedelta(days=21),
        reminder_days=[7, 2],
    )


@pytest.fixture
def respond(people):
    def write(
        target: CampaignTarget, answers: dict[str, Any], *, submitted: bool = True
    ) -> Response:
        return Response.objects.create(
            target=target,
            status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.DRAFT,
            answers=answers,
            updated_by=people.analyst,
            submitted_at=timezone.now() if submitted else None,
        )

    return write


@pytest.fixture
def signed_in(client):
    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in
