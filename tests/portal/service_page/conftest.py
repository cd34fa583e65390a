"""Helpers of the service page tests: the visible text of a page's main content."""

from __future__ import annotations

import re
from html import unescape

from django.http import HttpResponse

GIRAFFA = "svc-giraffa"
GIRAFFA_PHONE = "+390805741461"


def main_text(response: HttpResponse) -> str:
    """The words of the page's <main>, tags dropped and spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())
