"""The body is Markdown; whatever it holds, only clean HTML reaches the page."""

import pytest
from django.test import Client

from rete.publications.markup import markdown_render
from tests.publications.conftest import make_news

pytestmark = pytest.mark.django_db

HOSTILE = """Testo con **grassetto**.

<script>alert("x")</script>

<img src="https://tracker.example/pixel.png" onerror="alert(1)">

[link](javascript:alert(1)) e [sito](https://www.example.org)

<p style="color:red" onclick="alert(1)">stile</p>
"""


def test_it_never_lets_a_script_reach_the_page(client: Client) -> None:
    make_news("testo-ostile", body=HOSTILE, body_en=HOSTILE)

    for url in ("/notizie/testo-ostile/", "/en/notizie/testo-ostile/"):
        page = client.get(url).content.decode()
        body = page[page.index('data-testid="body"') :]
        assert "<script>alert" not in body
        assert "tracker.example" not in page
        assert "javascript:" not in page
        assert "onclick" not in page and "onerror" not in page
        assert 'style="' not in page
        assert "<strong>grassetto</strong>" in body


def test_it_renders_markdown() -> None:
    html = markdown_render("# Titolo\n\n- uno\n- due\n\n[sito](https://www.example.org)")

    assert "<h2>Titolo</h2>" in html
    assert "<li>uno</li>" in html
    assert 'href="https://www.example.org"' in html
    assert 'rel="noopener noreferrer"' in html


def test_it_keeps_headings_below_the_page_title() -> None:
    assert "<h2>Sezione</h2>" in markdown_render("### Sezione\n\n#### Parte")
    assert "<h3>Parte</h3>" in markdown_render("### Sezione\n\n#### Parte")
