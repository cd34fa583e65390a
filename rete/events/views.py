"""The network's events in the reserved area: the events open for registration and the
person's registrations, an event's page (register, cancel), and the organisers' screens
(the Department): registration settings, participants (list and CSV), documents after the
event (public, linked from the agenda)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.events.export import participants_csv
from rete.events.forms import EventDocumentForm, RegistrationForm, RegistrationSettingsForm
from rete.events.selectors import (
    event_documents,
    event_get_published,
    event_item,
    events_past,
    events_upcoming,
    participants,
    registration_of,
    registrations_of,
    settings_of,
)
from rete.events.services import (
    EVENT_TARGET,
    event_document_attach,
    event_register,
    event_unregister,
    registration_settings_save,
)
from rete.reserved.http import reserved_view


def _errors_to_form(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            known = field != NON_FIELD_ERRORS and field in form.fields
            form.add_error(field if known else None, errors)
    else:
        form.add_error(None, error.messages)


def _is_organiser(request: HttpRequest) -> bool:
    return request.scope.has_role(DEPARTMENT_ADMIN)


@reserved_view()
def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    organiser = _is_organiser(request)
    return render(
        request,
        "events/list.html",
        {
            # The organisers see every coming event, to open its registration.
            "upcoming": events_upcoming(now=now, open_only=not organiser),
            "mine": registrations_of(request.user, now=now),
            "past": events_past(now=now) if organiser else [],
            "organiser": organiser,
        },
    )


def _event_page(request: HttpRequest, event, form: RegistrationForm, *, status: int = 200):
    return render(
        request,
        "events/event.html",
        {
            "item": event_item(event, now=timezone.now()),
            "registration": registration_of(request.user, event),
            "form": form,
            "organiser": _is_organiser(request),
        },
        status=status,
    )


@reserved_view()
def event_registration(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_published(pk)
    if request.method != "POST":
        return _event_page(request, event, RegistrationForm(event=event))
    form = RegistrationForm(request.POST, event=event)
    if form.is_valid():
        try:
            event_register(
                actor=request.user,
                event=event,
                mode=form.cleaned_data["mode"],
                accessibility_needs=form.cleaned_data["accessibility_needs"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, _("You are registered to “%(title)s”.") % {"title": event.title}
            )
            return redirect("reserved:event_registration", pk=event.pk)
    return _event_page(request, event, form, status=400)


@reserved_view()
@require_POST
def event_unregister_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_published(pk)
    registration = registration_of(request.user, event)
    if registration is None:
        messages.info(request, _("You are not registered to this event."))
        return redirect("reserved:event_registration", pk=event.pk)
    try:
        event_unregister(
            actor=request.user, registration=registration, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect("reserved:event_registration", pk=event.pk)


@reserved_view(DEPARTMENT_ADMIN)
def event_settings(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_published(pk)
    current = settings_of(event)
    if request.method == "POST":
        form = RegistrationSettingsForm(request.POST)
        if form.is_valid():
            try:
                registration_settings_save(
                    actor=request.user,
                    event=event,
                    is_open=form.cleaned_data["is_open"],
                    capacity=form.cleaned_data["capacity"],
                    deadline=form.cleaned_data["deadline"],
                    ip_address=client_ip(request),
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Registration settings saved."))
                return redirect("reserved:event_registration", pk=event.pk)
    else:
        initial = (
            {"is_open": current.is_open, "capacity": current.capacity, "deadline": current.deadline}
            if current
            else {}
        )
        form = RegistrationSettingsForm(initial=initial)
    return render(
        request,
        "events/settings.html",
        {"event": event, "form": form},
        status=400 if form.is_bound else 200,
    )


@reserved_view(DEPARTMENT_ADMIN)
def event_participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_published(pk)
    people = list(participants(event))
    audit_request(
        request,
        action=AuditAction.EVENT_PARTICIPANTS_READ,
        target_type=EVENT_TARGET,
        target_id=event.pk,
        details={"format": "html", "count": len(people)},
    )
    return render(
        request,
        "events/participants.html",
        {"item": event_item(event, now=timezone.now()), "participants": people},
    )


@reserved_view(DEPARTMENT_ADMIN)
def event_participants_export(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_published(pk)
    people = list(participants(event))
    audit_request(
        request,
        action=AuditAction.EVENT_PARTICIPANTS_READ,
        target_type=EVENT_TARGET,
        target_id=event.pk,
        details={"format": "csv", "count": len(people)},
    )
    response = HttpResponse(participants_csv(people), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="partecipanti-evento-{event.pk}.csv"'
    return response


@reserved_view(DEPARTMENT_ADMIN)
def event_documents_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_published(pk)
    if request.method == "POST":
        form = EventDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                link = event_document_attach(
                    actor=request.user,
                    event=event,
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                    file=form.cleaned_data["file"],
                    ip_address=client_ip(request),
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("“%(title)s” is published on the event's page.")
                    % {"title": link.document.title},
                )
                return redirect("reserved:event_documents", pk=event.pk)
    else:
        form = EventDocumentForm()
    return render(
        request,
        "events/documents.html",
        {"event": event, "documents": event_documents(event), "form": form},
        status=400 if form.is_bound else 200,
    )
