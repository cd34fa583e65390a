"""The board's WebSocket: a signed-in supervisor receives the board when connecting and
again after every change. Anybody else is refused at the handshake.

Messages to the browser are JSON: {"type": "board", "html": "<the board region>"}. The
board is read-only: whatever the browser sends is ignored.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from rete.accounts.roles import HELPLINE_SUPERVISOR
from rete.helpline.board.broadcast import BOARD_GROUP, board_render
from rete.helpline.board.selectors import board_state
from rete.helpline.contacts.selectors import user_helpline_role


def scope_language(scope: dict[str, Any]) -> str:
    """The language the board page was served in: Django's choice from the language cookie
    and the Accept-Language header that the handshake carries like any request."""
    headers = dict(scope.get("headers") or [])
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    request = SimpleNamespace(
        COOKIES=scope.get("cookies") or {}, META={"HTTP_ACCEPT_LANGUAGE": accept}
    )
    try:
        return translation.get_language_from_request(request)  # type: ignore[arg-type]
    except LookupError:
        return settings.LANGUAGE_CODE


def _is_supervisor(user: Any) -> bool:
    return user_helpline_role(user) == HELPLINE_SUPERVISOR


def _current_board(language: str) -> str:
    return board_render(board_state(), language=language)


class BoardConsumer(AsyncWebsocketConsumer):
    joined = False
    language = settings.LANGUAGE_CODE

    async def connect(self) -> None:
        if not await database_sync_to_async(_is_supervisor)(self.scope.get("user")):
            await self.close()
            return
        self.language = scope_language(self.scope)
        await self.channel_layer.group_add(BOARD_GROUP, self.channel_name)
        self.joined = True
        await self.accept()
        # The board as it is now: the page may be old, or this is a reconnection after
        # changes that were missed.
        html = await database_sync_to_async(_current_board)(self.language)
        await self._send_board(html)

    async def disconnect(self, code: int) -> None:
        if self.joined:
            await self.channel_layer.group_discard(BOARD_GROUP, self.channel_name)
            self.joined = False

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """The board is read-only."""

    async def board_update(self, event: dict[str, Any]) -> None:
        """A change was broadcast (rete.helpline.board.broadcast): forward the board in the
        language of this connection."""
        rendered: dict[str, str] = event["html"]
        html = rendered.get(self.language) or rendered.get(settings.LANGUAGE_CODE)
        if html is not None:
            await self._send_board(html)

    async def _send_board(self, html: str) -> None:
        await self.send(text_data=json.dumps({"type": "board", "html": html}))
