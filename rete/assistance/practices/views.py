"""Screens of the good practices: the list with its filters, posting, reading a post with
its answers, editing one's own post, answering, and the Department's moderation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.assistance.files import attachment_response
from rete.assistance.practices.forms import (
    AnswerForm,
    HideForm,
    PracticeFilterForm,
    PracticeForm,
    contact_initial,
)
from rete.assistance.practices.models import Practice
from rete.assistance.practices.rules import (
    PRACTICE_ANSWERERS,
    PRACTICE_AUTHORS,
    PRACTICE_READERS,
    is_moderator,
    may_answer,
    may_edit,
)
from rete.assistance.practices.selectors import (
    attachment_get_for_scope,
    practice_get_for_edit,
    practice_get_for_scope,
    practices_list,
)
from rete.assistance.practices.services import (
    PRACTICE_DOWNLOAD,
    TARGET_TYPE,
    practice_answer,
    practice_create,
    practice_hide,
    practice_restore,
    practice_update,
)
from rete.audit.http import audit_request, client_ip
from rete.reserved.http import reserved_view

PER_PAGE = 20


@reserved_view(*PRACTICE_READERS)
def practice_list(request: HttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    practices = practices_list(
        request.scope,
        request.user,
        query=(filters.get("q") or "").strip(),
        topic=filters.get("topic", ""),
        territory=filters.get("territory"),
    )
    page = Paginator(practices, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/practices/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_post": request.scope.has_role(*PRACTICE_AUTHORS),
        },
    )


def _form_values(form: PracticeForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "summary": data["summary"],
        "body": data["body"],
        "topics": data["topics"],
        "contact_name": data["contact_name"],
        "contact_organization": data["contact_organization"],
        "contact_email": data["contact_email"],
        "contact_consent": data["contact_consent"],
        "files": data["attachments"],
    }


@reserved_view(*PRACTICE_AUTHORS)
def practice_create_view(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = PracticeForm(request.POST, request.FILES, scope=request.scope)
        if form.is_valid():
            try:
                practice = practice_create(
                    scope=request.scope,
                    actor=request.user,
                    territory=form.cleaned_data["territory"],
                    ip_address=client_ip(request),
                    **_form_values(form),
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("Your good practice is published."))
                return redirect("reserved:practice", pk=practice.pk)
        status = 400
    else:
        form = PracticeForm(scope=request.scope, initial=contact_initial(request.user))
    return render(
        request, "assistance/practices/form.html", {"form": form, "practice": None}, status=status
    )


def _detail(
    request: HttpRequest,
    practice: Practice,
    *,
    answer_form: AnswerForm | None = None,
    hide_form: HideForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "assistance/practices/detail.html",
        {
            "practice": practice,
            "answer_form": answer_form or AnswerForm(scope=request.scope),
            "hide_form": hide_form or HideForm(),
            "may_answer": may_answer(request.scope, practice),
            "may_edit": may_edit(request.user, practice),
            "is_moderator": is_moderator(request.scope),
            "refusal": refusal,
        },
        status=status,
    )


@reserved_view(*PRACTICE_READERS)
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, practice_get_for_scope(request.scope, request.user, pk))


@reserved_view(*PRACTICE_AUTHORS)
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_get_for_edit(request.scope, request.user, pk)
    status = 200
    if request.method == "POST":
        form = PracticeForm(request.POST, request.FILES, scope=request.scope, practice=practice)
        if form.is_valid():
            try:
                practice_update(
                    actor=request.user,
                    practice=practice,
                    remove_attachments=form.cleaned_data["remove_attachments"],
                    ip_address=client_ip(request),
                    **_form_values(form),
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("Your good practice is updated."))
                return redirect("reserved:practice", pk=practice.pk)
        status = 400
    else:
        form = PracticeForm(
            scope=request.scope,
            practice=practice,
            initial={
                "title": practice.title,
                "summary": practice.summary,
                "body": practice.body,
                "topics": practice.topic_codes,
                "contact_name": practice.contact_name,
                "contact_organization": practice.contact_organization,
                "contact_email": practice.contact_email,
                "contact_consent": True,
            },
        )
    return render(
        request,
        "assistance/practices/form.html",
        {"form": form, "practice": practice},
        status=status,
    )


@require_POST
@reserved_view(*PRACTICE_ANSWERERS)
def practice_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_get_for_scope(request.scope, request.user, pk)
    form = AnswerForm(request.POST, scope=request.scope)
    if not may_answer(request.scope, practice):
        form.is_valid()
        form.add_error(None, _("A hidden post cannot be answered."))
        return _detail(request, practice, answer_form=form, status=400)
    if not form.is_valid():
        return _detail(request, practice, answer_form=form, status=400)
    answer = practice_answer(
        scope=request.scope,
        actor=request.user,
        practice=practice,
        body=form.cleaned_data["body"],
        territory=form.cleaned_data.get("territory"),
        ip_address=client_ip(request),
    )
    messages.success(request, _("Your answer is published."))
    return redirect(f"{reverse('reserved:practice', args=[practice.pk])}#answer-{answer.pk}")


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def practice_hide_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_get_for_scope(request.scope, request.user, pk)
    form = HideForm(request.POST)
    if form.is_valid():
        try:
            practice_hide(
                scope=request.scope,
                actor=request.user,
                practice=practice,
                reason=form.cleaned_data["reason"],
                ip_address=client_ip(request),
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The post is hidden."))
            return redirect("reserved:practice", pk=practice.pk)
    return _detail(request, practice, hide_form=form, status=400)


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def practice_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_get_for_scope(request.scope, request.user, pk)
    try:
        practice_restore(
            scope=request.scope,
            actor=request.user,
            practice=practice,
            ip_address=client_ip(request),
        )
    except ValidationError as refused:
        return _detail(request, practice, refusal=" ".join(refused.messages), status=400)
    messages.success(request, _("The post is published again."))
    return redirect("reserved:practice", pk=practice.pk)


@reserved_view(*PRACTICE_READERS)
def practice_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = attachment_get_for_scope(request.scope, request.user, pk, attachment_pk)
    response = attachment_response(attachment)
    audit_request(
        request,
        action=PRACTICE_DOWNLOAD,
        target_type=TARGET_TYPE,
        target_id=pk,
        details={"attachment": attachment.pk},
    )
    return response
