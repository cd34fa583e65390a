"""In a browser: the Department opens the audit log, filters by "Role granted", sees the
grant it just gave, and exports the filtered log as CSV."""

import csv
import io

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from rete.accounts.roles import NETWORK_OPERATOR
from rete.accounts.services import grant_create
from rete.audit.models import AuditEntry
from tests.admin import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_department_filters_the_log_by_role_granted_and_exports_it(
    browser_page, live_server, dora, olga, log
) -> None:
    grant = grant_create(user=olga, role=NETWORK_OPERATOR, territory=factories.territory(), by=dora)
    entry = AuditEntry.objects.filter(action="grant.create", target_id=str(grant.pk)).get()
    client = Client()
    client.force_login(dora)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page = browser_page
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/area-riservata/registro/")
    filters = page.get_by_test_id("audit-filters")
    filters.locator("select[name=action]").select_option("grant.create")
    filters.get_by_role("button", name="Filtra").click()

    rows = page.get_by_test_id("audit-entries").locator("tbody tr")
    row = rows.filter(has=page.locator(f'a[href$="/registro/{entry.sequence}/"]'))
    expect(row).to_be_visible()
    expect(row).to_contain_text("dora")
    expect(row).to_contain_text(dora.account.personal_code)
    expect(row).to_contain_text(f"accounts.grant {grant.pk}")
    expect(row).to_contain_text("network_operator")
    # Only grants are listed (the people's own grants, and Dora's).
    for action in rows.locator("td[data-action]").all():
        assert action.get_attribute("data-action") == "grant.create"

    with page.expect_download() as info:
        page.get_by_test_id("export-csv").click()
    download = info.value
    assert download.suggested_filename.startswith("registro-audit-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as saved:
        exported = list(csv.DictReader(io.StringIO(saved.read())))
    assert {row["action"] for row in exported} == {"grant.create"}
    assert str(entry.sequence) in {row["sequence"] for row in exported}
    export_entry = AuditEntry.objects.filter(action="audit.export").get()
    assert export_entry.details["rows"] == len(exported)
    assert export_entry.details["action"] == "grant.create"
