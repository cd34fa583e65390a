"""Fixtures of the publications tests: small real files and makers of published items.

Every maker publishes its item one hour ago unless told otherwise; files go to the test
settings' in-memory storage.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from rete.publications.demofiles import pdf_make, png_make
from rete.publications.models import (
    Campaign,
    CampaignMaterial,
    Document,
    DocumentCategory,
    Event,
    EventKind,
    MaterialKind,
    NewsItem,
    Status,
)

PDF = pdf_make("Protocollo di prova", ["Una riga di testo."])
PNG = png_make(8, 6, (92, 45, 145), (255, 255, 255))


def office_file(kind: str) -> bytes:
    """A minimal ODT, DOCX or XLSX: the parts the content check looks at."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            part = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
            archive.writestr(part, "<document/>")
    return buffer.getvalue()


def _fields(kwargs: dict[str, Any], slug: str) -> dict[str, Any]:
    fields = {
        "slug": slug,
        "title": slug.replace("-", " ").capitalize(),
        "summary": f"Summary of {slug}",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    fields.update(kwargs)
    return fields


def make_news(slug: str = "notizia", **kwargs: Any) -> NewsItem:
    return NewsItem.objects.create(**_fields(kwargs, slug))


def make_event(slug: str = "evento", **kwargs: Any) -> Event:
    starts = timezone.now() + timedelta(days=7)
    kwargs.setdefault("kind", EventKind.SEMINAR)
    kwargs.setdefault("starts_at", starts)
    kwargs.setdefault("ends_at", kwargs["starts_at"] + timedelta(hours=3))
    kwargs.setdefault("place", "Bari")
    return Event.objects.create(**_fields(kwargs, slug))


def make_document(slug: str = "documento", **kwargs: Any) -> Document:
    kwargs.setdefault("category", DocumentCategory.PROTOCOL)
    kwargs.setdefault("file", ContentFile(PDF, name="protocollo.pdf"))
    return Document.objects.create(**_fields(kwargs, slug))


def make_campaign(slug: str = "campagna", **kwargs: Any) -> Campaign:
    return Campaign.objects.create(**_fields(kwargs, slug))


def make_material(campaign: Campaign, **kwargs: Any) -> CampaignMaterial:
    kwargs.setdefault("kind", MaterialKind.POSTER)
    kwargs.setdefault("title", "Manifesto")
    kwargs.setdefault("file", ContentFile(PNG, name="manifesto.png"))
    kwargs.setdefault("alt_text", "Manifesto viola")
    return CampaignMaterial.objects.create(campaign=campaign, **kwargs)


@pytest.fixture
def yesterday() -> Any:
    return timezone.now() - timedelta(days=1)


@pytest.fixture
def tomorrow() -> Any:
    return timezone.now() + timedelta(days=1)
