"""The builder's writes: creating a questionnaire, changing its draft, publishing it,
starting a new version. Each is one transaction with its audit entry.

A published version is frozen: every change here refuses it (VersionFrozen, which the views
answer with 409), and QuestionnaireVersion.save refuses it again whatever the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.monitoring.definition import definition_empty, definition_validate, questions
from rete.monitoring.models import (
    Questionnaire,
    QuestionnaireVersion,
    VersionFrozen,
    VersionStatus,
)

QUESTIONNAIRE_TARGET = "monitoring.questionnaire"
VERSION_TARGET = "monitoring.questionnaireversion"


class DraftExists(Exception):
    """A questionnaire has one draft at a time: the next version is written there."""

    def __init__(self, draft: QuestionnaireVersion) -> None:
        super().__init__(f"Questionnaire {draft.questionnaire_id} has a draft.")
        self.draft = draft


def questionnaire_create(
    *, actor: AbstractBaseUser, title: str, description: str, ip_address: str | None = None
) -> QuestionnaireVersion:
    """A new questionnaire and its first, empty, draft version."""
    with transaction.atomic():
        questionnaire = Questionnaire(title=title, description=description, created_by=actor)
        questionnaire.full_clean()
        questionnaire.save()
        version = QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            definition=definition_empty(),
            updated_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.QUESTIONNAIRE_CREATE,
            target_type=QUESTIONNAIRE_TARGET,
            target_id=questionnaire.pk,
            details={"version": version.number},
            ip_address=ip_address,
        )
    return version


def _taken_question_keys(questionnaire_id: int) -> set[str]:
    """Question keys of every version: a new question never takes one of them."""
    taken: set[str] = set()
    for definition in QuestionnaireVersion.objects.filter(
        questionnaire_id=questionnaire_id
    ).values_list("definition", flat=True):
        taken |= {question["key"] for question in questions(definition or {})}
    return taken


def version_change(
    *,
    actor: AbstractBaseUser,
    version: QuestionnaireVersion,
    change: str,
    edit: Callable[[dict[str, Any], set[str]], dict[str, Any]],
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> QuestionnaireVersion:
    """Apply `edit(definition, taken_keys)` to the draft `version` and save the result if it
    is a good draft definition.

    Raises VersionFrozen for a published version, edits.EditRefused for an edit that does
    not apply, ValidationError (every problem, one message each) for a result that is not a
    good definition (e.g. a condition left pointing to a deleted question). Nothing is
    written then."""
    with transaction.atomic():
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_frozen:
            raise VersionFrozen(f"Questionnaire version {locked.pk} is published.")
        result = edit(
            locked.definition or definition_empty(), _taken_question_keys(locked.questionnaire_id)
        )
        problems = definition_validate(result, draft=True)
        if problems:
            raise ValidationError(problems)
        locked.definition = result
        locked.updated_by = actor
        locked.save(update_fields=["definition", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.QUESTIONNAIRE_UPDATE,
            target_type=VERSION_TARGET,
            target_id=locked.pk,
            details={"version": locked.number, "change": change, **(details or {})},
            ip_address=ip_address,
        )
    return locked


def version_publish(
    *, actor: AbstractBaseUser, version: QuestionnaireVersion, ip_address: str | None = None
) -> QuestionnaireVersion:
    """Freeze the draft: from now on it can be sent to campaigns and never changes.
    Raises VersionFrozen if already published, ValidationError with every problem of the
    definition if it is not complete."""
    with transaction.atomic():
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_frozen:
            raise VersionFrozen(f"Questionnaire version {locked.pk} is published.")
        problems = definition_validate(locked.definition)
        if problems:
            raise ValidationError(problems)
        locked.status = VersionStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.updated_by = actor
        locked.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.QUESTIONNAIRE_PUBLISH,
            target_type=VERSION_TARGET,
            target_id=locked.pk,
            details={
                "version": locked.number,
                "questions": sum(1 for _question in questions(locked.definition)),
            },
            ip_address=ip_address,
        )
    return locked


def version_new(
    *, actor: AbstractBaseUser, source: QuestionnaireVersion, ip_address: str | None = None
) -> QuestionnaireVersion:
    """A new draft (number: the highest + 1) with a copy of the published `source`'s
    questions. Raises DraftExists when the questionnaire already has a draft (with it, to
    send the person there), ValueError when `source` is itself a draft."""
    if not source.is_frozen:
        raise ValueError(_("Only a published version can be the start of a new one."))
    with transaction.atomic():
        # Lock the questionnaire: two people asking at once make one draft, not an error.
        Questionnaire.objects.select_for_update().get(pk=source.questionnaire_id)
        draft = QuestionnaireVersion.objects.filter(
            questionnaire_id=source.questionnaire_id, status=VersionStatus.DRAFT
        ).first()
        if draft is not None:
            raise DraftExists(draft)
        highest = QuestionnaireVersion.objects.filter(
            questionnaire_id=source.questionnaire_id
        ).aggregate(highest=Max("number"))["highest"]
        version = QuestionnaireVersion.objects.create(
            questionnaire_id=source.questionnaire_id,
            number=(highest or 0) + 1,
            definition=source.definition,
            updated_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.QUESTIONNAIRE_UPDATE,
            target_type=VERSION_TARGET,
            target_id=version.pk,
            details={"version": version.number, "change": "version_new", "from": source.number},
            ip_address=ip_address,
        )
    return version
