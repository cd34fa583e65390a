"""One contact record: opened only through the access helper, shown as it was."""

import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Contact
from rete.helpline.contacts.services import (
    callback_create,
    callback_done,
    contact_close,
    contact_emergency_mark,
    contact_notes_set,
    contact_record_transfer_attempt,
)
from tests.helpline.records.conftest import BARI, VALID, WEDNESDAY, signed_in

pytestmark = pytest.mark.django_db

NUMBER = "+39 333 1234567"


def url(contact: Contact) -> str:
    return f"/console/registro/{contact.public_id}/"


def text(response) -> str:
    """The page's text with tags dropped and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def full_record(make_contact, olga) -> Contact:
    """Olga's emergency call from Bari: two transfer attempts, the whole emergency
    procedure, classified, with notes and a call-back; still in progress."""
    contact = make_contact(olga, comune=BARI, answers=VALID)
    contact_record_transfer_attempt(
        contact=contact,
        actor=olga,
        service_id="svc-giraffa",
        outcome="busy",
        at=WEDNESDAY + timedelta(seconds=5, microseconds=400_000),
    )
    contact_record_transfer_attempt(
        contact=contact,
        actor=olga,
        service_id="svc-giraffa",
        outcome="answered",
        at=WEDNESDAY + timedelta(seconds=47),
    )
    start = WEDNESDAY + timedelta(minutes=2, seconds=3)
    contact_emergency_mark(contact=contact, actor=olga, step="started", at=start)
    contact_emergency_mark(
        contact=contact, actor=olga, step="police_activated", at=start + timedelta(seconds=41)
    )
    contact_emergency_mark(
        contact=contact, actor=olga, step="handed_over", at=start + timedelta(minutes=3, seconds=9)
    )
    contact_emergency_mark(
        contact=contact,
        actor=olga,
        step="outcome",
        at=start + timedelta(minutes=4),
        outcome="police_on_site",
    )
    contact_notes_set(contact=contact, actor=olga, notes="Ha paura di tornare a casa.")
    callback_create(
        contact=contact,
        actor=olga,
        number=NUMBER,
        consent=True,
        due_at=timezone.now() + timedelta(hours=1),
    )
    return contact


def test_it_sends_an_anonymous_visitor_to_sign_in(client, full_record) -> None:
    response = client.get(url(full_record))

    assert response.status_code == 302 and response["Location"].startswith("/accesso/")
    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_it_refuses_a_user_without_a_helpline_role(as_dora, full_record) -> None:
    assert as_dora.get(url(full_record)).status_code == 403
    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_a_supervisor_reading_a_record_writes_exactly_one_audit_entry(
    as_sara, sara, full_record
) -> None:
    response = as_sara.get(url(full_record))

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="contact.read")
    assert (entry.actor, entry.target_type, entry.target_id) == (
        sara,
        "helpline.contact",
        str(full_record.pk),
    )
    assert entry.ip_address == "127.0.0.1"
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_shows_the_record_as_it_was(as_sara, full_record) -> None:
    page = text(as_sara.get(url(full_record)))

    # The decision as stored: mode, instant asked, territory, target with its phone.
    assert "Direct transfer" in page
    assert "25/11/2026 10:30:00" in page
    assert "Provincia di Bari (ATR-BA)" in page
    assert "Centro antiviolenza GIRAFFA · 080 574 1461 · open" in page
    # Transfer attempts in order, to the second.
    assert re.search(
        r"1 25/11/2026 10:30:05 Centro antiviolenza GIRAFFA 080 574 1461 Busy "
        r"2 25/11/2026 10:30:47 Centro antiviolenza GIRAFFA 080 574 1461 Answered",
        page,
    )
    # The emergency instants, to the second.
    assert "Started 25/11/2026 10:32:03" in page
    assert "Police activated 25/11/2026 10:32:44" in page
    assert "Handed over 25/11/2026 10:35:12" in page
    assert "Police on site, 25/11/2026 10:36:03" in page
    # Classification with its version's labels.
    assert "Classified with version 1 of the lists." in page
    assert "Contact validity Valid" in page and "Caller Victim" in page
    # The decrypted notes; the call-back's status, never its number.
    assert "Ha paura di tornare a casa." in page
    assert ": To do" in page
    assert "333" not in page


def test_it_shows_the_outcome_label_and_done_callbacks(make_contact, olga, as_sara) -> None:
    contact = make_contact(olga, answers=VALID)
    callback = callback_create(
        contact=contact, actor=olga, number=NUMBER, consent=True, due_at=timezone.now()
    )
    callback_done(callback=callback, actor=olga)
    contact_close(contact=contact, actor=olga, outcome="information_given")

    page = text(as_sara.get(url(contact)))

    assert ": Done" in page
    assert "Outcome Information given" in page
    assert "Ended " in page and "Status Closed" in page


def test_an_operator_opens_her_own_contact(as_olga, olga, full_record) -> None:
    assert as_olga.get(url(full_record)).status_code == 200
    assert AuditEntry.objects.filter(action="contact.read", actor=olga).count() == 1


def test_another_operator_gets_404_and_no_audit_entry(ornella, full_record) -> None:
    response = signed_in(ornella).get(url(full_record))

    assert response.status_code == 404
    assert "Ha paura" not in response.content.decode()
    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_an_unknown_contact_is_404(as_sara) -> None:
    assert as_sara.get(f"/console/registro/{uuid.uuid4()}/").status_code == 404
    assert not AuditEntry.objects.filter(action="contact.read").exists()


def test_a_supervisor_is_offered_to_take_over_a_contact_in_progress(as_sara, full_record):
    html = as_sara.get(url(full_record)).content.decode()

    assert "Take over" in html
    assert "handled by Olga Lupo" in html


def test_the_writer_of_a_contact_in_progress_is_led_back_to_the_console(as_olga, full_record):
    html = as_olga.get(url(full_record)).content.decode()

    assert f'href="/console/contatto/{full_record.public_id}/"' in html


def test_nobody_is_offered_to_take_over_a_closed_contact_or_her_own(
    make_contact, olga, as_olga, as_sara, full_record
) -> None:
    closed = make_contact(olga, answers=VALID, outcome="information_given")

    assert "Take over" not in as_sara.get(url(closed)).content.decode()
    assert "Take over" not in as_olga.get(url(full_record)).content.decode()


def test_take_over_makes_the_supervisor_the_writer_and_opens_the_console(
    as_sara, sara, full_record
) -> None:
    response = as_sara.post(f"{url(full_record)}subentro/")

    assert response.status_code == 302
    assert response["Location"] == f"/console/contatto/{full_record.public_id}/"
    full_record.refresh_from_db()
    assert full_record.locked_by == sara
    assert AuditEntry.objects.filter(action="contact.take_over", actor=sara).count() == 1


def test_take_over_of_a_closed_contact_is_refused_with_a_message(make_contact, olga, as_sara):
    closed = make_contact(olga, answers=VALID, outcome="information_given")

    response = as_sara.post(f"{url(closed)}subentro/", follow=True)

    assert "This contact is closed" in response.content.decode()
    closed.refresh_from_db()
    assert closed.locked_by is None
    assert not AuditEntry.objects.filter(action="contact.take_over").exists()


def test_operators_cannot_take_over(as_olga, ornella, make_contact) -> None:
    ornellas = make_contact(ornella)

    assert as_olga.post(f"{url(ornellas)}subentro/").status_code == 403
    assert as_olga.get(f"{url(ornellas)}subentro/").status_code == 403
    ornellas.refresh_from_db()
    assert ornellas.locked_by == ornella


def test_take_over_is_post_only(as_sara, full_record) -> None:
    assert as_sara.get(f"{url(full_record)}subentro/").status_code == 405
