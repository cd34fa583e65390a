"""Writes of the annual reports: start one, save the draft, submit, review, return, accept,
assign the expert, comment. Each is one transaction that ends with its audit entry; the
notices go out once it commits (rete.notices.notify).

The workflow: draft → submitted (the territory's referent, once every required section and
figure is written) → in review (the Department or the expert opens the review) → accepted
(final, read-only) or returned (with a reason, editable again) → submitted again …

Every write of the report's content or status takes the report's row and checks the version
the person saw: a form posted over a newer version is refused (StaleReport) and changes
nothing, so that nobody overwrites what somebody else saved meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.accounts.scopes import Scope
from rete.annual_reports import notify
from rete.annual_reports.models import (
    AnnualReport,
    ReportComment,
    ReportFigureValue,
    ReportSectionText,
    ReportStatus,
    ReportTemplate,
    ReportTransition,
    TemplateSection,
    TemplateStatus,
)
from rete.annual_reports.rules import (
    comments_from_territory,
    may_assign_expert,
    may_comment,
    may_decide,
    may_edit,
    may_start_review,
    writes_for,
)
from rete.annual_reports.selectors import expert_candidates, report_missing
from rete.annual_reports.sources import prefill_for
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.network.models import Territory

TARGET_TYPE = "annual_reports.annualreport"
REPORT_CREATE = AuditAction.REPORT_CREATE
REPORT_REVIEW = AuditAction.REPORT_REVIEW
COMMENT_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000


class StaleReport(Exception):
    """The report changed since the person read it: nothing was written."""


class ReportIncomplete(Exception):
    """Submitting a report with required parts still empty; `missing` names them."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


def _locked(report: AnnualReport, version: int | None) -> AnnualReport:
    """The report's row, locked until the transaction ends; StaleReport if its version is
    not the one the person saw (None: no check, for writes that do not touch the content)."""
    locked = (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("territory", "template", "expert")
        .get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        raise StaleReport
    return locked


def _transition(
    report: AnnualReport,
    *,
    actor: AbstractBaseUser,
    to_status: str,
    now,
    reason: str = "",
) -> None:
    ReportTransition.objects.create(
        report=report,
        from_status=report.status,
        to_status=to_status,
        actor=actor,
        reason=reason,
        at=now,
    )
    report.status = to_status
    report.version += 1
    report.updated_by = actor
    report.updated_at = now


def _audit(
    actor: AbstractBaseUser,
    action: str,
    report: AnnualReport,
    ip_address: str | None,
    **details: object,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_type=TARGET_TYPE,
        target_id=report.pk,
        details={"territory": report.territory.code, "year": report.year, **details},
        ip_address=ip_address,
    )


def report_create(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    territory: Territory,
    ip_address: str | None = None,
) -> AnnualReport:
    """Start the territory's report of the template's year: a text per section, empty, and a
    value per figure, pre-filled from the published statistics where the figure says so."""
    if not writes_for(scope, territory.pk):
        raise PermissionDenied
    if template.status != TemplateStatus.PUBLISHED:
        raise ValidationError(_("Reports are written only on a published template."))
    figures = list(template.figures.order_by("position", "pk"))
    prefill = prefill_for(territory.code, template.year, [f.source for f in figures if f.source])
    now = timezone.now()
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                template=template,
                territory=territory,
                year=template.year,
                prefill_releases=list(prefill.releases),
                prefill_complete=prefill.complete,
                created_by=actor,
                created_at=now,
                updated_by=actor,
                updated_at=now,
            )
            ReportSectionText.objects.bulk_create(
                ReportSectionText(report=report, section=section)
                for section in template.sections.all()
            )
            values = [
                ReportFigureValue(
                    report=report,
                    figure=figure,
                    value=prefill.values.get(figure.source),
                    prefilled_value=prefill.values.get(figure.source),
                )
                for figure in figures
            ]
            ReportFigureValue.objects.bulk_create(values)
            ReportTransition.objects.create(
                report=report, to_status=ReportStatus.DRAFT, actor=actor, at=now
            )
            _audit(
                actor,
                REPORT_CREATE,
                report,
                ip_address,
                template=template.pk,
                prefilled=sum(1 for value in values if value.prefilled_value is not None),
                releases=list(prefill.releases),
            )
    except IntegrityError:
        raise ValidationError(
            _("%(territory)s already has an annual report for %(year)s.")
            % {"territory": territory.name, "year": template.year},
            code="exists",
        ) from None
    return report


def report_save(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    version: int,
    texts: Mapping[int, str],
    values: Mapping[int, Decimal | None],
    ip_address: str | None = None,
) -> AnnualReport:
    """Save the draft: `texts` by section id, `values` by figure id (what the form holds)."""
    if not may_edit(scope, report):
        raise PermissionDenied
    with transaction.atomic():
        report = _locked(report, version)
        if not report.is_editable:
            raise StaleReport
        changed_sections = 0
        for row in ReportSectionText.objects.filter(report=report, section_id__in=texts):
            if row.text != texts[row.section_id]:
                row.text = texts[row.section_id]
                row.save(update_fields=["text"])
                changed_sections += 1
        changed_figures = 0
        for row in ReportFigureValue.objects.filter(report=report, figure_id__in=values):
            if row.value != values[row.figure_id]:
                row.value = values[row.figure_id]
                row.save(update_fields=["value"])
                changed_figures += 1
        report.version += 1
        report.updated_by = actor
        report.updated_at = timezone.now()
        report.save(update_fields=["version", "updated_by", "updated_at"])
        _audit(
            actor,
            AuditAction.REPORT_SAVE,
            report,
            ip_address,
            version=report.version,
            sections_changed=changed_sections,
            figures_changed=changed_figures,
        )
    return report


def report_submit(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    version: int,
    ip_address: str | None = None,
) -> AnnualReport:
    """Send the report to the Department; ReportIncomplete (nothing changed) while a required
    section or figure is empty."""
    if not writes_for(scope, report.territory_id):
        raise PermissionDenied
    with transaction.atomic():
        report = _locked(report, version)
        if not report.is_editable:
            raise ValidationError(_("Only a draft or a returned report can be submitted."))
        missing = report_missing(report)
        if missing:
            raise ReportIncomplete(missing)
        resubmission = report.status == ReportStatus.RETURNED
        now = timezone.now()
        _transition(report, actor=actor, to_status=ReportStatus.SUBMITTED, now=now)
        report.submitted_at = now
        report.save()
        notify.notify_submitted(report, actor)
        _audit(
            actor,
            AuditAction.REPORT_SUBMIT,
            report,
            ip_address,
            version=report.version,
            resubmission=resubmission,
        )
    return report


def report_review_start(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    version: int,
    ip_address: str | None = None,
) -> AnnualReport:
    with transaction.atomic():
        report = _locked(report, version)
        if not may_start_review(scope, actor, report):
            raise ValidationError(_("Only a submitted report can be taken into review."))
        _transition(report, actor=actor, to_status=ReportStatus.IN_REVIEW, now=timezone.now())
        report.save()
        _audit(actor, REPORT_REVIEW, report, ip_address, version=report.version)
    return report


def report_return(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    version: int,
    reason: str,
    ip_address: str | None = None,
) -> AnnualReport:
    """Back to the territory, editable, with the reason (kept in the report's history; the
    audit entry does not carry text typed by a person)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the report is returned."))
    with transaction.atomic():
        report = _locked(report, version)
        if not may_decide(scope, report):
            raise ValidationError(_("Only a report in review can be returned."))
        _transition(
            report,
            actor=actor,
            to_status=ReportStatus.RETURNED,
            now=timezone.now(),
            reason=reason[:REASON_MAX_LENGTH],
        )
        report.save()
        notify.notify_returned(report, actor)
        _audit(actor, AuditAction.REPORT_RETURN, report, ip_address, version=report.version)
    return report


def report_accept(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    version: int,
    ip_address: str | None = None,
) -> AnnualReport:
    with transaction.atomic():
        report = _locked(report, version)
        if not may_decide(scope, report):
            raise ValidationError(_("Only a report in review can be accepted."))
        now = timezone.now()
        _transition(report, actor=actor, to_status=ReportStatus.ACCEPTED, now=now)
        report.accepted_at = now
        report.save()
        notify.notify_accepted(report, actor)
        _audit(actor, AuditAction.REPORT_ACCEPT, report, ip_address, version=report.version)
    return report


def report_expert_assign(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    expert: AbstractBaseUser,
    ip_address: str | None = None,
) -> AnnualReport:
    """The expert does not change the report's content: no version check, no new version
    (a referent's open form stays valid)."""
    if not expert_candidates().filter(pk=expert.pk).exists():
        raise ValidationError(_("The expert must belong to the monitoring company."))
    with transaction.atomic():
        report = _locked(report, None)
        if not may_assign_expert(scope, report):
            raise ValidationError(_("An accepted report keeps its expert."))
        previous = report.expert_id
        if previous == expert.pk:
            return report
        report.expert = expert
        report.save(update_fields=["expert"])
        notify.notify_expert_assigned(report, actor)
        _audit(
            actor,
            AuditAction.REPORT_EXPERT_ASSIGN,
            report,
            ip_address,
            expert=expert.pk,
            previous_expert=previous,
        )
    return report


def report_comment(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    report: AnnualReport,
    section: TemplateSection | None,
    body: str,
    ip_address: str | None = None,
) -> ReportComment:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the comment."))
    if section is not None and section.template_id != report.template_id:
        raise ValidationError(_("Choose a section of this report."))
    with transaction.atomic():
        report = _locked(report, None)
        if not may_comment(scope, actor, report):
            raise PermissionDenied
        comment = ReportComment.objects.create(
            report=report,
            section=section,
            author=actor,
            from_territory=comments_from_territory(scope, actor, report),
            body=body[:COMMENT_MAX_LENGTH],
            created_at=timezone.now(),
        )
        notify.notify_commented(report, comment)
        _audit(
            actor,
            AuditAction.REPORT_COMMENT,
            report,
            ip_address,
            comment=comment.pk,
            section=section.pk if section else None,
        )
    return comment
