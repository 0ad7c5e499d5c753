"""How much room a text takes on a slide: widths from a real font metric, greedy wrapping.

Widths come from DejaVu Sans (through Pillow, which python-pptx depends on).
DejaVu Sans is wider than the fonts a deck is usually shown in (Calibri,
Carlito, Arial), so a text measured to fit here fits there. Without the font
file a conservative per-character table is used instead. Lines are wrapped the
way PowerPoint and Impress do it: at spaces, and inside a word only when the
word alone is wider than the line.
"""

from __future__ import annotations

import functools
from typing import Protocol

# Points per inch and EMU per point (python-pptx measures in EMU).
EMU_PER_PT = 12700
# The metric is taken at this size (in pixels = points) and scaled.
_REF_SIZE = 200
# Room kept back on every line, for fonts a little wider than the metric.
SAFETY = 0.95
# Line height as a multiple of the font size; the renderer sets exactly this spacing.
LINE_FACTOR = 1.2


class _Font(Protocol):
    def getlength(self, text: str) -> float: ...


@functools.cache
def _font(bold: bool) -> _Font | None:
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with python-pptx
        return None
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, _REF_SIZE)
    except OSError:
        return None


def _table_width(text: str) -> float:
    """Width in em by a table wider than DejaVu Sans for every character."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.35
        elif ch in "MWmw@%…–—":
            width += 1.02
        elif ch.isupper() or ch.isdigit():
            width += 0.8
        else:
            width += 0.68
    return width


@functools.lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` in points at `size` points."""
    font = _font(bold)
    if font is None:
        return _table_width(text) * size * (1.1 if bold else 1.0)
    return font.getlength(text) * size / _REF_SIZE


def line_height(size: float) -> float:
    """The height of one line in points (the spacing the renderer sets)."""
    return size * LINE_FACTOR


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than the line, cut into pieces that each fit."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and text_width(current + ch, size, bold) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` wrapped to lines no wider than `width` points (with the safety margin).

    Line breaks in the text are kept; an empty text is one empty line.
    """
    usable = width * SAFETY
    lines: list[str] = []
    for part in text.split("\n"):
        words = part.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold) <= usable:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, bold) <= usable:
                current = word
            else:
                *whole, current = _split_word(word, usable, size, bold)
                lines.extend(whole)
        lines.append(current)
    return lines


def text_height(text: str, width: float, size: float, bold: bool = False) -> float:
    """The height in points `text` takes wrapped to `width` points."""
    return len(wrap(text, width, size, bold)) * line_height(size)
