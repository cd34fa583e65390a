"""Uploads are checked: the extension and the content must be an allowed format, and the
file within the size limit; the editor is told why a file is refused."""

import html
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rete.publications.models import Campaign, CampaignMaterial, Document
from rete.publications.uploads import validate_upload
from tests.publications.conftest import PDF, PNG, office_file

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ALLOWED = "PDF, ODT, DOCX, XLSX, PNG, JPEG"


def _document_form(upload: Any, slug: str = "protocollo-caricato") -> dict[str, Any]:
    return {
        "title": "Protocollo caricato",
        "slug": slug,
        "summary": "Sintesi",
        "body": "",
        "category": "protocol",
        "territory": "",
        "file": upload,
        "title_en": "",
        "summary_en": "",
        "body_en": "",
        "status": "published",
        "published_at_0": "2026-11-20",
        "published_at_1": "10:00:00",
    }


def _file_errors(response: Any) -> list[ValidationError]:
    return response.context["adminform"].form.errors.as_data().get("file", [])


def test_it_accepts_a_pdf(admin_client: Client) -> None:
    upload = SimpleUploadedFile("protocollo.pdf", PDF, content_type="application/pdf")

    response = admin_client.post("/admin/publications/document/add/", _document_form(upload))

    assert response.status_code == 302
    document = Document.objects.get(slug="protocollo-caricato")
    assert document.file.name.startswith("publications/documents/")
    assert document.file.name.endswith(".pdf")
    assert "protocollo" not in document.file.name  # the editor's file name is not kept


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("logo.svg", SVG, "file_type"),
        ("programma.exe", b"MZ\x90\x00", "file_type"),
        ("manifesto.png", b"<html><script>alert(1)</script></html>", "file_content"),
        ("protocollo.pdf", PNG, "file_content"),
        ("relazione.docx", office_file("xlsx"), "file_content"),
    ],
)
def test_it_refuses_a_wrong_type_with_a_message(
    admin_client: Client, name: str, content: bytes, code: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = admin_client.post("/admin/publications/document/add/", _document_form(upload))

    assert response.status_code == 200
    assert [error.code for error in _file_errors(response)] == [code]
    page = html.unescape(response.content.decode())
    assert ALLOWED in page
    assert 'class="errorlist' in page
    assert not Document.objects.exists()


def test_it_refuses_a_file_over_the_limit(admin_client: Client, settings: Any) -> None:
    settings.PUBLICATIONS_MAX_UPLOAD_MB = 1
    big = PDF + b"%" * (1024 * 1024)
    upload = SimpleUploadedFile("grande.pdf", big, content_type="application/pdf")

    response = admin_client.post("/admin/publications/document/add/", _document_form(upload))

    assert response.status_code == 200
    assert [error.code for error in _file_errors(response)] == ["file_too_large"]
    assert "1 MB" in html.unescape(response.content.decode())
    assert not Document.objects.exists()


def test_it_refuses_a_bad_campaign_material(admin_client: Client) -> None:
    data = {
        "title": "Campagna",
        "slug": "campagna",
        "summary": "Sintesi",
        "body": "",
        "title_en": "",
        "summary_en": "",
        "body_en": "",
        "status": "draft",
        "published_at_0": "2026-11-20",
        "published_at_1": "10:00:00",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000",
        "materials-0-kind": "poster",
        "materials-0-title": "Manifesto",
        "materials-0-file": SimpleUploadedFile("manifesto.svg", SVG, content_type="image/svg+xml"),
        "materials-0-alt_text": "Un manifesto",
        "materials-0-position": "0",
    }

    response = admin_client.post("/admin/publications/campaign/add/", data)

    assert response.status_code == 200
    assert ALLOWED in html.unescape(response.content.decode())
    assert not Campaign.objects.exists()
    assert not CampaignMaterial.objects.exists()


def test_it_asks_a_text_alternative_for_images() -> None:
    material = CampaignMaterial(
        campaign=Campaign.objects.create(title="C", slug="c", summary="s"),
        kind="poster",
        title="Manifesto",
        file=ContentFile(PNG, name="manifesto.png"),
    )

    with pytest.raises(ValidationError) as error:
        material.full_clean()

    assert "alt_text" in error.value.message_dict


@pytest.mark.parametrize("kind", ["odt", "docx", "xlsx"])
def test_it_recognises_office_files(kind: str) -> None:
    validate_upload(ContentFile(office_file(kind), name=f"modulo.{kind}"))


def test_it_accepts_jpeg_under_either_extension() -> None:
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
    validate_upload(ContentFile(jpeg, name="foto.jpg"))
    validate_upload(ContentFile(jpeg, name="foto.JPEG"))
