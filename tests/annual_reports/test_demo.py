"""The demo's annual reports: the last full year's published template and Bari's draft."""

from __future__ import annotations

from datetime import date

import pytest

from rete.annual_reports.demo import demo_annual_reports_load
from rete.annual_reports.models import AnnualReport, ReportStatus, TemplateStatus
from rete.demo.services import demo_accounts_ensure, demo_network_load
from tests.statistics.factories import release_make

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def test_it_loads_a_template_and_bari_s_draft_once() -> None:
    demo_network_load()
    demo_accounts_ensure()
    release_make("2025", areas=(("territory", "ATR-BA", "Provincia di Bari"),), fill=7)

    first = demo_annual_reports_load(TODAY)
    second = demo_annual_reports_load(TODAY)

    assert first == second == {"templates": 1, "reports": 1}
    report = AnnualReport.objects.get()
    assert (report.territory.code, report.year, report.status) == (
        "ATR-BA",
        2025,
        ReportStatus.DRAFT,
    )
    assert report.template.status == TemplateStatus.PUBLISHED
    assert "(esempio)" in report.template.title
    assert report.created_by.username == "demo_atr_referent"
    assert report.prefill_releases == ["2025 #1"]
    assert report.figures.filter(prefilled_value__isnull=False).count() == 4


def test_without_the_demo_network_it_loads_only_the_template() -> None:
    assert demo_annual_reports_load(TODAY) == {"templates": 1, "reports": 0}
