"""Reads of the reserved documents, always through the reader's scope: the whole network's
documents and those of the person's territories (every one through a national role)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from rete.accounts.scopes import Scope
from rete.reserved.models import ReservedDocument


def documents_visible(scope: Scope) -> QuerySet[ReservedDocument]:
    documents = ReservedDocument.objects.select_related("territory", "uploaded_by")
    territory_ids = scope.territories_for()
    if territory_ids is None:
        return documents
    return documents.filter(Q(territory__isnull=True) | Q(territory_id__in=territory_ids))


def document_get_for_scope(scope: Scope, pk: int) -> ReservedDocument:
    """The document if the person may read it; 404 otherwise (its existence is not told)."""
    document = documents_visible(scope).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
