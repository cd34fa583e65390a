"""Launching, changing and closing a campaign (services)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from rete.audit.models import AuditAction, AuditEntry
from rete.monitoring.campaigns.services import (
    campaign_close,
    campaign_extend,
    campaign_launch,
    campaign_update,
)
from rete.monitoring.models import CampaignStatus, CampaignTarget
from rete.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_it_fixes_the_targets_and_tells_respondents_and_referents(
    draft, net, city, mola, people, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaign_launch(actor=people.analyst, campaign=draft)

    assert campaign.status == CampaignStatus.LAUNCHED
    assert campaign.launched_at is not None
    targets = {
        (t.service.ext_id, t.territory.code)
        for t in CampaignTarget.objects.filter(campaign=campaign).select_related(
            "service", "territory"
        )
    }
    assert targets == {
        ("svc-aurora", "ATR-BARI"),
        ("svc-aurora-mola", "ATR-AL"),
        ("svc-betulla", "ATR-BE"),
    }
    told = set(
        Notice.objects.filter(key=f"campaign.{campaign.pk}.launched").values_list(
            "recipient__username", flat=True
        )
    )
    # The operators of the asked services' organisations and the referents of the
    # territories counted; not the shelter's operator, whose service is not asked.
    assert told == {"m-operator-a", "m-operator-b", "m-referent-a", "m-referent-b"}
    operator_a = Notice.objects.get(recipient=people.operator_a)
    assert "CAV Aurora" in operator_a.body and "CAV Aurora Mola" in operator_a.body
    assert {message.to[0] for message in mail.outbox} == {f"{u}@example.org" for u in told}
    entry = AuditEntry.objects.get(action=AuditAction.CAMPAIGN_LAUNCH)
    assert entry.details["targets"] == 3
    assert entry.details["territories"] == ["ATR-AL", "ATR-BARI", "ATR-BE"]


def test_it_launches_only_once(draft, net, people) -> None:
    campaign_launch(actor=people.analyst, campaign=draft)

    with pytest.raises(ValidationError):
        campaign_launch(actor=people.analyst, campaign=draft)
    assert CampaignTarget.objects.filter(campaign=draft).count() == 2


def test_it_refuses_a_campaign_that_would_ask_nobody(draft, net, people) -> None:
    draft.service_kinds = ["counselling"]  # only outside every territory
    draft.save()

    with pytest.raises(ValidationError) as refused:
        campaign_launch(actor=people.analyst, campaign=draft)

    assert refused.value.code == "no_targets"
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.DRAFT
    assert not Notice.objects.exists()


def test_it_refuses_a_campaign_whose_closing_date_has_passed(draft, people) -> None:
    later = timezone.localdate() + timedelta(days=30)

    with pytest.raises(ValidationError):
        campaign_launch(actor=people.analyst, campaign=draft, today=later)
    assert not CampaignTarget.objects.exists()


def test_a_launched_campaign_keeps_its_questionnaire_and_services(
    campaign_launched, published_version, net, people
) -> None:
    with pytest.raises(ValidationError):
        campaign_update(
            actor=people.analyst,
            campaign=campaign_launched,
            title="Altro",
            version=published_version,
            service_kinds=["shelter"],
            territories=[net.a],
            opens_on=campaign_launched.opens_on,
            closes_on=campaign_launched.closes_on,
            reminder_days=[],
        )
    campaign_launched.refresh_from_db()
    assert campaign_launched.service_kinds == ["anti_violence_centre"]


def test_its_closing_date_can_be_moved_later_not_earlier(campaign_launched, people) -> None:
    before = campaign_launched.closes_on

    with pytest.raises(ValidationError):
        campaign_extend(
            actor=people.analyst,
            campaign=campaign_launched,
            title=campaign_launched.title,
            closes_on=before - timedelta(days=1),
            reminder_days=[7, 1],
        )
    campaign_extend(
        actor=people.analyst,
        campaign=campaign_launched,
        title=campaign_launched.title,
        closes_on=before + timedelta(days=10),
        reminder_days=[3],
    )

    campaign_launched.refresh_from_db()
    assert campaign_launched.closes_on == before + timedelta(days=10)
    assert campaign_launched.reminder_days == [3]
    entry = AuditEntry.objects.get(action=AuditAction.CAMPAIGN_UPDATE)
    assert entry.details["closes_on_before"] == before.isoformat()
    assert entry.details["fields"] == ["closes_on", "reminder_days"]


def test_it_closes_early_once(campaign_launched, people) -> None:
    campaign_close(actor=people.analyst, campaign=campaign_launched)

    campaign_launched.refresh_from_db()
    assert campaign_launched.status == CampaignStatus.CLOSED
    assert campaign_launched.closed_at is not None
    with pytest.raises(ValidationError):
        campaign_close(actor=people.analyst, campaign=campaign_launched)
    assert AuditEntry.objects.filter(action=AuditAction.CAMPAIGN_CLOSE).count() == 1
