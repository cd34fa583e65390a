"""Demo reserved documents: a few small files made in code, each titled "(esempio)" and
saying inside that it is not an official document. Loading is idempotent by title and
territory: a document already there (perhaps edited) is left as it is."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape  # nosec B406  # escapes what we write; parses nothing

from django.core.files.base import ContentFile
from django.db import transaction

from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import BARI_TERRITORY
from rete.network.models import Territory
from rete.publications.demofiles import pdf_make
from rete.reserved.documents.services import document_file_check
from rete.reserved.models import ReservedDocument, ReservedDocumentCategory

DEMO_NOTICE = "Documento di esempio della demo: non è un documento ufficiale."
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


def odt_make(title: str, lines: list[str]) -> bytes:
    """A minimal OpenDocument text: a heading and paragraphs."""
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text>"
        f'<text:h text:outline-level="1">{escape(title)}</text:h>{paragraphs}'
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The format requires "mimetype" first and stored uncompressed.
        archive.writestr("mimetype", ODT_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# title, description, category, for Bari (else the whole network), file kind
DOCUMENTS = [
    (
        f"Format di relazione annuale dell'ATR {EXAMPLE}",
        "Lo schema della relazione annuale che ogni territorio invia al Dipartimento.",
        ReservedDocumentCategory.REPORT_FORMAT,
        False,
        "pdf",
    ),
    (
        f"Scheda del questionario di monitoraggio {EXAMPLE}",
        "Le domande del questionario sui trasferimenti tra il 1522 e i servizi locali.",
        ReservedDocumentCategory.QUESTIONNAIRE_FORM,
        False,
        "odt",
    ),
    (
        f"Piano operativo dell'ATR di Bari {EXAMPLE}",
        "Azioni, tempi e responsabilità della rete locale della Provincia di Bari.",
        ReservedDocumentCategory.OPERATIONAL_PLAN,
        True,
        "pdf",
    ),
    (
        f"Elenco dei referenti dei servizi {EXAMPLE}",
        "Chi contattare in ciascun servizio della rete locale (nomi inventati).",
        ReservedDocumentCategory.OTHER,
        True,
        "odt",
    ),
]


def demo_reserved_documents_load() -> int:
    """Create the demo documents that are missing; return how many reserved documents exist."""
    bari = Territory.objects.filter(code=BARI_TERRITORY).first()
    with transaction.atomic():
        for title, description, category, for_bari, kind in DOCUMENTS:
            if for_bari and bari is None:
                # Without the demo network a territory's document has no territory: it
                # must not become the whole network's.
                continue
            territory = bari if for_bari else None
            if ReservedDocument.objects.filter(title=title, territory=territory).exists():
                continue
            lines = [description, "", DEMO_NOTICE]
            if kind == "pdf":
                data, name = pdf_make(title, lines), "esempio.pdf"
            else:
                data, name = odt_make(title, lines), "esempio.odt"
            file = ContentFile(data, name=name)
            file_format = document_file_check(file)
            document = ReservedDocument(
                title=title,
                description=description,
                category=category,
                territory=territory,
                original_filename=f"{category}-esempio.{file_format.extensions[0]}",
                size=len(data),
                content_type=file_format.content_type,
            )
            document.file.save(name, file, save=False)
            document.full_clean()
            document.save()
    return ReservedDocument.objects.count()
