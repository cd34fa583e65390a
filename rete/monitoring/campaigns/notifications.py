"""What a campaign tells people, and where each notice leads. Texts name the campaign, the
questionnaire, the services and the dates: nothing about the women the services help, and
nothing typed by a person but the campaign's and the questionnaire's titles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rete.monitoring.campaigns.recipients import referents_of, respondents_by_organization
from rete.monitoring.models import Campaign, Response
from rete.notices.services import notify


@dataclass(frozen=True, slots=True)
class Asked:
    """A service asked to answer, as the notices name it."""

    name: str
    organization_id: int


def answering_path() -> str:
    # The respondents' list of questionnaires to answer (rete.monitoring.questionnaires).
    return reverse("reserved:questionnaires")


def dashboard_path(campaign: Campaign) -> str:
    return reverse("reserved:campaign", kwargs={"pk": campaign.pk})


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _per_person(asked: Iterable[Asked]) -> dict[int, tuple[AbstractBaseUser, list[str]]]:
    """Each respondent with the names of the services they answer for (one person may
    work for several organisations, an organisation may run several services)."""
    asked = list(asked)
    people = respondents_by_organization(item.organization_id for item in asked)
    found: dict[int, tuple[AbstractBaseUser, list[str]]] = {}
    for item in asked:
        for person in people.get(item.organization_id, ()):
            found.setdefault(person.pk, (person, []))[1].append(item.name)
    return found


def _services_text(names: Sequence[str]) -> str:
    return ", ".join(sorted(set(names)))


def launch_tell(campaign: Campaign, asked: Iterable[Asked], territory_ids: Iterable[int]) -> int:
    """Tell each respondent and each territory's referent; returns the notices made."""
    key = f"campaign.{campaign.pk}.launched"
    questionnaire = campaign.version.questionnaire.title
    dates = {"opens": _day(campaign.opens_on), "closes": _day(campaign.closes_on)}
    made = 0
    for person, names in _per_person(asked).values():
        made += len(
            notify(
                [person],
                key=key,
                subject=_("Questionnaire to answer: %(title)s") % {"title": campaign.title},
                body=_(
                    "The monitoring company asks %(services)s to answer the questionnaire "
                    "“%(questionnaire)s” from %(opens)s to %(closes)s."
                )
                % {"services": _services_text(names), "questionnaire": questionnaire, **dates},
                url=answering_path(),
            )
        )
    made += len(
        notify(
            referents_of(territory_ids),
            key=key,
            subject=_("Monitoring campaign launched: %(title)s") % {"title": campaign.title},
            body=_(
                "Services of your territory are asked to answer the questionnaire "
                "“%(questionnaire)s” from %(opens)s to %(closes)s. Follow the response rate "
                "on the campaign's page."
            )
            % {"questionnaire": questionnaire, **dates},
            url=dashboard_path(campaign),
        )
    )
    return made


def reminder_tell(campaign: Campaign, asked: Iterable[Asked], *, key: str) -> int:
    """Remind the respondents of the services that have not submitted; returns the notices
    made (none for a person who already had this key)."""
    made = 0
    for person, names in _per_person(asked).values():
        made += len(
            notify(
                [person],
                key=key,
                subject=_("Reminder: questionnaire to answer by %(closes)s")
                % {"closes": _day(campaign.closes_on)},
                body=_(
                    "The answers of %(services)s to the questionnaire “%(questionnaire)s” "
                    "(%(title)s) are not submitted yet. The campaign closes on %(closes)s."
                )
                % {
                    "services": _services_text(names),
                    "questionnaire": campaign.version.questionnaire.title,
                    "title": campaign.title,
                    "closes": _day(campaign.closes_on),
                },
                url=answering_path(),
            )
        )
    return made


def reopen_tell(response: Response) -> int:
    target = response.target
    campaign = target.campaign
    people = respondents_by_organization([target.service.organization_id])
    made = notify(
        people.get(target.service.organization_id, []),
        key=f"response.{response.pk}.reopened.{response.reopen_count}",
        subject=_("Answers reopened: %(title)s") % {"title": campaign.title},
        body=_(
            "The answers of %(service)s to “%(questionnaire)s” are open again: change them "
            "and submit them by %(closes)s."
        )
        % {
            "service": target.service.name,
            "questionnaire": campaign.version.questionnaire.title,
            "closes": _day(campaign.closes_on),
        },
        url=reverse("reserved:response", kwargs={"target_pk": target.pk}),
    )
    return len(made)
