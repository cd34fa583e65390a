"""Starting, writing and moving an annual report through its workflow (the services)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rete.accounts.scopes import user_scope
from rete.annual_reports import services
from rete.annual_reports.models import (
    AnnualReport,
    ReportComment,
    ReportFigureValue,
    ReportStatus,
    TemplateStatus,
)
from rete.audit.models import AuditAction, AuditEntry
from rete.notices.models import Notice
from tests.annual_reports.factories import YEAR, fill, start, template_make
from tests.statistics.factories import payload_make, release_make

pytestmark = pytest.mark.django_db


def as_(person):
    return {"scope": user_scope(person), "actor": person}


def actions(report) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_type=services.TARGET_TYPE, target_id=str(report.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def told(person) -> list[str]:
    return list(Notice.objects.filter(recipient=person).values_list("key", flat=True))


def figure(report, key) -> ReportFigureValue:
    return ReportFigureValue.objects.get(report=report, figure__key=key)


# --- starting a report ------------------------------------------------------------------------


def test_it_starts_a_report_with_the_figures_of_the_published_statistics(
    people, net, template
) -> None:
    release_make("2025", areas=(("territory", "ATR-AL", "Ambito Alfa"),), fill=7)

    report = start(people.referent_a, template, net.a)

    assert report.status == ReportStatus.DRAFT
    assert report.prefill_releases == ["2025 #1"] and report.prefill_complete
    victims = Decimal(payload_make("victims_relationship", 7)["total"])
    assert figure(report, "victims").value == victims
    assert figure(report, "victims").prefilled_value == victims
    # A figure the territory writes itself starts empty.
    assert figure(report, "women_helped").value is None
    assert report.texts.count() == 3
    assert actions(report) == [services.REPORT_CREATE]


def test_without_published_statistics_the_figures_start_empty(people, net, template) -> None:
    report = start(people.referent_a, template, net.a)

    assert report.prefill_releases == []
    assert all(value.value is None for value in report.figures.all())


def test_the_referent_overwrites_a_prefilled_figure_and_both_are_kept(
    people, net, template
) -> None:
    release_make("2025", areas=(("territory", "ATR-AL", "Ambito Alfa"),), fill=7)
    report = start(people.referent_a, template, net.a)
    victims = figure(report, "victims")

    services.report_save(
        **as_(people.referent_a),
        report=report,
        version=report.version,
        texts={},
        values={victims.figure_id: Decimal("999")},
    )

    victims.refresh_from_db()
    assert victims.value == Decimal("999")
    assert victims.prefilled_value == Decimal(payload_make("victims_relationship", 7)["total"])
    assert victims.overwritten


def test_a_territory_has_one_report_a_year(people, net, template, report) -> None:
    with pytest.raises(ValidationError):
        start(people.referent_a, template, net.a)
    assert AnnualReport.objects.filter(territory=net.a).count() == 1


def test_only_a_referent_of_the_territory_starts_its_report(people, net, template) -> None:
    for person in (people.referent_b, people.admin, people.netop_a):
        with pytest.raises(PermissionDenied):
            start(person, template, net.a)
    assert not AnnualReport.objects.exists()


def test_a_report_is_written_only_on_a_published_template(people, net) -> None:
    draft = template_make(2026, status=TemplateStatus.DRAFT)
    with pytest.raises(ValidationError):
        start(people.referent_a, draft, net.a)


# --- saving -------------------------------------------------------------------------------


def test_saving_over_a_newer_version_is_refused_and_changes_nothing(people, report) -> None:
    section = report.texts.first()
    seen = report.version
    fill(people.referent_a, report)  # somebody else saved meanwhile
    report.refresh_from_db()
    saved = report.version

    with pytest.raises(services.StaleReport):
        services.report_save(
            **as_(people.referent_a),
            report=report,
            version=seen,
            texts={section.section_id: "Mine"},
            values={},
        )

    section.refresh_from_db()
    assert section.text != "Mine"
    report.refresh_from_db()
    assert report.version == saved


def test_only_the_territory_s_referent_saves(people, report) -> None:
    for person in (people.referent_b, people.admin, people.analyst, people.netop_a):
        with pytest.raises(PermissionDenied):
            services.report_save(
                **as_(person), report=report, version=report.version, texts={}, values={}
            )


# --- submitting ----------------------------------------------------------------------------


def test_submitting_an_incomplete_report_lists_what_is_missing_and_changes_nothing(
    people, report
) -> None:
    version = report.version

    with pytest.raises(services.ReportIncomplete) as refused:
        services.report_submit(**as_(people.referent_a), report=report, version=version)

    assert refused.value.missing == [
        "Network and members",
        "Activities of the year",
        "Valid contacts",
        "Victims",
        "Contacts transferred",
        "Women helped by the centres",
    ]
    report.refresh_from_db()
    assert (report.status, report.version) == (ReportStatus.DRAFT, version)
    assert services.REPORT_CREATE in actions(report)
    assert AuditAction.REPORT_SUBMIT not in actions(report)


def test_optional_parts_may_stay_empty(people, report) -> None:
    report = fill(people.referent_a, report)
    optional = report.texts.get(section__required=False)
    assert optional.text  # filled by the helper: empty it
    services.report_save(
        **as_(people.referent_a),
        report=report,
        version=report.version,
        texts={optional.section_id: "  "},
        values={figure(report, "paths_started").figure_id: None},
    )
    report.refresh_from_db()

    submitted = services.report_submit(
        **as_(people.referent_a), report=report, version=report.version
    )

    assert submitted.status == ReportStatus.SUBMITTED


# --- the whole workflow ----------------------------------------------------------------------


def test_a_report_is_submitted_reviewed_returned_resubmitted_and_accepted(people, report) -> None:
    referent, admin, expert = people.referent_a, people.admin, people.analyst
    report = fill(referent, report)

    report = services.report_submit(**as_(referent), report=report, version=report.version)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at
    assert any(key.endswith(f"submit.{report.version}") for key in told(admin))
    assert any(key.endswith(f"submit.{report.version}") for key in told(expert))

    report = services.report_review_start(**as_(expert), report=report, version=report.version)
    assert report.status == ReportStatus.IN_REVIEW

    report = services.report_return(
        **as_(admin), report=report, version=report.version, reason="Add the 2025 figures."
    )
    assert report.status == ReportStatus.RETURNED and report.is_editable
    assert report.transitions.last().reason == "Add the 2025 figures."
    assert any(".return." in key for key in told(referent))
    assert not any(".return." in key for key in told(people.referent_b))

    report = fill(referent, report, women="43")
    report = services.report_submit(**as_(referent), report=report, version=report.version)
    report = services.report_review_start(**as_(admin), report=report, version=report.version)
    report = services.report_accept(**as_(admin), report=report, version=report.version)

    assert report.status == ReportStatus.ACCEPTED and report.accepted_at
    assert any(".accept." in key for key in told(referent))
    assert actions(report) == [
        services.REPORT_CREATE,
        AuditAction.REPORT_SAVE,
        AuditAction.REPORT_SUBMIT,
        services.REPORT_REVIEW,
        AuditAction.REPORT_RETURN,
        AuditAction.REPORT_SAVE,
        AuditAction.REPORT_SUBMIT,
        services.REPORT_REVIEW,
        AuditAction.REPORT_ACCEPT,
    ]
    entry = AuditEntry.objects.filter(action=AuditAction.REPORT_RETURN).get()
    # The reason is typed by a person: it is not in the audit log.
    assert "Add the" not in str(entry.details)
    assert [step.to_status for step in report.transitions.all()] == [
        "draft",
        "submitted",
        "in_review",
        "returned",
        "submitted",
        "in_review",
        "accepted",
    ]


def test_an_accepted_report_is_final(people, report) -> None:
    report = fill(people.referent_a, report)
    report = services.report_submit(**as_(people.referent_a), report=report, version=report.version)
    report = services.report_review_start(
        **as_(people.admin), report=report, version=report.version
    )
    report = services.report_accept(**as_(people.admin), report=report, version=report.version)

    with pytest.raises(PermissionDenied):
        services.report_save(
            **as_(people.referent_a), report=report, version=report.version, texts={}, values={}
        )
    with pytest.raises(ValidationError):
        services.report_submit(**as_(people.referent_a), report=report, version=report.version)
    with pytest.raises(ValidationError):
        services.report_return(
            **as_(people.admin), report=report, version=report.version, reason="Again"
        )
    with pytest.raises(PermissionDenied):
        services.report_comment(
            **as_(people.analyst), report=report, section=None, body="Late comment"
        )
    with pytest.raises(ValidationError):
        services.report_expert_assign(**as_(people.admin), report=report, expert=people.analyst)


def test_only_the_department_accepts_or_returns_and_only_in_review(people, report) -> None:
    report = fill(people.referent_a, report)
    report = services.report_submit(**as_(people.referent_a), report=report, version=report.version)

    with pytest.raises(ValidationError):  # still submitted: not in review yet
        services.report_accept(**as_(people.admin), report=report, version=report.version)
    report = services.report_review_start(
        **as_(people.admin), report=report, version=report.version
    )
    for person in (people.analyst, people.referent_a):
        with pytest.raises(ValidationError):
            services.report_accept(**as_(person), report=report, version=report.version)
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW


def test_a_return_needs_a_reason(people, report) -> None:
    report = fill(people.referent_a, report)
    report = services.report_submit(**as_(people.referent_a), report=report, version=report.version)
    report = services.report_review_start(
        **as_(people.admin), report=report, version=report.version
    )

    with pytest.raises(ValidationError):
        services.report_return(
            **as_(people.admin), report=report, version=report.version, reason=" "
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW


def test_only_the_expert_of_the_report_or_the_department_start_the_review(people, report) -> None:
    from rete.accounts.roles import MONITORING_ANALYST
    from tests.people import make_person

    other_analyst = make_person("other_analyst", MONITORING_ANALYST)
    report = fill(people.referent_a, report)
    report = services.report_submit(**as_(people.referent_a), report=report, version=report.version)

    with pytest.raises(ValidationError):
        services.report_review_start(**as_(other_analyst), report=report, version=report.version)
    with pytest.raises(ValidationError):
        services.report_review_start(
            **as_(people.referent_a), report=report, version=report.version
        )


def test_a_transition_over_a_newer_version_is_refused(people, report) -> None:
    seen = report.version
    report = fill(people.referent_a, report)

    with pytest.raises(services.StaleReport):
        services.report_submit(**as_(people.referent_a), report=report, version=seen)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


# --- the expert and the comments ---------------------------------------------------------------


def test_the_department_assigns_an_expert_of_the_monitoring_company(people, report) -> None:
    AnnualReport.objects.filter(pk=report.pk).update(expert=None)
    report.refresh_from_db()

    with pytest.raises(ValidationError):
        services.report_expert_assign(**as_(people.admin), report=report, expert=people.committee)
    services.report_expert_assign(**as_(people.admin), report=report, expert=people.analyst)

    report.refresh_from_db()
    assert report.expert == people.analyst
    assert any(".expert." in key for key in told(people.analyst))
    assert AuditAction.REPORT_EXPERT_ASSIGN in actions(report)


def test_nobody_but_the_department_assigns_the_expert(people, report) -> None:
    for person in (people.analyst, people.referent_a):
        with pytest.raises(ValidationError):
            services.report_expert_assign(**as_(person), report=report, expert=people.analyst)


def test_comments_go_to_the_other_side(people, report) -> None:
    section = report.template.sections.first()

    by_expert = services.report_comment(
        **as_(people.analyst), report=report, section=section, body="Name the members."
    )
    answer = services.report_comment(
        **as_(people.referent_a), report=report, section=section, body="Done."
    )

    assert not by_expert.from_territory and answer.from_territory
    assert f"annual_report.{report.pk}.comment.{by_expert.pk}" in told(people.referent_a)
    assert f"annual_report.{report.pk}.comment.{answer.pk}" in told(people.analyst)
    assert f"annual_report.{report.pk}.comment.{answer.pk}" in told(people.admin)
    assert not told(people.referent_b) and not told(people.netop_a)
    assert actions(report).count(AuditAction.REPORT_COMMENT) == 2


def test_who_may_not_comment_is_refused(people, report) -> None:
    from rete.accounts.roles import MONITORING_ANALYST
    from tests.people import make_person

    other_analyst = make_person("other_analyst", MONITORING_ANALYST)
    for person in (people.referent_b, people.netop_a, people.committee, other_analyst):
        with pytest.raises(PermissionDenied):
            services.report_comment(**as_(person), report=report, section=None, body="Hello")
    assert not ReportComment.objects.exists()


def test_a_comment_is_about_a_section_of_the_report_s_template(people, report) -> None:
    other = template_make(YEAR + 1)
    with pytest.raises(ValidationError):
        services.report_comment(
            **as_(people.analyst),
            report=report,
            section=other.sections.first(),
            body="Wrong section",
        )
