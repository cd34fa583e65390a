"""Tells every supervisor's open board that something changed.

The request that saved the change only sends a small "changed" event to one channel-layer
group: no query, no rendering in the operator's request, whatever the number of boards open
(rendering the board there made a save about 76 ms slower). Each board connection then reads
and renders the board itself, in its page's language, gathering the changes of a short burst
into one rendering (rete.helpline.board.consumers). With the Redis layer (REDIS_URL) a change
saved by any process reaches the boards of every ASGI process; the in-memory layer only
reaches the boards served by the process that saved it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.template.loader import render_to_string
from django.utils import translation

from rete.helpline.board.selectors import BoardState

logger = logging.getLogger(__name__)

BOARD_GROUP = "helpline.board"
# The event type a consumer handles with its `board_changed` method.
BOARD_EVENT = "board.changed"
BOARD_TEMPLATE = "helpline/board/_board.html"


def board_render(state: BoardState, *, language: str) -> str:
    """The board region's HTML (the part the page replaces) in `language`."""
    with translation.override(language):
        return render_to_string(BOARD_TEMPLATE, {"board": state})


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


class _Sender:
    """One thread per process that sends the "changed" events to a shared layer (Redis), on
    an event loop of its own: the layer's connection is opened once and kept, where a send
    from each request would open one each time, and the changes of SEND_INTERVAL are sent
    as one event. A saving request only sets a flag."""

    def __init__(self, layer: Any) -> None:
        self.layer = layer
        self.pid = os.getpid()
        self.wanted = threading.Event()
        self.thread = threading.Thread(target=self._run, name="board-sender", daemon=True)
        self.thread.start()

    def notify(self) -> None:
        self.wanted.set()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        while True:
            self.wanted.wait()
            self.wanted.clear()
            try:
                loop.run_until_complete(self.layer.group_send(BOARD_GROUP, {"type": BOARD_EVENT}))
            except Exception:
                logger.exception("The live board could not be told of a change.")
            time.sleep(SEND_INTERVAL)


SEND_INTERVAL = 0.1
_sender: _Sender | None = None
_sender_lock = threading.Lock()


def _process_sender(layer: Any) -> _Sender:
    global _sender
    with _sender_lock:
        # A forked worker (gunicorn) has no thread of its parent's: it starts its own.
        if _sender is None or _sender.pid != os.getpid() or _sender.layer is not layer:
            _sender = _Sender(layer)
        return _sender


def board_broadcast() -> None:
    """Tell every open board that it is out of date. Called after a commit (signals.py)."""
    layer = get_channel_layer()
    if layer is None or _nobody_listening(layer):
        return
    if isinstance(layer, InMemoryChannelLayer):
        # Boards served by this very process: a send is a few dictionary operations.
        _group_send(layer, {"type": BOARD_EVENT})
        return
    _process_sender(layer).notify()
