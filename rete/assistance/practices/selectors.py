"""Reads of the good practices: published posts for everyone of the reserved area; a
hidden one only for the Department and its author (404 for anybody else)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from rete.accounts.scopes import Scope
from rete.assistance.practices.models import (
    Practice,
    PracticeAnswer,
    PracticeAttachment,
    PracticeStatus,
)
from rete.assistance.practices.rules import is_moderator, may_edit
from rete.network.models import Territory


def practices_visible(scope: Scope, user: AbstractBaseUser) -> QuerySet[Practice]:
    practices = Practice.objects.select_related("territory", "author").prefetch_related("topics")
    if is_moderator(scope):
        return practices
    return practices.filter(Q(status=PracticeStatus.PUBLISHED) | Q(author_id=user.pk))


def practices_list(
    scope: Scope,
    user: AbstractBaseUser,
    *,
    query: str = "",
    topic: str = "",
    territory: Territory | None = None,
) -> QuerySet[Practice]:
    practices = practices_visible(scope, user)
    if query:
        practices = practices.filter(Q(title__icontains=query) | Q(summary__icontains=query))
    if topic:
        practices = practices.filter(topics__code=topic)
    if territory is not None:
        practices = practices.filter(territory=territory)
    return practices.annotate(answer_count=Count("answers", distinct=True)).order_by(
        "-created_at", "-pk"
    )


def practice_get_for_scope(scope: Scope, user: AbstractBaseUser, pk: int) -> Practice:
    practice = (
        practices_visible(scope, user)
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=PracticeAnswer.objects.select_related("author", "territory"),
            ),
            Prefetch("attachments", queryset=PracticeAttachment.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        raise Http404
    return practice


def practice_get_for_edit(scope: Scope, user: AbstractBaseUser, pk: int) -> Practice:
    """The post if `user` wrote it; 404 otherwise (editing is the author's alone)."""
    practice = practice_get_for_scope(scope, user, pk)
    if not may_edit(user, practice):
        raise Http404
    return practice


def attachment_get_for_scope(
    scope: Scope, user: AbstractBaseUser, pk: int, attachment_pk: int
) -> PracticeAttachment:
    practice = practice_get_for_scope(scope, user, pk)
    attachment = PracticeAttachment.objects.filter(pk=attachment_pk, practice=practice).first()
    if attachment is None:
        raise Http404
    return attachment
