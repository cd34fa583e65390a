"""The annual reports' screens: the archive by year, a report (read, write, comment, review)
and its PDF. Rules live in rete.annual_reports.rules and the services; a report outside the
person's scope answers 404 on every screen."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.annual_reports import services
from rete.annual_reports.forms import (
    GENERAL,
    CommentForm,
    ExpertForm,
    ReportCreateForm,
    ReportEditForm,
    ReturnForm,
    VersionForm,
    posted,
)
from rete.annual_reports.models import AnnualReport, ReportStatus, ReportTemplate, TemplateStatus
from rete.annual_reports.pdf import report_pdf
from rete.annual_reports.rules import (
    COMMENT_ROLES,
    MANAGER_ROLES,
    READ_ROLES,
    REVIEW_ROLES,
    WRITER_ROLES,
    is_manager,
    may_assign_expert,
    may_comment,
    may_decide,
    may_edit,
    may_read_comments,
    may_start_review,
    writes_for,
)
from rete.annual_reports.selectors import (
    expert_candidates,
    report_content,
    report_get_for_scope,
    report_missing,
    reports_visible,
    templates_visible,
    territories_for_writer,
)
from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.reserved.http import reserved_view


def _years_to_start(request: HttpRequest):
    """Published templates the person's territories have no report for yet."""
    territories = territories_for_writer(request.scope, WRITER_ROLES)
    if not territories:
        return ReportTemplate.objects.none(), territories
    templates = ReportTemplate.objects.filter(status=TemplateStatus.PUBLISHED).order_by("-year")
    started = Counter(
        AnnualReport.objects.filter(territory__in=territories).values_list("year", flat=True)
    )
    count = len(territories)
    years_full = [year for year, reports in started.items() if reports >= count]
    return templates.exclude(year__in=years_full), territories


@reserved_view()
def report_list(request: HttpRequest) -> HttpResponse:
    """The archive: every report the person may read, by year and territory, with its
    status; the year's formats; the Department's drafts of templates."""
    scope = request.scope
    reports = reports_visible(scope).order_by("-year", "territory__name")
    years = sorted({report.year for report in reports}, reverse=True)
    year = request.GET.get("anno", "")
    status = request.GET.get("stato", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    by_year: dict[int, list[AnnualReport]] = {}
    for report in reports:
        by_year.setdefault(report.year, []).append(report)
    startable, _territories = _years_to_start(request)
    return render(
        request,
        "annual_reports/list.html",
        {
            "by_year": sorted(by_year.items(), reverse=True),
            "may_read_reports": scope.has_role(*READ_ROLES),
            "years": years,
            "year": year,
            "status": status,
            "statuses": ReportStatus.choices,
            "templates": templates_visible(scope).order_by("-year", "-pk"),
            "is_manager": is_manager(scope),
            "startable": startable,
        },
    )


@reserved_view(*WRITER_ROLES)
def report_create(request: HttpRequest) -> HttpResponse:
    templates, territories = _years_to_start(request)
    form = ReportCreateForm(posted(request), templates=templates, territories=territories)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                scope=request.scope,
                actor=request.user,
                template=form.cleaned_data["template"],
                territory=form.cleaned_data["territory"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report is started: write it when you are ready."))
            return redirect("reserved:annual_report", pk=report.pk)
    status = 400 if form.is_bound else 200
    return render(request, "annual_reports/create.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest,
    report: AnnualReport,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    scope, person = request.scope, request.user
    reads_comments = may_read_comments(scope, person, report)
    content = report_content(report, with_comments=reads_comments)
    editable = may_edit(scope, report)
    comment_form = forms.get("comment_form")
    comment_key = ""
    if comment_form is not None:
        comment_key = comment_form.data.get("section", "")
    context = {
        "report": report,
        "content": content,
        "history": report.transitions.select_related("actor"),
        "last_return": report.transitions.filter(to_status=ReportStatus.RETURNED).last(),
        "may_edit": editable,
        "may_submit": editable,
        "missing": forms.get("missing") or (report_missing(report) if editable else []),
        "submit_refused": bool(forms.get("missing")),
        "reads_comments": reads_comments,
        "may_comment": may_comment(scope, person, report),
        "comment_form": comment_form,
        "comment_key": comment_key,
        "general_key": GENERAL,
        "may_start_review": may_start_review(scope, person, report),
        "may_decide": may_decide(scope, report),
        "return_form": forms.get("return_form") or ReturnForm(initial={"version": report.version}),
        "may_assign_expert": may_assign_expert(scope, report),
        "expert_form": forms.get("expert_form")
        or ExpertForm(
            candidates=expert_candidates(),
            initial={"expert": report.expert_id},
        ),
        "form_error": forms.get("form_error", ""),
    }
    return render(request, "annual_reports/detail.html", context, status=status)


@reserved_view(*READ_ROLES)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, report_get_for_scope(request.scope, pk))


@reserved_view(*WRITER_ROLES)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    if not writes_for(request.scope, report.territory_id):
        raise PermissionDenied
    if not report.is_editable:
        messages.error(request, _("The report is with the Department: it cannot be changed now."))
        return redirect("reserved:annual_report", pk=report.pk)
    content = report_content(report, with_comments=False)
    initial: dict[str, Any] = {"version": report.version}
    for view in content.sections:
        initial[f"section_{view.section.pk}"] = view.text
    for value in content.figures:
        initial[f"figure_{value.figure_id}"] = _typed(value.value)
    form = ReportEditForm(
        posted(request),
        initial=initial,
        sections=content.sections,
        figures=content.figures,
    )
    status = 200
    stale = False
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.report_save(
                    scope=request.scope,
                    actor=request.user,
                    report=report,
                    version=form.cleaned_data["version"],
                    texts=form.texts(),
                    values=form.values(),
                    ip_address=client_ip(request),
                )
            except services.StaleReport:
                stale, status = True, 409
            else:
                messages.success(request, _("The report is saved."))
                return redirect("reserved:annual_report", pk=report.pk)
    return render(
        request,
        "annual_reports/edit.html",
        {"report": report, "form": form, "stale": stale},
        status=status,
    )


def _typed(value) -> str:
    """A stored figure as the person would type it: "1234", "12,5"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return text.replace(".", ",")


def _version_or_400(request: HttpRequest, report: AnnualReport) -> int | HttpResponse:
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _detail(
            request,
            report,
            status=400,
            form_error=_("The form was incomplete: look at the report again and retry."),
        )
    return form.cleaned_data["version"]


def _stale(request: HttpRequest, report: AnnualReport) -> HttpResponse:
    messages.error(
        request,
        _("The report changed while you were reading it: look at it again, then retry."),
    )
    return redirect("reserved:annual_report", pk=report.pk)


def _transition_view(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    version = _version_or_400(request, report)
    if isinstance(version, HttpResponse):
        return version
    try:
        action(
            scope=request.scope,
            actor=request.user,
            report=report,
            version=version,
            ip_address=client_ip(request),
        )
    except services.StaleReport:
        return _stale(request, report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("reserved:annual_report", pk=report.pk)


@require_POST
@reserved_view(*WRITER_ROLES)
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    if not writes_for(request.scope, report.territory_id):
        raise PermissionDenied
    version = _version_or_400(request, report)
    if isinstance(version, HttpResponse):
        return version
    try:
        services.report_submit(
            scope=request.scope,
            actor=request.user,
            report=report,
            version=version,
            ip_address=client_ip(request),
        )
    except services.ReportIncomplete as incomplete:
        return _detail(request, report, status=400, missing=incomplete.missing)
    except services.StaleReport:
        return _stale(request, report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is submitted to the Department."))
    return redirect("reserved:annual_report", pk=report.pk)


@require_POST
@reserved_view(*REVIEW_ROLES)
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition_view(
        request, pk, services.report_review_start, _("The report is in review.")
    )


@require_POST
@reserved_view(*MANAGER_ROLES)
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition_view(request, pk, services.report_accept, _("The report is accepted."))


@require_POST
@reserved_view(*MANAGER_ROLES)
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, status=400, return_form=form)
    try:
        services.report_return(
            scope=request.scope,
            actor=request.user,
            report=report,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            ip_address=client_ip(request),
        )
    except services.StaleReport:
        return _stale(request, report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is returned to the territory."))
    return redirect("reserved:annual_report", pk=report.pk)


@require_POST
@reserved_view(*MANAGER_ROLES)
def report_expert(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    form = ExpertForm(request.POST, candidates=expert_candidates())
    if not form.is_valid():
        return _detail(request, report, status=400, expert_form=form)
    try:
        services.report_expert_assign(
            scope=request.scope,
            actor=request.user,
            report=report,
            expert=form.cleaned_data["expert"],
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The expert is assigned."))
    return redirect("reserved:annual_report", pk=report.pk)


@require_POST
@reserved_view(*COMMENT_ROLES)
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    if not may_comment(request.scope, request.user, report):
        raise PermissionDenied
    form = CommentForm(request.POST, report=report)
    if not form.is_valid():
        # A section that is not the report's has no thread to show the error under.
        error = _("Choose a section of this report.") if "section" in form.errors else ""
        return _detail(request, report, status=400, comment_form=form, form_error=error)
    try:
        comment = services.report_comment(
            scope=request.scope,
            actor=request.user,
            report=report,
            section=form.cleaned_data["section"],
            body=form.cleaned_data["body"],
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, report, status=400, comment_form=form)
    messages.success(request, _("The comment is added."))
    anchor = f"section-{comment.section_id}" if comment.section_id else "figures"
    return redirect(f"{report_url(report)}#{anchor}")


def report_url(report: AnnualReport) -> str:
    return reverse("reserved:annual_report", kwargs={"pk": report.pk})


@reserved_view(*READ_ROLES)
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_scope(request.scope, pk)
    content = report_content(report, with_comments=False)
    data = report_pdf(report, content.figures, content.sections)
    audit_request(
        request,
        action=AuditAction.REPORT_DOWNLOAD,
        target_type=services.TARGET_TYPE,
        target_id=report.pk,
        details={"territory": report.territory.code, "year": report.year, "status": report.status},
    )
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"relazione-annuale-{report.territory.code}-{report.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
