"""Renders the board and pushes it to every supervisor's open board.

Rendered once per change, in each language of the interface, and sent to one channel-layer
group; each connection picks the language of its page (rete.helpline.board.consumers). With
the Redis layer (REDIS_URL) a change saved by any process reaches the boards of every ASGI
process; the in-memory layer only reaches the boards served by the process that saved it.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from rete.helpline.board.selectors import BoardState, board_state

logger = logging.getLogger(__name__)

BOARD_GROUP = "helpline.board"
# The event type a consumer handles with its `board_update` method.
BOARD_EVENT = "board.update"
BOARD_TEMPLATE = "helpline/board/_board.html"


def board_render(state: BoardState, *, language: str) -> str:
    """The board region's HTML (the part the page replaces) in `language`."""
    with translation.override(language):
        return render_to_string(BOARD_TEMPLATE, {"board": state})


def board_render_languages(state: BoardState) -> dict[str, str]:
    """The board region in every language of the interface, by language code."""
    return {code: board_render(state, language=code) for code, _name in settings.LANGUAGES}


def _nobody_listening(layer: Any) -> bool:
    # The in-memory layer knows its members: a process with no board open (a WSGI worker,
    # a command, most tests) skips the queries and the rendering.
    return isinstance(layer, InMemoryChannelLayer) and not layer.groups.get(BOARD_GROUP)


def _group_send(layer: Any, message: dict[str, Any]) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(layer.group_send)(BOARD_GROUP, message)
        return
    # Synchronous code called from inside a running event loop (an interactive shell, the
    # synchronous API of Playwright in browser tests): async_to_sync refuses to run there,
    # so the send runs in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(async_to_sync(layer.group_send), BOARD_GROUP, message).result()


def board_broadcast() -> None:
    """Send the current board to every open board. Called after a commit (see signals.py)."""
    layer = get_channel_layer()
    if layer is None or _nobody_listening(layer):
        return
    html = board_render_languages(board_state())
    _group_send(layer, {"type": BOARD_EVENT, "html": html})
