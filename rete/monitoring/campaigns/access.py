"""Who may do what with monitoring campaigns, and which campaigns and territories a person
sees: the one place that decides (views and selectors ask here).

- The monitoring company (MONITORING_ANALYST) runs campaigns; the Department may too.
- A territory's referent reads the dashboard and the results of the launched campaigns
  that asked services of their territories, restricted to those territories' rows.
- The steering committee reads the aggregated results only (no dashboard, no raw answers,
  no free texts).
- Network operators answer (rete.monitoring.questionnaires); they read no dashboard.
An object outside the person's scope answers 404.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    STEERING_COMMITTEE,
)
from rete.accounts.scopes import Scope
from rete.monitoring.models import Campaign, CampaignStatus, CampaignTarget

MANAGE_ROLES = (MONITORING_ANALYST, DEPARTMENT_ADMIN)
DASHBOARD_ROLES = (*MANAGE_ROLES, ATR_REFERENT)
RESULTS_ROLES = (*DASHBOARD_ROLES, STEERING_COMMITTEE)
# The raw answers (the export's second sheet, the CSV) are not aggregated: not for the
# steering committee.
EXPORT_ROLES = DASHBOARD_ROLES
LIST_ROLES = RESULTS_ROLES


def may_manage(scope: Scope) -> bool:
    return bool(scope.national_roles & set(MANAGE_ROLES))


def may_read_texts(scope: Scope) -> bool:
    """Free-text answers are listed to the monitoring company and the Department only."""
    return may_manage(scope)


def territories_seen(scope: Scope) -> frozenset[int] | None:
    """The territories whose rows the person sees in a campaign: None means all of them."""
    return scope.territories_for(*RESULTS_ROLES)


def campaigns_visible(scope: Scope) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.select_related("version__questionnaire")
    if may_manage(scope):
        return campaigns
    launched = Q(status__in=[CampaignStatus.LAUNCHED, CampaignStatus.CLOSED])
    if STEERING_COMMITTEE in scope.national_roles:
        return campaigns.filter(launched)
    territory_ids = scope.territories_for(ATR_REFERENT) or frozenset()
    asked_here = CampaignTarget.objects.filter(
        campaign=OuterRef("pk"), territory_id__in=territory_ids
    )
    return campaigns.filter(launched, Exists(asked_here))


def campaign_get_for_scope(scope: Scope, pk: int) -> Campaign:
    """The campaign if the person may see it; 404 otherwise (its existence is not told)."""
    campaign = campaigns_visible(scope).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign
