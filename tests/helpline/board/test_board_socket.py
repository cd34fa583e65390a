"""The board's WebSocket: a supervisor gets the board on connecting and again after every
committed change; anybody else is refused at the handshake."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from rete.helpline.board.consumers import BoardConsumer
from rete.helpline.contacts.services import contact_emergency_mark, contact_route, contact_start
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

PATH = "/ws/supervisione/"
AT = datetime.fromisoformat(WEDNESDAY_MORNING)


def run(scenario: Callable[[], Awaitable[Any]]) -> Any:
    return async_to_sync(scenario)()


@pytest.fixture(autouse=True)
def _connections_stay_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Channels closes, around each database call of a consumer, a connection left outside
    autocommit, which is what the test's own transaction looks like; the connection is the
    test's, and the test keeps it."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


def communicator_for(user: Any, **headers: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(
        BoardConsumer.as_asgi(),
        PATH,
        headers=[(name.encode(), value.encode()) for name, value in headers.items()],
    )
    communicator.scope["user"] = user
    return communicator


def test_it_sends_the_board_to_a_supervisor_when_connecting(sara, olga) -> None:
    contact_start(operator=olga, channel="phone", language="it")

    async def scenario() -> dict:
        communicator = communicator_for(sara)
        connected, _ = await communicator.connect()
        assert connected
        message = await communicator.receive_json_from()
        await communicator.disconnect()
        return message

    message = run(scenario)

    assert message["type"] == "board"
    assert "Olga Russo" in message["html"]
    assert "data-board-content" in message["html"]


@pytest.mark.parametrize("who", ["olga", "dora", "anonymous"])
def test_it_refuses_anybody_but_a_supervisor(request, who) -> None:
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)

    async def scenario() -> bool:
        communicator = communicator_for(user)
        connected, _ = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert run(scenario) is False


def test_it_pushes_the_board_when_a_contact_starts(
    sara, olga, django_capture_on_commit_callbacks
) -> None:
    def start_contact() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            contact_start(operator=olga, channel="chat", language="it")

    async def scenario() -> tuple[dict, dict]:
        communicator = communicator_for(sara)
        await communicator.connect()
        before = await communicator.receive_json_from()
        await database_sync_to_async(start_contact)()
        after = await communicator.receive_json_from(timeout=2)
        await communicator.disconnect()
        return before, after

    before, after = run(scenario)

    assert "Olga Russo" not in before["html"]
    assert "Olga Russo" in after["html"]


def test_it_pushes_once_for_a_write_that_saves_several_rows(
    sara, olga, django_capture_on_commit_callbacks
) -> None:
    contact = contact_start(operator=olga, channel="phone", language="it").contact

    def start_emergency() -> None:
        # The emergency record and the contact: one transaction, one push.
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            contact_emergency_mark(contact=contact, actor=olga, step="started")
        assert len(callbacks) == 1

    async def scenario() -> tuple[dict, bool]:
        communicator = communicator_for(sara)
        await communicator.connect()
        await communicator.receive_json_from()
        await database_sync_to_async(start_emergency)()
        pushed = await communicator.receive_json_from(timeout=2)
        nothing_more = await communicator.receive_nothing(timeout=0.2)
        await communicator.disconnect()
        return pushed, nothing_more

    pushed, nothing_more = run(scenario)

    assert f'data-emergency="{contact.public_id}"' in pushed["html"]
    assert nothing_more


def test_it_pushes_nothing_for_a_change_rolled_back(
    sara, olga, django_capture_on_commit_callbacks
) -> None:
    def start_and_roll_back() -> None:
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            transaction.atomic(),
        ):
            contact_start(operator=olga, channel="phone", language="it")
            transaction.set_rollback(True)
        assert callbacks == []

    async def scenario() -> bool:
        communicator = communicator_for(sara)
        await communicator.connect()
        await communicator.receive_json_from()
        await database_sync_to_async(start_and_roll_back)()
        nothing = await communicator.receive_nothing(timeout=0.2)
        await communicator.disconnect()
        return nothing

    assert run(scenario)


def test_it_speaks_the_language_of_the_page(sara, olga, network) -> None:
    contact = contact_start(operator=olga, channel="phone", language="it").contact
    contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)

    async def first_board(**headers: str) -> str:
        communicator = communicator_for(sara, **headers)
        await communicator.connect()
        message = await communicator.receive_json_from()
        await communicator.disconnect()
        return message["html"]

    async def italian() -> str:
        return await first_board(**{"accept-language": "it-IT,it;q=0.9"})

    async def english() -> str:
        return await first_board(**{"accept-language": "en-GB,en;q=0.9"})

    assert "Trasferimento diretto" in run(italian)
    assert "Direct transfer" in run(english)


def test_it_pushes_each_board_in_the_language_of_its_page(
    sara, olga, network, django_capture_on_commit_callbacks
) -> None:
    def route_contact() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            contact = contact_start(operator=olga, channel="phone", language="it").contact
            contact_route(contact=contact, actor=olga, comune_code=MOLA, at=AT)

    async def scenario() -> tuple[str, str]:
        italian = communicator_for(sara, **{"accept-language": "it"})
        english = communicator_for(sara, **{"accept-language": "en"})
        for communicator in (italian, english):
            await communicator.connect()
            await communicator.receive_json_from()
        await database_sync_to_async(route_contact)()
        pushed = (
            (await italian.receive_json_from(timeout=2))["html"],
            (await english.receive_json_from(timeout=2))["html"],
        )
        for communicator in (italian, english):
            await communicator.disconnect()
        return pushed

    italian, english = run(scenario)

    assert "Trasferimento diretto" in italian
    assert "Direct transfer" in english
