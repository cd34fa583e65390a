"""In Chromium: the Department asks for the latest closed quarter, sees the progress bar
while the release waits for the worker, then — once the worker has computed it, in the
background of the page — the review appears by itself; she previews Italy's public
tables, goes back and publishes; the release shows as published.

The real chain (engine, disclosure control) on twelve hand-made contacts, and the real
task path: the database task backend and its worker (`db_worker --batch`). The worker runs
in the test's thread while the page's clock is paused, so that on SQLite, whose in-memory
database the live server shares with the test, no request of the page's polling runs
during the computation; then the clock moves on and the page's next poll brings the
review."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.statistics.models import Release, ReleaseStatus
from rete.statistics.periods import last_closed_quarter
from tests.browser_sign_in import sign_in
from tests.people import make_person
from tests.statistics.releases.engine import contacts_make, network_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIST = "/area-riservata/dati/"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def test_the_department_computes_reviews_previews_and_publishes_a_quarter(
    browser_page, live_server, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    quarter = last_closed_quarter(timezone.localdate())
    network_load()
    contacts_make(make_person("olga", HELPLINE_OPERATOR), quarter.code)
    dora = make_person("dora", DEPARTMENT_ADMIN, first_name="Dora", last_name="Pari")
    page = browser_page
    in_flight: set = set()
    page.on("request", lambda request: in_flight.add(request.url))
    page.on("requestfinished", lambda request: in_flight.discard(request.url))
    page.on("requestfailed", lambda request: in_flight.discard(request.url))
    page.clock.install()

    sign_in(page, live_server.url, dora, next_path=LIST)
    form = page.get_by_test_id("release-request-form")
    expect(form.locator("select")).to_have_value(quarter.code)
    assert serious_violations(page) == []
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    release = Release.objects.get()
    expect(page).to_have_url(f"{live_server.url}{LIST}{release.pk}/")
    bar = page.get_by_role("progressbar")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "0")
    assert serious_violations(page) == []

    # No poll from now until the worker is done (the page's timers wait for the clock).
    page.clock.pause_at(page.evaluate("Date.now()") + 500)
    for _ in range(200):  # a poll already under way ends first
        if not in_flight:
            break
        page.wait_for_timeout(50)
    assert not in_flight
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY, release.error
    page.clock.run_for(2500)

    summary = page.get_by_test_id("review-summary")
    expect(summary).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_count(0)
    expect(page.get_by_test_id("summary-contacts")).to_have_text("12")
    page.clock.resume()
    assert serious_violations(page) == []

    previews = page.get_by_test_id("review-previews")
    expect(previews.get_by_role("link", name="Provincia di Bari")).to_be_visible()
    previews.get_by_role("link", name="Italia").click()
    expect(page.get_by_test_id("preview-warning")).to_be_visible()
    validity = page.locator('[data-testid=preview-table][data-table="contacts_validity_channel"]')
    expect(validity).to_be_visible()
    # Twelve contacts, all in one province: Italy's figures are Puglia's and Bari's, so the
    # small ones and whatever would give them away show the marker.
    expect(validity.locator("tfoot")).to_contain_text("n.p.")
    expect(page.get_by_test_id("suppression-note")).to_contain_text("n.p.")
    page.go_back()

    publish = page.get_by_test_id("publish-form")
    # Bootstrap Italia draws the box on the label: a person clicks the label.
    publish.locator("label[for=id_confirm]").click()
    expect(publish.get_by_role("checkbox")).to_be_checked()
    with page.expect_navigation():
        publish.get_by_role("button").click()
    # The status in Italian, or in English until the translation is there.
    expect(page.get_by_test_id("release-status")).to_have_text(re.compile("Pubblicat|Published"))
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED
    assert release.published_by == dora
