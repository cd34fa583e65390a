"""The parts a later release brings say so, and when; they show no figure."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/area-riservata/questionari/",
    "/area-riservata/relazioni-annuali/",
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("name", ["committee", "referent_a", "operator"])
def test_it_says_the_page_is_coming_and_when(as_person, url, name) -> None:
    response = as_person(name).get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="coming"' in page
    assert "Planned" in page or "In programma" in page
    callout = page.split('data-testid="coming"', 1)[1].split("</div>\n<p>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]*>", " ", callout.split(">", 1)[1]))
    assert not re.search(r"\b(?!1522\b)\d+\b", text)  # no figures


@pytest.mark.parametrize("url", PAGES)
def test_it_sends_an_anonymous_visitor_to_sign_in(client, url) -> None:
    assert client.get(url)["Location"].startswith("/accesso/")
