"""Markdown written by the Department's editors, turned into HTML a public page can hold.

The editors are trusted, their accounts may not be: whatever the body holds, the HTML that
reaches the page is cleaned by nh3 to a short list of tags. No <img> (a picture from another
host would tell that host who reads the page), no scripts, no style, no event handlers;
links keep only http, https, mailto and tel and carry rel="noopener noreferrer".
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
HEADING = re.compile(r"<(/?)h([1-6])\b")


def markdown_render(text: str) -> SafeString:
    """The body as clean HTML. Its headings start at h2 (the page's h1 is the title) and
    keep their relative levels, whatever level the editor started from."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    html = _headings_below_title(html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308  # nosec B308 B703  # nh3 has just cleaned it


def _headings_below_title(html: str) -> str:
    levels = [int(level) for _slash, level in HEADING.findall(html)]
    if not levels:
        return html
    shift = 2 - min(levels)
    if shift == 0:
        return html
    return HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}", html)
