"""Every screen of signed-in people carries the strict Content-Security-Policy and a
Permissions-Policy; the public portal keeps its own policy; the API gets none."""

from __future__ import annotations

import pytest
from django.test import Client

from rete.config.security import content_security_policy
from tests.people import make_person
from tests.security.world import DEPARTMENT_ADMIN, HELPLINE_SUPERVISOR

STRICT_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
)


def _directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    parts = [part.strip() for part in policy.split(";") if part.strip()]
    return {part.split(" ", 1)[0]: part for part in parts}


def _assert_strict(response) -> None:
    directives = _directives(response)
    for directive in STRICT_DIRECTIVES:
        assert directives[directive.split(" ", 1)[0]] == directive
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/accesso/", "/accesso/password/", "/area-riservata/", "/console/"]
)
def test_it_puts_the_strict_policy_on_anonymous_answers(client: Client, path: str) -> None:
    # The sign-in page itself, and the redirects to it.
    _assert_strict(client.get(path))


@pytest.mark.django_db
def test_it_puts_the_strict_policy_on_the_reserved_area_the_console_and_the_admin(
    client: Client,
) -> None:
    client.force_login(make_person("m-admin", DEPARTMENT_ADMIN))

    for path in ("/area-riservata/", "/area-riservata/mappatura/", "/admin/", "/admin/network/"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_strict(response)


@pytest.mark.django_db
def test_the_console_may_open_the_board_websocket_of_its_own_host_only(client: Client) -> None:
    client.force_login(make_person("m-supervisor", HELPLINE_SUPERVISOR))

    response = client.get("/console/supervisione/", HTTP_HOST="localhost:8000")

    assert response.status_code == 200
    _assert_strict(response)
    assert _directives(response)["connect-src"] == "connect-src 'self' ws://localhost:8000"


def test_a_secure_console_opens_only_wss(rf) -> None:
    request = rf.get("/console/supervisione/", secure=True, HTTP_HOST="localhost")

    assert "connect-src 'self' wss://localhost" in content_security_policy(request)


@pytest.mark.django_db
def test_it_leaves_the_portal_its_own_policy(client: Client) -> None:
    response = client.get("/")

    # The portal's (rete.portal.http): nothing at all unless named.
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_it_adds_nothing_to_the_api(client: Client) -> None:
    response = client.get("/api/v1/ping")

    assert "Content-Security-Policy" not in response.headers
