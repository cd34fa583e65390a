"""The publications that were marked "reserved" move to the reserved area: row, file bytes
(to the reserved storage) and territory; the portal keeps none of them."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.reserved.documents.conftest import PDF

BEFORE = [("publications", "0001_initial"), ("reserved", "0001_reserved_documents")]
AFTER = [("publications", "0002_remove_document_visibility")]


@pytest.fixture(autouse=True)
def _every_migration_applied_again():
    """Going back to BEFORE also unapplies the apps whose migrations depend on a later
    publications migration (rete.events): put the whole schema back for the next tests."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_moves_reserved_publications_into_the_reserved_area() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Document = apps.get_model("publications", "Document")
    Territory = apps.get_model("network", "Territory")
    territory = Territory.objects.create(code="ATR-MG", name="Ambito della migrazione")
    public_name = storages["default"].save("publications/documents/riservato.pdf", ContentFile(PDF))
    common = {"summary": "Sintesi", "status": "published", "published_at": timezone.now()}
    Document.objects.create(
        slug="elenco-riservato",
        title="Elenco riservato",
        category="report_format",
        territory=territory,
        visibility="reserved",
        file=public_name,
        **common,
    )
    Document.objects.create(
        slug="pubblico",
        title="Pubblico",
        category="protocol",
        visibility="public",
        file=storages["default"].save("publications/documents/pubblico.pdf", ContentFile(PDF)),
        **common,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    apps = executor.loader.project_state(AFTER).apps
    moved = apps.get_model("reserved", "ReservedDocument").objects.get()
    assert (moved.title, moved.category, moved.territory_id) == (
        "Elenco riservato",
        "report_format",
        territory.pk,
    )
    assert (moved.original_filename, moved.size) == ("elenco-riservato.pdf", len(PDF))
    assert moved.content_type == "application/pdf"
    with storages["reserved"].open(moved.file.name) as stored:
        assert stored.read() == PDF
    remaining = apps.get_model("publications", "Document").objects.values_list("slug", flat=True)
    assert list(remaining) == ["pubblico"]
    assert not storages["default"].exists(public_name)
