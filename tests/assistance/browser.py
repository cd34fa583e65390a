"""Helpers of this folder's browser tests: a signed-in browser context per person, and
axe-core's serious violations of a page."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext

from tests.browser_sign_in import sign_in

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def context_signed_in(
    browser: Browser, base_url: str, user, *, real: bool = False
) -> BrowserContext:
    """A context with a session of `user`: through the sign-in pages when `real`, else
    signed in by the test client and its cookie handed over (the sign-in is tested on its
    own; this saves seconds)."""
    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    if real:
        sign_in(context.new_page(), base_url, user)
        return context
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return context


def serious_violations(page) -> list[str]:
    # From our own origin, as the page's CSP allows (inline injection would be refused).
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )
