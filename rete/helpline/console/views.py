"""The 1522 operator's console: one screen per contact, every part updated in place.

Views stay thin: they read the form, call rete.helpline.contacts.services (which check the
one-writer rule, write and audit) and render the part of the screen that changed. Opening the
whole screen of a contact is an audited read (contact_get_for_user); the parts updated while
the writer works on it are fetched only for that writer.
"""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rete.audit.http import client_ip
from rete.geography.selectors import comune_search
from rete.helpline.classification.selectors import (
    classification_current,
    classification_snapshot,
)
from rete.helpline.console.decision_view import decision_view
from rete.helpline.console.forms import (
    CallbackForm,
    CloseForm,
    EmergencyStepForm,
    NotesForm,
    NuisanceForm,
    RouteForm,
    StartForm,
    TransferForm,
)
from rete.helpline.contacts import services
from rete.helpline.contacts.access import contact_get_for_user
from rete.helpline.contacts.models import (
    Contact,
    ContactStatus,
    EmergencyOutcome,
    EmergencyRecord,
    TransferAttempt,
)
from rete.helpline.contacts.selectors import callback_list_pending
from rete.helpline.permissions import helpline_role_required
from rete.routing.engine import decide
from rete.routing.snapshot import routing_snapshot

# Warnings from the caller's number, which is never stored: kept in the operator's session
# by contact so that they survive a reload of the screen (the number itself is not kept).
SESSION_WARNINGS = "console_warnings"
CLASSIFICATION_SKIP = {"outcome"}  # asked when closing the contact


# --- helpers


def _writer_contact(request: HttpRequest, public_id: UUID) -> Contact:
    """The contact in progress that the user is the one writer of; 409 otherwise."""
    contact = (
        Contact.objects.select_related("comune", "classification_version")
        .filter(public_id=public_id, locked_by=request.user, status=ContactStatus.IN_PROGRESS)
        .first()
    )
    if contact is None:
        raise PermissionDenied(_("This contact is not in your hands any more."))
    return contact


def _warnings(request: HttpRequest, contact: Contact) -> dict[str, Any]:
    return request.session.get(SESSION_WARNINGS, {}).get(str(contact.public_id), {})


def _attempts(contact: Contact) -> list[TransferAttempt]:
    return list(contact.transfer_attempts.all())


def _emergency(contact: Contact) -> EmergencyRecord | None:
    return EmergencyRecord.objects.filter(contact=contact).first()


def _decision_context(contact: Contact, attempts: list[TransferAttempt]) -> dict[str, Any]:
    if not contact.decision:
        return {"decision": None}
    return {
        "decision": decision_view(
            contact.decision,
            attempts=[(a.service_id, a.outcome) for a in attempts],
            snapshot=routing_snapshot(),
            now=timezone.now(),
        )
    }


def _classification_context(
    contact: Contact, *, answers: dict[str, Any] | None = None, errors: Any = None
) -> dict[str, Any]:
    snapshot = (
        classification_snapshot(version=contact.classification_version)
        if contact.classification_version_id is not None
        else classification_current()
    )
    given = contact.classification if answers is None else answers
    groups = []
    for key, listed in snapshot.lists.items():
        if key in CLASSIFICATION_SKIP:
            continue
        chosen = given.get(key)
        chosen = set(chosen) if isinstance(chosen, list) else {chosen} if chosen else set()
        groups.append(
            {
                "key": key,
                "label": listed.label,
                "multiple": listed.multiple,
                "victims_only": listed.applies_to_victims,
                "items": [
                    {"code": item.code, "label": item.label, "checked": item.code in chosen}
                    for item in listed.active_items
                ],
                "errors": (errors or {}).get(key, []),
            }
        )
    outcomes = snapshot.lists.get("outcome")
    return {
        "classification_groups": groups,
        "classification_version": snapshot.number,
        "classification_errors": (errors or {}).get("__all__", []),
        "outcomes": outcomes.active_items if outcomes else (),
    }


def _workspace_context(request: HttpRequest, contact: Contact, **extra: Any) -> dict[str, Any]:
    attempts = _attempts(contact)
    context: dict[str, Any] = {
        "contact": contact,
        "is_writer": contact.locked_by_id == request.user.pk
        and contact.status == ContactStatus.IN_PROGRESS,
        "attempts": attempts,
        "emergency": _emergency(contact),
        "warnings": _warnings(request, contact),
        "notes_form": NotesForm(initial={"notes": contact.notes}),
        "callback_form": CallbackForm(),
        "nuisance_form": NuisanceForm(),
        "callbacks": list(contact.callbacks.all()),
        "emergency_outcomes": EmergencyOutcome.choices,
        "server_now": timezone.now(),
    }
    context.update(_decision_context(contact, attempts))
    context.update(_classification_context(contact))
    context.update(extra)
    return context


def _part(request: HttpRequest, template: str, contact: Contact, **extra: Any) -> HttpResponse:
    return render(
        request, f"helpline/console/{template}", _workspace_context(request, contact, **extra)
    )


def _decision_part(request: HttpRequest, contact: Contact, **extra: Any) -> HttpResponse:
    """The decision and the call-back form that follows it: the part an operator waits for
    after entering the comune, so it is built from what it shows and nothing more."""
    attempts = _attempts(contact)
    context: dict[str, Any] = {
        "contact": contact,
        "is_writer": True,  # only the writer reaches the views that answer with this part
        "attempts": attempts,
        "callback_form": CallbackForm(),
    }
    context.update(_decision_context(contact, attempts))
    context.update(extra)
    return render(request, "helpline/console/_decision_response.html", context)


def _add_refusal(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: each message on the field it names, or on the form."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def _error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- screens


@require_GET
@helpline_role_required()
def home(request: HttpRequest) -> HttpResponse:
    """The operator's start: a new contact, the contacts still in their hands, call-backs due."""
    mine = (
        Contact.objects.filter(locked_by=request.user, status=ContactStatus.IN_PROGRESS)
        .select_related("comune")
        .order_by("-started_at")
    )
    form = StartForm(initial={"idempotency_key": uuid.uuid4()})
    return render(
        request,
        "helpline/console/home.html",
        {
            "form": form,
            "in_progress": mine,
            "callbacks_due": len(callback_list_pending(at=timezone.now())),
        },
    )


@require_POST
@helpline_role_required()
def start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        response = render(request, "helpline/console/_start_form.html", {"form": form})
        response.status_code = 400
        return response
    data = form.cleaned_data
    try:
        result = services.contact_start(
            operator=request.user,
            channel=data["channel"],
            language=data["language"],
            idempotency_key=str(data["idempotency_key"]),
            caller_number=data["caller_number"] or None,
        )
    except services.IdempotencyConflict:
        form.add_error(None, _("This form was already used: start again from a new form."))
        response = render(request, "helpline/console/_start_form.html", {"form": form})
        response.status_code = 409
        return response
    warnings = request.session.get(SESSION_WARNINGS, {})
    if result.created:
        entry: dict[str, Any] = {}
        if result.nuisance_flag is not None:
            entry["nuisance"] = str(result.nuisance_flag.get_reason_display())
            entry["nuisance_until"] = result.nuisance_flag.expires_at.isoformat()
        if result.comune_suggestion is not None:
            entry["suggestion"] = {
                "code": result.comune_suggestion.code,
                "name": result.comune_suggestion.name,
                "province": result.comune_suggestion.province_id,
            }
        warnings[str(result.contact.public_id)] = entry
        request.session[SESSION_WARNINGS] = warnings
    url = reverse("console:contact", kwargs={"public_id": result.contact.public_id})
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@require_GET
@helpline_role_required()
def contact(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The screen of one contact: an audited read."""
    found = contact_get_for_user(
        user=request.user, public_id=public_id, ip_address=client_ip(request)
    )
    return render(request, "helpline/console/contact.html", _workspace_context(request, found))


@require_GET
@helpline_role_required()
def comuni(request: HttpRequest) -> HttpResponse:
    """Options for the comune field: a name typed by the operator, no personal data."""
    query = request.GET.get("q", "").strip()[:60]
    found = list(comune_search(query=query).select_related("province")) if len(query) >= 2 else []
    return render(request, "helpline/console/_comuni.html", {"comuni": found, "query": query})


# --- parts of the contact screen


@require_POST
@helpline_role_required()
def route(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The comune entered: the decision the operator waits for. The hot path of the console,
    so the one-writer check is the service's own locked read, not a query of its own."""
    form = RouteForm(request.POST)
    if not form.is_valid():
        contact = _writer_contact(request, public_id)
        return _decision_part(request, contact, route_errors=form.errors["comune"])
    contact = Contact(public_id=public_id)
    try:
        services.contact_route(
            contact=contact,
            actor=request.user,
            comune_code=form.cleaned_data["comune"],
        )
    except Contact.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        contact = _writer_contact(request, public_id)
        return _decision_part(request, contact, route_errors=_error_messages(error))
    return _decision_part(request, contact)


@require_GET
@helpline_role_required()
def decision(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The decision part, refreshed while the screen is open. While no transfer got through,
    a decision that no longer holds (a service closed or opened, the network changed) is
    taken again, stored and flagged; otherwise the stored decision is shown as it was."""
    contact = _writer_contact(request, public_id)
    changed = False
    if contact.decision and contact.comune_id:
        attempts = _attempts(contact)
        if not any(a.outcome == "answered" for a in attempts):
            changed = _reroute_if_changed(request, contact)
    return _decision_part(request, contact, decision_changed=changed)


def _decision_key(decision: dict[str, Any] | None) -> tuple:
    if not decision:
        return ()
    services_open = tuple(
        (item["service_id"], bool(item.get("open_now")))
        for item in [decision.get("target"), *(decision.get("alternatives") or ())]
        if item
    )
    return (decision.get("mode"), services_open)


def _reroute_if_changed(request: HttpRequest, contact: Contact) -> bool:
    fresh = decide(routing_snapshot(), contact.comune_id, timezone.now(), contact.emergency)
    if _decision_key(fresh.to_dict()) == _decision_key(contact.decision):
        return False
    services.contact_route(
        contact=contact,
        actor=request.user,
        comune_code=contact.comune_id,
        emergency=contact.emergency,
    )
    return True


@require_POST
@helpline_role_required()
def transfer(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    form = TransferForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.contact_record_transfer_attempt(
                contact=contact,
                actor=request.user,
                service_id=form.cleaned_data["service_id"],
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            errors = _error_messages(error)
    else:
        errors = [_("Choose the service and the outcome of the attempt.")]
    return _decision_part(request, contact, transfer_errors=errors)


@require_POST
@helpline_role_required()
def emergency(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    form = EmergencyStepForm(request.POST)
    errors: list[str] = []
    if not form.is_valid():
        errors = [str(m) for messages in form.errors.values() for m in messages]
    else:
        step = form.cleaned_data["step"]
        try:
            if step == "started" and contact.comune_id:
                # The police of the caller's province come with an emergency decision.
                services.contact_route(
                    contact=contact,
                    actor=request.user,
                    comune_code=contact.comune_id,
                    emergency=True,
                )
            services.contact_emergency_mark(
                contact=contact, actor=request.user, step=step, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            errors = _error_messages(error)
    return _part(request, "_emergency_response.html", contact, emergency_errors=errors)


@require_POST
@helpline_role_required()
def classify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    snapshot = classification_current()
    answers: dict[str, Any] = {}
    for key, listed in snapshot.lists.items():
        if key in CLASSIFICATION_SKIP:
            continue
        values = [value for value in request.POST.getlist(key) if value]
        if values:
            answers[key] = values if listed.multiple else values[0]
    try:
        services.contact_classify(contact=contact, actor=request.user, answers=answers)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        context = _classification_context(contact, answers=answers, errors=errors)
        response = _part(request, "_classification.html", contact, **context)
        response.status_code = 400
        return response
    return _part(request, "_classification.html", contact, classification_saved=True)


@require_POST
@helpline_role_required()
def notes(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    form = NotesForm(request.POST)
    if form.is_valid():
        services.contact_notes_set(
            contact=contact, actor=request.user, notes=form.cleaned_data["notes"]
        )
        return _part(request, "_notes.html", contact, notes_saved=True)
    response = _part(request, "_notes.html", contact, notes_form=form)
    response.status_code = 400
    return response


@require_POST
@helpline_role_required()
def callback(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    form = CallbackForm(request.POST)
    if form.is_valid():
        try:
            services.callback_create(
                contact=contact,
                actor=request.user,
                number=form.cleaned_data["number"],
                consent=form.cleaned_data["consent"],
                due_at=form.cleaned_data["due_at"],
            )
        except ValidationError as error:
            _add_refusal(form, error)
        else:
            return _part(request, "_callback.html", contact, callback_saved=True)
    response = _part(request, "_callback.html", contact, callback_form=form)
    response.status_code = 400
    return response


@require_POST
@helpline_role_required()
def nuisance(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    form = NuisanceForm(request.POST)
    if form.is_valid():
        try:
            flag = services.nuisance_flag_create(
                number=form.cleaned_data["number"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            _add_refusal(form, error)
        else:
            return _part(request, "_nuisance.html", contact, nuisance_saved=flag)
    response = _part(request, "_nuisance.html", contact, nuisance_form=form)
    response.status_code = 400
    return response


@require_POST
@helpline_role_required()
def close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    contact = _writer_contact(request, public_id)
    form = CloseForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.contact_close(
                contact=contact, actor=request.user, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            errors = _error_messages(error)
        else:
            warnings = request.session.get(SESSION_WARNINGS, {})
            if warnings.pop(str(contact.public_id), None) is not None:
                request.session[SESSION_WARNINGS] = warnings
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("console:home")
            return response
    else:
        errors = [str(m) for m in form.errors["outcome"]]
    response = _part(request, "_close.html", contact, close_errors=errors)
    response.status_code = 400
    return response
