"""Who may do what with good practices.

Everyone of the reserved area reads them (the exchange between territories is their
purpose, and the network's national roles learn from them too). A territory's people
(referents and network operators) post them, for one of their territories, and answer
them, for any territory; the Department answers too, and moderates: it hides a post, with
a reason, and may restore it. Only the author edits a post.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, NETWORK_OPERATOR, ROLES
from rete.accounts.scopes import Scope
from rete.assistance.practices.models import Practice
from rete.network.models import Territory

PRACTICE_READERS = ROLES
PRACTICE_AUTHORS = (ATR_REFERENT, NETWORK_OPERATOR)
PRACTICE_ANSWERERS = (DEPARTMENT_ADMIN, ATR_REFERENT, NETWORK_OPERATOR)


def is_moderator(scope: Scope) -> bool:
    return DEPARTMENT_ADMIN in scope.national_roles


def author_territories(scope: Scope) -> QuerySet[Territory]:
    """The territories a person posts (and answers) for."""
    ids = scope.territories_for(*PRACTICE_AUTHORS) or frozenset()
    return Territory.objects.filter(pk__in=ids).order_by("name", "code")


def may_edit(user: AbstractBaseUser, practice: Practice) -> bool:
    return practice.author_id is not None and practice.author_id == user.pk


def may_answer(scope: Scope, practice: Practice) -> bool:
    return scope.has_role(*PRACTICE_ANSWERERS) and not practice.is_hidden
