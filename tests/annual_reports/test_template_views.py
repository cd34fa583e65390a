"""The Department's template screens: bad input kept, a published template frozen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rete.annual_reports.models import ReportTemplate, TemplateFigure, TemplateStatus
from tests.annual_reports.factories import template_make

pytestmark = pytest.mark.django_db


def test_the_department_creates_a_template_from_last_year_s(as_person, people, template) -> None:
    response = as_person("admin").post(
        reverse("reserved:report_template_create"),
        {"year": "2026", "title": "Relazione 2026", "introduction": "", "copy_from": template.pk},
    )

    made = ReportTemplate.objects.get(year=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("reserved:report_template", kwargs={"pk": made.pk})
    assert made.sections.count() == 3 and made.status == TemplateStatus.DRAFT


def test_a_refused_template_keeps_what_was_typed(as_person, people) -> None:
    response = as_person("admin").post(
        reverse("reserved:report_template_create"),
        {"year": "1900", "title": "Relazione dei pionieri", "introduction": "Una storia lunga."},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Relazione dei pionieri"' in page and "Una storia lunga." in page
    assert 'data-testid="form-errors"' in page
    assert not ReportTemplate.objects.exists()


def test_a_year_already_published_is_refused_with_a_message(as_person, template) -> None:
    response = as_person("admin").post(
        reverse("reserved:report_template_create"), {"year": "2025", "title": "Again"}
    )

    assert response.status_code == 400
    assert 'value="Again"' in response.content.decode()
    assert ReportTemplate.objects.count() == 1


def test_a_figure_with_a_key_taken_is_refused_and_kept(as_person, people) -> None:
    draft = template_make(2026, status=TemplateStatus.DRAFT)
    response = as_person("admin").post(
        reverse("reserved:report_template_figure_add", kwargs={"pk": draft.pk}),
        {
            "position": "9",
            "label": "Valid contacts again",
            "key": "valid_contacts",
            "unit": "contacts",
            "source": "valid_contacts",
            "required": "on",
        },
    )

    assert response.status_code == 400
    assert 'value="Valid contacts again"' in response.content.decode()
    assert TemplateFigure.objects.filter(template=draft).count() == 5


def test_the_department_adds_a_section_and_publishes(as_person, people) -> None:
    draft = ReportTemplate.objects.create(
        year=2026, title="Relazione 2026", created_at="2026-01-01T00:00:00+01:00"
    )
    client = as_person("admin")

    client.post(
        reverse("reserved:report_template_section_add", kwargs={"pk": draft.pk}),
        {"position": "1", "title": "La rete", "guidance": "Chi ne fa parte.", "required": "on"},
    )
    response = client.post(reverse("reserved:report_template_publish", kwargs={"pk": draft.pk}))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == TemplateStatus.PUBLISHED
    assert draft.sections.get().title == "La rete"


def test_the_screens_of_a_published_template_send_back_to_it(as_person, template) -> None:
    client = as_person("admin")
    section = template.sections.first()
    for name, kwargs in [
        ("report_template_edit", {"pk": template.pk}),
        ("report_template_section_add", {"pk": template.pk}),
        ("report_template_section_edit", {"pk": template.pk, "section_pk": section.pk}),
    ]:
        response = client.post(reverse(f"reserved:{name}", kwargs=kwargs), {"title": "Changed"})
        assert response.status_code == 302, name
    response = client.post(
        reverse(
            "reserved:report_template_section_delete",
            kwargs={"pk": template.pk, "section_pk": section.pk},
        )
    )
    assert response.status_code == 302
    assert template.sections.count() == 3
    assert template.sections.filter(title="Changed").count() == 0


def test_drafts_are_the_department_s(as_person, people) -> None:
    draft = template_make(2026, status=TemplateStatus.DRAFT)
    pdf = reverse("reserved:report_template_pdf", kwargs={"pk": draft.pk})
    assert as_person("admin").get(pdf).status_code == 200
    assert as_person("referent_a").get(pdf).status_code == 404
    assert (
        str(draft)
        not in as_person("referent_a").get(reverse("reserved:annual_reports")).content.decode()
    )
    for name in ("analyst", "referent_a"):
        detail = reverse("reserved:report_template", kwargs={"pk": draft.pk})
        assert as_person(name).get(detail).status_code == 403


def test_a_section_of_another_template_is_not_found(as_person, template) -> None:
    draft = template_make(2026, status=TemplateStatus.DRAFT)
    response = as_person("admin").get(
        reverse(
            "reserved:report_template_section_edit",
            kwargs={"pk": draft.pk, "section_pk": template.sections.first().pk},
        )
    )
    assert response.status_code == 404
