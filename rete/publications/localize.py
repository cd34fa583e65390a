"""An item's text in the page's language: the English version on /en/ pages where the
editor wrote one; otherwise the Italian, marked lang="it" so a screen reader reads it with
Italian pronunciation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from rete.publications.markup import markdown_render

ORIGINAL_LANGUAGE = "it"
# The languages an editor can write besides the original, by field suffix.
TRANSLATED_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Text:
    value: Any
    # The language of `value` when it differs from the page's (a fallback), else "".
    lang: str = ""


def field_text(item: object, field: str, language: str) -> Text:
    if language != ORIGINAL_LANGUAGE and language in TRANSLATED_LANGUAGES:
        translated = getattr(item, f"{field}_{language}", "")
        if translated.strip():
            return Text(translated)
    original = getattr(item, field)
    return Text(original, "" if language == ORIGINAL_LANGUAGE else ORIGINAL_LANGUAGE)


@dataclass(frozen=True)
class Entry:
    """A publishable item as a page shows it in one language."""

    item: Any
    title: Text
    summary: Text
    language: str

    @property
    def body(self) -> Text:
        text = field_text(self.item, "body", self.language)
        html: SafeString = markdown_render(text.value)
        return Text(html, text.lang)


def entry(item: Any, language: str) -> Entry:
    return Entry(
        item=item,
        title=field_text(item, "title", language),
        summary=field_text(item, "summary", language),
        language=language,
    )


def entries(items: Any, language: str) -> list[Entry]:
    return [entry(item, language) for item in items]
