"""In a browser: a referent of A opens the reserved documents, downloads one of A, and gets
"not found" for B's document address."""

import pytest
from django.conf import settings
from django.test import Client

from tests.reserved.documents.conftest import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_referent_downloads_her_territory_s_document_and_not_another_s(
    browser_page, live_server, people, documents
) -> None:
    client = Client()
    client.force_login(people.referent_a)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page = browser_page
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/area-riservata/documenti/")
    table = page.get_by_test_id("documents")
    assert "Piano di Alfa" in table.inner_text()
    assert "Piano di Beta" not in table.inner_text()

    row = table.locator("tr", has_text="Piano di Alfa")
    with page.expect_download() as info:
        row.get_by_role("link").click()
    download = info.value
    assert download.suggested_filename == "piano.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF

    response = page.goto(f"{live_server.url}/area-riservata/documenti/{documents['b'].pk}/file/")
    assert response.status == 404
