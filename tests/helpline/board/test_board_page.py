"""The board page: for supervisors only, complete as served (no JavaScript needed to read
it), with the script that keeps it live."""

import re
from datetime import datetime

import pytest
from django.urls import reverse

from rete.helpline.contacts.services import (
    contact_classify,
    contact_emergency_mark,
    contact_notes_set,
    contact_record_transfer_attempt,
    contact_route,
    contact_start,
)
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat(WEDNESDAY_MORNING)
URL = "/console/supervisione/"


def test_the_address_is_the_board(db) -> None:
    assert reverse("board:home") == URL


def test_it_sends_an_anonymous_visitor_to_sign_in(client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


@pytest.mark.parametrize("who", ["olga", "dora"])
def test_it_refuses_anybody_but_a_supervisor(client, request, who) -> None:
    client.force_login(request.getfixturevalue(who))

    response = client.get(URL)

    assert response.status_code == 403


def test_it_shows_the_board_to_a_supervisor(client, sara, olga, ornella, network) -> None:
    routed = contact_start(operator=olga, channel="phone", language="it").contact
    contact_route(contact=routed, actor=olga, comune_code=MOLA, at=AT)
    urgent = contact_start(operator=ornella, channel="chat", language="it").contact
    contact_emergency_mark(contact=urgent, actor=ornella, step="started")
    client.force_login(sara)

    response = client.get(URL, headers={"accept-language": "en"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Olga Russo" in page
    assert "Provincia di Bari" in page
    assert "Mola di Bari" in page
    assert "Direct transfer" in page
    assert "Not routed yet" in page
    assert f'data-emergency="{urgent.public_id}"' in page
    assert 'data-socket-path="/ws/supervisione/"' in page
    assert "/static/rete/js/board.js" in page
    assert "no-cache" in response["Cache-Control"]


def test_it_shows_todays_transfer_attempts_per_territory(client, sara, olga, network) -> None:
    contact = contact_start(operator=olga, channel="phone", language="it").contact
    contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)
    for service_id, outcome in (("svc-giraffa", "no_answer"), ("svc-cav-mola", "answered")):
        contact_record_transfer_attempt(
            contact=contact, actor=olga, service_id=service_id, outcome=outcome
        )
    client.force_login(sara)

    response = client.get(URL, headers={"accept-language": "en"})

    page = response.content.decode()
    table = page[page.index('data-testid="board-transfers"') :]
    start = table.index("Provincia di Bari")
    row = table[start : table.index("</tr>", start)]
    assert [cell.strip() for cell in re.findall(r"<td[^>]*>([^<]*)</td>", row)] == [
        "2",
        "1",
        "50%",
    ]


def test_it_says_so_when_the_shift_is_quiet(client, sara) -> None:
    client.force_login(sara)

    response = client.get(URL, headers={"accept-language": "en"})

    page = response.content.decode()
    assert "No contacts in progress." in page
    assert "No transfer attempts today." in page


def test_it_shows_nothing_about_the_caller(client, sara, olga, network) -> None:
    contact = contact_start(operator=olga, channel="phone", language="it").contact
    contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)
    contact_notes_set(contact=contact, actor=olga, notes="Marito violento, via Roma 12")
    contact_classify(
        contact=contact,
        actor=olga,
        answers={
            "validity": "valid",
            "caller_type": "victim",
            "reason": "help_request",
            "violence_type": ["physical"],
        },
    )
    client.force_login(sara)

    page = client.get(URL).content.decode()

    assert "Olga Russo" in page
    assert "Marito violento" not in page
    assert "via Roma" not in page
    assert "physical" not in page
    assert "victim" not in page
    assert "help_request" not in page


def test_it_refuses_a_post(client, sara) -> None:
    client.force_login(sara)

    assert client.post(URL).status_code == 405
