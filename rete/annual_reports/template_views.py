"""The Department's screens of the yearly templates, and the format's PDF for everybody."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.annual_reports import template_services as services
from rete.annual_reports.forms import (
    FigureForm,
    SectionForm,
    TemplateCreateForm,
    TemplateForm,
    posted,
)
from rete.annual_reports.models import ReportTemplate, TemplateFigure, TemplateSection
from rete.annual_reports.pdf import template_pdf
from rete.annual_reports.rules import MANAGER_ROLES
from rete.annual_reports.selectors import template_get_for_scope
from rete.audit.http import client_ip
from rete.reserved.http import reserved_view


def _to_template(template: ReportTemplate) -> HttpResponse:
    return redirect("reserved:report_template", pk=template.pk)


def _frozen(request: HttpRequest, template: ReportTemplate) -> HttpResponse | None:
    if template.is_published:
        messages.error(request, _("A published template is frozen: it cannot be changed."))
        return _to_template(template)
    return None


def _apply(form: Form, write: Callable[[], object]) -> bool:
    """Run a service on a valid form; its refusal becomes the form's error."""
    try:
        write()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


@reserved_view(*MANAGER_ROLES)
def template_create(request: HttpRequest) -> HttpResponse:
    form = TemplateCreateForm(posted(request))
    made: dict[str, ReportTemplate] = {}

    def write() -> None:
        made["template"] = services.template_create(
            scope=request.scope,
            actor=request.user,
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            copy_from=form.cleaned_data["copy_from"],
            ip_address=client_ip(request),
        )

    if request.method == "POST" and form.is_valid() and _apply(form, write):
        messages.success(request, _("The template is created as a draft."))
        return _to_template(made["template"])
    return render(
        request,
        "annual_reports/template_form.html",
        {"form": form, "template": None},
        status=400 if form.is_bound else 200,
    )


@reserved_view(*MANAGER_ROLES)
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_get_for_scope(request.scope, pk)
    return render(
        request,
        "annual_reports/template_detail.html",
        {
            "template": template,
            "sections": template.sections.order_by("position", "pk"),
            "figures": template.figures.order_by("position", "pk"),
            "reports": template.reports.count(),
        },
    )


@reserved_view(*MANAGER_ROLES)
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_get_for_scope(request.scope, pk)
    if refused := _frozen(request, template):
        return refused
    form = TemplateForm(
        posted(request),
        initial={
            "year": template.year,
            "title": template.title,
            "introduction": template.introduction,
        },
    )

    def write() -> None:
        services.template_update(
            scope=request.scope,
            actor=request.user,
            template=template,
            ip_address=client_ip(request),
            **form.cleaned_data,
        )

    if request.method == "POST" and form.is_valid() and _apply(form, write):
        messages.success(request, _("The template is saved."))
        return _to_template(template)
    return render(
        request,
        "annual_reports/template_form.html",
        {"form": form, "template": template},
        status=400 if form.is_bound else 200,
    )


@require_POST
@reserved_view(*MANAGER_ROLES)
def template_publish(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_get_for_scope(request.scope, pk)
    try:
        services.template_publish(
            scope=request.scope,
            actor=request.user,
            template=template,
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The template is published: the territories can use it."))
    return _to_template(template)


@require_POST
@reserved_view(*MANAGER_ROLES)
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_get_for_scope(request.scope, pk)
    try:
        services.template_delete(
            scope=request.scope,
            actor=request.user,
            template=template,
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_template(template)
    messages.success(request, _("The draft template is removed."))
    return redirect("reserved:annual_reports")


def _part(template: ReportTemplate, model, part_pk: int | None):
    if part_pk is None:
        return None
    found = model.objects.filter(template=template, pk=part_pk).first()
    if found is None:
        raise Http404
    return found


def _part_form(
    request: HttpRequest,
    pk: int,
    part_pk: int | None,
    *,
    model,
    kind: str,
) -> HttpResponse:
    """Add or change a section (kind "section") or a figure (kind "figure") of a draft."""
    template = template_get_for_scope(request.scope, pk)
    part = _part(template, model, part_pk)
    if refused := _frozen(request, template):
        return refused
    if kind == "section":
        form = SectionForm(posted(request), instance=part)
        save = services.section_save
    else:
        form = FigureForm(posted(request), instance=part, template=template)
        save = services.figure_save
    if part is None and not form.is_bound:
        last = model.objects.filter(template=template).order_by("-position").first()
        form.initial["position"] = (last.position + 1) if last else 1

    def write() -> None:
        save(
            scope=request.scope,
            actor=request.user,
            template=template,
            ip_address=client_ip(request),
            fields=form.cleaned_data,
            **{kind: part},
        )

    if request.method == "POST" and form.is_valid() and _apply(form, write):
        messages.success(request, _("The template is saved."))
        return _to_template(template)
    return render(
        request,
        "annual_reports/template_part_form.html",
        {"form": form, "template": template, "part": part, "kind": kind},
        status=400 if form.is_bound else 200,
    )


def _part_delete(request: HttpRequest, pk: int, part_pk: int, *, model, kind: str):
    template = template_get_for_scope(request.scope, pk)
    part = _part(template, model, part_pk)
    delete = services.section_delete if kind == "section" else services.figure_delete
    try:
        delete(
            scope=request.scope,
            actor=request.user,
            template=template,
            ip_address=client_ip(request),
            **{kind: part},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The template is saved."))
    return _to_template(template)


@reserved_view(*MANAGER_ROLES)
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_form(request, pk, None, model=TemplateSection, kind="section")


@reserved_view(*MANAGER_ROLES)
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    return _part_form(request, pk, section_pk, model=TemplateSection, kind="section")


@require_POST
@reserved_view(*MANAGER_ROLES)
def section_delete(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    return _part_delete(request, pk, section_pk, model=TemplateSection, kind="section")


@reserved_view(*MANAGER_ROLES)
def figure_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_form(request, pk, None, model=TemplateFigure, kind="figure")


@reserved_view(*MANAGER_ROLES)
def figure_edit(request: HttpRequest, pk: int, figure_pk: int) -> HttpResponse:
    return _part_form(request, pk, figure_pk, model=TemplateFigure, kind="figure")


@require_POST
@reserved_view(*MANAGER_ROLES)
def figure_delete(request: HttpRequest, pk: int, figure_pk: int) -> HttpResponse:
    return _part_delete(request, pk, figure_pk, model=TemplateFigure, kind="figure")


@reserved_view()
def template_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The year's blank format, for every reserved role (the Department also its drafts)."""
    template = template_get_for_scope(request.scope, pk)
    response = HttpResponse(template_pdf(template), content_type="application/pdf")
    filename = f"formato-relazione-annuale-{template.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
