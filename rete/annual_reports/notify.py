"""The notices of the annual reports (rete.notices): who is told what, in the interface's
language. They name the territory and the year, never what anybody wrote: a return's reason
and the comments are read in the reserved area."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.annual_reports.models import AnnualReport, ReportComment, ReportTemplate
from rete.notices.recipients import people_with_role
from rete.notices.services import notify


def _report_url(report: AnnualReport) -> str:
    return reverse("reserved:annual_report", kwargs={"pk": report.pk})


def _referents(report: AnnualReport):
    return people_with_role(ATR_REFERENT, territory_id=report.territory_id, national=False)


def _department():
    return people_with_role(DEPARTMENT_ADMIN)


def _names(report: AnnualReport) -> dict[str, object]:
    return {"territory": report.territory.name, "year": report.year}


def _without(people: Iterable[AbstractBaseUser], actor: AbstractBaseUser) -> list:
    return [person for person in people if person.pk != actor.pk]


def notify_submitted(report: AnnualReport, actor: AbstractBaseUser) -> None:
    recipients = list(_department())
    if report.expert is not None:
        recipients.append(report.expert)
    notify(
        _without(recipients, actor),
        key=f"annual_report.{report.pk}.submit.{report.version}",
        subject=_("Annual report %(year)s of %(territory)s submitted") % _names(report),
        body=_("The territory submitted its annual report: it waits for your review."),
        url=_report_url(report),
    )


def notify_returned(report: AnnualReport, actor: AbstractBaseUser) -> None:
    notify(
        _without(_referents(report), actor),
        key=f"annual_report.{report.pk}.return.{report.version}",
        subject=_("Annual report %(year)s of %(territory)s returned") % _names(report),
        body=_(
            "The Department returned the annual report for changes: open it to read the "
            "reason, change it and submit it again."
        ),
        url=_report_url(report),
    )


def notify_accepted(report: AnnualReport, actor: AbstractBaseUser) -> None:
    notify(
        _without(_referents(report), actor),
        key=f"annual_report.{report.pk}.accept.{report.version}",
        subject=_("Annual report %(year)s of %(territory)s accepted") % _names(report),
        body=_("The Department accepted the annual report."),
        url=_report_url(report),
    )


def notify_expert_assigned(report: AnnualReport, actor: AbstractBaseUser) -> None:
    if report.expert is None:
        return
    notify(
        _without([report.expert], actor),
        key=f"annual_report.{report.pk}.expert.{report.expert_id}",
        subject=_("You are the expert of the annual report %(year)s of %(territory)s")
        % _names(report),
        body=_("The Department asked you to assist the territory with its annual report."),
        url=_report_url(report),
    )


def notify_commented(report: AnnualReport, comment: ReportComment) -> None:
    """To the other side: the territory's referents for a comment of the Department or the
    expert; the expert and the Department for one of the territory."""
    if comment.from_territory:
        recipients = list(_department())
        if report.expert is not None:
            recipients.append(report.expert)
    else:
        recipients = list(_referents(report))
    notify(
        _without(recipients, comment.author),
        key=f"annual_report.{report.pk}.comment.{comment.pk}",
        subject=_("New comment on the annual report %(year)s of %(territory)s") % _names(report),
        body=_("Open the report to read the comment and answer it."),
        url=_report_url(report),
    )


def notify_template_published(template: ReportTemplate, actor: AbstractBaseUser) -> None:
    """Every territory's referents: the format of the year is out."""
    referents = (
        get_user_model()
        .objects.filter(
            grants__role=ATR_REFERENT,
            grants__revoked_at__isnull=True,
            grants__territory__isnull=False,
            is_active=True,
        )
        .exclude(account__deactivated_at__isnull=False)
        .distinct()
        .order_by("pk")
    )
    notify(
        _without(referents, actor),
        key=f"report_template.{template.pk}.publish",
        subject=_("The annual report format of %(year)s is published") % {"year": template.year},
        body=_("You can now start your territory's annual report in the reserved area."),
        url=reverse("reserved:annual_reports"),
    )
