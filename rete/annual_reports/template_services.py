"""Writes of the Department's yearly templates (the annual report's format).

A draft is edited freely (details, sections, figures) and may be removed; publishing freezes
it for good: reports point at its sections and figures. We chose freezing over corrections
by new versions: a published format is what every territory downloaded and wrote on, and a
mistake in it is answered through the expert's comments, or in next year's template (a new
template may start as a copy of an earlier one). One published template per year, which the
database enforces too.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.accounts.scopes import Scope
from rete.annual_reports import notify
from rete.annual_reports.models import (
    ReportTemplate,
    TemplateFigure,
    TemplateSection,
    TemplateStatus,
)
from rete.annual_reports.rules import is_manager
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

TARGET_TYPE = "annual_reports.reporttemplate"
TEMPLATE_CREATE = AuditAction.REPORT_TEMPLATE_CREATE
TEMPLATE_DELETE = AuditAction.REPORT_TEMPLATE_DELETE

SECTION_FIELDS = ("position", "title", "guidance", "required")
FIGURE_FIELDS = ("position", "key", "label", "unit", "source", "required")


def _check(scope: Scope, template: ReportTemplate | None = None) -> None:
    if not is_manager(scope):
        raise PermissionDenied
    if template is not None and template.status != TemplateStatus.DRAFT:
        raise ValidationError(_("A published template is frozen: it cannot be changed."))


def _audit(
    actor: AbstractBaseUser,
    action: str,
    template: ReportTemplate,
    ip_address: str | None,
    **details: object,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_type=TARGET_TYPE,
        target_id=template.pk,
        details={"year": template.year, **details},
        ip_address=ip_address,
    )


def _locked(template: ReportTemplate) -> ReportTemplate:
    return ReportTemplate.objects.select_for_update().get(pk=template.pk)


def template_create(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    year: int,
    title: str,
    introduction: str = "",
    copy_from: ReportTemplate | None = None,
    ip_address: str | None = None,
) -> ReportTemplate:
    """A draft template of `year`, empty or with the sections and figures of `copy_from`."""
    _check(scope)
    if ReportTemplate.objects.filter(year=year, status=TemplateStatus.PUBLISHED).exists():
        raise ValidationError(
            _("The template of %(year)s is already published.") % {"year": year}, code="year"
        )
    with transaction.atomic():
        template = ReportTemplate(
            year=year,
            title=title,
            introduction=introduction,
            created_by=actor,
            created_at=timezone.now(),
        )
        template.full_clean()
        template.save()
        if copy_from is not None:
            TemplateSection.objects.bulk_create(
                TemplateSection(
                    template=template, **{name: getattr(section, name) for name in SECTION_FIELDS}
                )
                for section in copy_from.sections.all()
            )
            TemplateFigure.objects.bulk_create(
                TemplateFigure(
                    template=template, **{name: getattr(figure, name) for name in FIGURE_FIELDS}
                )
                for figure in copy_from.figures.all()
            )
        _audit(
            actor,
            TEMPLATE_CREATE,
            template,
            ip_address,
            copied_from=copy_from.pk if copy_from else None,
        )
    return template


def template_update(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    year: int,
    title: str,
    introduction: str,
    ip_address: str | None = None,
) -> ReportTemplate:
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        template.year, template.title, template.introduction = year, title, introduction
        template.full_clean()
        template.save(update_fields=["year", "title", "introduction"])
        _audit(actor, AuditAction.REPORT_TEMPLATE_UPDATE, template, ip_address, change="details")
    return template


def template_delete(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    ip_address: str | None = None,
) -> None:
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        year, pk = template.year, template.pk
        template.delete()
        audit_record(
            actor=actor,
            action=TEMPLATE_DELETE,
            target_type=TARGET_TYPE,
            target_id=pk,
            details={"year": year},
            ip_address=ip_address,
        )


def template_publish(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    ip_address: str | None = None,
) -> ReportTemplate:
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        if not template.sections.exists():
            raise ValidationError(_("Add at least one section before publishing."))
        if ReportTemplate.objects.filter(
            year=template.year, status=TemplateStatus.PUBLISHED
        ).exists():
            raise ValidationError(
                _("The template of %(year)s is already published.") % {"year": template.year}
            )
        template.status = TemplateStatus.PUBLISHED
        template.published_by = actor
        template.published_at = timezone.now()
        try:
            with transaction.atomic():
                template.save(update_fields=["status", "published_by", "published_at"])
        except IntegrityError:  # published by somebody else meanwhile
            raise ValidationError(
                _("The template of %(year)s is already published.") % {"year": template.year}
            ) from None
        notify.notify_template_published(template, actor)
        _audit(
            actor,
            AuditAction.REPORT_TEMPLATE_PUBLISH,
            template,
            ip_address,
            sections=template.sections.count(),
            figures=template.figures.count(),
        )
    return template


def section_save(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    section: TemplateSection | None,
    fields: dict,
    ip_address: str | None = None,
) -> TemplateSection:
    """Add a section (`section` None) or change one: `fields` holds SECTION_FIELDS."""
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        target = section or TemplateSection(template=template)
        for name in SECTION_FIELDS:
            setattr(target, name, fields[name])
        target.full_clean()
        target.save()
        _audit(
            actor,
            AuditAction.REPORT_TEMPLATE_UPDATE,
            template,
            ip_address,
            change="section_change" if section else "section_add",
            section=target.pk,
        )
    return target


def section_delete(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    section: TemplateSection,
    ip_address: str | None = None,
) -> None:
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        pk = section.pk
        section.delete()
        _audit(
            actor,
            AuditAction.REPORT_TEMPLATE_UPDATE,
            template,
            ip_address,
            change="section_delete",
            section=pk,
        )


def figure_save(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    figure: TemplateFigure | None,
    fields: dict,
    ip_address: str | None = None,
) -> TemplateFigure:
    """Add a figure (`figure` None) or change one: `fields` holds FIGURE_FIELDS."""
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        target = figure or TemplateFigure(template=template)
        for name in FIGURE_FIELDS:
            setattr(target, name, fields[name])
        # full_clean checks the key's uniqueness in the template (a database constraint).
        target.full_clean()
        target.save()
        _audit(
            actor,
            AuditAction.REPORT_TEMPLATE_UPDATE,
            template,
            ip_address,
            change="figure_change" if figure else "figure_add",
            figure=target.pk,
            source=target.source,
        )
    return target


def figure_delete(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    template: ReportTemplate,
    figure: TemplateFigure,
    ip_address: str | None = None,
) -> None:
    _check(scope, template)
    with transaction.atomic():
        template = _locked(template)
        _check(scope, template)
        pk = figure.pk
        figure.delete()
        _audit(
            actor,
            AuditAction.REPORT_TEMPLATE_UPDATE,
            template,
            ip_address,
            change="figure_delete",
            figure=pk,
        )
