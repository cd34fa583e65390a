"""Text folded for search: lower case, no accents ("Università" and "universita" match).

Each publishable item keeps its own folded text (both languages) in `search_text`, written
on save: the search is then a plain `contains` that behaves the same on SQLite and on
PostgreSQL, with no database extension (unaccent) or collation to set up.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
