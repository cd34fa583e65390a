"""Reads of the annual reports and their templates, filtered by the reader's scope in the
query (rete.annual_reports.rules says who reads what)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from rete.accounts.scopes import Scope
from rete.annual_reports.models import (
    AnnualReport,
    ReportComment,
    ReportFigureValue,
    ReportSectionText,
    ReportStatus,
    ReportTemplate,
    TemplateSection,
    TemplateStatus,
)
from rete.annual_reports.rules import (
    ACCEPTED_READERS,
    EXPERT_ROLES,
    FULL_READERS,
    READ_ROLES,
    TERRITORY_READERS,
    is_manager,
)
from rete.network.models import Territory
from rete.notices.recipients import people_with_role


def reports_visible(scope: Scope) -> QuerySet[AnnualReport]:
    reports = AnnualReport.objects.select_related("territory", "template", "expert")
    if not scope.has_role(*READ_ROLES):
        return reports.none()
    if scope.territories_for(*FULL_READERS) is None:
        return reports
    where = Q(territory_id__in=scope.territories_for(*TERRITORY_READERS) or ())
    if scope.territories_for(*ACCEPTED_READERS) is None:
        where |= Q(status=ReportStatus.ACCEPTED)
    return reports.filter(where)


def report_get_for_scope(scope: Scope, pk: int) -> AnnualReport:
    """The report if the person may read it; 404 otherwise (its existence is not told)."""
    report = reports_visible(scope).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def templates_visible(scope: Scope) -> QuerySet[ReportTemplate]:
    """The Department sees its drafts; everybody else the published formats."""
    templates = ReportTemplate.objects.all()
    if is_manager(scope):
        return templates
    return templates.filter(status=TemplateStatus.PUBLISHED)


def template_get_for_scope(scope: Scope, pk: int) -> ReportTemplate:
    template = templates_visible(scope).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def template_published(year: int) -> ReportTemplate | None:
    return ReportTemplate.objects.filter(year=year, status=TemplateStatus.PUBLISHED).first()


def territories_for_writer(scope: Scope, roles: tuple[str, ...]) -> QuerySet[Territory]:
    return Territory.objects.filter(pk__in=scope.territories_for(*roles) or ()).order_by("name")


def expert_candidates() -> QuerySet:
    """The monitoring company's people (a national grant of its role, account active)."""
    return people_with_role(*EXPERT_ROLES)


def expert_get(pk: int):
    return expert_candidates().filter(pk=pk).first()


@dataclass(frozen=True)
class SectionView:
    section: TemplateSection
    text: str
    comments: tuple[ReportComment, ...]


@dataclass(frozen=True)
class ReportContent:
    figures: tuple[ReportFigureValue, ...]
    sections: tuple[SectionView, ...]
    # Comments about the figures (or the report as a whole): no section.
    general_comments: tuple[ReportComment, ...]


def report_content(report: AnnualReport, *, with_comments: bool) -> ReportContent:
    figures = tuple(
        ReportFigureValue.objects.filter(report=report)
        .select_related("figure")
        .order_by("figure__position", "figure__pk")
    )
    texts = {text.section_id: text.text for text in ReportSectionText.objects.filter(report=report)}
    comments: dict[int | None, list[ReportComment]] = {}
    if with_comments:
        for comment in ReportComment.objects.filter(report=report).select_related("author"):
            comments.setdefault(comment.section_id, []).append(comment)
    sections = tuple(
        SectionView(
            section=section,
            text=texts.get(section.pk, ""),
            comments=tuple(comments.get(section.pk, ())),
        )
        for section in report.template.sections.order_by("position", "pk")
    )
    return ReportContent(
        figures=figures, sections=sections, general_comments=tuple(comments.get(None, ()))
    )


def report_missing(report: AnnualReport) -> list[str]:
    """What must still be written before the report can be submitted: the titles of the
    required sections left empty and the labels of the required figures left blank."""
    missing: list[str] = []
    content = report_content(report, with_comments=False)
    for view in content.sections:
        if view.section.required and not view.text.strip():
            missing.append(view.section.title)
    for value in content.figures:
        if value.figure.required and value.value is None:
            missing.append(value.figure.label)
    return missing
