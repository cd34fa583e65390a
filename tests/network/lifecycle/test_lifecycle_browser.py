"""In Chromium: the Department opens a territory, records an amendment with its signed text
from the versions page; the version chain shows it in force and the original shortened,
and the routing decision follows the amendment from its first day. The form page passes
axe-core's WCAG 2.1 A and AA rules under the reserved area's strict CSP."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from playwright.sync_api import expect

from rete.network.models import Protocol
from tests.browser_sign_in import sign_in
from tests.network.lifecycle.conftest import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def mode_on(day: str) -> str:
    body = {"comune": "072006", "at": f"{day}T10:30:00+01:00", "emergency": False}
    response = Client().post("/api/v1/routing/decide", body, content_type="application/json")
    return response.json()["mode"]


def test_the_department_records_an_amendment_and_the_routing_follows(
    browser_page, live_server, people, protocol_a, tmp_path
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    signed = tmp_path / "modifica-firmata.pdf"
    signed.write_bytes(PDF)

    sign_in(page, live_server.url, people.admin, next_path="/area-riservata/territori/ATR-AL/")
    page.get_by_test_id("protocol-versions-link").click()
    version = page.locator(f"[data-version='{protocol_a.pk}']")
    version.get_by_test_id("new-version").click()
    assert serious_violations(page) == []

    form = page.get_by_test_id("version-form")
    form.locator("select[name=kind]").select_option("amendment")
    form.locator("input[name=title]").fill("Modifica della rete locale")
    form.locator("input[name=valid_from]").fill("2026-12-01")
    # An end before the start first: refused, what was typed stays.
    form.locator("input[name=valid_to]").fill("2026-11-01")
    form.locator("select[name=status]").select_option("active")
    form.locator("input[name=document_title]").fill("Atto di modifica")
    form.locator("input[name=documents]").set_input_files(str(signed))
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-valid_to")).to_be_visible()
    expect(form.locator("input[name=title]")).to_have_value("Modifica della rete locale")

    form.locator("input[name=valid_to]").fill("2027-06-30")
    form.locator("input[name=documents]").set_input_files(str(signed))
    form.locator("button[type=submit]").click()

    versions = page.get_by_test_id("version")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("Modifica della rete locale")
    expect(versions.first.get_by_test_id("version-documents")).to_contain_text("Atto di modifica")
    assert serious_violations(page) == []
    amendment = Protocol.objects.get(previous=protocol_a)
    protocol_a.refresh_from_db()
    assert (amendment.status, amendment.valid_from) == ("active", date(2026, 12, 1))
    assert protocol_a.valid_to == date(2026, 11, 30)
    # Routing: the original until 30 November, the amendment from then to its new end.
    assert mode_on("2026-11-27") == "transfer"  # a Friday
    assert mode_on("2027-06-30") == "transfer"  # a Wednesday, past the original's old end
    assert mode_on("2027-07-02") == "orientation"

    assert [text for text in console if "Refused to" in text] == []
