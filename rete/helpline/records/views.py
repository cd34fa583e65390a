"""The contact records screens: the list, one record, the CSV export, the call-back list.

Views stay thin: the filtered query and the meaning of codes are in selectors.py, the
export in export.py, every write in rete.helpline.contacts.services. A record is opened
only through contact_get_for_user, which audits the read. Pages that show records are
never cached by the browser or a proxy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from rete.accounts.roles import HELPLINE_SUPERVISOR
from rete.audit.http import client_ip
from rete.audit.services import audit_record
from rete.directory.hours import format_phone
from rete.helpline.contacts.access import contact_get_for_user
from rete.helpline.contacts.models import Contact, ContactStatus, EmergencyRecord
from rete.helpline.contacts.selectors import callback_list_pending
from rete.helpline.contacts.services import (
    CALLBACK,
    callback_done,
    callback_erase_expired,
    contact_take_over,
)
from rete.helpline.permissions import helpline_role_required
from rete.helpline.records.export import contact_export
from rete.helpline.records.forms import ContactFilterForm
from rete.helpline.records.selectors import (
    CALLBACK_STATUS_LABELS,
    callback_pending_get,
    callback_status,
    classification_answers,
    contact_classification_snapshot,
    contact_list,
    contact_rows,
    mode_label,
    outcome_label,
    shift_hours,
)

PAGE_SIZE = 50


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _is_supervisor(request: HttpRequest) -> bool:
    return getattr(request, "helpline_role", None) == HELPLINE_SUPERVISOR


def _filter_form(request: HttpRequest) -> ContactFilterForm:
    return ContactFilterForm(request.GET, can_filter_operator=_is_supervisor(request))


# --- the list


@never_cache
@helpline_role_required()
@require_GET
def contact_list_view(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    page = None
    if form.is_valid():
        contacts = contact_list(user=request.user, filters=form.filters())
        page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
        page.rows = contact_rows(page.object_list)  # type: ignore[attr-defined]
    return render(
        request,
        "helpline/records/list.html",
        {
            "form": form,
            "page": page,
            "is_supervisor": _is_supervisor(request),
            "shift_hours": shift_hours(),
            "nav": "list",
        },
    )


# --- one record


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _service(raw: dict[str, Any]) -> dict[str, Any]:
    phone = raw.get("phone") or ""
    return {
        "service_id": raw.get("service_id") or "",
        "name": raw.get("name") or raw.get("service_id") or "",
        "phone": format_phone(phone) if phone else "",
        "open_now": bool(raw.get("open_now")),
        "next_opening": _instant(raw.get("next_opening")),
    }


def _decision(decision: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored decision, as it was, ready for the page: nothing is recomputed."""
    if not decision:
        return None
    return {
        "mode": decision.get("mode") or "",
        "mode_label": mode_label(decision.get("mode")),
        "explanation": decision.get("explanation") or "",
        "comune": decision.get("comune") or {},
        "territory": decision.get("territory") or None,
        "target": _service(decision["target"]) if decision.get("target") else None,
        "next_opening": _instant(decision.get("next_opening")),
        "alternatives": [_service(raw) for raw in decision.get("alternatives") or ()],
        "emergency_contacts": [
            {"name": raw.get("name") or "", "phone": format_phone(raw.get("phone") or "")}
            for raw in decision.get("emergency_contacts") or ()
        ],
        "asked_at": _instant(decision.get("asked_at")),
    }


@never_cache
@helpline_role_required()
@require_GET
def contact_detail_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = contact_get_for_user(
        user=request.user, public_id=public_id, ip_address=client_ip(request)
    )
    try:
        emergency = contact.emergency_record
    except EmergencyRecord.DoesNotExist:
        emergency = None
    attempts = [
        {"attempt": attempt, "phone": format_phone(attempt.service_phone)}
        for attempt in contact.transfer_attempts.all()
    ]
    now = timezone.now()
    callbacks = [
        {"callback": callback, "status": CALLBACK_STATUS_LABELS[status], "code": status}
        for callback in contact.callbacks.order_by("due_at", "pk")
        for status in [callback_status(callback, now=now)]
    ]
    snapshot = contact_classification_snapshot(contact)
    can_take_over = (
        _is_supervisor(request)
        and contact.status == ContactStatus.IN_PROGRESS
        and contact.locked_by_id != request.user.pk
    )
    return render(
        request,
        "helpline/records/detail.html",
        {
            "contact": contact,
            "decision": _decision(contact.decision),
            "attempts": attempts,
            "emergency": emergency,
            "classification_number": snapshot.number if snapshot else None,
            "classification": classification_answers(contact),
            "outcome_label": outcome_label(contact),
            "callbacks": callbacks,
            "can_take_over": can_take_over,
            "can_continue": (
                contact.status == ContactStatus.IN_PROGRESS
                and contact.locked_by_id == request.user.pk
            ),
            "is_supervisor": _is_supervisor(request),
            "nav": "list",
        },
    )


@never_cache
@helpline_role_required(HELPLINE_SUPERVISOR)
@require_POST
def contact_take_over_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    # A supervisor may open every contact (access.py), and taking over reads nothing of
    # it: the take-over writes its own audit entry, so no "contact.read" entry here.
    contact = get_object_or_404(Contact, public_id=public_id)
    try:
        contact_take_over(contact=contact, supervisor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("records:detail", public_id=contact.public_id)
    return redirect(reverse("console:contact", kwargs={"public_id": contact.public_id}))


# --- the export


@never_cache
@helpline_role_required(HELPLINE_SUPERVISOR)
@require_GET
def contact_export_view(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponseBadRequest(
            " ".join([_("The filters are not valid, nothing was exported."), *problems]),
            content_type="text/plain; charset=utf-8",
        )
    export = contact_export(
        user=request.user, filters=form.filters(), ip_address=client_ip(request)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(export.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contatti-1522-{stamp}.csv"'
    return response


# --- the call-back list


def _callbacks_page(
    request: HttpRequest, *, revealed: dict[int, str] | None = None
) -> HttpResponse:
    now = timezone.now()
    # A number past its expiry is erased before anyone can see the list, whether or not
    # the scheduled `rete erase-expired-callbacks` has run yet.
    callback_erase_expired(now=now)
    callbacks = callback_list_pending(at=now)
    prefetch_related_objects(callbacks, "contact__operator", "contact__comune")
    items = [
        {
            "callback": callback,
            "overdue": callback.due_at <= now,
            # A link only where the record would open: an operator opens her own contacts.
            "can_open": _is_supervisor(request) or callback.contact.operator_id == request.user.pk,
            "number": (revealed or {}).get(callback.pk),
        }
        for callback in callbacks
    ]
    return render(
        request,
        "helpline/records/callbacks.html",
        {"items": items, "is_supervisor": _is_supervisor(request), "nav": "callbacks"},
    )


@never_cache
@helpline_role_required()
@require_GET
def callback_list_view(request: HttpRequest) -> HttpResponse:
    return _callbacks_page(request)


@never_cache
@helpline_role_required()
@require_POST
def callback_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a call-back's number, on an explicit request, written to the audit log."""
    callback = callback_pending_get(pk=pk, now=timezone.now())
    if callback is None or not callback.number:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="callback.read",
            target_type=CALLBACK,
            target_id=callback.pk,
            details={"contact_id": callback.contact_id},
            ip_address=client_ip(request),
        )
    number = format_phone(callback.number)
    if _is_htmx(request):
        return render(
            request,
            "helpline/records/_callback_number.html",
            {"callback": callback, "number": number},
        )
    return _callbacks_page(request, revealed={callback.pk: number})


@never_cache
@helpline_role_required()
@require_POST
def callback_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The call-back was made: mark it done, which erases the number."""
    callback = callback_pending_get(pk=pk, now=timezone.now())
    if callback is None:
        message, ok = _("This call-back is already done or expired."), False
    else:
        try:
            callback_done(callback=callback, actor=request.user)
            message, ok = _("Call-back done: the number has been erased."), True
        except ValidationError as error:
            message, ok = " ".join(error.messages), False
    if _is_htmx(request):
        return render(
            request, "helpline/records/_callback_done.html", {"message": message, "ok": ok}
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect("records:callbacks")
