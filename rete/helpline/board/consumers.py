"""The board's WebSocket: a signed-in supervisor receives the board when connecting and
again after every change. Anybody else is refused at the handshake.

Messages to the browser are JSON: {"type": "board", "html": "<the board region>"}. The
board is read-only: whatever the browser sends is ignored. A change is announced by a small
event (rete.helpline.board.broadcast); the connection reads and renders the board itself,
once per burst of changes, REFRESH_DELAY seconds after the first of them.
"""

from __future__ import annotations

import asyncio
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


# Long enough to gather the writes of one step (a contact and its audit, an attempt) into
# one rendering, short enough to keep the board well within 2 seconds of the change.
REFRESH_DELAY = 0.15


def _is_supervisor(user: Any) -> bool:
    return user_helpline_role(user) == HELPLINE_SUPERVISOR


def _current_board(language: str) -> str:
    return board_render(board_state(), language=language)


class BoardConsumer(AsyncWebsocketConsumer):
    joined = False
    language = settings.LANGUAGE_CODE
    refresher: asyncio.Task[None] | None = None
    dirty = False

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
        if self.refresher is not None:
            self.refresher.cancel()
        if self.joined:
            await self.channel_layer.group_discard(BOARD_GROUP, self.channel_name)
            self.joined = False

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """The board is read-only."""

    async def board_changed(self, event: dict[str, Any]) -> None:
        """Something changed (rete.helpline.board.broadcast): refresh this board soon, once
        for all the changes that arrive meanwhile."""
        self.dirty = True
        if self.refresher is None or self.refresher.done():
            self.refresher = asyncio.create_task(self._refresh())

    async def _refresh(self) -> None:
        while self.dirty:
            await asyncio.sleep(REFRESH_DELAY)
            # Changes arriving from here on are read by this rendering or the next round.
            self.dirty = False
            html = await database_sync_to_async(_current_board)(self.language)
            await self._send_board(html)

    async def _send_board(self, html: str) -> None:
        await self.send(text_data=json.dumps({"type": "board", "html": html}))
