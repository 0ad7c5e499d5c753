"""Problems found in the data: plain values, never exceptions.

Loading and checking return `Problem`s; only the CLI turns them into an exit
code. Every problem points at a file (relative to the repository root, with
forward slashes), a 1-based line and a 1-based column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


START = Position(1, 1)

# A message quotes what was written, and a hostile file can write anything:
# line breaks and control characters are shown escaped (one problem, one line,
# nothing a terminal would act on), and a message stays readable in length.
MAX_MESSAGE_CHARS = 1000
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(message: str) -> str:
    """`message` on one line, with control characters escaped and a bounded length."""
    text = _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), message)
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[: MAX_MESSAGE_CHARS - 1] + "…"
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    @classmethod
    def at(
        cls, path: str, pos: Position, code: str, message: str, severity: Severity | None = None
    ) -> Problem:
        """A problem at a position; the severity defaults to the code's own."""
        from styrning.codes import CODES

        severity = severity or CODES[code].severity
        return cls(path, pos.line, pos.col, severity, code, one_line(message))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def text(self) -> str:
        """`path:line:col: fel CODE message`, the line every editor and CI understands."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"
