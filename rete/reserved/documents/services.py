"""Writes of the reserved documents: adding one and removing one, each with its audit entry
in the same transaction.

A file is stored only once it has passed the checks (rete.publications.uploads.upload_check:
size, extension and content agree); if anything fails after it was stored, it is removed
again, so a refused upload leaves nothing behind.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction

from rete.accounts.scopes import Scope
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.network.models import Territory
from rete.publications.uploads import upload_check
from rete.reserved.documents.rules import may_delete, may_upload_for
from rete.reserved.models import ReservedDocument

TARGET_TYPE = "reserved.reserveddocument"
MAX_ORIGINAL_NAME = 255


def reserved_max_upload_bytes() -> int:
    return int(settings.RESERVED_MAX_UPLOAD_MB) * 1024 * 1024


def document_file_check(file: File):  # -> FileFormat
    """The format of the file, or ValidationError with the reason (reserved size limit)."""
    return upload_check(file, max_bytes=reserved_max_upload_bytes())


def _original_name(name: str) -> str:
    # Browsers send a bare name; some old ones a whole path.
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "documento"
    if len(base) > MAX_ORIGINAL_NAME:
        stem, _dot, extension = base.rpartition(".")
        base = f"{stem[: MAX_ORIGINAL_NAME - len(extension) - 1]}.{extension}"
    return base


def document_upload(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    title: str,
    description: str,
    category: str,
    territory: Territory | None,
    file: File,
    ip_address: str | None = None,
) -> ReservedDocument:
    if not may_upload_for(scope, territory):
        raise PermissionDenied
    file_format = document_file_check(file)
    document = ReservedDocument(
        title=title,
        description=description,
        category=category,
        territory=territory,
        original_filename=_original_name(file.name or ""),
        size=file.size,
        content_type=file_format.content_type,
        uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            document.file.save(file.name or "documento", file, save=False)
            document.full_clean()
            document.save()
            audit_record(
                actor=actor,
                action=AuditAction.DOCUMENT_UPLOAD,
                target_type=TARGET_TYPE,
                target_id=document.pk,
                details={
                    "category": category,
                    "territory": territory.code if territory else "",
                    "format": file_format.key,
                    "size": document.size,
                },
                ip_address=ip_address,
            )
    except BaseException:
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


def document_delete(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    document: ReservedDocument,
    ip_address: str | None = None,
) -> None:
    if not may_delete(scope, document):
        raise PermissionDenied
    storage, name = document.file.storage, document.file.name
    with transaction.atomic():
        details = {
            "category": document.category,
            "territory": document.territory.code if document.territory else "",
        }
        target_id = document.pk
        document.delete()
        audit_record(
            actor=actor,
            action=AuditAction.DOCUMENT_DELETE,
            target_type=TARGET_TYPE,
            target_id=target_id,
            details=details,
            ip_address=ip_address,
        )
        # The file goes once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(name))
