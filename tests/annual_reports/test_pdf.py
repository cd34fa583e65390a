"""The report's PDF and the year's format: a real PDF, with a title page, the figures and a
bookmark per section; the download is audited, and only readers of the report get it.

pypdf is not installed: the checks read the PDF's structure (its header and end, its
pages and its outline, whose titles reportlab writes as plain strings)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rete.annual_reports.services import TARGET_TYPE
from rete.audit.models import AuditAction, AuditEntry
from tests.annual_reports.factories import fill

pytestmark = pytest.mark.django_db


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def outline(data: bytes) -> list[bytes]:
    return re.findall(rb"/Title \(([^)]*)\)\n", data)


def test_the_report_downloads_as_a_pdf_with_its_sections(as_person, world, people) -> None:
    fill(people.referent_a, world.report)
    response = as_person("netop_a").get(
        reverse("reserved:annual_report_pdf", kwargs={"pk": world.report.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="relazione-annuale-ATR-AL-2025.pdf"' in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert pages(data) >= 2  # the title page, then the figures and the sections
    assert outline(data) == [
        b"Figures of the year",
        b"Network and members",
        b"Activities of the year",
        b"Proposals",
    ]
    assert b"Ambito Alfa" in data  # the document's title names the territory
    entry = AuditEntry.objects.get(action=AuditAction.REPORT_DOWNLOAD)
    assert entry.actor == people.netop_a
    assert (entry.target_type, entry.target_id) == (TARGET_TYPE, str(world.report.pk))
    assert entry.details["territory"] == "ATR-AL"


def test_the_pdf_is_refused_outside_the_report_s_readers(as_person, world) -> None:
    pdf = reverse("reserved:annual_report_pdf", kwargs={"pk": world.report.pk})
    assert as_person("referent_b").get(pdf).status_code == 404
    assert as_person("operator").get(pdf).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.REPORT_DOWNLOAD).exists()


def test_a_long_text_with_markup_characters_prints(as_person, world, people) -> None:
    from rete.accounts.scopes import user_scope
    from rete.annual_reports.services import report_save

    text = world.report.texts.first()
    long = "\n\n".join(
        f"Paragrafo {n}: <b>non</b> è markup & va stampato così." for n in range(200)
    )
    report_save(
        scope=user_scope(people.referent_a),
        actor=people.referent_a,
        report=world.report,
        version=world.report.version,
        texts={text.section_id: long},
        values={},
    )

    data = (
        as_person("referent_a")
        .get(reverse("reserved:annual_report_pdf", kwargs={"pk": world.report.pk}))
        .content
    )

    assert data.startswith(b"%PDF-")
    assert pages(data) > 4


def test_the_format_of_the_year_downloads_for_every_role(as_person, world) -> None:
    response = as_person("operator").get(
        reverse("reserved:report_template_pdf", kwargs={"pk": world.template.pk})
    )

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert b"Network and members" in b"".join(outline(response.content))
