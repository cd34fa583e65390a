"""The Department's yearly templates: drafted, published once a year, then frozen."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rete.accounts.scopes import user_scope
from rete.annual_reports import template_services as services
from rete.annual_reports.models import ReportTemplate, TemplateStatus
from rete.audit.models import AuditAction, AuditEntry
from rete.notices.models import Notice
from tests.annual_reports.factories import template_make

pytestmark = pytest.mark.django_db


def as_(person):
    return {"scope": user_scope(person), "actor": person}


SECTION = {"position": 1, "title": "Network", "guidance": "Who.", "required": True}
FIGURE = {
    "position": 1,
    "key": "women",
    "label": "Women helped",
    "unit": "women",
    "source": "",
    "required": True,
}


def test_the_department_drafts_and_publishes_a_template(people) -> None:
    template = services.template_create(**as_(people.admin), year=2026, title="Relazione 2026")
    services.section_save(**as_(people.admin), template=template, section=None, fields=SECTION)
    services.figure_save(**as_(people.admin), template=template, figure=None, fields=FIGURE)

    services.template_publish(**as_(people.admin), template=template)

    template.refresh_from_db()
    assert template.status == TemplateStatus.PUBLISHED and template.published_at
    assert list(
        AuditEntry.objects.filter(target_type=services.TARGET_TYPE).values_list("action", flat=True)
    ) == [
        services.TEMPLATE_CREATE,
        AuditAction.REPORT_TEMPLATE_UPDATE,
        AuditAction.REPORT_TEMPLATE_UPDATE,
        AuditAction.REPORT_TEMPLATE_PUBLISH,
    ]
    # Every territory's referents hear of it.
    for referent in (people.referent_a, people.referent_b):
        assert Notice.objects.filter(
            recipient=referent, key__startswith="report_template."
        ).exists()


def test_a_published_template_is_frozen(people) -> None:
    template = template_make()
    section = template.sections.first()
    figure = template.figures.first()
    attempts = [
        lambda: services.template_update(
            **as_(people.admin), template=template, year=2025, title="New", introduction=""
        ),
        lambda: services.section_save(
            **as_(people.admin), template=template, section=section, fields=SECTION
        ),
        lambda: services.section_delete(**as_(people.admin), template=template, section=section),
        lambda: services.figure_save(
            **as_(people.admin), template=template, figure=None, fields=FIGURE
        ),
        lambda: services.figure_delete(**as_(people.admin), template=template, figure=figure),
        lambda: services.template_delete(**as_(people.admin), template=template),
        lambda: services.template_publish(**as_(people.admin), template=template),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    template.refresh_from_db()
    assert template.title == "Relazione annuale"
    assert template.sections.count() == 3 and template.figures.count() == 5


def test_one_template_a_year_is_published(people) -> None:
    template_make(2025)
    draft = template_make(2025, status=TemplateStatus.DRAFT)

    with pytest.raises(ValidationError):
        services.template_publish(**as_(people.admin), template=draft)
    with pytest.raises(ValidationError):
        services.template_create(**as_(people.admin), year=2025, title="Another")
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportTemplate.objects.filter(pk=draft.pk).update(
            status=TemplateStatus.PUBLISHED, published_at=timezone.now()
        )


def test_a_template_needs_a_section_to_be_published(people) -> None:
    template = services.template_create(**as_(people.admin), year=2026, title="Empty")
    with pytest.raises(ValidationError):
        services.template_publish(**as_(people.admin), template=template)


def test_a_new_template_may_start_as_a_copy_of_an_earlier_one(people) -> None:
    earlier = template_make(2025)

    copy = services.template_create(
        **as_(people.admin), year=2026, title="Relazione 2026", copy_from=earlier
    )

    assert copy.status == TemplateStatus.DRAFT
    assert [s.title for s in copy.sections.all()] == [s.title for s in earlier.sections.all()]
    assert [(f.key, f.source) for f in copy.figures.all()] == [
        (f.key, f.source) for f in earlier.figures.all()
    ]


def test_a_figure_key_is_unique_in_its_template(people) -> None:
    template = services.template_create(**as_(people.admin), year=2026, title="Relazione 2026")
    services.figure_save(**as_(people.admin), template=template, figure=None, fields=FIGURE)

    with pytest.raises(ValidationError):
        services.figure_save(**as_(people.admin), template=template, figure=None, fields=FIGURE)
    assert template.figures.count() == 1


def test_only_the_department_keeps_the_templates(people) -> None:
    for person in (people.analyst, people.referent_a, people.committee):
        with pytest.raises(PermissionDenied):
            services.template_create(**as_(person), year=2026, title="Mine")
    assert not ReportTemplate.objects.exists()
