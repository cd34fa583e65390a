"""The questionnaires' landing page (for every role) and the builder (the monitoring company
and the Department): questionnaires, versions, the draft editor, publishing, new versions.

Every change of a draft is a plain form POST answered by a redirect to the editor (or the
editor again, 400, with the problem and what was typed). A POST that would change a
published version answers 409: it is frozen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.audit.http import client_ip
from rete.monitoring.campaigns.phase import campaign_phase
from rete.monitoring.definition import (
    definition_validate,
    question_find,
    section_find,
    sections,
)
from rete.monitoring.models import QuestionnaireVersion, VersionFrozen
from rete.monitoring.questionnaires import edits
from rete.monitoring.questionnaires.answering import response_of
from rete.monitoring.questionnaires.display import form_sections
from rete.monitoring.questionnaires.forms import (
    MoveForm,
    QuestionForm,
    QuestionnaireForm,
    SectionForm,
    type_label,
)
from rete.monitoring.questionnaires.selectors import (
    BUILDER_ROLES,
    VERSION_READER_ROLES,
    may_build,
    published_versions,
    questionnaire_get_for_builder,
    questionnaires_for_builder,
    targets_of_my_territories,
    targets_to_answer,
    version_get_for_scope,
)
from rete.monitoring.questionnaires.services import (
    DraftExists,
    questionnaire_create,
    version_change,
    version_new,
    version_publish,
)
from rete.reserved.http import reserved_view

# --- the landing page ----------------------------------------------------------------------


def _target_rows(targets) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "target": target,
            "response": response_of(target),
            "phase": campaign_phase(target.campaign, today),
        }
        for target in targets
    ]


@reserved_view()
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    """What each person has to do with the monitoring questionnaires: build them, answer
    them, follow their territory's answers, read the published ones and their results."""
    scope = request.scope
    context: dict[str, Any] = {"may_build": may_build(scope)}
    if context["may_build"]:
        context["questionnaires"] = questionnaires_for_builder()
    context["to_answer"] = _target_rows(targets_to_answer(request.user, scope))
    context["territory_targets"] = _target_rows(targets_of_my_territories(scope))
    context["is_committee"] = "steering_committee" in scope.national_roles
    if context["is_committee"]:
        context["published"] = published_versions()
    return render(request, "monitoring/questionnaires/list.html", context)


# --- questionnaires and versions -----------------------------------------------------------


@reserved_view(*BUILDER_ROLES)
def questionnaire_create_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            version = questionnaire_create(
                actor=request.user,
                title=form.cleaned_data["title"].strip(),
                description=form.cleaned_data["description"].strip(),
                ip_address=client_ip(request),
            )
            messages.success(request, _("Questionnaire created: now add its sections."))
            return redirect("reserved:questionnaire_edit", pk=version.pk)
        return render(request, "monitoring/questionnaires/create.html", {"form": form}, status=400)
    return render(request, "monitoring/questionnaires/create.html", {"form": QuestionnaireForm()})


@reserved_view(*BUILDER_ROLES)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_get_for_builder(request.scope, pk)
    versions = list(questionnaire.versions.all())
    return render(
        request,
        "monitoring/questionnaires/detail.html",
        {
            "questionnaire": questionnaire,
            "versions": versions,
            "has_draft": any(not version.is_frozen for version in versions),
        },
    )


@reserved_view(*VERSION_READER_ROLES)
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A version as the services see it (the form, not sent anywhere), with its state."""
    version = version_get_for_scope(request.scope, pk)
    return render(
        request,
        "monitoring/questionnaires/version.html",
        {
            "version": version,
            "sections": form_sections(version.definition, {}),
            "may_build": may_build(request.scope),
            "problems": [] if version.is_frozen else definition_validate(version.definition),
        },
    )


# --- the draft editor ----------------------------------------------------------------------


def _draft_for_builder(request: HttpRequest, pk: int) -> QuestionnaireVersion:
    version = version_get_for_scope(request.scope, pk)
    if not may_build(request.scope):
        raise Http404
    return version


def _frozen(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    return render(
        request,
        "monitoring/questionnaires/conflict.html",
        {
            "version": version,
            "message": _(
                "Version %(number)d is published: it can no longer change. Start a new "
                "version to change the questions."
            )
            % {"number": version.number},
        },
        status=409,
    )


def _editor(
    request: HttpRequest,
    version: QuestionnaireVersion,
    *,
    status: int = 200,
    problems: list[str] | None = None,
    section_add_form: SectionForm | None = None,
    section_form: tuple[str, SectionForm] | None = None,
) -> HttpResponse:
    section_forms = {
        section["key"]: SectionForm(
            initial={"title": section["title"], "description": section.get("description", "")},
            prefix=f"section-{section['key']}",
        )
        for section in sections(version.definition)
    }
    if section_form is not None:
        section_forms[section_form[0]] = section_form[1]
    entries = [
        {
            "section": section,
            "form": section_forms[section["key"]],
            "questions": [
                {
                    "question": question,
                    "type_label": type_label(question["type"]),
                    "condition": _condition_text(version.definition, question),
                }
                for question in section.get("questions") or []
            ],
        }
        for section in sections(version.definition)
    ]
    return render(
        request,
        "monitoring/questionnaires/edit.html",
        {
            "version": version,
            "questionnaire": version.questionnaire,
            "entries": entries,
            "section_add_form": section_add_form or SectionForm(prefix="new-section"),
            "problems": problems or [],
            "publish_problems": definition_validate(version.definition),
        },
        status=status,
    )


def _condition_text(definition: dict[str, Any], question: dict[str, Any]) -> str:
    condition = question.get("show_if")
    if not condition:
        return ""
    source = question_find(definition, condition["question"]) or {}
    labels = {o["key"]: o["label"] for o in source.get("options") or []}
    return _("Asked only if “%(question)s” is %(answers)s") % {
        "question": source.get("label", condition["question"]),
        "answers": _(" or ").join(f"“{labels.get(k, k)}”" for k in condition["any_of"]),
    }


@reserved_view(*BUILDER_ROLES)
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _draft_for_builder(request, pk)
    if version.is_frozen:
        messages.info(request, _("This version is published: it can no longer change."))
        return redirect("reserved:questionnaire_version", pk=version.pk)
    return _editor(request, version)


def _apply(
    request: HttpRequest,
    version: QuestionnaireVersion,
    *,
    change: str,
    edit: Callable[[dict[str, Any], set[str]], dict[str, Any]],
    details: dict[str, Any] | None = None,
    done: str,
    on_invalid: Callable[[list[str]], HttpResponse] | None = None,
) -> HttpResponse:
    """Run one change of the draft; redirect to the editor when done, else show why."""
    try:
        version_change(
            actor=request.user,
            version=version,
            change=change,
            edit=edit,
            details=details,
            ip_address=client_ip(request),
        )
    except VersionFrozen:
        return _frozen(request, version)
    except edits.EditRefused as refused:
        return _editor(request, version, status=400, problems=[refused.message])
    except ValidationError as invalid:
        if on_invalid is not None:
            return on_invalid(invalid.messages)
        return _editor(request, version, status=400, problems=invalid.messages)
    messages.success(request, done)
    return redirect(reverse("reserved:questionnaire_edit", kwargs={"pk": version.pk}))


def _builder_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """POST only, for the builders; a published version answers 409 before the form."""

    @require_POST
    @reserved_view(*BUILDER_ROLES)
    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        version = _draft_for_builder(request, pk)
        if version.is_frozen:
            return _frozen(request, version)
        return view(request, version, **kwargs)

    return wrapped


@_builder_post
def section_add(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    form = SectionForm(request.POST, prefix="new-section")
    if not form.is_valid():
        return _editor(request, version, status=400, section_add_form=form)
    title, description = (
        form.cleaned_data["title"].strip(),
        form.cleaned_data["description"].strip(),
    )
    return _apply(
        request,
        version,
        change="section_add",
        edit=lambda d, _taken: edits.section_add(d, title=title, description=description),
        done=_("Section added."),
    )


def _section_key(version: QuestionnaireVersion, key: str) -> str:
    if section_find(version.definition, key) is None:
        raise Http404
    return key


@_builder_post
def section_update(request: HttpRequest, version: QuestionnaireVersion, key: str) -> HttpResponse:
    key = _section_key(version, key)
    form = SectionForm(request.POST, prefix=f"section-{key}")
    if not form.is_valid():
        return _editor(request, version, status=400, section_form=(key, form))
    title, description = (
        form.cleaned_data["title"].strip(),
        form.cleaned_data["description"].strip(),
    )
    return _apply(
        request,
        version,
        change="section_update",
        edit=lambda d, _taken: edits.section_update(d, key, title=title, description=description),
        details={"section": key},
        done=_("Section changed."),
    )


@_builder_post
def section_delete(request: HttpRequest, version: QuestionnaireVersion, key: str) -> HttpResponse:
    key = _section_key(version, key)
    return _apply(
        request,
        version,
        change="section_delete",
        edit=lambda d, _taken: edits.section_delete(d, key),
        details={"section": key},
        done=_("Section removed with its questions."),
    )


@_builder_post
def section_move(request: HttpRequest, version: QuestionnaireVersion, key: str) -> HttpResponse:
    key = _section_key(version, key)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _editor(request, version, status=400, problems=[_("Choose up or down.")])
    direction = form.cleaned_data["direction"]
    return _apply(
        request,
        version,
        change="section_move",
        edit=lambda d, _taken: edits.section_move(d, key, direction),
        details={"section": key, "direction": direction},
        done=_("Section moved."),
    )


def _question_page(
    request: HttpRequest,
    version: QuestionnaireVersion,
    form: QuestionForm,
    *,
    section: dict[str, Any],
    question: dict[str, Any] | None,
    status: int = 200,
    problems: list[str] | None = None,
) -> HttpResponse:
    return render(
        request,
        "monitoring/questionnaires/question_form.html",
        {
            "version": version,
            "questionnaire": version.questionnaire,
            "section": section,
            "question": question,
            "form": form,
            "problems": problems or [],
        },
        status=status,
    )


def _section_of(definition: dict[str, Any], question_key: str) -> dict[str, Any]:
    for section in sections(definition):
        if any(q["key"] == question_key for q in section.get("questions") or []):
            return section
    raise Http404


@reserved_view(*BUILDER_ROLES)
def question_add(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """A new question at the end of the section `key` (a page of its own: the form is long)."""
    version = _draft_for_builder(request, pk)
    if version.is_frozen:
        return _frozen(request, version)
    section = section_find(version.definition, key)
    if section is None:
        raise Http404
    if request.method != "POST":
        form = QuestionForm(definition=version.definition, section_key=key)
        return _question_page(request, version, form, section=section, question=None)
    form = QuestionForm(request.POST, definition=version.definition, section_key=key)
    if not form.is_valid():
        return _question_page(request, version, form, section=section, question=None, status=400)
    made = form.to_question()
    return _apply(
        request,
        version,
        change="question_add",
        edit=lambda d, taken: edits.question_add(d, key, made, taken=taken)[0],
        details={"section": key, "type": made["type"]},
        done=_("Question added."),
        on_invalid=lambda problems: _question_page(
            request, version, form, section=section, question=None, status=400, problems=problems
        ),
    )


@reserved_view(*BUILDER_ROLES)
def question_update(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    version = _draft_for_builder(request, pk)
    if version.is_frozen:
        return _frozen(request, version)
    question = question_find(version.definition, key)
    if question is None:
        raise Http404
    section = _section_of(version.definition, key)
    if request.method != "POST":
        form = QuestionForm(definition=version.definition, question=question)
        return _question_page(request, version, form, section=section, question=question)
    form = QuestionForm(request.POST, definition=version.definition, question=question)
    if not form.is_valid():
        return _question_page(
            request, version, form, section=section, question=question, status=400
        )
    made = form.to_question()
    return _apply(
        request,
        version,
        change="question_update",
        edit=lambda d, _taken: edits.question_update(d, key, made),
        details={"question": key, "type": made["type"]},
        done=_("Question changed."),
        on_invalid=lambda problems: _question_page(
            request,
            version,
            form,
            section=section,
            question=question,
            status=400,
            problems=problems,
        ),
    )


def _question_key(version: QuestionnaireVersion, key: str) -> str:
    if question_find(version.definition, key) is None:
        raise Http404
    return key


@_builder_post
def question_delete(request: HttpRequest, version: QuestionnaireVersion, key: str) -> HttpResponse:
    key = _question_key(version, key)
    return _apply(
        request,
        version,
        change="question_delete",
        edit=lambda d, _taken: edits.question_delete(d, key),
        details={"question": key},
        done=_("Question removed."),
    )


@_builder_post
def question_move(request: HttpRequest, version: QuestionnaireVersion, key: str) -> HttpResponse:
    key = _question_key(version, key)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _editor(request, version, status=400, problems=[_("Choose up or down.")])
    direction = form.cleaned_data["direction"]
    return _apply(
        request,
        version,
        change="question_move",
        edit=lambda d, _taken: edits.question_move(d, key, direction),
        details={"question": key, "direction": direction},
        done=_("Question moved."),
    )


@_builder_post
def version_publish_view(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    try:
        version_publish(actor=request.user, version=version, ip_address=client_ip(request))
    except VersionFrozen:
        return _frozen(request, version)
    except ValidationError as invalid:
        return _editor(request, version, status=400, problems=invalid.messages)
    messages.success(
        request,
        _("Version %(number)d published: it can now be sent to a campaign.")
        % {"number": version.number},
    )
    return redirect("reserved:questionnaire_version", pk=version.pk)


@require_POST
@reserved_view(*BUILDER_ROLES)
def version_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft from the published version `pk`."""
    source = _draft_for_builder(request, pk)
    if not source.is_frozen:
        return render(
            request,
            "monitoring/questionnaires/conflict.html",
            {"version": source, "message": _("This version is a draft: change it directly.")},
            status=409,
        )
    try:
        version = version_new(actor=request.user, source=source, ip_address=client_ip(request))
    except DraftExists as exists:
        return render(
            request,
            "monitoring/questionnaires/conflict.html",
            {
                "version": exists.draft,
                "message": _(
                    "Version %(number)d is already a draft: change it, or publish it first."
                )
                % {"number": exists.draft.number},
            },
            status=409,
        )
    messages.success(
        request,
        _("Version %(number)d created as a copy of version %(source)d.")
        % {"number": version.number, "source": source.number},
    )
    return redirect("reserved:questionnaire_edit", pk=version.pk)
