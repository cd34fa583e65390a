"""In Chromium: a reader goes from the news list to a news item, finds a document's
download link, and finds a document by searching."""

import pytest

from tests.publications.conftest import PDF, make_document, make_news

# serialized_rollback: the live server needs a transactional database, whose flush
# would otherwise leave the next tests without the data loaded by migrate.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_opens_a_news_item_from_the_list(live_server, browser_page) -> None:
    make_news(
        "giornata-25-novembre",
        title="Giornata contro la violenza sulle donne",
        title_en="International Day for the Elimination of Violence against Women",
        body_en="Events **all over Italy**.",
    )
    page = browser_page

    page.goto(f"{live_server.url}/en/notizie/")
    page.wait_for_load_state("load")
    page.get_by_role(
        "link", name="International Day for the Elimination of Violence against Women"
    ).click()
    page.wait_for_load_state("load")

    assert page.url == f"{live_server.url}/en/notizie/giornata-25-novembre/"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "International Day for the Elimination of Violence against Women"
    )
    assert page.get_by_test_id("body").inner_text() == "Events all over Italy."


def test_it_offers_the_document_to_download(live_server, browser_page) -> None:
    make_document("protocollo-intesa", title="Protocollo d'intesa", title_en="Memorandum")
    page = browser_page

    page.goto(f"{live_server.url}/en/documenti/")
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Memorandum").click()
    page.wait_for_load_state("load")
    link = page.get_by_test_id("download")

    assert link.get_attribute("href") == "/en/documenti/protocollo-intesa/file/"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "protocollo-intesa.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF


def test_it_finds_a_document_by_searching(live_server, browser_page) -> None:
    make_document(
        "procedura-trasferimento",
        title="Procedura di trasferimento delle chiamate",
        summary="Quando il 1522 trasferisce una chiamata al servizio del territorio.",
        title_en="Call transfer procedure",
        summary_en="When 1522 transfers a call to the local service.",
    )
    page = browser_page

    page.goto(f"{live_server.url}/en/cerca/")
    page.wait_for_load_state("load")
    page.get_by_label("Search news, events, documents and campaigns").fill("trasferimento")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state("load")

    results = page.get_by_test_id("results-documents")
    assert results.get_by_role("link").inner_text() == "Call transfer procedure"
    assert "When 1522 transfers a call" in results.inner_text()
    results.get_by_role("link", name="Call transfer procedure").click()
    page.wait_for_load_state("load")
    assert page.url == f"{live_server.url}/en/documenti/procedura-trasferimento/"
