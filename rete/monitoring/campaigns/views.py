"""Pages of the monitoring campaigns (the monitoring company's side): list, create and
change, launch, close, remind, the response-rate dashboard, the aggregated results and
their downloads, and reopening a submitted response. Who may open what:
rete.monitoring.campaigns.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.directory.kinds import ServiceKind
from rete.monitoring import exports
from rete.monitoring.campaigns.access import (
    DASHBOARD_ROLES,
    EXPORT_ROLES,
    LIST_ROLES,
    MANAGE_ROLES,
    RESULTS_ROLES,
    campaign_get_for_scope,
    campaigns_visible,
    may_manage,
    may_read_texts,
    territories_seen,
)
from rete.monitoring.campaigns.forms import CampaignExtendForm, CampaignForm
from rete.monitoring.campaigns.phase import (
    CampaignPhase,
    campaign_accepts_answers,
    campaign_may_remind,
    campaign_phase,
)
from rete.monitoring.campaigns.selectors import (
    response_get_for_manager,
    response_rates,
    result_territories,
    submitted_responses,
    target_rows,
)
from rete.monitoring.campaigns.services import (
    CAMPAIGN,
    campaign_close,
    campaign_create,
    campaign_extend,
    campaign_launch,
    campaign_remind_now,
    campaign_update,
    response_reopen,
)
from rete.monitoring.campaigns.targeting import targets_plan, targets_preview
from rete.monitoring.models import Campaign, CampaignStatus, ResponseStatus
from rete.monitoring.results import results_aggregate
from rete.reserved.http import reserved_view

EXPORT_FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _form_status(form) -> int:
    # A form sent back with its errors (and what was typed) answers 400.
    return 400 if form.is_bound and form.errors else 200


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


# --- list ------------------------------------------------------------------------------------


@reserved_view(*LIST_ROLES)
def campaign_list(request: HttpRequest) -> HttpResponse:
    seen = territories_seen(request.scope)
    in_scope = Q() if seen is None else Q(targets__territory_id__in=seen)
    campaigns = campaigns_visible(request.scope).annotate(
        target_count=Count("targets", filter=in_scope, distinct=True),
        submitted_count=Count(
            "targets",
            filter=in_scope & Q(targets__response__status=ResponseStatus.SUBMITTED),
            distinct=True,
        ),
    )
    today = timezone.localdate()
    return render(
        request,
        "monitoring/campaigns/list.html",
        {
            "items": [(campaign, campaign_phase(campaign, today)) for campaign in campaigns],
            "may_manage": may_manage(request.scope),
            "dashboard": request.scope.has_role(*DASHBOARD_ROLES),
        },
    )


# --- create and change ------------------------------------------------------------------------


def _preview(form: CampaignForm):
    data = form.cleaned_data
    planned = targets_plan(
        kinds=data["service_kinds"], territory_ids=[t.pk for t in data["territories"]]
    )
    return {"groups": targets_preview(planned), "total": len(planned)}


def _fields(form: CampaignForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "version": data["version"],
        "service_kinds": data["service_kinds"],
        "territories": data["territories"],
        "opens_on": data["opens_on"],
        "closes_on": data["closes_on"],
        "reminder_days": data["reminder_days"],
    }


@reserved_view(*MANAGE_ROLES)
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    preview = None
    if request.method == "POST":
        form = CampaignForm(request.POST)
        if form.is_valid():
            if request.POST.get("action") == "preview":
                preview = _preview(form)
            else:
                try:
                    campaign = campaign_create(
                        actor=request.user, ip_address=client_ip(request), **_fields(form)
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _(
                            "Campaign “%(title)s” saved as a draft: check the services asked, "
                            "then launch it."
                        )
                        % {"title": campaign.title},
                    )
                    return redirect("reserved:campaign", pk=campaign.pk)
    else:
        form = CampaignForm()
    return render(
        request,
        "monitoring/campaigns/form.html",
        {"form": form, "campaign": None, "preview": preview, "launched": False},
        status=_form_status(form),
    )


@reserved_view(*MANAGE_ROLES)
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    if campaign.status == CampaignStatus.CLOSED:
        messages.error(request, _("This campaign is closed: it can no longer change."))
        return redirect("reserved:campaign", pk=campaign.pk)
    launched = campaign.status == CampaignStatus.LAUNCHED
    preview = None
    data = request.POST if request.method == "POST" else None
    if launched:
        form = CampaignExtendForm(
            data,
            campaign=campaign,
            initial=CampaignExtendForm.initial_from(campaign),
        )
    else:
        form = CampaignForm(data, initial=CampaignForm.initial_from(campaign))
    if request.method == "POST" and form.is_valid():
        if not launched and request.POST.get("action") == "preview":
            preview = _preview(form)
        else:
            try:
                if launched:
                    campaign_extend(
                        actor=request.user,
                        campaign=campaign,
                        title=form.cleaned_data["title"],
                        closes_on=form.cleaned_data["closes_on"],
                        reminder_days=form.cleaned_data["reminder_days"],
                        ip_address=client_ip(request),
                    )
                else:
                    campaign_update(
                        actor=request.user,
                        campaign=campaign,
                        ip_address=client_ip(request),
                        **_fields(form),
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Campaign saved."))
                return redirect("reserved:campaign", pk=campaign.pk)
    return render(
        request,
        "monitoring/campaigns/form.html",
        {"form": form, "campaign": campaign, "preview": preview, "launched": launched},
        status=_form_status(form),
    )


# --- actions ----------------------------------------------------------------------------------


@require_POST
@reserved_view(*MANAGE_ROLES)
def campaign_launch_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    try:
        campaign = campaign_launch(
            actor=request.user, campaign=campaign, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Campaign launched: %(count)d services asked.") % {"count": campaign.targets.count()},
        )
    return redirect("reserved:campaign", pk=campaign.pk)


@require_POST
@reserved_view(*MANAGE_ROLES)
def campaign_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    try:
        campaign_close(actor=request.user, campaign=campaign, ip_address=client_ip(request))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Campaign closed: no more answers nor reminders."))
    return redirect("reserved:campaign", pk=campaign.pk)


@require_POST
@reserved_view(*MANAGE_ROLES)
def campaign_remind_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    try:
        campaign_remind_now(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Reminders are being sent to the services that have not submitted their answers."),
        )
    return redirect("reserved:campaign", pk=campaign.pk)


@require_POST
@reserved_view(*MANAGE_ROLES)
def response_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    response = response_get_for_manager(pk)
    try:
        response_reopen(actor=request.user, response=response, ip_address=client_ip(request))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The answers of %(service)s are open again; its operators were told.")
            % {"service": response.target.service.name},
        )
    return redirect("reserved:campaign", pk=response.target.campaign_id)


# --- dashboard --------------------------------------------------------------------------------


def _rates_chart(rates) -> dict:
    return {
        "labels": [rate.name for rate in rates],
        "datasets": [
            {"label": _("Submitted"), "data": [rate.submitted for rate in rates]},
            {"label": _("Draft started"), "data": [rate.drafts for rate in rates]},
            {"label": _("Not started"), "data": [rate.not_started for rate in rates]},
        ],
    }


@reserved_view(*DASHBOARD_ROLES)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    today = timezone.localdate()
    phase = campaign_phase(campaign, today)
    manager = may_manage(request.scope)
    context = {
        "campaign": campaign,
        "phase": phase,
        "phases": CampaignPhase,
        "may_manage": manager,
        "territories": list(campaign.territories.order_by("name", "code")),
        "kinds": _kind_labels(campaign.service_kinds),
    }
    if campaign.status == CampaignStatus.DRAFT:
        planned = targets_plan(
            kinds=campaign.service_kinds,
            territory_ids=campaign.territories.values_list("pk", flat=True),
        )
        context["preview"] = {"groups": targets_preview(planned), "total": len(planned)}
        return render(request, "monitoring/campaigns/detail.html", context)
    seen = territories_seen(request.scope)
    rates, total = response_rates(campaign, seen)
    context.update(
        rates=rates,
        total=total,
        chart=_rates_chart(rates),
        rows=target_rows(campaign, seen),
        may_remind=manager and campaign_may_remind(campaign, today),
        may_reopen=manager and campaign_accepts_answers(campaign, today),
        may_close=manager and campaign.status == CampaignStatus.LAUNCHED,
        may_edit=manager and campaign.status == CampaignStatus.LAUNCHED,
    )
    return render(request, "monitoring/campaigns/detail.html", context)


def _kind_labels(kinds) -> list[str]:
    labels = dict(ServiceKind.choices)
    return [str(labels.get(kind, kind)) for kind in kinds]


# --- results ----------------------------------------------------------------------------------


def _results_scope(request: HttpRequest, campaign: Campaign):
    """(territory ids to count, the territory filtered on or None, the filter's choices);
    404 for a territory the person may not see or the campaign did not ask."""
    seen = territories_seen(request.scope)
    choices = list(result_territories(campaign, seen))
    code = request.GET.get("territory", "")
    if not code:
        return seen, None, choices
    chosen = next((territory for territory in choices if territory.code == code), None)
    if chosen is None:
        raise Http404
    return frozenset({chosen.pk}), chosen, choices


def _choice_chart(question) -> dict:
    return {
        "labels": [option.label for option in question.options],
        "datasets": [
            {"label": _("Responses"), "data": [option.count for option in question.options]}
        ],
    }


@reserved_view(*RESULTS_ROLES)
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    if campaign.status == CampaignStatus.DRAFT:
        raise Http404
    territory_ids, chosen, choices = _results_scope(request, campaign)
    responses = submitted_responses(campaign, territory_ids)
    results = results_aggregate(
        campaign.version.definition,
        [response.answers for response in responses],
        include_texts=may_read_texts(request.scope),
    )
    return render(
        request,
        "monitoring/campaigns/results.html",
        {
            "campaign": campaign,
            "results": results,
            "items": [(q, _choice_chart(q) if q.is_choice else None) for q in results.questions],
            "chosen": chosen,
            "choices": choices,
            "may_export": request.scope.has_role(*EXPORT_ROLES),
            "dashboard": request.scope.has_role(*DASHBOARD_ROLES),
            "texts": may_read_texts(request.scope),
        },
    )


@reserved_view(*EXPORT_ROLES)
def campaign_results_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_scope(request.scope, pk)
    if campaign.status == CampaignStatus.DRAFT:
        raise Http404
    fmt = request.GET.get("format", "xlsx")
    if fmt not in EXPORT_FORMATS:
        return HttpResponseBadRequest(_("Unknown format."))
    territory_ids, chosen, _choices = _results_scope(request, campaign)
    responses = submitted_responses(campaign, territory_ids)
    definition = campaign.version.definition
    if fmt == "csv":
        content = exports.results_csv(definition=definition, responses=responses)
    else:
        results = results_aggregate(
            definition, [response.answers for response in responses], include_texts=True
        )
        content = exports.results_xlsx(
            title=campaign.title,
            scope_note=(
                _("Territory: %(name)s (%(code)s)") % {"name": chosen.name, "code": chosen.code}
                if chosen
                else _("All the territories you see")
            ),
            definition=definition,
            results=results,
            responses=responses,
            warning=_small_warning() if results.small else "",
        )
    audit_request(
        request,
        action=AuditAction.CAMPAIGN_RESULTS_EXPORT,
        target_type=CAMPAIGN,
        target_id=campaign.pk,
        details={
            "format": fmt,
            "territory": chosen.code if chosen else "",
            "responses": len(responses),
        },
    )
    response = HttpResponse(content, content_type=EXPORT_FORMATS[fmt])
    suffix = f"-{chosen.code}" if chosen else ""
    response["Content-Disposition"] = (
        f'attachment; filename="campagna-{campaign.pk}{suffix}-risultati.{fmt}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _small_warning() -> str:
    return _("Fewer than 3 responses: these results could identify a service. Do not publish them.")
