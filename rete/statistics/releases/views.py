"""The Department's screens of a release's life. The list and the release page are the
reserved statistics' own (rete.statistics.reserved.views): they include this module's
partials, with the context of `release_management_context` and `release_review_context`.
Views stay thin: the rules live in rete.statistics.services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.audit.http import audit_request
from rete.audit.models import AuditAction
from rete.helpline.classification.selectors import classification_current
from rete.reserved.http import reserved_view
from rete.statistics.access import release_get_for_scope
from rete.statistics.definitions import PUBLIC_LEVELS, Level
from rete.statistics.models import Audience, Release, ReleaseStatus, ReleaseTable
from rete.statistics.periods import Period, PeriodError
from rete.statistics.presentation import suppression_note, table_view
from rete.statistics.releases.forms import (
    ReleaseDiscardForm,
    ReleasePublishForm,
    ReleaseRequestForm,
)
from rete.statistics.selectors import public_areas, public_tables
from rete.statistics.services import (
    TARGET_TYPE,
    disclosure_check_failed,
    release_discard,
    release_publish,
    release_request,
)

# The portal's table when it is there, else the reserved area's (same `view` context).
TABLE_TEMPLATES = ["statistics/_table.html", "statistics/reserved/_table.html"]
LEVEL_HEADINGS = {
    Level.NATIONAL: gettext_lazy("Italy"),
    Level.REGION: gettext_lazy("Regions"),
    Level.TERRITORY: gettext_lazy("Territories"),
}
UNFINISHED = (ReleaseStatus.COMPUTING, ReleaseStatus.READY, ReleaseStatus.FAILED)


def _period_label(code: str) -> str:
    try:
        return str(Period.parse(code).label)
    except PeriodError:
        return code


# --- Context for the partials included by the reserved statistics' pages ---------------


@dataclass(frozen=True)
class ReleaseManagement:
    form: ReleaseRequestForm
    # Releases computing, waiting for review or failed: (release, period label).
    unfinished: list[tuple[Release, str]]


def release_management_context(
    request: HttpRequest, *, form: ReleaseRequestForm | None = None
) -> dict[str, Any]:
    """For statistics/releases/_manage.html: the "compute a period" form and the releases
    not yet published or discarded."""
    releases = Release.objects.filter(status__in=UNFINISHED).order_by("-requested_at", "-pk")
    return {
        "release_management": ReleaseManagement(
            form=form or ReleaseRequestForm(today=timezone.localdate()),
            unfinished=[(release, _period_label(release.period)) for release in releases],
        )
    }


@dataclass(frozen=True)
class AreaGroup:
    heading: str
    links: list[tuple[str, str]]  # (area name, preview URL)


@dataclass(frozen=True)
class ReleaseReview:
    release: Release
    period_label: str
    publish_form: ReleasePublishForm
    discard_form: ReleaseDiscardForm
    public_tables: int = 0
    reserved_tables: int = 0
    areas: list[AreaGroup] = field(default_factory=list)

    @property
    def polling(self) -> bool:
        return self.release.status == ReleaseStatus.COMPUTING

    @property
    def disclosure(self) -> dict[str, Any]:
        return self.release.disclosure or {}

    @property
    def disclosure_failed(self) -> bool:
        return disclosure_check_failed(self.release)


def release_review_context(
    request: HttpRequest,
    release: Release,
    *,
    publish_form: ReleasePublishForm | None = None,
    discard_form: ReleaseDiscardForm | None = None,
) -> dict[str, Any]:
    """For statistics/releases/_review.html (and the progress fragment in it): where the
    computation is, or, once ready, the summary, the previews and the decision."""
    counts: dict[str, int] = {}
    areas: list[AreaGroup] = []
    if release.status == ReleaseStatus.READY:
        counts = dict(
            ReleaseTable.objects.filter(release=release)
            .values_list("audience")
            .annotate(count=Count("pk"))
            .values_list("audience", "count")
        )
        for level in PUBLIC_LEVELS:
            links = [
                (name, reverse("reserved:statistics_preview", args=[release.pk, level, code]))
                for code, name in public_areas(release, level)
            ]
            if links:
                areas.append(AreaGroup(str(LEVEL_HEADINGS[level]), links))
    return {
        "release_review": ReleaseReview(
            release=release,
            period_label=_period_label(release.period),
            publish_form=publish_form or ReleasePublishForm(),
            discard_form=discard_form or ReleaseDiscardForm(),
            public_tables=counts.get(Audience.PUBLIC, 0),
            reserved_tables=counts.get(Audience.RESERVED, 0),
            areas=areas,
        )
    }


# --- Views -------------------------------------------------------------------------------


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def statistics_request(request: HttpRequest) -> HttpResponse:
    form = ReleaseRequestForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        try:
            release = release_request(
                period=form.cleaned_data["period"],
                actor=request.user,
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Release %(number)d of %(period)s requested: it is being computed.")
                % {"number": release.number, "period": _period_label(release.period)},
            )
            return redirect("reserved:statistics_release", pk=release.pk)
    return render(
        request,
        "statistics/releases/request.html",
        release_management_context(request, form=form),
        status=400,
    )


@require_GET
@reserved_view(DEPARTMENT_ADMIN)
def statistics_progress(request: HttpRequest, pk: int) -> HttpResponse:
    release = release_get_for_scope(request.scope, pk)
    return render(
        request, "statistics/releases/_progress.html", release_review_context(request, release)
    )


def _review_page(request: HttpRequest, release: Release, **forms_: Any) -> HttpResponse:
    """The review again, with the refused form's message (400: nothing was done)."""
    return render(
        request,
        "statistics/releases/review.html",
        release_review_context(request, release, **forms_),
        status=400,
    )


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def statistics_publish(request: HttpRequest, pk: int) -> HttpResponse:
    release = release_get_for_scope(request.scope, pk)
    form = ReleasePublishForm(request.POST)
    if form.is_valid():
        try:
            release = release_publish(release=release, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Release %(number)d of %(period)s published.")
                % {"number": release.number, "period": _period_label(release.period)},
            )
            return redirect("reserved:statistics_release", pk=release.pk)
    return _review_page(request, release, publish_form=form)


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def statistics_discard(request: HttpRequest, pk: int) -> HttpResponse:
    release = release_get_for_scope(request.scope, pk)
    form = ReleaseDiscardForm(request.POST)
    if form.is_valid():
        try:
            release = release_discard(
                release=release, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Release %(number)d of %(period)s discarded.")
                % {"number": release.number, "period": _period_label(release.period)},
            )
            return redirect("reserved:statistics")
    return _review_page(request, release, discard_form=form)


@require_GET
@reserved_view(DEPARTMENT_ADMIN)
def statistics_preview(request: HttpRequest, pk: int, level: str, code: str) -> HttpResponse:
    """An area's public tables as the portal will show them once the release is published
    (suppressed values marked), for the Department's review."""
    release = release_get_for_scope(request.scope, pk)
    if level not in PUBLIC_LEVELS:
        raise Http404
    tables = list(public_tables(release, level, code))
    if not tables:
        raise Http404
    snapshot = classification_current()
    views = [table_view(t.table_id, t.area_name, t.payload, snapshot) for t in tables]
    audit_request(
        request,
        action=AuditAction.STATISTICS_READ,
        target_type=TARGET_TYPE,
        target_id=release.pk,
        details={"screen": "preview", "level": level, "area": code, "period": release.period},
    )
    return render(
        request,
        "statistics/releases/preview.html",
        {
            "release": release,
            "period_label": _period_label(release.period),
            "area_name": tables[0].area_name,
            "views": views,
            "table_template": select_template(TABLE_TEMPLATES).template.name,
            "note": suppression_note(release.threshold),
        },
    )
