"""The console's screens over HTTP: who may open them, and each step of a contact."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Contact, ContactStatus, EmergencyRecord
from rete.helpline.contacts.services import contact_start, nuisance_flag_create
from tests.helpline.console.conftest import (
    CEFALU,
    MOLA,
    THURSDAY_1030,
    WEDNESDAY_1030,
    signed_in,
)

pytestmark = pytest.mark.django_db


def start(client, **extra) -> Contact:
    data = {"channel": "phone", "language": "it", "idempotency_key": str(uuid.uuid4())}
    data.update(extra)
    response = client.post(reverse("console:start"), data)
    assert response.status_code == 302, response.content
    public_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return Contact.objects.get(public_id=public_id)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("console:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_department_admin_has_no_console(dora):
    assert signed_in(dora).get(reverse("console:home")).status_code == 403


def test_operator_home_offers_a_new_contact(olga):
    response = signed_in(olga).get(reverse("console:home"))
    assert response.status_code == 200
    assert b'name="caller_number"' in response.content


def test_a_double_submission_makes_one_contact(olga):
    client = signed_in(olga)
    key = str(uuid.uuid4())
    data = {"channel": "phone", "language": "it", "idempotency_key": key}
    first = client.post(reverse("console:start"), data)
    second = client.post(reverse("console:start"), data)
    assert first["Location"] == second["Location"]
    assert Contact.objects.count() == 1


def test_bad_start_input_is_refused_and_writes_nothing(olga):
    response = signed_in(olga).post(
        reverse("console:start"),
        {"channel": "fax", "language": "it", "idempotency_key": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert Contact.objects.count() == 0


def test_opening_the_screen_is_an_audited_read(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    reads = AuditEntry.objects.filter(action="contact.read", target_id=str(contact.pk))
    assert reads.count() == 0
    response = client.get(reverse("console:contact", kwargs={"public_id": contact.public_id}))
    assert response.status_code == 200
    assert reads.count() == 1


def test_another_operator_cannot_open_or_change_the_contact(olga, ornella, demo_network):
    contact = start(signed_in(olga))
    other = signed_in(ornella)
    url = reverse("console:contact", kwargs={"public_id": contact.public_id})
    assert other.get(url).status_code == 404
    route = reverse("console:route", kwargs={"public_id": contact.public_id})
    assert other.post(route, {"comune": MOLA}).status_code == 403
    contact.refresh_from_db()
    assert contact.decision is None


def test_comune_then_transfer_answered(olga, demo_network, set_clock):
    set_clock(WEDNESDAY_1030)
    client = signed_in(olga)
    contact = start(client)
    response = client.post(
        reverse("console:route", kwargs={"public_id": contact.public_id}), {"comune": MOLA}
    )
    html = response.content.decode()
    assert 'data-mode="transfer"' in html
    assert "Centro antiviolenza GIRAFFA" in html
    assert "080 574 1461" in html
    assert "lunedì, mercoledì e venerdì 9:00–13:00" in html
    response = client.post(
        reverse("console:transfer", kwargs={"public_id": contact.public_id}),
        {"service_id": "svc-giraffa", "outcome": "answered"},
    )
    assert 'data-testid="transfer-done"' in response.content.decode()
    assert contact.transfer_attempts.get().outcome == "answered"


def test_out_of_hours_names_the_next_opening(olga, demo_network, set_clock):
    set_clock(THURSDAY_1030)
    client = signed_in(olga)
    contact = start(client)
    html = client.post(
        reverse("console:route", kwargs={"public_id": contact.public_id}), {"comune": MOLA}
    ).content.decode()
    assert 'data-mode="out_of_hours"' in html
    script = re.search(r'data-testid="script">.*?<p[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "GIRAFFA" in script
    assert "domani" in script and "9:00" in script
    assert "richiamarla" in script


def test_unknown_comune_is_refused_clearly(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    response = client.post(
        reverse("console:route", kwargs={"public_id": contact.public_id}), {"comune": "999999"}
    )
    assert "Comune sconosciuto" in response.content.decode()
    contact.refresh_from_db()
    assert contact.decision is None


def test_orientation_outside_the_network(olga, demo_network, set_clock):
    set_clock(WEDNESDAY_1030)
    client = signed_in(olga)
    contact = start(client)
    html = client.post(
        reverse("console:route", kwargs={"public_id": contact.public_id}), {"comune": CEFALU}
    ).content.decode()
    assert 'data-mode="orientation"' in html
    assert 'data-testid="transfer-next"' not in html


def test_emergency_steps_are_kept_to_the_microsecond(olga, demo_network, set_clock):
    set_clock(WEDNESDAY_1030)
    client = signed_in(olga)
    contact = start(client)
    kwargs = {"public_id": contact.public_id}
    client.post(reverse("console:route", kwargs=kwargs), {"comune": MOLA})
    html = client.post(reverse("console:emergency", kwargs=kwargs), {"step": "started"})
    html = html.content.decode()
    assert "Questura di Bari" in html or "113" in html
    assert 'data-mode="emergency"' in html  # the decision part follows, out of band
    client.post(reverse("console:emergency", kwargs=kwargs), {"step": "police_activated"})
    client.post(reverse("console:emergency", kwargs=kwargs), {"step": "handed_over"})
    response = client.post(
        reverse("console:emergency", kwargs=kwargs), {"step": "outcome", "outcome": ""}
    )
    assert "Scegli" in response.content.decode() or response.status_code == 200
    client.post(
        reverse("console:emergency", kwargs=kwargs),
        {"step": "outcome", "outcome": "handed_over"},
    )
    record = EmergencyRecord.objects.get(contact=contact)
    assert record.started_at < record.police_activated_at < record.handed_over_at
    assert record.handed_over_at < record.outcome_at
    assert record.police_activated_at.microsecond != 0 or record.handed_over_at.microsecond != 0


def test_emergency_before_the_comune_shows_112(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    html = client.post(
        reverse("console:emergency", kwargs={"public_id": contact.public_id}), {"step": "started"}
    ).content.decode()
    assert 'href="tel:112"' in html


def test_classification_for_a_victim(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    response = client.post(
        reverse("console:classify", kwargs={"public_id": contact.public_id}),
        {
            "validity": "valid",
            "caller_type": "victim",
            "reason": "help_request",
            "violence_type": ["physical", "psychological"],
        },
    )
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.classification["violence_type"] == ["psychological", "physical"]
    assert contact.classification_version_id is not None


def test_bad_classification_changes_nothing(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    response = client.post(
        reverse("console:classify", kwargs={"public_id": contact.public_id}),
        {"validity": "nuisance", "caller_type": "victim"},
    )
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.classification == {}


def test_callback_needs_consent(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    url = reverse("console:callback", kwargs={"public_id": contact.public_id})
    data = {"number": "+39 333 1234567", "due_at": "2030-01-02T09:00"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert contact.callbacks.count() == 0
    response = client.post(url, {**data, "consent": "on"})
    assert response.status_code == 200
    assert contact.callbacks.count() == 1


def test_a_flagged_number_shows_a_warning_never_a_block(olga, ornella, demo_network):
    nuisance_flag_create(number="+39 333 7654321", actor=ornella, reason="prank", days=30)
    client = signed_in(olga)
    contact = start(client, caller_number="333 765 4321")
    html = client.get(
        reverse("console:contact", kwargs={"public_id": contact.public_id})
    ).content.decode()
    assert 'data-testid="nuisance-warning"' in html
    assert "3337654321" not in html.replace(" ", "")


def test_landline_prefix_suggests_the_comune(olga, demo_network):
    client = signed_in(olga)
    contact = start(client, caller_number="080 5551234")
    html = client.get(
        reverse("console:contact", kwargs={"public_id": contact.public_id})
    ).content.decode()
    assert 'data-testid="comune-suggestion"' in html
    assert "Bari (BA)" in html


def test_close_releases_the_contact(olga, demo_network):
    client = signed_in(olga)
    contact = start(client)
    url = reverse("console:close", kwargs={"public_id": contact.public_id})
    assert client.post(url, {"outcome": ""}).status_code == 400
    response = client.post(url, {"outcome": "information_given"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("console:home")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert contact.locked_by is None


def test_a_supervisor_reads_but_cannot_write_an_operators_contact(olga, sara, demo_network):
    contact = contact_start(operator=olga, channel="phone", language="it").contact
    client = signed_in(sara)
    html = client.get(
        reverse("console:contact", kwargs={"public_id": contact.public_id})
    ).content.decode()
    assert "take-over" in html.lower() or "Prendi in carico" in html
    route = reverse("console:route", kwargs={"public_id": contact.public_id})
    assert client.post(route, {"comune": MOLA}).status_code == 403
