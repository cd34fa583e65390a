"""Reads of a campaign for its pages, always restricted to the territories the person sees
(rete.monitoring.campaigns.access.territories_seen: None means all) in the query itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from rete.accounts.models import Grant
from rete.accounts.roles import NETWORK_OPERATOR
from rete.monitoring.models import Campaign, CampaignTarget, Response, ResponseStatus
from rete.network.models import Territory
from rete.notices.models import Notice


def targets_seen(campaign: Campaign, territory_ids: frozenset[int] | None) -> QuerySet:
    targets = CampaignTarget.objects.filter(campaign=campaign)
    if territory_ids is not None:
        targets = targets.filter(territory_id__in=territory_ids)
    return targets


@dataclass(frozen=True, slots=True)
class Rate:
    code: str
    name: str
    targets: int
    submitted: int
    drafts: int

    @property
    def not_started(self) -> int:
        return self.targets - self.submitted - self.drafts

    @property
    def percent(self) -> float:
        return round(100 * self.submitted / self.targets, 1) if self.targets else 0.0


def response_rates(
    campaign: Campaign, territory_ids: frozenset[int] | None
) -> tuple[list[Rate], Rate]:
    """One Rate per territory (by name) and the total of those rows."""
    rows = (
        targets_seen(campaign, territory_ids)
        .order_by()
        .values("territory__code", "territory__name")
        .annotate(
            targets=Count("pk"),
            submitted=Count("pk", filter=Q(response__status=ResponseStatus.SUBMITTED)),
            drafts=Count("pk", filter=Q(response__status=ResponseStatus.DRAFT)),
        )
        .order_by("territory__name", "territory__code")
    )
    rates = [
        Rate(
            code=row["territory__code"],
            name=row["territory__name"],
            targets=row["targets"],
            submitted=row["submitted"],
            drafts=row["drafts"],
        )
        for row in rows
    ]
    total = Rate(
        code="",
        name="",
        targets=sum(rate.targets for rate in rates),
        submitted=sum(rate.submitted for rate in rates),
        drafts=sum(rate.drafts for rate in rates),
    )
    return rates, total


@dataclass(frozen=True, slots=True)
class TargetRow:
    target: CampaignTarget
    response: Response | None
    respondents: int  # accounts that can answer for the service
    last_reminded: datetime | None
    reminders: int

    @property
    def status(self) -> str:
        return self.response.status if self.response else "not_started"

    @property
    def reopen_waiting(self) -> bool:
        return bool(
            self.response
            and self.response.status == ResponseStatus.SUBMITTED
            and self.response.reopen_requested_at
        )


def _respondent_counts(organization_ids: set[int]) -> dict[int, int]:
    rows = (
        Grant.objects.filter(
            role=NETWORK_OPERATOR,
            revoked_at__isnull=True,
            organization_id__in=organization_ids,
            user__is_active=True,
        )
        .exclude(user__account__deactivated_at__isnull=False)
        .order_by()
        .values("organization_id")
        .annotate(people=Count("user", distinct=True))
    )
    return {row["organization_id"]: row["people"] for row in rows}


def _reminders(campaign: Campaign, organization_ids: set[int]) -> dict[int, tuple[datetime, int]]:
    """By organisation: the last reminder a respondent of it got for this campaign, and how
    many different reminders (scheduled or asked from the dashboard) they got."""
    prefix = f"campaign.{campaign.pk}."
    rows = (
        Notice.objects.filter(
            Q(key__startswith=f"{prefix}reminder.") | Q(key__startswith=f"{prefix}manual."),
            recipient__grants__role=NETWORK_OPERATOR,
            recipient__grants__organization_id__in=organization_ids,
        )
        .order_by()
        .values("recipient__grants__organization_id")
        .annotate(last=Max("created_at"), sent=Count("key", distinct=True))
    )
    return {row["recipient__grants__organization_id"]: (row["last"], row["sent"]) for row in rows}


def target_rows(campaign: Campaign, territory_ids: frozenset[int] | None) -> list[TargetRow]:
    targets = list(
        targets_seen(campaign, territory_ids)
        .select_related("service", "territory", "response")
        .order_by("territory__name", "service__name", "pk")
    )
    organization_ids = {target.service.organization_id for target in targets}
    people = _respondent_counts(organization_ids)
    reminded = _reminders(campaign, organization_ids)
    rows = []
    for target in targets:
        organization_id = target.service.organization_id
        try:
            response = target.response
        except Response.DoesNotExist:
            response = None
        last, sent = reminded.get(organization_id, (None, 0))
        rows.append(
            TargetRow(
                target=target,
                response=response,
                respondents=people.get(organization_id, 0),
                last_reminded=last,
                reminders=sent,
            )
        )
    return rows


def result_territories(campaign: Campaign, territory_ids: frozenset[int] | None):
    """The territories of the campaign's targets the person sees: the results' filter."""
    seen = targets_seen(campaign, territory_ids).values("territory_id")
    return Territory.objects.filter(pk__in=seen).order_by("name", "code")


def submitted_responses(campaign: Campaign, territory_ids: frozenset[int] | None) -> list[Response]:
    """The submitted responses of the targets seen, with their service and territory."""
    responses = Response.objects.filter(
        target__campaign=campaign, status=ResponseStatus.SUBMITTED
    ).select_related("target__service", "target__territory")
    if territory_ids is not None:
        responses = responses.filter(target__territory_id__in=territory_ids)
    return list(responses.order_by("target__territory__code", "target__service__ext_id"))


def response_get_for_manager(pk: int) -> Response:
    """A response for the monitoring company or the Department (who see every campaign)."""
    response = (
        Response.objects.select_related("target__campaign", "target__service").filter(pk=pk).first()
    )
    if response is None:
        raise Http404
    return response
