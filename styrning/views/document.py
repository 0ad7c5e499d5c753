"""A document as the brief computes it: a title, sections of paragraphs, bullets and tables.

The renderers in `render/document.py` write it as text, Markdown, JSON, HTML or Word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from styrning.core.problems import DataErrors


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    empty: str = "Inget att rapportera."

    @property
    def is_empty(self) -> bool:
        return not (self.paragraphs or self.bullets or (self.table and self.table.rows))


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: list[str]
    sections: list[Section]
    provenance: list[str]
    data_errors: DataErrors | None = None  # the data had errors: every format says so
    organisation: str | None = None  # the author a Word file names
    day: dt.date | None = None  # the day the data is judged on: the Word file's date
