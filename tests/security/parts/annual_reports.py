"""The annual reports (rete.annual_reports): the archive for every role, a report of
territory A (404 for B's referent on every screen), the Department's templates."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    ROLES,
    STEERING_COMMITTEE,
)
from rete.annual_reports.models import (
    AnnualReport,
    ReportTemplate,
    TemplateFigure,
    TemplateSection,
)
from tests.annual_reports.factories import start, template_make
from tests.security.matrix import Spec, but, only
from tests.security.urls import REDIRECT

READERS = (DEPARTMENT_ADMIN, MONITORING_ANALYST, STEERING_COMMITTEE, ATR_REFERENT, NETWORK_OPERATOR)


def objects(world: Any) -> dict[str, Any]:
    template = template_make(2025)
    report = start(world.people[ATR_REFERENT], template, world.territory_a)
    # The monitoring company's person of the world is the report's expert.
    AnnualReport.objects.filter(pk=report.pk).update(expert=world.people[MONITORING_ANALYST])
    draft = ReportTemplate.objects.create(year=2027, title="Bozza", created_at=timezone.now())
    return {
        "annual_report": report,
        "report_template": template,
        "report_template_draft": draft,
        "report_template_section": TemplateSection.objects.create(template=draft, title="Rete"),
        "report_template_figure": TemplateFigure.objects.create(
            template=draft, key="donne", label="Donne accolte"
        ),
    }


def _report(world: Any) -> dict[str, Any]:
    return {"pk": world.objects["annual_report"].pk}


def _draft(world: Any) -> dict[str, Any]:
    return {"pk": world.objects["report_template_draft"].pk}


def _published(world: Any) -> dict[str, Any]:
    return {"pk": world.objects["report_template"].pk}


def _section(world: Any) -> dict[str, Any]:
    return {**_draft(world), "section_pk": world.objects["report_template_section"].pk}


def _figure(world: Any) -> dict[str, Any]:
    return {**_draft(world), "figure_pk": world.objects["report_template_figure"].pk}


# The world's report is a draft: the steering committee reads accepted reports only.
READ_A = but(only(*READERS, other=404), steering_committee=404)
# An empty form posted by someone allowed: refused with the page (400).
DEPARTMENT_FORM = only(DEPARTMENT_ADMIN, ok=400)

ROWS = {
    # The landing page of every reserved role (the helpline sees the formats only).
    "reserved:annual_reports": Spec(only(*ROLES)),
    "reserved:annual_report_create": (
        Spec(only(ATR_REFERENT)),
        Spec(only(ATR_REFERENT, ok=400), method="POST"),
    ),
    "reserved:annual_report": Spec(READ_A, kwargs=_report),
    "reserved:annual_report_pdf": Spec(READ_A, kwargs=_report),
    "reserved:annual_report_edit": (
        Spec(only(ATR_REFERENT, other=404), kwargs=_report),
        Spec(only(ATR_REFERENT, ok=400, other=404), method="POST", kwargs=_report),
    ),
    "reserved:annual_report_submit": Spec(
        only(ATR_REFERENT, ok=400, other=404), method="POST", kwargs=_report
    ),
    "reserved:annual_report_comment": Spec(
        only(DEPARTMENT_ADMIN, MONITORING_ANALYST, ATR_REFERENT, ok=400, other=404),
        method="POST",
        kwargs=_report,
    ),
    "reserved:annual_report_review": Spec(
        only(DEPARTMENT_ADMIN, MONITORING_ANALYST, ok=400), method="POST", kwargs=_report
    ),
    "reserved:annual_report_return": Spec(DEPARTMENT_FORM, method="POST", kwargs=_report),
    "reserved:annual_report_accept": Spec(DEPARTMENT_FORM, method="POST", kwargs=_report),
    "reserved:annual_report_expert": Spec(DEPARTMENT_FORM, method="POST", kwargs=_report),
    # The Department's templates.
    "reserved:report_template_create": (
        Spec(only(DEPARTMENT_ADMIN)),
        Spec(DEPARTMENT_FORM, method="POST"),
    ),
    "reserved:report_template": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=_published),
        Spec(only(DEPARTMENT_ADMIN), kwargs=_draft),
    ),
    "reserved:report_template_edit": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=_draft),
        Spec(DEPARTMENT_FORM, method="POST", kwargs=_draft),
    ),
    "reserved:report_template_delete": Spec(
        only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST", kwargs=_draft
    ),
    "reserved:report_template_publish": Spec(
        only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST", kwargs=_draft
    ),
    "reserved:report_template_section_add": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=_draft),
        Spec(DEPARTMENT_FORM, method="POST", kwargs=_draft),
    ),
    "reserved:report_template_section_edit": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=_section),
        Spec(DEPARTMENT_FORM, method="POST", kwargs=_section),
    ),
    "reserved:report_template_section_delete": Spec(
        only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST", kwargs=_section
    ),
    "reserved:report_template_figure_add": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=_draft),
        Spec(DEPARTMENT_FORM, method="POST", kwargs=_draft),
    ),
    "reserved:report_template_figure_edit": (
        Spec(only(DEPARTMENT_ADMIN), kwargs=_figure),
        Spec(DEPARTMENT_FORM, method="POST", kwargs=_figure),
    ),
    "reserved:report_template_figure_delete": Spec(
        only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST", kwargs=_figure
    ),
    # The year's format: every role for a published one; a draft is the Department's.
    "reserved:report_template_pdf": (
        Spec(only(*ROLES), kwargs=_published),
        Spec(but(only(*ROLES, ok=404), department_admin=200), kwargs=_draft),
    ),
}
