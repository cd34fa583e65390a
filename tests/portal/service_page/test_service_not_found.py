"""An unknown service id: a 404 in the portal's look, with the way on."""

from __future__ import annotations

from typing import Any

import pytest

from tests.portal.service_page.conftest import main_text

pytestmark = pytest.mark.usefixtures("portal_network")


@pytest.mark.parametrize("path", ["/servizi/svc-nobody/", "/en/servizi/svc-nobody/"])
def test_it_answers_404_in_the_portal_look(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="not-found"' in html
    assert "data-quick-exit" in html
    assert 'href="tel:1522"' in html
    assert not response.cookies


def test_it_says_what_was_not_found(client: Any) -> None:
    text = main_text(client.get("/en/servizi/svc-nobody/"))
    assert "Page not found" in text
    assert "No service of the network has this address." in text


def test_it_is_not_kept_in_the_page_cache(client: Any) -> None:
    response = client.get("/en/servizi/svc-nobody/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
