import pytest

from rete.demo.services import demo_network_load
from rete.reserved.demo import demo_reserved_documents_load
from rete.reserved.documents.services import document_file_check
from rete.reserved.models import ReservedDocument

pytestmark = pytest.mark.django_db


def test_it_loads_marked_examples_once_that_pass_the_checks() -> None:
    demo_network_load()

    first = demo_reserved_documents_load()
    second = demo_reserved_documents_load()

    assert first == second == 4
    for document in ReservedDocument.objects.all():
        assert "(esempio)" in document.title
        document_file_check(document.file)
    assert ReservedDocument.objects.filter(territory__code="ATR-BA").count() == 2
