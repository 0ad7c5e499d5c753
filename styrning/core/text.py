"""Small helpers for text as Swedish readers see it: sorting, Markdown, cutting."""

from __future__ import annotations

import re
import unicodedata

# Swedish alphabetical order: å, ä, ö come after z; é sorts as e, ü as y, æ as ä, ø as ö.
_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def swedish_key(text: str) -> str:
    """A sort key that puts text in Swedish order (Å, Ä, Ö last), ignoring case."""
    folded = text.casefold().translate(_LETTERS)
    # Other accents (é, à ...) sort as their base letter; the å ä ö stand-ins carry none.
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Characters Markdown would read as markup inside a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
# What makes a line a list item or a rule when it starts a paragraph.
_MD_LINE_START = re.compile(r"^(\d+(?=[.)])|)([-+=.)])")


def markdown(text: str) -> str:
    """Data text made safe for Markdown, in a paragraph or a table cell: on one line, markup
    characters (`|` too) escaped, and nothing at its start that makes a list or a rule."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MD_LINE_START.sub(r"\1\\\2", escaped)


ELLIPSIS = "…"


def truncate(text: str, limit: int, *, flat: bool = False, at_word: bool = False) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when cut. With `flat`, runs of
    white space (line breaks too) are one space first; with `at_word`, the cut is at the last
    word boundary, without the punctuation before it."""
    if flat:
        text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if at_word:
        cut = cut.rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return cut.rstrip() + ELLIPSIS
