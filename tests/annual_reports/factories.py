"""Annual report templates made directly in the database, for the tests and the security
matrix (tests/security/parts/annual_reports.py)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from rete.accounts.scopes import user_scope
from rete.annual_reports import services
from rete.annual_reports.models import (
    AnnualReport,
    ReportTemplate,
    TemplateFigure,
    TemplateSection,
    TemplateStatus,
)
from rete.annual_reports.sources import FigureSource

YEAR = 2025


def template_make(year: int = YEAR, *, status: str = TemplateStatus.PUBLISHED) -> ReportTemplate:
    now = timezone.now()
    template = ReportTemplate.objects.create(
        year=year,
        title="Relazione annuale",
        introduction="Come scrivere la relazione.",
        status=status,
        created_at=now,
        published_at=now if status == TemplateStatus.PUBLISHED else None,
    )
    sections = [
        ("Network and members", "Who takes part.", True),
        ("Activities of the year", "What was done.", True),
        ("Proposals", "What to change.", False),
    ]
    for position, (title, guidance, required) in enumerate(sections, start=1):
        TemplateSection.objects.create(
            template=template, position=position, title=title, guidance=guidance, required=required
        )
    figures = [
        ("valid_contacts", "Valid contacts", "contacts", FigureSource.VALID_CONTACTS, True),
        ("victims", "Victims", "people", FigureSource.VICTIMS, True),
        (
            "transferred",
            "Contacts transferred",
            "contacts",
            FigureSource.CONTACTS_TRANSFERRED,
            True,
        ),
        ("women_helped", "Women helped by the centres", "women", "", True),
        ("paths_started", "Paths out of violence started", "women", "", False),
    ]
    for position, (key, label, unit, source, required) in enumerate(figures, start=1):
        TemplateFigure.objects.create(
            template=template,
            position=position,
            key=key,
            label=label,
            unit=unit,
            source=source,
            required=required,
        )
    return template


def start(person, template: ReportTemplate, territory) -> AnnualReport:
    return services.report_create(
        scope=user_scope(person), actor=person, template=template, territory=territory
    )


def fill(person, report: AnnualReport, *, women: str = "42") -> AnnualReport:
    """Write every required part of the report (as the referent would), through the service."""
    report.refresh_from_db()
    texts = {text.section_id: f"Text of {text.section.title}." for text in report.texts.all()}
    values = {}
    for value in report.figures.select_related("figure"):
        values[value.figure_id] = value.value if value.value is not None else Decimal(women)
    return services.report_save(
        scope=user_scope(person),
        actor=person,
        report=report,
        version=report.version,
        texts=texts,
        values=values,
    )
