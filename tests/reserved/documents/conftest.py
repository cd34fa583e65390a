import pytest
from django.core.files.base import ContentFile

from rete.publications.demofiles import pdf_make
from rete.reserved.models import ReservedDocument

PDF = pdf_make("Piano operativo", ["Una riga."])


def make_document(title: str, territory=None, category: str = "operational_plan"):
    document = ReservedDocument(
        title=title,
        category=category,
        territory=territory,
        original_filename="piano.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    document.file.save("piano.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


@pytest.fixture
def documents(net):
    return {
        "national": make_document("Format di relazione", category="report_format"),
        "a": make_document("Piano di Alfa", net.a),
        "b": make_document("Piano di Beta", net.b),
    }
