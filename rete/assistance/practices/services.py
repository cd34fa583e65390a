"""Writes of the good practices: posting, editing, answering, hiding and restoring. Each is
one transaction with its audit entry last (ids, codes and field names, never the text),
and with the author's notice when somebody answers or the Department hides the post."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.accounts.scopes import Scope
from rete.assistance.files import attachments_save, files_removed_on_error
from rete.assistance.practices.models import (
    Practice,
    PracticeAnswer,
    PracticeAttachment,
    PracticeStatus,
    PracticeTopic,
    Topic,
)
from rete.assistance.practices.rules import (
    author_territories,
    is_moderator,
    may_answer,
    may_edit,
)
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.network.models import Territory
from rete.notices.services import notify

TARGET_TYPE = "assistance.practice"
PRACTICE_HIDE = AuditAction.PRACTICE_HIDE
PRACTICE_RESTORE = AuditAction.PRACTICE_RESTORE
PRACTICE_DOWNLOAD = AuditAction.PRACTICE_DOWNLOAD

CONTENT_FIELDS = ("title", "summary", "body")
CONTACT_FIELDS = ("contact_name", "contact_organization", "contact_email")


def _url(practice: Practice) -> str:
    return reverse("reserved:practice", args=[practice.pk])


def _topics_check(topics: Sequence[str]) -> list[str]:
    known = {t.value for t in Topic}
    chosen = sorted(set(topics))
    if not chosen or not set(chosen) <= known:
        raise ValidationError(_("Choose at least one topic from the list."), code="topics")
    return chosen


def _topics_set(practice: Practice, topics: list[str]) -> None:
    practice.topics.exclude(code__in=topics).delete()
    existing = set(practice.topics.values_list("code", flat=True))
    PracticeTopic.objects.bulk_create(
        PracticeTopic(practice=practice, code=code) for code in topics if code not in existing
    )


def practice_create(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    territory: Territory,
    title: str,
    summary: str,
    body: str,
    topics: Sequence[str],
    contact_name: str,
    contact_organization: str,
    contact_email: str,
    contact_consent: bool,
    files: Sequence[File] = (),
    ip_address: str | None = None,
) -> Practice:
    """A post for one of the author's territories, with the contact they agreed to show."""
    if not author_territories(scope).filter(pk=territory.pk).exists():
        raise PermissionDenied
    if not contact_consent:
        raise ValidationError(
            _("A good practice is published with its author's contact: agree to show it."),
            code="consent",
        )
    chosen = _topics_check(topics)
    now = timezone.now()
    with files_removed_on_error() as stored, transaction.atomic():
        practice = Practice(
            territory=territory,
            author=actor,
            title=title.strip(),
            summary=summary.strip(),
            body=body.strip(),
            contact_name=contact_name.strip(),
            contact_organization=contact_organization.strip(),
            contact_email=contact_email.strip(),
            contact_consent_at=now,
            created_at=now,
            updated_at=now,
        )
        practice.full_clean()
        practice.save()
        _topics_set(practice, chosen)
        attachments = attachments_save(PracticeAttachment, files, stored, practice=practice)
        audit_record(
            actor=actor,
            action=AuditAction.PRACTICE_CREATE,
            target_type=TARGET_TYPE,
            target_id=practice.pk,
            details={
                "territory": territory.code,
                "topics": chosen,
                "attachments": len(attachments),
            },
            ip_address=ip_address,
        )
    return practice


def practice_update(
    *,
    actor: AbstractBaseUser,
    practice: Practice,
    title: str,
    summary: str,
    body: str,
    topics: Sequence[str],
    contact_name: str,
    contact_organization: str,
    contact_email: str,
    contact_consent: bool,
    files: Sequence[File] = (),
    remove_attachments: Sequence[PracticeAttachment] = (),
    ip_address: str | None = None,
) -> Practice:
    """The author changes their post; the audit entry names the fields that changed."""
    if not may_edit(actor, practice):
        raise PermissionDenied
    if not contact_consent:
        raise ValidationError(
            _("A good practice is published with its author's contact: agree to show it."),
            code="consent",
        )
    chosen = _topics_check(topics)
    removed = [a for a in remove_attachments if a.practice_id == practice.pk]
    new_values = {
        "title": title.strip(),
        "summary": summary.strip(),
        "body": body.strip(),
        "contact_name": contact_name.strip(),
        "contact_organization": contact_organization.strip(),
        "contact_email": contact_email.strip(),
    }
    with files_removed_on_error() as stored, transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        changed = [name for name, value in new_values.items() if getattr(practice, name) != value]
        for name, value in new_values.items():
            setattr(practice, name, value)
        now = timezone.now()
        if set(changed) & set(CONTACT_FIELDS):
            practice.contact_consent_at = now
        if sorted(practice.topic_codes) != chosen:
            changed.append("topics")
        practice.updated_at = now
        practice.full_clean()
        practice.save()
        _topics_set(practice, chosen)
        added = attachments_save(PracticeAttachment, files, stored, practice=practice)
        to_delete = [(a.file.storage, a.file.name) for a in removed]
        PracticeAttachment.objects.filter(pk__in=[a.pk for a in removed]).delete()
        # The files go once the rows are gone for good.
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in to_delete])
        audit_record(
            actor=actor,
            action=AuditAction.PRACTICE_UPDATE,
            target_type=TARGET_TYPE,
            target_id=practice.pk,
            details={
                "fields": changed,
                "attachments_added": len(added),
                "attachments_removed": [a.pk for a in removed],
            },
            ip_address=ip_address,
        )
    return practice


def practice_answer(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    practice: Practice,
    body: str,
    territory: Territory | None = None,
    ip_address: str | None = None,
) -> PracticeAnswer:
    """An answer from a territory (one of the answerer's: `territory`, or their only one) or
    from the Department (no territory). The author is told."""
    if not may_answer(scope, practice):
        raise PermissionDenied
    mine = author_territories(scope)
    if territory is not None and not mine.filter(pk=territory.pk).exists():
        raise PermissionDenied
    if territory is None and not is_moderator(scope):
        territory = mine.first()
    with transaction.atomic():
        answer = PracticeAnswer(
            practice=practice, author=actor, territory=territory, body=body.strip()
        )
        answer.full_clean()
        answer.save()
        author = practice.author
        if author is not None and author.pk != actor.pk and author.is_active:
            notify(
                [author],
                key=f"practice.{practice.pk}.answer.{answer.pk}",
                subject=_("New answer to your good practice “%(title)s”")
                % {"title": practice.title},
                body=_("Someone of the network answered your post: open it to read the answer."),
                url=f"{_url(practice)}#answer-{answer.pk}",
            )
        audit_record(
            actor=actor,
            action=AuditAction.PRACTICE_REPLY,
            target_type=TARGET_TYPE,
            target_id=practice.pk,
            details={"answer": answer.pk, "territory": territory.code if territory else ""},
            ip_address=ip_address,
        )
    return answer


def practice_hide(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    practice: Practice,
    reason: str,
    ip_address: str | None = None,
) -> Practice:
    """The Department hides a post, saying why; the author is told (with the reason, which
    the Department writes for them)."""
    if not is_moderator(scope):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the post is hidden."), code="reason")
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if practice.is_hidden:
            raise ValidationError(_("The post is already hidden."), code="hidden")
        practice.status = PracticeStatus.HIDDEN
        practice.hidden_reason = reason
        practice.hidden_by = actor
        practice.hidden_at = timezone.now()
        practice.full_clean()
        practice.save(update_fields=["status", "hidden_reason", "hidden_by", "hidden_at"])
        if practice.author is not None and practice.author.is_active:
            notify(
                [practice.author],
                key=f"practice.{practice.pk}.hidden.{practice.hidden_at:%Y%m%d%H%M%S}",
                subject=_("The Department hid your good practice “%(title)s”")
                % {"title": practice.title},
                body=_("Open the post to read the reason."),
                url=_url(practice),
            )
        audit_record(
            actor=actor,
            action=PRACTICE_HIDE,
            target_type=TARGET_TYPE,
            target_id=practice.pk,
            details={"territory": practice.territory.code},
            ip_address=ip_address,
        )
    return practice


def practice_restore(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    practice: Practice,
    ip_address: str | None = None,
) -> Practice:
    if not is_moderator(scope):
        raise PermissionDenied
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if not practice.is_hidden:
            raise ValidationError(_("The post is not hidden."), code="not_hidden")
        practice.status = PracticeStatus.PUBLISHED
        practice.hidden_reason = ""
        practice.hidden_by = None
        practice.hidden_at = None
        practice.full_clean()
        practice.save(update_fields=["status", "hidden_reason", "hidden_by", "hidden_at"])
        audit_record(
            actor=actor,
            action=PRACTICE_RESTORE,
            target_type=TARGET_TYPE,
            target_id=practice.pk,
            details={"territory": practice.territory.code},
            ip_address=ip_address,
        )
    return practice
