"""The Department's writes: a renewal or an amendment (with the rule of the version in
force), a draft activated, a protocol terminated, documents added. Each audited, each told
to the territory's referents, none leaving anything behind when refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rete.audit.models import AuditAction, AuditEntry
from rete.network.lifecycle.rules import VersionConflict
from rete.network.lifecycle.services import (
    PROTOCOL_SUPERSEDE,
    protocol_activate,
    protocol_documents_add,
    protocol_terminate,
    protocol_version_create,
)
from rete.network.models import Protocol, ProtocolDocument
from rete.notices.models import Notice
from tests.network.lifecycle.conftest import PDF, pdf_upload


def new_version(previous, actor, **changes):
    fields = {
        "kind": "renewal",
        "title": "Rinnovo",
        "signatories": "Il Dipartimento; la Provincia",
        "signed_on": date(2026, 11, 20),
        "valid_from": date(2027, 1, 1),
        "valid_to": date(2029, 12, 31),
        "parties": [],
        "status": "active",
        "document_title": "Protocollo firmato",
        "files": [pdf_upload()],
    }
    fields.update(changes)
    return protocol_version_create(actor=actor, previous=previous, **fields)


def test_it_records_a_renewal_with_its_documents(protocol_a, people):
    renewal = new_version(protocol_a, people.admin)

    assert renewal.kind == "renewal" and renewal.previous == protocol_a
    assert renewal.status == "active"
    document = ProtocolDocument.objects.get(protocol=renewal)
    assert document.title == "Protocollo firmato"
    assert document.file.read() == PDF
    protocol_a.refresh_from_db()
    assert protocol_a.valid_to == date(2026, 12, 31)  # no overlap: left as it was
    entry = AuditEntry.objects.get(action=AuditAction.PROTOCOL_VERSION_CREATE)
    assert entry.target_id == str(renewal.pk)
    assert entry.details["territory"] == "ATR-AL" and entry.details["documents"] == 1


def test_an_active_amendment_supersedes_the_version_in_force(protocol_a, people):
    amendment = new_version(
        protocol_a, people.admin, kind="amendment", valid_from=date(2026, 3, 1), valid_to=None
    )

    protocol_a.refresh_from_db()
    assert protocol_a.valid_to == date(2026, 2, 28)
    # Without an end of its own, the amendment ends when the original would have.
    assert amendment.valid_to == date(2026, 12, 31)
    supersede = AuditEntry.objects.get(action=PROTOCOL_SUPERSEDE)
    assert supersede.target_id == str(protocol_a.pk)
    assert supersede.details["valid_to_before"] == "2026-12-31"
    assert supersede.details["valid_to_after"] == "2026-02-28"
    assert supersede.details["superseded_by"] == amendment.pk


def test_a_draft_changes_nothing_until_activated(protocol_a, people):
    draft = new_version(
        protocol_a,
        people.admin,
        kind="amendment",
        valid_from=date(2026, 3, 1),
        status="draft",
        files=[],
    )
    protocol_a.refresh_from_db()
    assert protocol_a.valid_to == date(2026, 12, 31)

    protocol_activate(actor=people.admin, protocol=draft)

    protocol_a.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == "active"
    assert protocol_a.valid_to == date(2026, 2, 28)
    status = AuditEntry.objects.get(action=AuditAction.PROTOCOL_STATUS)
    assert status.details["to"] == "active" and status.details["superseded"] == [protocol_a.pk]


def test_it_refuses_to_activate_over_a_later_version_in_force(protocol_a, people):
    new_version(protocol_a, people.admin, kind="amendment", valid_from=date(2026, 6, 1))
    draft = new_version(
        protocol_a,
        people.admin,
        kind="amendment",
        valid_from=date(2026, 3, 1),
        valid_to=date(2026, 12, 31),
        status="draft",
        files=[],
    )

    with pytest.raises(VersionConflict):
        protocol_activate(actor=people.admin, protocol=draft)

    draft.refresh_from_db()
    assert draft.status == "draft"


def test_it_refuses_bad_dates_and_writes_nothing(protocol_a, people):
    with pytest.raises(ValidationError) as refused:
        new_version(
            protocol_a, people.admin, valid_from=date(2027, 1, 1), valid_to=date(2026, 1, 1)
        )

    assert "valid_to" in refused.value.message_dict
    assert Protocol.objects.count() == 2
    assert not AuditEntry.objects.filter(action=AuditAction.PROTOCOL_VERSION_CREATE).exists()


def test_it_refuses_a_file_that_is_not_what_its_name_says(protocol_a, people):
    fake = SimpleUploadedFile("rinnovo.pdf", b"MZ not a pdf", content_type="application/pdf")

    with pytest.raises(ValidationError) as refused:
        new_version(protocol_a, people.admin, files=[fake])

    assert "documents" in refused.value.message_dict
    assert Protocol.objects.filter(previous=protocol_a).count() == 0
    assert ProtocolDocument.objects.count() == 0


def test_it_terminates_a_protocol_from_a_date(protocol_a, people):
    protocol_terminate(
        actor=people.admin, protocol=protocol_a, effective=date(2026, 6, 1), today=date(2026, 6, 3)
    )

    protocol_a.refresh_from_db()
    assert protocol_a.status == "terminated"
    assert protocol_a.valid_to == date(2026, 5, 31)
    entry = AuditEntry.objects.get(action=AuditAction.PROTOCOL_STATUS)
    assert entry.details["effective"] == "2026-06-01"


def test_it_refuses_a_termination_in_the_future(protocol_a, people):
    with pytest.raises(ValidationError):
        protocol_terminate(
            actor=people.admin,
            protocol=protocol_a,
            effective=date(2026, 7, 1),
            today=date(2026, 6, 3),
        )

    protocol_a.refresh_from_db()
    assert protocol_a.status == "active"


def test_it_adds_documents_to_a_version(protocol_a, people):
    documents = protocol_documents_add(
        actor=people.admin,
        protocol=protocol_a,
        title="Allegati",
        files=[pdf_upload("piano.pdf"), pdf_upload("elenco.pdf")],
    )

    assert [d.title for d in documents] == ["Allegati – piano.pdf", "Allegati – elenco.pdf"]
    entry = AuditEntry.objects.get(action=AuditAction.PROTOCOL_DOCUMENT_UPLOAD)
    assert entry.details["documents"] == [d.pk for d in documents]


def test_every_change_is_told_to_the_territory_s_referents_only(
    protocol_a, people, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        renewal = new_version(protocol_a, people.admin)

    notices = Notice.objects.filter(key=f"protocol.{renewal.pk}.version_created")
    assert [n.recipient for n in notices] == [people.referent_a]
    assert notices[0].url == "/area-riservata/protocolli/territorio/ATR-AL/"
    assert [m.to for m in mailoutbox] == [[people.referent_a.email]]
