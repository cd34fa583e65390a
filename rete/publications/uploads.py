"""Files the Department publishes: checked on the way in, stored out of any public URL.

A file is accepted when its extension names one of the allowed formats AND its content is
that format (PDF, ODT, DOCX, XLSX, PNG, JPEG): a renamed executable or an HTML page called
"poster.png" is refused. SVG is never accepted: it can carry scripts. The size limit is
the setting PUBLICATIONS_MAX_UPLOAD_MB (20 MB when unset).

Files go to the default storage under a random name (the editor's file name may say more
than it should); they are only ever served by the download views, which check that the item
is published and public.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_UPLOAD_MB = 20
# The first entry of an OpenDocument file holds its type; it is a short line.
MAX_MIMETYPE_ENTRY_BYTES = 200


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]
    image: bool = False


FORMATS = {
    f.key: f
    for f in (
        FileFormat("pdf", "PDF", "application/pdf", ("pdf",)),
        FileFormat("odt", "ODT", "application/vnd.oasis.opendocument.text", ("odt",)),
        FileFormat(
            "docx",
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileFormat(
            "xlsx",
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        FileFormat("png", "PNG", "image/png", ("png",), image=True),
        FileFormat("jpeg", "JPEG", "image/jpeg", ("jpg", "jpeg"), image=True),
    )
}
BY_EXTENSION = {ext: f for f in FORMATS.values() for ext in f.extensions}


def max_upload_bytes() -> int:
    return int(getattr(settings, "PUBLICATIONS_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024


def allowed_formats_text() -> str:
    return ", ".join(f.label for f in FORMATS.values())


def file_format(name: str) -> FileFormat | None:
    """The format a stored file's name says (its content was checked on upload)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return BY_EXTENSION.get(extension)


def validate_upload(file: File) -> None:
    """Model field validator: size, extension and content must agree."""
    upload_check(file, max_bytes=max_upload_bytes())


def upload_check(file: File, *, max_bytes: int) -> FileFormat:
    """The format of `file` when its size is at most `max_bytes` and its extension and its
    content name the same accepted format; ValidationError otherwise (with the reason).

    Shared by every upload of the platform (the portal's documents, the reserved area's):
    one place decides what a file may be.
    """
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB): the limit is %(limit)s MB."),
            code="file_too_large",
            params={
                "size": f"{file.size / 1024 / 1024:.1f}",
                "limit": max_bytes // 1024 // 1024,
            },
        )
    expected = file_format(file.name or "")
    if expected is None:
        raise ValidationError(
            _("This type of file is not accepted. Allowed formats: %(formats)s."),
            code="file_type",
            params={"formats": allowed_formats_text()},
        )
    opened_here = file.closed
    file.open("rb")
    try:
        file.seek(0)
        found = sniff(file)
    finally:
        # An upload stays open for the storage to save it (closing a temporary upload
        # deletes it); a stored file opened only to be checked is closed again.
        if opened_here:
            file.close()
        else:
            file.seek(0)
    if found != expected.key:
        raise ValidationError(
            _(
                "The content of the file is not a %(format)s file, as its name says. "
                "Allowed formats: %(formats)s."
            ),
            code="file_content",
            params={"format": expected.label, "formats": allowed_formats_text()},
        )
    return expected


def sniff(stream: IO[bytes]) -> str | None:
    """The format key of the content, from its bytes; None when it is none we accept."""
    head = stream.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        stream.seek(0)
        return _sniff_zip(stream)
    return None


def _sniff_zip(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                entry = archive.getinfo("mimetype")
                if entry.file_size <= MAX_MIMETYPE_ENTRY_BYTES:
                    kind = archive.read("mimetype").strip()
                    if kind == b"application/vnd.oasis.opendocument.text":
                        return "odt"
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def upload_path(folder: str, filename: str) -> str:
    fmt = file_format(filename)
    extension = fmt.extensions[0] if fmt else "bin"
    return f"publications/{folder}/{uuid.uuid4().hex}.{extension}"


def document_upload_to(instance: object, filename: str) -> str:
    return upload_path("documents", filename)


def material_upload_to(instance: object, filename: str) -> str:
    return upload_path("campaigns", filename)
