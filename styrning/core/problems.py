"""Problems found in the data: plain values, never exceptions.

Loading and checking return `Problem`s; only the CLI turns them into an exit
code. Every problem points at a file (relative to the repository root, with
forward slashes), a 1-based line and a 1-based column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrning.core.codes import Severity as Severity
from styrning.core.codes import severity_of
from styrning.core.text import truncate


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
    return truncate(text, MAX_MESSAGE_CHARS)


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
        severity = severity or severity_of(code)
        return cls(path, pos.line, pos.col, severity, code, one_line(message))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def text(self) -> str:
        """`path:line:col: fel CODE message`, the line every editor and CI understands."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"


# Files named in a note about data errors; the rest are counted.
NAMED_FILES = 10


@dataclass(frozen=True)
class DataErrors:
    """That an output rests on data with errors: how many, where, and what it means for it.

    `partial` are the files built from the keys that are right (their processes are
    shown, without what was wrong); `left_out` the files that could not be read at all
    and are missing from the output. Every output that rests on such data says so in
    itself: `lines()` for the terminal, text and Markdown, `reader_lines()` for HTML and
    Word, `as_dict()` for JSON.
    """

    errors: int
    files: tuple[str, ...]
    partial: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """For someone who can run the tool: what it means, and what to do about it."""
        out = [
            f"Obs: underlaget har {self.errors} fel i {_files(len(self.files))} – kör styrning "
            "validate för att se dem."
        ]
        if self.partial:
            out.append(
                f"Filer med fel används utifrån de nycklar som är rätt: {_names(self.partial)}."
            )
        if self.left_out:
            out.append(f"Filer som inte kan läsas saknas här: {_names(self.left_out)}.")
        return out

    def reader_lines(self) -> list[str]:
        """For a reader of a report or a briefing pack, who does not run the tool."""
        out = [
            f"Underlaget innehåller fel i {_files(len(self.files))}; "
            "uppgifterna kan vara ofullständiga."
        ]
        if self.partial:
            out.append(f"Uppgifterna ur {_names(self.partial)} bygger på de delar som är rätt.")
        if self.left_out:
            which = "filen" if len(self.left_out) == 1 else "filerna"
            out.append(
                f"Uppgifterna ur {_names(self.left_out)} saknas, eftersom {which} inte kunde läsas."
            )
        return out

    def stderr_line(self) -> str:
        """The one line a command writes beside its output."""
        line = f"obs: {self.errors} fel i data ({_files(len(self.files))})"
        if self.partial:
            line += " – filer med fel används utifrån de nycklar som är rätt"
        if self.left_out:
            line += f"; kan inte läsas och saknas: {_names(self.left_out)}"
        return line + "; kör styrning validate"

    def as_dict(self) -> dict[str, object]:
        return {
            "errors": self.errors,
            "files": list(self.files),
            "partial": list(self.partial),
            "left_out": list(self.left_out),
        }


def _files(n: int) -> str:
    return "1 fil" if n == 1 else f"{n} filer"


def _names(paths: tuple[str, ...]) -> str:
    if len(paths) <= NAMED_FILES:
        return ", ".join(paths)
    rest = len(paths) - NAMED_FILES
    return ", ".join(paths[:NAMED_FILES]) + f" och {rest} till"
