"""Output on a console that is not UTF-8: plain stand-ins, never a UnicodeEncodeError.

A Windows console redirected to a file or pipe, or an old terminal, writes in
a code page such as cp1252 or cp850. Those have å, ä and ö, but not every
dash, arrow or table border styrning prints. `fit_streams` makes stdout and
stderr write what the code page lacks as a plain stand-in (`–` as `-`, `→` as
`->`, table borders as `-`, `|` and `+`), and anything else as `?`, so the
output is always written and always readable.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from typing import TextIO

ERRORS = "styrning-plain"

_PLAIN = {
    "–": "-",
    "—": "-",
    "‑": "-",
    "−": "-",
    "…": "...",
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "×": "x",
    "·": ".",
    "•": "*",
    "✓": "v",
    "✗": "x",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
    "\u202f": " ",
}


def plain(char: str) -> str:
    """A stand-in for one character in plain ASCII (`?` when there is none)."""
    found = _PLAIN.get(char)
    if found is not None:
        return found
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        across = "HORIZONTAL" in name or "LEFT" in name or "RIGHT" in name
        down = "VERTICAL" in name or "UP" in name or "DOWN" in name
        if across and down:
            return "+"
        if down:
            return "|"
        return "=" if "DOUBLE" in name else "-"
    decomposed = unicodedata.normalize("NFKD", char)
    ascii_only = "".join(c for c in decomposed if c.isascii() and c.isprintable())
    return ascii_only or "?"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(plain(c) for c in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(ERRORS, _fallback)


def fit_streams(*streams: TextIO) -> None:
    """Let these streams (stdout and stderr by default) write any text in their encoding."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if not encoding or encoding.startswith("utf"):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        errors = getattr(stream, "errors", "strict")
        if reconfigure is not None and errors in ("strict", "backslashreplace"):
            reconfigure(errors=ERRORS)


__all__ = ["ERRORS", "fit_streams", "plain"]
