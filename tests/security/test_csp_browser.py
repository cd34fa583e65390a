"""The screens of signed-in people work in Chromium under their strict Content-Security-Policy:
no "Refused to ..." in the browser's console on the sign-in page, the reserved area, the
1522 console (with its live board's WebSocket) and the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from tests.security.world import (
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    World,
    world_build,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _violations(page: Page) -> list[str]:
    found: list[str] = []

    def listen(message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            found.append(f"{page.url}: {text} @ {message.location}")

    page.on("console", listen)
    return found


def _sign_in(page: Page, base_url: str, user: Any) -> None:
    """The person's session (password and second factor passed, tests/conftest.py) in the
    browser's cookie jar."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


@pytest.fixture
def world(transactional_db: None) -> World:
    return world_build()


def test_the_sign_in_page_breaks_no_rule(browser_page: Page, asgi_live_server) -> None:
    violations = _violations(browser_page)

    _visit(browser_page, f"{asgi_live_server.url}/accesso/")
    _visit(browser_page, f"{asgi_live_server.url}/accesso/password/")
    _visit(browser_page, f"{asgi_live_server.url}/accesso/richiesta/")

    assert violations == []


def test_the_reserved_area_breaks_no_rule(
    browser_page: Page, asgi_live_server, world: World
) -> None:
    violations = _violations(browser_page)
    _sign_in(browser_page, asgi_live_server.url, world.people[DEPARTMENT_ADMIN])

    for path in (
        "/area-riservata/",
        "/area-riservata/mappatura/",
        f"/area-riservata/mappatura/{world.objects['service_a'].ext_id}/",
        "/area-riservata/territori/",
        f"/area-riservata/territori/{world.territory_a.code}/",
        "/area-riservata/documenti/",
        "/area-riservata/documenti/carica/",
        "/area-riservata/richieste/",
        "/area-riservata/account/",
        "/area-riservata/registro/",
        "/accesso/il-mio-account/",
    ):
        _visit(browser_page, f"{asgi_live_server.url}{path}")

    assert violations == []


def test_the_console_and_the_records_break_no_rule(
    browser_page: Page, asgi_live_server, world: World
) -> None:
    violations = _violations(browser_page)
    _sign_in(browser_page, asgi_live_server.url, world.people[HELPLINE_OPERATOR])
    contact = world.objects["contact"]

    for path in (
        "/console/",
        f"/console/contatto/{contact.public_id}/",
        "/console/registro/",
        f"/console/registro/{contact.public_id}/",
        "/console/registro/richiamate/",
    ):
        _visit(browser_page, f"{asgi_live_server.url}{path}")

    assert violations == []


def test_the_live_board_connects_its_websocket(
    browser_page: Page, asgi_live_server, world: World
) -> None:
    violations = _violations(browser_page)
    sockets: list[str] = []
    browser_page.on("websocket", lambda socket: sockets.append(socket.url))
    _sign_in(browser_page, asgi_live_server.url, world.people[HELPLINE_SUPERVISOR])

    _visit(browser_page, f"{asgi_live_server.url}/console/supervisione/")

    assert violations == []
    assert any(url.endswith("/ws/supervisione/") for url in sockets), sockets


def test_the_admin_breaks_no_rule(browser_page: Page, asgi_live_server, world: World) -> None:
    violations = _violations(browser_page)
    _sign_in(browser_page, asgi_live_server.url, world.people[DEPARTMENT_ADMIN])
    service = world.objects["service_a"]

    for path in (
        "/admin/",
        "/admin/directory/service/",
        f"/admin/directory/service/{service.pk}/change/",
        "/admin/network/territory/add/",
        "/admin/publications/newsitem/add/",
    ):
        _visit(browser_page, f"{asgi_live_server.url}{path}")

    assert violations == []
