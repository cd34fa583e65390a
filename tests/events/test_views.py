"""The events' screens through the client: every person of the reserved area registers and
cancels; only the Department reads the participants and attaches documents; the public event
page lists the documents and never a participant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rete.audit.models import AuditAction, AuditEntry
from rete.events.models import Registration, RegistrationSettings
from rete.events.services import event_register
from tests.events.conftest import event_make, pdf_upload


def url(name: str, event) -> str:
    return reverse(f"reserved:{name}", kwargs={"pk": event.pk})


def test_the_list_shows_the_events_open_and_the_person_s_registrations(seminar, people, as_person):
    closed = event_make("chiuso", starts_in=timedelta(days=20))
    event_register(actor=people.referent_a, event=seminar, mode="online")

    page = as_person("referent_a").get(reverse("reserved:events")).content.decode()

    assert seminar.title in page
    assert closed.title not in page  # registration not open: not for her
    assert 'data-testid="my-registrations"' in page


def test_the_department_sees_every_coming_event_to_open_it(seminar, as_person):
    closed = event_make("chiuso", starts_in=timedelta(days=20))

    page = as_person("admin").get(reverse("reserved:events")).content.decode()

    assert closed.title in page and url("event_settings", closed) in page


def test_a_person_registers_and_cancels(seminar, as_person):
    client = as_person("netop_a")

    response = client.post(
        url("event_registration", seminar), {"mode": "in_person", "accessibility_needs": ""}
    )
    assert response.status_code == 302
    page = client.get(url("event_registration", seminar)).content.decode()
    assert 'data-testid="registered"' in page

    assert client.post(url("event_unregister", seminar)).status_code == 302
    registration = Registration.objects.get(event=seminar)
    assert registration.cancelled_at is not None


def test_a_registration_without_the_way_of_attending_keeps_what_was_typed(seminar, as_person):
    response = as_person("referent_a").post(
        url("event_registration", seminar), {"accessibility_needs": "Rampa di accesso"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="form-errors"' in page and "Rampa di accesso" in page
    assert not Registration.objects.exists()


def test_a_full_event_refuses_with_a_message(seminar, people, as_person):
    event_register(actor=people.referent_b, event=seminar, mode="online")
    event_register(actor=people.netop_b, event=seminar, mode="online")

    page = as_person("referent_a").get(url("event_registration", seminar)).content.decode()

    assert 'data-testid="registration-closed"' in page
    assert 'data-testid="registration-form"' not in page


def test_an_unpublished_event_is_not_found(as_person):
    draft = event_make("bozza", starts_in=timedelta(days=5), status="draft")

    assert as_person("referent_a").get(url("event_registration", draft)).status_code == 404


@pytest.mark.parametrize("name", ["referent_a", "netop_a", "analyst", "committee", "operator"])
def test_only_the_department_reads_the_participants(seminar, as_person, name):
    client = as_person(name)

    assert client.get(url("event_participants", seminar)).status_code == 403
    assert client.get(url("event_participants_export", seminar)).status_code == 403
    assert client.get(url("event_documents", seminar)).status_code == 403
    assert client.get(url("event_settings", seminar)).status_code == 403


def test_the_department_reads_the_participants_and_exports_them(seminar, people, as_person):
    event_register(
        actor=people.referent_a, event=seminar, mode="online", accessibility_needs="Interprete LIS"
    )
    client = as_person("admin")

    page = client.get(url("event_participants", seminar)).content.decode()
    export = client.get(url("event_participants_export", seminar))

    assert "Anna Alfieri" in page and "Interprete LIS" in page and "ATR-AL" in page
    assert export["Content-Type"].startswith("text/csv")
    rows = export.content.decode().splitlines()
    assert rows[0].startswith("last_name,first_name,email")
    assert rows[1].startswith(
        "Alfieri,Anna,referent_a@example.org,Associazione Aurora,ATR-AL,online"
    )
    reads = AuditEntry.objects.filter(action=AuditAction.EVENT_PARTICIPANTS_READ)
    assert sorted(e.details["format"] for e in reads) == ["csv", "html"]


def test_the_settings_refuse_a_deadline_after_the_start_keeping_the_input(seminar, as_person):
    late = (seminar.starts_at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = as_person("admin").post(
        url("event_settings", seminar), {"is_open": "on", "capacity": "40", "deadline": late}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-deadline"' in page and 'value="40"' in page
    assert RegistrationSettings.objects.get(event=seminar).capacity == 2


def test_the_department_opens_the_registration(as_person):
    event = event_make("nuovo", starts_in=timedelta(days=30))

    response = as_person("admin").post(
        url("event_settings", event), {"is_open": "on", "capacity": ""}
    )

    assert response.status_code == 302
    settings = RegistrationSettings.objects.get(event=event)
    assert settings.is_open and settings.capacity is None


def test_the_public_event_page_lists_the_documents_and_no_participant(
    past_meeting, people, client, as_person
):
    public = reverse("portal:event", kwargs={"slug": past_meeting.slug})
    Registration.objects.create(
        event=past_meeting,
        user=people.referent_a,
        mode="in_person",
        accessibility_needs="Sedia a rotelle",
        registered_at=past_meeting.starts_at - timedelta(days=3),
    )
    before = client.get(public).content.decode()  # now in the public pages' cache
    assert 'data-testid="event-documents"' not in before

    response = as_person("admin").post(
        url("event_documents", past_meeting),
        {"title": "Verbale dell'incontro", "file": pdf_upload()},
    )
    assert response.status_code == 302
    client.logout()
    after = client.get(public).content.decode()

    assert 'data-testid="event-documents"' in after
    assert "Verbale dell&#x27;incontro" in after
    for private in ("Alfieri", "referent_a", "Sedia a rotelle", "Aurora"):
        assert private not in after


def test_a_document_of_a_refused_type_keeps_the_title(past_meeting, as_person):
    text = SimpleUploadedFile("verbale.txt", b"testo", content_type="text/plain")

    response = as_person("admin").post(
        url("event_documents", past_meeting), {"title": "Verbale", "file": text}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-file"' in page and 'value="Verbale"' in page
