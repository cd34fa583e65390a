"""Reads of the questionnaires and of the services' answers, through the reader's scope, in
the query.

Builder: the monitoring company and the Department see every questionnaire; the steering
committee sees the published versions only. Answers (a campaign target and its response):
its respondents (NETWORK_OPERATOR through a grant for the target service's organisation)
answer; the referents of the target's territory read; the monitoring company and the
Department read all. Anyone else: 404.
"""

from __future__ import annotations

import enum

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from rete.accounts.models import Grant
from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    STEERING_COMMITTEE,
)
from rete.accounts.scopes import Scope
from rete.monitoring.models import (
    Campaign,
    CampaignStatus,
    CampaignTarget,
    Questionnaire,
    QuestionnaireVersion,
    VersionStatus,
)

BUILDER_ROLES = (MONITORING_ANALYST, DEPARTMENT_ADMIN)
# Who may open a version's page: the builders (any version), the committee (published).
VERSION_READER_ROLES = (*BUILDER_ROLES, STEERING_COMMITTEE)
RESPONSE_ROLES = (NETWORK_OPERATOR, ATR_REFERENT, MONITORING_ANALYST, DEPARTMENT_ADMIN)
# Campaigns whose targets exist and whose answers can be seen.
LAUNCHED = (CampaignStatus.LAUNCHED, CampaignStatus.CLOSED)


def may_build(scope: Scope) -> bool:
    return bool(scope.national_roles & set(BUILDER_ROLES))


# --- the builder ---------------------------------------------------------------------------


def questionnaires_for_builder() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.prefetch_related(
        Prefetch("versions", queryset=QuestionnaireVersion.objects.order_by("-number"))
    )


def questionnaire_get_for_builder(scope: Scope, pk: int) -> Questionnaire:
    if not may_build(scope):
        raise Http404
    questionnaire = questionnaires_for_builder().filter(pk=pk).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def versions_visible(scope: Scope) -> QuerySet[QuestionnaireVersion]:
    versions = QuestionnaireVersion.objects.select_related("questionnaire", "updated_by")
    if may_build(scope):
        return versions
    if STEERING_COMMITTEE in scope.national_roles:
        return versions.filter(status=VersionStatus.PUBLISHED)
    return versions.none()


def version_get_for_scope(scope: Scope, pk: int) -> QuestionnaireVersion:
    version = versions_visible(scope).filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def published_versions() -> QuerySet[QuestionnaireVersion]:
    """For the steering committee: the published versions with their launched campaigns."""
    return (
        QuestionnaireVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("questionnaire")
        .prefetch_related(
            Prefetch(
                "campaigns",
                queryset=Campaign.objects.filter(status__in=LAUNCHED).order_by("-opens_on"),
            )
        )
        .order_by("questionnaire__title", "questionnaire_id", "-number")
    )


# --- answers -------------------------------------------------------------------------------


class Access(enum.Enum):
    RESPOND = "respond"  # one of the service's operators: answers (when the campaign is open)
    READ = "read"  # the territory's referent, the monitoring company, the Department


def respondent_organization_ids(user: AbstractBaseUser) -> frozenset[int]:
    """The organisations the person answers for: those of their NETWORK_OPERATOR grants
    (another role's organisation, e.g. a referent's, does not count)."""
    return frozenset(
        Grant.objects.filter(
            user=user,
            role=NETWORK_OPERATOR,
            revoked_at__isnull=True,
            organization__isnull=False,
        ).values_list("organization_id", flat=True)
    )


def _targets() -> QuerySet[CampaignTarget]:
    return CampaignTarget.objects.filter(campaign__status__in=LAUNCHED).select_related(
        "campaign__version__questionnaire", "service", "territory", "response"
    )


def targets_to_answer(user: AbstractBaseUser, scope: Scope) -> QuerySet[CampaignTarget]:
    """The launched campaigns' targets the person answers for, latest campaigns first."""
    if not scope.has_role(NETWORK_OPERATOR):
        return CampaignTarget.objects.none()
    return (
        _targets()
        .filter(service__organization_id__in=respondent_organization_ids(user))
        .order_by("-campaign__closes_on", "-campaign_id", "service__name")
    )


def targets_of_my_territories(scope: Scope) -> QuerySet[CampaignTarget]:
    """The referent's view: the targets of their territories."""
    territory_ids = scope.territories_for(ATR_REFERENT)
    if not scope.has_role(ATR_REFERENT) or territory_ids is None:
        return CampaignTarget.objects.none()
    return (
        _targets()
        .filter(territory_id__in=territory_ids)
        .order_by("-campaign__closes_on", "-campaign_id", "territory__name", "service__name")
    )


def target_get_for_scope(
    scope: Scope, user: AbstractBaseUser, pk: int
) -> tuple[CampaignTarget, Access]:
    """The target and how the person may use it; 404 when they may not see it."""
    visible = Q(pk__in=[])
    organization_ids: frozenset[int] = frozenset()
    if scope.has_role(NETWORK_OPERATOR):
        organization_ids = respondent_organization_ids(user)
        visible |= Q(service__organization_id__in=organization_ids)
    readers_everywhere = bool(scope.national_roles & set(BUILDER_ROLES))
    if readers_everywhere:
        visible = Q()
    elif scope.has_role(ATR_REFERENT):
        visible |= Q(territory_id__in=scope.territories_for(ATR_REFERENT) or ())
    target = _targets().filter(visible, pk=pk).first()
    if target is None:
        raise Http404
    if target.service.organization_id in organization_ids:
        return target, Access.RESPOND
    return target, Access.READ
