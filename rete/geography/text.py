"""Text folding for accent- and case-insensitive search of place names."""

import unicodedata


def fold(text: str) -> str:
    """'Cefalù' -> 'cefalu'; 'Forlì-Cesena' -> 'forli-cesena'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()
