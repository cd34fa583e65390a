"""Through the whole ASGI application (rete.config.asgi): the board's WebSocket knows the
supervisor from her session cookie, and trusts only pages of our own hosts."""

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings

from rete.config.asgi import application

pytestmark = pytest.mark.django_db

PATH = "/ws/supervisione/"


@pytest.fixture(autouse=True)
def _connections_stay_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """See test_board_socket.py: the test's transaction keeps its connection."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


def session_cookie(client: Any, user: Any) -> str:
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def handshake(*, cookie: str = "", origin: str = "http://127.0.0.1:8000") -> bool:
    headers = [(b"origin", origin.encode()), (b"host", b"127.0.0.1:8000")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))

    async def scenario() -> bool:
        communicator = WebsocketCommunicator(application, PATH, headers=headers)
        connected, _ = await communicator.connect()
        if connected:
            await communicator.receive_json_from()
        await communicator.disconnect()
        return connected

    return async_to_sync(scenario)()


def test_it_lets_in_a_supervisor_signed_in_on_the_site(client, sara) -> None:
    assert handshake(cookie=session_cookie(client, sara))


def test_it_refuses_an_operator_signed_in_on_the_site(client, olga) -> None:
    assert not handshake(cookie=session_cookie(client, olga))


def test_it_refuses_a_visitor_without_a_session(db) -> None:
    assert not handshake()


def test_it_refuses_a_page_of_another_site(client, sara) -> None:
    assert not handshake(cookie=session_cookie(client, sara), origin="https://evil.example")
