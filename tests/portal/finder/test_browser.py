"""The finder in a browser: the comune combobox, the filters, the page without JavaScript,
"use my position", and the map (tiles and markers from our own origin only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.portal.conftest import SECRET_SHELTER_NAME, THURSDAY_1030, WEDNESDAY_1030
from tests.portal.finder.conftest import GIRAFFA_ID, MOLA_ID, foreign_requests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TILES = "/static/rete/img/blank-tile.png?z={z}&x={x}&y={y}"
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def _result(page: Page, service_id: str) -> Any:
    return page.locator(f'[data-testid="finder-result"][data-service-id="{service_id}"]')


def _open_finder(page: Page, base: str) -> None:
    page.goto(f"{base}/trova/")
    page.wait_for_load_state("load")


def test_it_finds_an_open_service_from_a_comune_chosen_in_the_combobox(
    browser_page: Page, live_server: Any, portal_network: None, set_clock: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    page = browser_page
    _open_finder(page, live_server.url)
    field = page.get_by_role("combobox", name="Comune")
    field.press_sequentially("mola di")
    option = page.get_by_role("option", name="Mola di Bari (BA)")
    expect(option).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "finder-comune-option-0")
    field.press("Enter")
    expect(field).to_have_value("Mola di Bari")
    expect(page.locator("#finder-comune-code")).to_have_value("072028")
    expect(field).to_have_attribute("aria-expanded", "false")

    page.get_by_test_id("finder-submit").click()
    page.wait_for_url("**/trova/?*code=072028*")
    page.wait_for_load_state("load")
    first = page.get_by_test_id("finder-result").first
    expect(first).to_have_attribute("data-service-id", GIRAFFA_ID)
    expect(first.get_by_test_id("finder-opening")).to_have_class("badge open-badge")
    expect(first.locator('a[href="tel:+390805741461"]')).to_have_text("080 574 1461")
    expect(_result(page, MOLA_ID)).to_be_visible()


def test_it_filters_by_kind_and_open_now(
    browser_page: Page, live_server: Any, portal_network: None, set_clock: Any
) -> None:
    set_clock(THURSDAY_1030)
    page = browser_page
    _open_finder(page, live_server.url)
    page.get_by_test_id("finder-comune").fill("Bari")
    page.get_by_test_id("finder-kind").select_option("anti_violence_centre")
    page.get_by_test_id("finder-submit").click()
    page.wait_for_url("**kind=anti_violence_centre*")
    page.wait_for_load_state("load")
    expect(page.get_by_test_id("finder-result")).to_have_count(2)
    expect(_result(page, GIRAFFA_ID).get_by_test_id("finder-opening")).to_have_class(
        "badge closed-badge"
    )

    page.locator('label[for="finder-open-now"]').click()  # the box is drawn by its label
    expect(page.get_by_test_id("finder-open-now")).to_be_checked()
    page.get_by_test_id("finder-submit").click()
    page.wait_for_url("**open_now=1*")
    page.wait_for_load_state("load")
    expect(page.get_by_test_id("finder-result")).to_have_count(1)
    expect(_result(page, "svc-coord-puglia-h24")).to_be_visible()
    expect(_result(page, GIRAFFA_ID)).to_have_count(0)


def test_it_works_without_javascript(
    no_js_page: Page, live_server: Any, portal_network: None, set_clock: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    page = no_js_page
    _open_finder(page, live_server.url)
    expect(page.get_by_test_id("finder-position")).to_be_hidden()
    page.get_by_test_id("finder-comune").fill("mola")
    page.get_by_test_id("finder-submit").click()
    page.wait_for_load_state("load")
    candidates = page.get_by_test_id("finder-candidates")
    expect(candidates).to_be_visible()
    candidates.get_by_role("link", name="Mola di Bari (BA)", exact=False).click()
    page.wait_for_load_state("load")
    expect(_result(page, MOLA_ID)).to_be_visible()
    expect(page.get_by_test_id("finder-comune")).to_have_value("Mola di Bari")
    expect(page.get_by_test_id("finder-referral")).to_contain_text("Provincia di Bari")


def test_it_lists_the_services_near_her_position(
    located_page: Page, live_server: Any, portal_network: None, set_clock: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    page = located_page
    _open_finder(page, live_server.url)
    history = page.evaluate("history.length")
    button = page.get_by_test_id("finder-position")
    expect(button).to_be_visible()
    with page.expect_request("**/trova/posizione/") as sent:
        button.click()
    assert sent.value.method == "POST"
    assert "latitude=" not in sent.value.url
    body = sent.value.post_data or ""
    assert "41.126" in body and "16.867" in body  # rounded to 3 decimals before it leaves

    expect(page.get_by_test_id("finder-distance").first).to_be_visible()
    first = page.get_by_test_id("finder-result").first
    expect(first).to_contain_text("Bari")
    expect(_result(page, GIRAFFA_ID)).to_be_visible()
    expect(_result(page, MOLA_ID).get_by_test_id("finder-distance")).to_be_visible()
    shelter = page.get_by_test_id("finder-result").filter(has_text=SECRET_SHELTER_NAME)
    expect(shelter.get_by_test_id("finder-distance")).to_have_count(0)
    assert page.url == f"{live_server.url}/trova/"
    assert page.evaluate("history.length") == history


def test_the_map_shows_the_located_services_from_our_own_origin_only(
    browser_page: Page, live_server: Any, portal_network: None, set_clock: Any, settings: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    settings.PORTAL_MAP_TILE_URL = TILES
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(CSP_LISTENER)
    page.goto(f"{live_server.url}/trova/?comune=bari")
    page.wait_for_load_state("load")

    page_map = page.locator("#finder-map")
    expect(page_map).to_be_visible()
    expect(page_map).to_have_attribute("aria-hidden", "true")
    # Bari's three services with a public address; the shelters have none.
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert any("/static/vendor/leaflet/images/marker-icon" in url for url in requests)
    assert any("/static/rete/img/blank-tile.png" in url for url in requests)
    assert foreign_requests(requests, live_server.url) == []
    # The map adds no violation of the policy (inline style, image, script).
    assert page.evaluate("window.__cspViolations") == []
    # The list is complete: every service, shelters included, is in it.
    expect(page.get_by_test_id("finder-result")).to_have_count(6)


AXE = Path(__file__).resolve().parents[3] / "rete/static/vendor/axe-core/axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _wcag_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return list(
        page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' — ' +"
            " v.nodes.map(n => n.target.join(' ')).join(', ')))",
            WCAG_AA,
        )
    )


def test_the_finder_has_no_wcag_violation(
    chromium_browser: Any, live_server: Any, portal_network: None, set_clock: Any, settings: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    settings.PORTAL_MAP_TILE_URL = TILES
    # axe is injected as an inline script, which the page's CSP would refuse.
    context = chromium_browser.new_context(locale="it-IT", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/trova/?comune=mola")
    page.wait_for_load_state("load")
    assert _wcag_violations(page) == []
    page.goto(f"{live_server.url}/ar/trova/?comune=bari")
    page.wait_for_load_state("load")
    expect(page.locator(".leaflet-marker-icon").first).to_be_attached()
    page.get_by_test_id("finder-comune").fill("")
    page.get_by_test_id("finder-comune").press_sequentially("mola")
    expect(page.locator("#finder-comune-option-0")).to_be_visible()
    assert _wcag_violations(page) == []
    context.close()
