"""The content the Department publishes on the portal: news, the agenda, the documents
library and the campaigns with their materials.

Every publishable item is written in Italian, optionally in English (shown on /en/ pages;
a missing English field falls back to the Italian), and is shown only when it is published
and its publication date has come (`PublishableQuerySet.published`).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.publications.searchtext import fold
from rete.publications.uploads import (
    document_upload_to,
    file_format,
    material_upload_to,
    validate_upload,
)


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class PublishableQuerySet(models.QuerySet):
    def published(self, at: datetime | None = None) -> PublishableQuerySet:
        """Items the public may see at `at` (now): published, publication date reached."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=at or timezone.now())


class Publishable(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The last part of the page's address: lower case letters, digits, hyphens."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences, shown in lists.")
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A published item with a later date is shown only from that moment."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Both languages folded for the search (rete.publications.searchtext); written on save.
    search_text = models.TextField(editable=False, default="")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(" ".join(self.search_parts()))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def is_public(self, at: datetime | None = None) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= (at or timezone.now())

    def search_parts(self) -> list[str]:
        return [self.title, self.summary, self.body, self.title_en, self.summary_en, self.body_en]


class NewsItem(Publishable):
    class Meta(Publishable.Meta):
        verbose_name = _("news item")
        verbose_name_plural = _("news")


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("seminar")
    ANNUAL_MEETING = "annual_meeting", _("annual meeting of the territories")
    TRAINING = "training", _("training")
    OTHER = "other", _("other")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, at: datetime) -> EventQuerySet:
        """Not over yet at `at` (an event without an end is over once it has started)."""
        return self.filter(
            models.Q(ends_at__gte=at) | models.Q(ends_at__isnull=True, starts_at__gte=at)
        ).order_by("starts_at", "pk")

    def past(self, at: datetime) -> EventQuerySet:
        return self.filter(
            models.Q(ends_at__lt=at) | models.Q(ends_at__isnull=True, starts_at__lt=at)
        ).order_by("-starts_at", "-pk")


class Event(Publishable):
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Venue and address.")
    )
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where to follow it, if public.")
    )

    objects = EventQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("agenda")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("An event cannot end before it starts.")
        if not self.place and not self.online:
            errors["place"] = _("Give the place, or mark the event as online.")
        if self.online_url and not self.online:
            errors["online"] = _("An event with an online link is online.")
        if errors:
            raise ValidationError(errors)


class DocumentCategory(models.TextChoices):
    PROTOCOL = "protocol", _("protocol")
    PROCEDURE = "procedure", _("procedure")
    REGIONAL_PLAN = "regional_plan", _("regional plan")
    OPERATIONAL_PLAN = "operational_plan", _("operational plan")
    REPORT_FORMAT = "report_format", _("report format")
    OTHER = "other", _("other")


class DocumentQuerySet(PublishableQuerySet):
    def public(self, at: datetime | None = None) -> DocumentQuerySet:
        """Documents the public may see at `at`. Every document here is for the public:
        the network's reserved documents live in the reserved area
        (rete.reserved.models.ReservedDocument), on a storage of their own."""
        return self.published(at)


class Document(Publishable):
    category = models.CharField(_("category"), max_length=30, choices=DocumentCategory.choices)
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("territory"),
        help_text=_("The territory (ATR) the document concerns, if any."),
    )
    file = models.FileField(
        _("file"), upload_to=document_upload_to, max_length=200, validators=[validate_upload]
    )

    objects = DocumentQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def file_format(self):  # -> FileFormat | None
        return file_format(self.file.name or "")

    @property
    def file_size(self) -> int | None:
        """Bytes, or None when the storage cannot say (a missing file must not break a page)."""
        try:
            return self.file.size if self.file else None
        except OSError:
            return None


class Campaign(Publishable):
    class Meta(Publishable.Meta):
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")


class MaterialKind(models.TextChoices):
    POSTER = "poster", _("poster")
    SOCIAL_CARD = "social_card", _("social media card")
    BANNER = "banner", _("banner")
    LEAFLET = "leaflet", _("leaflet")
    OTHER = "other", _("other")


class CampaignMaterial(models.Model):
    """A file of a campaign to download: shown when its campaign is."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="materials", verbose_name=_("campaign")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    file = models.FileField(
        _("file"), upload_to=material_upload_to, max_length=200, validators=[validate_upload]
    )
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it. Required for images."),
    )
    alt_text_en = models.CharField(_("text alternative (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name = _("campaign material")
        verbose_name_plural = _("campaign materials")

    def __str__(self) -> str:
        return self.title

    @property
    def file_format(self):  # -> FileFormat | None
        return file_format(self.file.name or "")

    @property
    def file_size(self) -> int | None:
        """Bytes, or None when the storage cannot say (a missing file must not break a page)."""
        try:
            return self.file.size if self.file else None
        except OSError:
            return None

    def clean(self) -> None:
        super().clean()
        fmt = file_format(self.file.name or "") if self.file else None
        if fmt is not None and fmt.image and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Describe the image: a text alternative is required.")}
            )
