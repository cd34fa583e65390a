"""Reads of the published content for the public pages. Everything here returns only what
the public may see at the instant given: published, publication date reached. (The
network's reserved documents are not here: they belong to rete.reserved.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from rete.network.models import Territory
from rete.publications.localize import Entry, Text, entries, entry, field_text
from rete.publications.models import (
    Campaign,
    CampaignMaterial,
    Document,
    DocumentCategory,
    Event,
    NewsItem,
)

NEWS_PER_PAGE = 10
EVENTS_PER_PAGE = 10
DOCUMENTS_PER_PAGE = 20
CAMPAIGNS_PER_PAGE = 12
HIGHLIGHTS = 3


def home_highlights(*, language: str, at: datetime | None = None) -> dict:
    """The latest news and the next events, for the portal's home page."""
    at = at or timezone.now()
    return {
        "news": entries(NewsItem.objects.published(at)[:HIGHLIGHTS], language),
        "events": entries(Event.objects.published(at).upcoming(at)[:HIGHLIGHTS], language),
    }


def _page(queryset: QuerySet, per_page: int, number: str | None) -> Page:
    return Paginator(queryset, per_page).get_page(number)


def news_page(
    *, language: str, page: str | None, at: datetime | None = None
) -> tuple[Page, list[Entry]]:
    result = _page(NewsItem.objects.published(at), NEWS_PER_PAGE, page)
    return result, entries(result, language)


def news_get(*, slug: str, language: str, at: datetime | None = None) -> Entry:
    return entry(_get(NewsItem.objects.published(at), slug), language)


@dataclass(frozen=True)
class Agenda:
    upcoming: list[Entry]
    past_page: Page
    past: list[Entry]


def agenda(*, language: str, page: str | None, at: datetime | None = None) -> Agenda:
    """Upcoming events, soonest first (all of them); then past ones, latest first, by page."""
    at = at or timezone.now()
    published = Event.objects.published(at)
    past_page = _page(published.past(at), EVENTS_PER_PAGE, page)
    return Agenda(
        upcoming=entries(published.upcoming(at), language),
        past_page=past_page,
        past=entries(past_page, language),
    )


def event_get(*, slug: str, language: str, at: datetime | None = None) -> Entry:
    return entry(_get(Event.objects.published(at), slug), language)


@dataclass(frozen=True)
class DocumentFilters:
    category: str = ""
    territory: str = ""  # a territory code, e.g. ATR-BA


def document_filters(*, category: str | None, territory: str | None) -> DocumentFilters:
    """The filters of the documents list, with unknown values dropped."""
    category = category if category in DocumentCategory.values else ""
    territory = (territory or "").strip()[:40]
    return DocumentFilters(category=category, territory=territory)


def documents_page(
    *, language: str, filters: DocumentFilters, page: str | None, at: datetime | None = None
) -> tuple[Page, list[Entry]]:
    documents = Document.objects.public(at).select_related("territory")
    if filters.category:
        documents = documents.filter(category=filters.category)
    if filters.territory:
        documents = documents.filter(territory__code=filters.territory)
    result = _page(documents, DOCUMENTS_PER_PAGE, page)
    return result, entries(result, language)


def document_territories(*, at: datetime | None = None) -> QuerySet[Territory]:
    """The territories that have public documents: the choices of the territory filter."""
    return Territory.objects.filter(
        pk__in=Document.objects.public(at).values("territory")
    ).order_by("name")


def document_public_get(*, slug: str, at: datetime | None = None) -> Document:
    return _get(Document.objects.public(at).select_related("territory"), slug)


def document_get(*, slug: str, language: str, at: datetime | None = None) -> Entry:
    return entry(document_public_get(slug=slug, at=at), language)


def campaigns_page(
    *, language: str, page: str | None, at: datetime | None = None
) -> tuple[Page, list[Entry]]:
    result = _page(Campaign.objects.published(at), CAMPAIGNS_PER_PAGE, page)
    return result, entries(result, language)


def campaign_public_get(*, slug: str, at: datetime | None = None) -> Campaign:
    return _get(Campaign.objects.published(at), slug)


def campaign_get(*, slug: str, language: str, at: datetime | None = None) -> Entry:
    return entry(campaign_public_get(slug=slug, at=at), language)


def material_public_get(*, slug: str, pk: int, at: datetime | None = None) -> CampaignMaterial:
    """A material of a published campaign, or 404."""
    campaign = campaign_public_get(slug=slug, at=at)
    try:
        return campaign.materials.get(pk=pk)
    except CampaignMaterial.DoesNotExist:
        raise Http404 from None


def _get(queryset: QuerySet, slug: str):  # -> the model instance
    try:
        return queryset.get(slug=slug)
    except queryset.model.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class MaterialEntry:
    item: CampaignMaterial
    title: Text
    alt: Text


def campaign_materials(*, campaign: Campaign, language: str) -> list[MaterialEntry]:
    return [
        MaterialEntry(
            item=material,
            title=field_text(material, "title", language),
            alt=field_text(material, "alt_text", language),
        )
        for material in campaign.materials.all()
    ]
