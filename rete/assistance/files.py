"""Attachments of assistance messages and good-practice posts: the same checks as the
reserved documents (rete.reserved.documents.services.document_file_check: size, extension
and content agree), the same storage ("reserved", outside any web root, random names),
served only by views that checked the reader's scope.

A write that stores files and then fails removes them again: a refused message leaves no
file behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from rete.publications.uploads import allowed_formats_text
from rete.reserved.documents.services import document_file_check, reserved_max_upload_bytes

MAX_ATTACHMENTS = 5
MAX_ORIGINAL_NAME = 255


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero to MAX_ATTACHMENTS files, each checked as a reserved document is."""

    widget = MultipleFileInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        super().__init__(**kwargs)
        self.help_text = _(
            "Up to %(count)s files. Allowed formats: %(formats)s; at most %(limit)s MB each."
        ) % {
            "count": MAX_ATTACHMENTS,
            "formats": allowed_formats_text(),
            "limit": reserved_max_upload_bytes() // 1024 // 1024,
        }

    def clean(self, data, initial=None) -> list[File]:
        given = data if isinstance(data, list | tuple) else [data]
        # FileField's own checks (an empty file, a name too long) on each one.
        files = [super(AttachmentsField, self).clean(f, initial) for f in given if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                ngettext_lazy(
                    "Attach at most %(count)d file.",
                    "Attach at most %(count)d files.",
                    MAX_ATTACHMENTS,
                ),
                code="too_many_files",
                params={"count": MAX_ATTACHMENTS},
            )
        errors = []
        for file in files:
            try:
                document_file_check(file)
            except ValidationError as error:
                errors.extend(f"{original_name(file.name or '')}: {m}" for m in error.messages)
        if errors:
            raise ValidationError(errors)
        return files


def original_name(name: str) -> str:
    # Browsers send a bare name; some old ones a whole path.
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "allegato"
    if len(base) > MAX_ORIGINAL_NAME:
        stem, _dot, extension = base.rpartition(".")
        base = f"{stem[: MAX_ORIGINAL_NAME - len(extension) - 1]}.{extension}"
    return base


@contextmanager
def files_removed_on_error() -> Iterator[list[tuple[Storage, str]]]:
    """Collects the files stored inside the block; if the block fails, deletes them."""
    stored: list[tuple[Storage, str]] = []
    try:
        yield stored
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise


def attachments_save(
    model: type[models.Model],
    files: Sequence[File],
    stored: list[tuple[Storage, str]],
    **owner: models.Model,
) -> list[models.Model]:
    """Store each file (checked again: a service may be called without a form) as an
    attachment `model(**owner, ...)`; the stored names are added to `stored`."""
    made = []
    for file in files:
        file_format = document_file_check(file)
        attachment = model(
            **owner,
            original_filename=original_name(file.name or ""),
            size=file.size,
            content_type=file_format.content_type,
        )
        attachment.file.save(file.name or "allegato", file, save=False)
        stored.append((attachment.file.storage, attachment.file.name))
        attachment.full_clean()
        attachment.save()
        made.append(attachment)
    return made


def attachment_response(attachment: models.Model) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
