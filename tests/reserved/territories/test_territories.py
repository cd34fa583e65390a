"""Territory sheets: protocol and its documents, chain, members, referents, documents; in the
person's scope only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from rete.audit.models import AuditEntry
from rete.network.models import Protocol, ProtocolDocument
from rete.publications.demofiles import pdf_make

pytestmark = pytest.mark.django_db


def test_it_lists_the_territories_in_scope(as_person) -> None:
    referent = as_person("referent_a").get("/area-riservata/territori/").content.decode()
    admin = as_person("admin").get("/area-riservata/territori/").content.decode()

    assert "Ambito Alfa" in referent and "Ambito Beta" not in referent
    assert "Ambito Alfa" in admin and "Ambito Beta" in admin


def test_it_shows_the_sheet_and_records_the_read(as_person, people) -> None:
    response = as_person("netop_a").get("/area-riservata/territori/ATR-AL/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "CAV Aurora" in page  # the chain
    assert "Anna Alfieri" in page and "referent_a@example.org" in page  # the referent
    assert "Associazione Aurora" in page  # her organisation
    assert "info@aurora.example.org" in page  # a member's e-mail
    assert "Rete Sportelli Sud" in page  # a party
    assert "Bruna Bellini" not in page
    entry = AuditEntry.objects.get(action="reserved.read")
    assert (entry.target_type, entry.target_id) == ("network.territory", "ATR-AL")


def test_it_leaves_out_a_revoked_referent(as_person, people) -> None:
    from rete.accounts.services import grant_revoke

    grant_revoke(grant=people.referent_a.grants.get(), by=people.admin, reason="left")

    page = as_person("admin").get("/area-riservata/territori/ATR-AL/").content.decode()

    assert "Anna Alfieri" not in page


def test_it_answers_not_found_for_another_territory(as_person) -> None:
    assert as_person("referent_a").get("/area-riservata/territori/ATR-BE/").status_code == 404
    assert not AuditEntry.objects.filter(action="reserved.read").exists()


def test_it_serves_a_protocol_document_in_scope_only(as_person, net) -> None:
    document = ProtocolDocument(protocol=Protocol.objects.get(territory=net.b), title="Testo")
    document.file.save("protocollo.pdf", ContentFile(pdf_make("Protocollo", ["x"])))
    client = as_person("referent_b")

    page = client.get("/area-riservata/territori/ATR-BE/").content.decode()
    response = client.get(f"/area-riservata/protocolli/documenti/{document.pk}/file/")

    assert f"/area-riservata/protocolli/documenti/{document.pk}/file/" in page
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action="document.download").count() == 1
    other = as_person("referent_a").get(f"/area-riservata/protocolli/documenti/{document.pk}/file/")
    assert other.status_code == 404


def test_anonymous_and_roleless_are_refused(client, net) -> None:
    response = client.get("/area-riservata/territori/")
    assert response.status_code == 302 and response["Location"].startswith("/accesso/")

    client.force_login(get_user_model().objects.create_user("nessuno", "n@example.org", "x"))
    assert client.get("/area-riservata/territori/ATR-AL/").status_code == 403


def test_it_lists_the_territory_s_reserved_documents(as_person, net) -> None:
    from tests.reserved.documents.conftest import make_document

    document = make_document("Procedura di Alfa", net.a)
    make_document("Procedura di Beta", net.b)

    page = as_person("referent_a").get("/area-riservata/territori/ATR-AL/").content.decode()

    assert "Procedura di Alfa" in page
    assert f"/area-riservata/documenti/{document.pk}/file/" in page
    assert "Procedura di Beta" not in page
