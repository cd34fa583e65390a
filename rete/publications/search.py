"""Search over the published content: titles, summaries and texts, in both languages,
accents and case ignored (see rete.publications.searchtext), grouped by kind of content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rete.publications.localize import Entry, entries
from rete.publications.models import Campaign, Document, Event, NewsItem
from rete.publications.searchtext import fold

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RESULTS_PER_GROUP = 20


@dataclass(frozen=True)
class ResultGroup:
    key: str
    label: Promise
    url_name: str
    results: list[Entry]
    total: int


def search_query_clean(raw: str | None) -> str:
    """The query as searched: folded, spaces collapsed, bounded. "" when too short."""
    query = fold((raw or "")[:MAX_QUERY_LENGTH])
    return query if len(query) >= MIN_QUERY_LENGTH else ""


def publications_search(
    *, query: str, language: str, at: datetime | None = None
) -> list[ResultGroup]:
    """Published items that contain every word of `query` (already cleaned), by kind:
    news, events, documents, campaigns; kinds without results are left out."""
    at = at or timezone.now()
    words = query.split()[:MAX_WORDS]
    if not words:
        return []
    sources: list[tuple[str, Promise, str, QuerySet]] = [
        ("news", _("News"), "portal:news_detail", NewsItem.objects.published(at)),
        ("events", _("Agenda"), "portal:event", Event.objects.published(at)),
        ("documents", _("Documents"), "portal:document", Document.objects.public(at)),
        ("campaigns", _("Campaigns"), "portal:campaign", Campaign.objects.published(at)),
    ]
    groups = []
    for key, label, url_name, queryset in sources:
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        total = queryset.count()
        if total:
            found = entries(queryset[:RESULTS_PER_GROUP], language)
            groups.append(ResultGroup(key, label, url_name, found, total))
    return groups
