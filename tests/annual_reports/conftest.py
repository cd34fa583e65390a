"""The annual reports' world: the two territories and the people of tests/reserved (Ambito
Alfa, ATR-AL, and Ambito Beta, ATR-BE), a published template of 2025 with required and
optional sections and figures, and helpers to start and fill a report of Alfa."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rete.annual_reports.models import AnnualReport, ReportTemplate
from tests.annual_reports.factories import start, template_make
from tests.reserved.conftest import as_person, net, people  # noqa: F401  # fixtures


@pytest.fixture
def template(db) -> ReportTemplate:
    return template_make()


@pytest.fixture
def report(people, net, template) -> AnnualReport:  # noqa: F811
    """Alfa's report of 2025, a draft, with the analyst as its expert."""
    made = start(people.referent_a, template, net.a)
    AnnualReport.objects.filter(pk=made.pk).update(expert=people.analyst)
    made.refresh_from_db()
    return made


@pytest.fixture
def world(people, net, template, report) -> SimpleNamespace:  # noqa: F811
    return SimpleNamespace(people=people, net=net, template=template, report=report)
