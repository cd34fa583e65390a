"""With REDIS_URL (production), the board travels through the Redis channel layer, which
every ASGI process shares. Runs only where Redis is configured."""

import os
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from rete.helpline.board.broadcast import board_broadcast
from rete.helpline.board.consumers import BoardConsumer
from rete.helpline.contacts.services import contact_start

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set"),
]


@pytest.fixture(autouse=True)
def _redis_layer(settings) -> None:
    # A prefix of this test's own: other runs may share the Redis server.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"rete-test-{uuid.uuid4().hex}"},
        }
    }


@pytest.fixture(autouse=True)
def _connections_stay_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """See test_board_socket.py: the test's transaction keeps its connection."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


def test_a_change_reaches_the_board_through_redis(sara, olga) -> None:
    def start_contact_and_broadcast() -> None:
        contact_start(operator=olga, channel="phone", language="it")
        board_broadcast()  # what the commit of the contact triggers

    async def scenario() -> dict:
        communicator = WebsocketCommunicator(BoardConsumer.as_asgi(), "/ws/supervisione/")
        communicator.scope["user"] = sara
        connected, _ = await communicator.connect()
        assert connected
        await communicator.receive_json_from()
        await database_sync_to_async(start_contact_and_broadcast)()
        pushed = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return pushed

    assert "Olga Russo" in async_to_sync(scenario)()["html"]
