"""Adding a reserved document: the Department anywhere, a referent for their territories;
the file checked by extension, content and size; a refusal says why and stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext, override

from rete.audit.models import AuditEntry
from rete.reserved.models import ReservedDocument
from tests.reserved.documents.conftest import PDF

pytestmark = pytest.mark.django_db
URL = "/area-riservata/documenti/carica/"


def _it(message: str) -> str:
    """The message as the Italian page shows it."""
    with override("it"):
        return gettext(message)


def _form(territory: str, file=None, **fields):
    data = {
        "title": "Procedura di accoglienza",
        "description": "Come si accoglie.",
        "category": "procedure",
        "territory": territory,
        "file": file or SimpleUploadedFile("procedura.pdf", PDF, "application/pdf"),
    }
    data.update(fields)
    return data


def _stored() -> list[str]:
    storage = ReservedDocument._meta.get_field("file").storage
    try:
        _dirs, files = storage.listdir("documents")
    except FileNotFoundError:
        return []
    return files


def test_a_referent_adds_a_document_for_their_territory(as_person, people, net) -> None:
    response = as_person("referent_a").post(URL, _form("ATR-AL"))

    assert response.status_code == 302
    document = ReservedDocument.objects.get()
    assert (document.territory, document.uploaded_by) == (net.a, people.referent_a)
    assert (document.original_filename, document.size) == ("procedura.pdf", len(PDF))
    assert document.content_type == "application/pdf"
    assert len(_stored()) == 1
    entry = AuditEntry.objects.get(action="document.upload")
    assert entry.details == {
        "category": "procedure",
        "territory": "ATR-AL",
        "format": "pdf",
        "size": len(PDF),
    }


def test_the_department_adds_a_document_for_the_whole_network(as_person) -> None:
    as_person("admin").post(URL, _form(""))

    assert ReservedDocument.objects.get().territory is None


@pytest.mark.parametrize(
    ("territory", "message"),
    [
        ("ATR-BE", "You may add documents only for the territories of your role."),
        ("", "You may add documents only for the territories of your role."),
    ],
)
def test_a_referent_cannot_add_for_another_territory(as_person, territory, message) -> None:
    response = as_person("referent_a").post(URL, _form(territory))

    assert response.status_code == 200
    assert _it(message) in response.content.decode()
    assert not ReservedDocument.objects.exists()
    assert _stored() == []


def test_it_refuses_a_file_whose_content_is_not_its_type(as_person) -> None:
    fake = SimpleUploadedFile("procedura.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = as_person("admin").post(URL, _form("", fake))

    page = response.content.decode()
    assert (
        _it(
            "The content of the file is not a %(format)s file, as its name says. "
            "Allowed formats: %(formats)s."
        ).split("%(format)s")[0]
        in page
    )
    assert 'value="Procedura di accoglienza"' in page  # what was typed is kept
    assert not ReservedDocument.objects.exists()
    assert _stored() == []
    assert not AuditEntry.objects.filter(action="document.upload").exists()


def test_it_refuses_a_type_that_is_not_accepted(as_person) -> None:
    page = as_person("admin").post(URL, _form("", SimpleUploadedFile("x.svg", b"<svg/>"))).content

    expected = _it("This type of file is not accepted. Allowed formats: %(formats)s.")
    assert expected.split("%(formats)s")[0] in page.decode()
    assert not ReservedDocument.objects.exists()


def test_it_refuses_a_file_too_large(as_person, settings) -> None:
    settings.RESERVED_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("grande.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")

    page = as_person("admin").post(URL, _form("", big)).content.decode()

    expected = _it("The file is too large (%(size)s MB): the limit is %(limit)s MB.")
    assert expected % {"size": "1.0", "limit": 1} in page
    assert not ReservedDocument.objects.exists()
    assert _stored() == []


@pytest.mark.parametrize("name", ["committee", "analyst", "operator", "netop_a"])
def test_other_roles_cannot_add_documents(as_person, name) -> None:
    client = as_person(name)

    assert client.get(URL).status_code == 403
    assert client.post(URL, _form("ATR-AL")).status_code == 403
    assert not ReservedDocument.objects.exists()
