"""Small helpers for text as Swedish readers see it."""

from __future__ import annotations

import unicodedata

# Swedish alphabetical order: å, ä, ö come after z; é sorts as e, ü as y, æ as ä, ø as ö.
_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def swedish_key(text: str) -> str:
    """A sort key that puts text in Swedish order (Å, Ä, Ö last), ignoring case."""
    folded = text.casefold().translate(_LETTERS)
    # Other accents (é, à ...) sort as their base letter; the å ä ö stand-ins carry none.
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
