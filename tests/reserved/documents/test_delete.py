"""Removing a reserved document: by the rule that lets one add it; recorded; file gone."""

import pytest
from django.core.files.storage import storages

from rete.audit.models import AuditEntry
from rete.reserved.models import ReservedDocument

pytestmark = pytest.mark.django_db


def test_a_referent_removes_a_document_of_their_territory(
    as_person, documents, django_capture_on_commit_callbacks
) -> None:
    document = documents["a"]
    name = document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = as_person("referent_a").post(f"/area-riservata/documenti/{document.pk}/elimina/")

    assert response.status_code == 302
    assert not ReservedDocument.objects.filter(pk=document.pk).exists()
    assert not storages["reserved"].exists(name)
    entry = AuditEntry.objects.get(action="document.delete")
    assert entry.target_id == str(document.pk)


def test_a_referent_cannot_remove_the_network_s_documents(as_person, documents) -> None:
    response = as_person("referent_a").post(
        f"/area-riservata/documenti/{documents['national'].pk}/elimina/"
    )

    assert response.status_code == 403
    assert ReservedDocument.objects.filter(pk=documents["national"].pk).exists()


def test_a_referent_cannot_see_another_territory_s_document_to_remove(as_person, documents):
    response = as_person("referent_a").post(
        f"/area-riservata/documenti/{documents['b'].pk}/elimina/"
    )

    assert response.status_code == 404
    assert ReservedDocument.objects.filter(pk=documents["b"].pk).exists()


def test_the_committee_cannot_remove(as_person, documents) -> None:
    response = as_person("committee").post(
        f"/area-riservata/documenti/{documents['a'].pk}/elimina/"
    )

    assert response.status_code == 403
