"""The report's screens through the client: who sees and does what, 404 for another
territory on every screen, and refused input kept on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rete.accounts.scopes import user_scope
from rete.annual_reports import services
from rete.annual_reports.models import AnnualReport, ReportComment, ReportStatus
from tests.annual_reports.factories import fill, template_make

pytestmark = pytest.mark.django_db

LIST = reverse("reserved:annual_reports")


def url(name: str, report: AnnualReport) -> str:
    return reverse(f"reserved:{name}", kwargs={"pk": report.pk})


def as_(person):
    return {"scope": user_scope(person), "actor": person}


def to_review(people, report) -> AnnualReport:
    report = fill(people.referent_a, report)
    report = services.report_submit(**as_(people.referent_a), report=report, version=report.version)
    return services.report_review_start(**as_(people.admin), report=report, version=report.version)


# --- the archive ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["admin", "analyst", "committee", "referent_a", "netop_a", "operator", "supervisor"],
)
def test_every_reserved_role_opens_the_archive(as_person, world, name) -> None:
    response = as_person(name).get(LIST)
    assert response.status_code == 200
    # The format of the year is there for everybody to download.
    assert reverse("reserved:report_template_pdf", kwargs={"pk": world.template.pk}) in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("admin", True),
        ("analyst", True),
        ("committee", False),
        ("referent_a", True),
        ("netop_a", True),
        ("referent_b", False),
        ("netop_b", False),
        ("operator", False),
    ],
)
def test_the_archive_lists_the_reports_of_the_person_s_scope(as_person, world, name, sees) -> None:
    page = as_person(name).get(LIST).content.decode()
    assert (url("annual_report", world.report) in page) is sees


def test_the_archive_filters_by_year_and_status(as_person, world, people, net) -> None:
    older = template_make(2024)
    services.report_create(**as_(people.referent_a), template=older, territory=net.a)
    client = as_person("admin")

    page = client.get(LIST, {"anno": "2024"}).content.decode()
    assert 'data-testid="reports-2024"' in page and 'data-testid="reports-2025"' not in page
    page = client.get(LIST, {"stato": "accepted"}).content.decode()
    assert 'data-testid="report-row"' not in page


def test_a_referent_is_offered_to_start_a_year_not_started(as_person, world, people) -> None:
    assert 'data-testid="start-report"' not in as_person("referent_a").get(LIST).content.decode()
    assert 'data-testid="start-report"' in as_person("referent_b").get(LIST).content.decode()


# --- starting a report --------------------------------------------------------------------------


def test_a_referent_starts_her_territory_s_report(as_person, people, net, template) -> None:
    response = as_person("referent_b").post(
        reverse("reserved:annual_report_create"),
        {"template": template.pk, "territory": net.b.pk},
    )

    report = AnnualReport.objects.get(territory=net.b)
    assert response.status_code == 302 and response["Location"] == url("annual_report", report)


def test_a_referent_cannot_start_another_territory_s_report(as_person, net, template) -> None:
    response = as_person("referent_b").post(
        reverse("reserved:annual_report_create"),
        {"template": template.pk, "territory": net.a.pk},
    )

    assert response.status_code == 400
    assert not AnnualReport.objects.exists()


def test_starting_is_the_referents_screen(as_person, world) -> None:
    for name in ("admin", "analyst", "netop_a", "committee"):
        assert as_person(name).get(reverse("reserved:annual_report_create")).status_code == 403


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("admin", 200),
        ("analyst", 200),
        ("committee", 404),
        ("referent_a", 200),
        ("netop_a", 200),
        ("referent_b", 404),
        ("netop_b", 404),
        ("operator", 403),
        ("supervisor", 403),
    ],
)
def test_who_reads_a_report(as_person, world, name, status) -> None:
    assert as_person(name).get(url("annual_report", world.report)).status_code == status


def test_the_steering_committee_reads_a_report_once_accepted(as_person, world, people) -> None:
    report = to_review(people, world.report)
    client = as_person("committee")
    assert client.get(url("annual_report", report)).status_code == 404
    assert client.get(url("annual_report_pdf", report)).status_code == 404

    services.report_accept(**as_(people.admin), report=report, version=report.version)

    assert client.get(url("annual_report", report)).status_code == 200
    assert client.get(url("annual_report_pdf", report)).status_code == 200
    assert url("annual_report", report) in client.get(LIST).content.decode()


def test_the_comments_are_for_the_referents_the_expert_and_the_department(
    as_person, world, people
) -> None:
    section = world.template.sections.first()
    services.report_comment(
        **as_(people.analyst), report=world.report, section=section, body="Name the members."
    )
    for name, reads in [
        ("referent_a", True),
        ("analyst", True),
        ("admin", True),
        ("netop_a", False),
        ("committee", False),
    ]:
        page = as_person(name).get(url("annual_report", world.report)).content.decode()
        assert ("Name the members." in page) is reads, name


def test_a_network_operator_reads_without_editing(as_person, world) -> None:
    client = as_person("netop_a")
    page = client.get(url("annual_report", world.report)).content.decode()
    assert 'data-testid="report-edit"' not in page
    assert 'data-testid="report-submit"' not in page
    assert client.get(url("annual_report_edit", world.report)).status_code == 403
    assert client.post(url("annual_report_submit", world.report)).status_code == 403


# --- writing ---------------------------------------------------------------------------------


def _edit_data(report, **changes) -> dict[str, str]:
    data = {"version": str(report.version)}
    for text in report.texts.all():
        data[f"section_{text.section_id}"] = f"Text of {text.section.title}."
    for value in report.figures.all():
        data[f"figure_{value.figure_id}"] = "12,5"
    data.update(changes)
    return data


def test_the_referent_saves_the_draft(as_person, world) -> None:
    report = world.report
    response = as_person("referent_a").post(url("annual_report_edit", report), _edit_data(report))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.version == 2
    assert str(report.figures.first().value) == "12.50"
    assert report.texts.first().text == "Text of Network and members."


def test_a_refused_figure_keeps_what_was_typed_and_saves_nothing(as_person, world) -> None:
    report = world.report
    women = report.figures.get(figure__key="women_helped")
    data = _edit_data(report, **{f"figure_{women.figure_id}": "1.234,5"})
    data[f"section_{report.texts.first().section_id}"] = "My long paragraph about the network."

    response = as_person("referent_a").post(url("annual_report_edit", report), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="1.234,5"' in page
    assert "My long paragraph about the network." in page
    assert 'data-testid="field-error"' in page
    report.refresh_from_db()
    assert report.version == 1 and report.texts.first().text == ""


def test_saving_over_a_newer_version_is_refused_and_keeps_the_text(
    as_person, world, people
) -> None:
    report = world.report
    stale_data = _edit_data(report)
    stale_data[f"section_{report.texts.first().section_id}"] = "Written in the old tab."
    fill(people.referent_a, report)  # saved meanwhile, from another tab

    response = as_person("referent_a").post(url("annual_report_edit", report), stale_data)

    assert response.status_code == 409
    page = response.content.decode()
    assert 'data-testid="stale"' in page and "Written in the old tab." in page
    assert report.texts.first().text != "Written in the old tab."


def test_a_report_with_the_department_is_not_edited(as_person, world, people) -> None:
    to_review(people, world.report)
    client = as_person("referent_a")

    response = client.get(url("annual_report_edit", world.report))

    assert response.status_code == 302
    assert (
        'data-testid="report-edit"'
        not in client.get(url("annual_report", world.report)).content.decode()
    )


def test_submitting_an_incomplete_report_shows_what_is_missing(as_person, world) -> None:
    report = world.report
    response = as_person("referent_a").post(
        url("annual_report_submit", report), {"version": report.version}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="missing"' in page and "Women helped by the centres" in page
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_referent_submits_a_complete_report(as_person, world, people) -> None:
    report = fill(people.referent_a, world.report)
    response = as_person("referent_a").post(
        url("annual_report_submit", report), {"version": report.version}
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


# --- review -----------------------------------------------------------------------------------


def test_a_return_without_reason_keeps_the_page_and_changes_nothing(
    as_person, world, people
) -> None:
    report = to_review(people, world.report)

    response = as_person("admin").post(
        url("annual_report_return", report), {"version": report.version, "reason": ""}
    )

    assert response.status_code == 400
    assert 'data-testid="field-error"' in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW


def test_the_department_returns_with_a_reason_the_referent_reads(as_person, world, people) -> None:
    report = to_review(people, world.report)

    as_person("admin").post(
        url("annual_report_return", report),
        {"version": report.version, "reason": "Describe the shelters' role."},
    )

    page = as_person("referent_a").get(url("annual_report", report)).content.decode()
    assert 'data-testid="return-reason"' in page and "Describe the shelters" in page
    assert 'data-testid="report-edit"' in page


def test_a_stale_acceptance_is_refused(as_person, world, people) -> None:
    report = to_review(people, world.report)

    response = as_person("admin").post(
        url("annual_report_accept", report), {"version": report.version - 1}
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW


def test_the_department_assigns_the_expert_from_the_page(as_person, world, people) -> None:
    AnnualReport.objects.filter(pk=world.report.pk).update(expert=None)
    client = as_person("admin")

    refused = client.post(
        url("annual_report_expert", world.report), {"expert": people.committee.pk}
    )
    done = client.post(url("annual_report_expert", world.report), {"expert": people.analyst.pk})

    assert refused.status_code == 400 and done.status_code == 302
    world.report.refresh_from_db()
    assert world.report.expert == people.analyst


# --- comments ---------------------------------------------------------------------------------


def test_the_expert_comments_a_section(as_person, world) -> None:
    section = world.template.sections.first()
    response = as_person("analyst").post(
        url("annual_report_comment", world.report),
        {"section": str(section.pk), "body": "Say who coordinates."},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#section-{section.pk}")
    assert ReportComment.objects.get().section == section


def test_an_empty_comment_keeps_the_page_and_writes_nothing(as_person, world) -> None:
    section = world.template.sections.first()
    response = as_person("referent_a").post(
        url("annual_report_comment", world.report), {"section": str(section.pk), "body": "  "}
    )

    assert response.status_code == 400
    assert 'data-testid="field-error"' in response.content.decode()
    assert not ReportComment.objects.exists()


def test_a_comment_about_an_unknown_section_is_refused(as_person, world) -> None:
    response = as_person("analyst").post(
        url("annual_report_comment", world.report),
        {"section": "999999", "body": "Hello"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Choose a section of this report." in response.content.decode()
    assert not ReportComment.objects.exists()


def test_those_who_read_without_commenting_are_refused(as_person, world) -> None:
    response = as_person("netop_a").post(
        url("annual_report_comment", world.report), {"section": "general", "body": "Hi"}
    )
    assert response.status_code == 403
    assert not ReportComment.objects.exists()


# --- another territory: 404 on every screen ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("annual_report", "get"),
        ("annual_report_edit", "get"),
        ("annual_report_edit", "post"),
        ("annual_report_submit", "post"),
        ("annual_report_comment", "post"),
        ("annual_report_pdf", "get"),
    ],
)
def test_another_territory_s_referent_gets_not_found(as_person, world, name, method) -> None:
    client = as_person("referent_b")
    data = {"version": "1", "section": "general", "body": "Hello"}
    response = getattr(client, method)(url(name, world.report), data if method == "post" else None)
    assert response.status_code == 404
    assert not ReportComment.objects.exists()
