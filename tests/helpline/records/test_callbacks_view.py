"""The call-back task list: numbers hidden until asked for (and audited), done erases."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Callback
from rete.helpline.contacts.services import callback_create, callback_done
from tests.helpline.records.conftest import BOLOGNA, signed_in

pytestmark = pytest.mark.django_db

URL = "/console/registro/richiamate/"
NUMBER = "+39 333 1234567"
SHOWN = "333 123 4567"
HTMX = {"HX-Request": "true"}


def callback_for(contact, operator, *, in_hours: float = 1) -> Callback:
    return callback_create(
        contact=contact,
        actor=operator,
        number=NUMBER,
        consent=True,
        due_at=timezone.now() + timedelta(hours=in_hours),
    )


@pytest.fixture
def callback(make_contact, olga) -> Callback:
    return callback_for(make_contact(olga), olga)


def test_it_sends_an_anonymous_visitor_to_sign_in(client, callback) -> None:
    assert client.get(URL)["Location"].startswith("/accesso/")
    assert client.post(f"{URL}{callback.pk}/numero/")["Location"].startswith("/accesso/")
    assert client.post(f"{URL}{callback.pk}/fatta/")["Location"].startswith("/accesso/")
    assert Callback.objects.get(pk=callback.pk).number is not None


def test_it_refuses_a_user_without_a_helpline_role(as_dora, callback) -> None:
    assert as_dora.get(URL).status_code == 403
    assert as_dora.post(f"{URL}{callback.pk}/numero/").status_code == 403
    assert as_dora.post(f"{URL}{callback.pk}/fatta/").status_code == 403
    assert Callback.objects.get(pk=callback.pk).number is not None
    assert not AuditEntry.objects.filter(action="callback.read").exists()


def test_it_lists_pending_callbacks_most_urgent_first_numbers_hidden(
    make_contact, olga, ornella, as_sara
) -> None:
    later = callback_for(make_contact(olga), olga, in_hours=3)
    overdue = callback_for(make_contact(ornella, comune=BOLOGNA), ornella, in_hours=-1)
    done = callback_for(make_contact(olga), olga, in_hours=2)
    callback_done(callback=done, actor=olga)

    response = as_sara.get(URL)

    html = response.content.decode()
    assert html.count('data-testid="callback-row"') == 2
    assert html.index(f'data-callback="{overdue.pk}"') < html.index(f'data-callback="{later.pk}"')
    assert "Bologna (BO)" in html and "Ornella Riva" in html
    assert html.count("Overdue</span>") == 1
    assert SHOWN not in html and "3331234567" not in html
    assert not AuditEntry.objects.filter(action="callback.read").exists()


def test_an_operator_sees_every_callback_but_opens_only_her_own_contacts(
    make_contact, olga, ornella, as_olga
) -> None:
    mine = make_contact(olga)
    hers = make_contact(ornella)
    callback_for(mine, olga)
    callback_for(hers, ornella)

    html = as_olga.get(URL).content.decode()

    assert html.count('data-testid="callback-row"') == 2
    assert f"/console/registro/{mine.public_id}/" in html
    assert f"/console/registro/{hers.public_id}/" not in html


def test_show_number_returns_the_formatted_number_and_is_audited(callback, ornella) -> None:
    response = signed_in(ornella).post(f"{URL}{callback.pk}/numero/", headers=HTMX)

    assert response.status_code == 200
    assert SHOWN in response.content.decode()
    assert "<html" not in response.content.decode()
    entry = AuditEntry.objects.get(action="callback.read")
    assert (entry.actor, entry.target_type, entry.target_id) == (
        ornella,
        "helpline.callback",
        str(callback.pk),
    )
    assert entry.details == {"contact_id": callback.contact_id}
    assert "333" not in str(entry.details)


def test_show_number_without_javascript_shows_the_whole_list(callback, as_sara) -> None:
    response = as_sara.post(f"{URL}{callback.pk}/numero/")

    html = response.content.decode()
    assert "<html" in html and SHOWN in html
    assert AuditEntry.objects.filter(action="callback.read").count() == 1


def test_show_number_is_post_only(callback, as_sara) -> None:
    assert as_sara.get(f"{URL}{callback.pk}/numero/").status_code == 405
    assert not AuditEntry.objects.filter(action="callback.read").exists()


def test_no_number_of_a_done_or_expired_callback(make_contact, olga, as_sara) -> None:
    done = callback_for(make_contact(olga), olga)
    callback_done(callback=done, actor=olga)
    expired = callback_for(make_contact(olga), olga, in_hours=-24 * 4)  # past its expiry

    assert as_sara.post(f"{URL}{done.pk}/numero/").status_code == 404
    assert as_sara.post(f"{URL}{expired.pk}/numero/").status_code == 404
    assert as_sara.post(f"{URL}999999/numero/").status_code == 404
    assert not AuditEntry.objects.filter(action="callback.read").exists()


def test_done_erases_the_number_and_the_item_leaves_the_list(callback, ornella) -> None:
    client = signed_in(ornella)

    response = client.post(f"{URL}{callback.pk}/fatta/", follow=True)

    stored = Callback.objects.get(pk=callback.pk)
    assert stored.number is None and stored.done_at is not None
    html = response.content.decode()
    assert "Call-back done: the number has been erased." in html
    assert 'data-testid="callback-row"' not in html
    assert AuditEntry.objects.filter(action="callback.done", actor=ornella).count() == 1


def test_done_through_htmx_answers_a_status_message(callback, as_sara) -> None:
    response = as_sara.post(f"{URL}{callback.pk}/fatta/", headers=HTMX)

    html = response.content.decode()
    assert 'hx-swap-oob="innerHTML:#callbacks-status"' in html
    assert "the number has been erased" in html
    assert Callback.objects.get(pk=callback.pk).number is None


def test_done_twice_says_so_and_changes_nothing(callback, as_sara) -> None:
    as_sara.post(f"{URL}{callback.pk}/fatta/")

    response = as_sara.post(f"{URL}{callback.pk}/fatta/", follow=True)

    assert "already done or expired" in response.content.decode()
    assert AuditEntry.objects.filter(action="callback.done").count() == 1


def test_the_contact_record_shows_its_callback_list(callback, as_olga) -> None:
    html = as_olga.get(f"/console/registro/{callback.contact.public_id}/").content.decode()

    assert 'href="/console/registro/richiamate/"' in html
    assert SHOWN not in html
