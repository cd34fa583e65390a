"""Helpers of the questionnaires' browser tests."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def signed_in(page: Any, base_url: str, person: Any) -> None:
    """Give the browser the session of `person`, fully signed in (sign-in itself is tested
    in tests/accounts)."""
    client = Client()
    client.force_login(person)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


def serious_violations(page: Any) -> list[str]:
    # From our own origin, as the page's CSP allows (inline injection would be refused).
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )
