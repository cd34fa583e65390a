"""The network's reserved documents: report formats, operational plans, procedures and the
like, for the territories' people and never for the public.

A document belongs to one territory, or to the whole network (no territory). Its file lives
on the "reserved" storage (settings.STORAGES, outside any web root) under a random name; the
only way out is the download view, after the reader's scope is checked
(rete.reserved.documents). The name the file had on the uploader's machine is kept apart, to
name the download.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def reserved_storage() -> Storage:
    # A callable (not the storage itself), so that tests and deployments configure it
    # through STORAGES and migrations do not freeze a location.
    return storages["reserved"]


def reserved_upload_to(instance: ReservedDocument, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{uuid.uuid4().hex}.{extension}"


class ReservedDocumentCategory(models.TextChoices):
    REPORT_FORMAT = "report_format", _("Report format")
    OPERATIONAL_PLAN = "operational_plan", _("Operational plan")
    PROCEDURE = "procedure", _("Procedure")
    QUESTIONNAIRE_FORM = "questionnaire_form", _("Questionnaire form")
    OTHER = "other", _("Other")


class ReservedDocument(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=ReservedDocumentCategory.choices
    )
    # PROTECT: a territory's documents must never become the whole network's by accident.
    territory = models.ForeignKey(
        "network.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reserved_documents",
        verbose_name=_("territory"),
        help_text=_("Empty: the document is for the whole network."),
    )
    file = models.FileField(
        _("file"), storage=reserved_storage, upload_to=reserved_upload_to, max_length=200
    )
    original_filename = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("reserved document")
        verbose_name_plural = _("reserved documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=[c.value for c in ReservedDocumentCategory]),
                name="reserved_document_category_known",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        name = self.file.name or ""
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""
