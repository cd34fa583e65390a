"""Fixtures shared by the whole suite. Each capability's folder adds its own conftest."""

import asyncio
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from channels.layers import InMemoryChannelLayer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _chromium_missing() -> bool:
    return not (os.path.exists(CHROMIUM) and shutil.which("chromium"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests need Debian's Chromium. A developer without it gets them skipped
    with a message; CI (CI=true) installs it and must never skip them."""
    if not _chromium_missing() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A Chromium page in Italian, driven by Playwright's sync API.

    Playwright's sync API runs an event loop in the test's thread, which makes Django
    refuse database access from it as "async unsafe": the test code is synchronous,
    so the check is lifted for the browser tests only.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
            page = context.new_page()
            page.set_default_timeout(15_000)
            try:
                yield page
            finally:
                _close_connections_opened_under_playwright()
                context.close()
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`client.force_login(user)` means a person fully signed in: password and second factor.
    The sign-in steps themselves are tested through the real views (tests/accounts)."""
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.people import second_factor_device

    original = ClientMixin._login

    def login_verified(self: ClientMixin, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = second_factor_device(user).persistent_id
        session.save()

    monkeypatch.setattr(ClientMixin, "_login", login_verified)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: public pages are cached by a key that holds the
    network revision, and revision numbers repeat across rolled-back tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_routing_snapshot() -> Iterator[None]:
    """Each test routes on a snapshot of its own database: revision numbers repeat across
    rolled-back tests, so a snapshot kept from another test could look current."""
    from rete.routing.snapshot import routing_snapshot_reset

    routing_snapshot_reset()
    yield
    routing_snapshot_reset()


@contextmanager
def _django_async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API runs an event loop in the test's thread (see browser_page)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def chromium_browser() -> Iterator[Any]:
    """A Playwright Browser: Debian's Chromium, launched as for browser_page, for a test
    that needs several people at once (an operator and a supervisor), each in a context of
    their own with their own cookies:

        operator = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
        page = operator.new_page()

    Contexts left open are closed with the browser.
    """
    from playwright.sync_api import sync_playwright

    with _django_async_unsafe_allowed(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            _close_connections_opened_under_playwright()
            browser.close()


def _close_connections_opened_under_playwright() -> None:
    """While Playwright's loop runs in this thread, Django keeps this thread's database
    connections per async context rather than per thread (asgiref's Local): those opened
    meanwhile are out of reach once the loop stops, and an open one keeps PostgreSQL from
    dropping the test database at the end of the run. Close them while they can be reached
    (not one inside a transaction: that is the test's)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


class _LoopSafeInMemoryChannelLayer(InMemoryChannelLayer):
    """Channels' in-memory layer, safe to send to from any thread.

    The in-memory layer keeps asyncio queues that belong to the event loop of the consumer
    waiting on them; a message sent from another thread's loop (a record saved in the test's
    own thread) would sit there until that loop woke for another reason. Here a send hands
    the message to the receiving loop instead.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._receiving_loops: dict[str, asyncio.AbstractEventLoop] = {}

    async def receive(self, channel: str) -> dict:
        self._receiving_loops[channel] = asyncio.get_running_loop()
        return await super().receive(channel)

    async def send(self, channel: str, message: dict) -> None:
        loop = self._receiving_loops.get(channel)
        if loop is None or loop is asyncio.get_running_loop() or not loop.is_running():
            await super().send(channel, message)
            return
        handed_over = asyncio.run_coroutine_threadsafe(
            InMemoryChannelLayer.send(self, channel, message), loop
        )
        await asyncio.wrap_future(handed_over)


@contextmanager
def _in_memory_connections_shared() -> Iterator[None]:
    """Let every thread use the test thread's in-memory SQLite connections.

    An in-memory database lives in its connection, and the test's data in that connection's
    transaction; Django's LiveServerThread therefore hands the connection to its server
    thread. An ASGI server runs each request's synchronous code in a thread of its own
    (asgiref), so the connection is handed to every thread while the server runs.
    """
    from django.db import connections
    from django.db.utils import ConnectionHandler

    shared = {
        connection.alias: connection
        for connection in connections.all()
        if connection.vendor == "sqlite" and connection.is_in_memory_db()
    }
    if not shared:
        yield
        return
    original = ConnectionHandler.__getitem__

    def getitem(handler: ConnectionHandler, alias: str) -> Any:
        if handler is connections and alias in shared:
            return shared[alias]
        return original(handler, alias)

    for connection in shared.values():
        connection.inc_thread_sharing()
    ConnectionHandler.__getitem__ = getitem  # type: ignore[method-assign]
    try:
        yield
    finally:
        ConnectionHandler.__getitem__ = original  # type: ignore[method-assign]
        for connection in shared.values():
            connection.dec_thread_sharing()


@dataclass(frozen=True)
class AsgiLiveServer:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.url


@pytest.fixture
def asgi_live_server(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The whole ASGI application (rete.config.asgi: HTTP views, static files and the
    WebSockets of Django Channels) served by uvicorn in a thread on a free port of
    127.0.0.1, against the test database; `.url` is "http://127.0.0.1:<port>".

    Use it like pytest-django's live_server, in a transactional test — on PostgreSQL with
    serialized_rollback, whose flush would otherwise drop the data the migrations load:

        pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

        def test_it_...(asgi_live_server, chromium_browser): ...
            page.goto(f"{asgi_live_server.url}/console/")

    - SQLite (in memory): the server's threads use the test thread's connection, as with
      Django's LiveServerThread, so they see the test's data and the test sees theirs.
    - PostgreSQL: the server's threads open their own connections and close them after each
      request (CONN_MAX_AGE 0 while the server runs), so none is left when the test ends.
    - Channel layer: a fresh in-memory layer per test, whatever REDIS_URL says (no test
      talks to another's WebSockets through a shared Redis), which also delivers what is
      sent from the test's own thread: a record saved by a service in the test reaches the
      pages' WebSockets like one saved by a request.
    - Static files are served from the finders (as live_server does), DEBUG or not.
    """
    import uvicorn
    from channels.layers import channel_layers
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connections

    from rete.config.asgi import application

    for connection in connections.all():
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    monkeypatch.setattr(channel_layers, "backends", {"default": _LoopSafeInMemoryChannelLayer()})

    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    host, port = listening.getsockname()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application),
        lifespan="off",
        ws="websockets-sansio",
        log_config=None,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listening]}, name="asgi-live-server", daemon=True
    )
    with _in_memory_connections_shared():
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                raise RuntimeError("The ASGI live server did not start.")
            time.sleep(0.01)
        try:
            yield AsgiLiveServer(host=host, port=port)
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            listening.close()


@pytest.fixture
def keep_the_test_transaction() -> Iterator[None]:
    """For tests that call the real WSGI handler (schemathesis): its request signals close
    "old" database connections, the test's transaction with them on PostgreSQL. Django's
    test client disconnects them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set the server's clock (django.utils.timezone.now, which the services, the pages
    and auto_now fields read) to an instant; from there it runs at the real pace."""
    from datetime import timedelta

    from django.utils import timezone

    def travel(instant: Any) -> None:
        started = time.monotonic()
        monkeypatch.setattr(
            timezone, "now", lambda: instant + timedelta(seconds=time.monotonic() - started)
        )

    return travel
