"""Where an output came from, so that a printed report can be traced back.

Filled in by the history module (commit, uncommitted changes) and the
command (period, as-of date); every renderer prints `lines()` at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from styrning.core.dates import MONTHS_SV


@dataclass(frozen=True)
class Provenance:
    as_of: dt.date
    commit: str | None = None  # short hash of the commit the data was read from
    dirty: bool | None = None  # the working tree had uncommitted changes in the data
    revision: str | None = None  # what --at asked for, when the data was read from history
    period: str | None = None  # the resolved period, e.g. "våren 2022 = 2022-01-01 – 2022-06-30"
    note: str | None = None  # why the commit is unknown (outside git, empty repository ...)

    def lines(self) -> list[str]:
        """Swedish lines, the same in every format."""
        out: list[str] = []
        if self.commit is None:
            out.append(f"Källa: arbetsmappen ({self.note or 'ingen git-historik'})")
        elif self.revision is not None:
            out.append(f"Källa: commit {self.commit} (--at {self.revision})")
        elif self.dirty:
            out.append(f"Källa: commit {self.commit} med ändringar som inte är incheckade")
        else:
            out.append(f"Källa: commit {self.commit}")
        if self.commit is not None and self.note is not None:
            out.append(f"Obs: {self.note}")
        if self.period is not None:
            out.append(f"Period: {self.period}")
        out.append(f"Per: {self.as_of.isoformat()}")
        return out

    def reader_lines(self, made: dt.date | None = None) -> list[str]:
        """The footer of a document a reader is handed: where the data came from, in words.

        "Underlaget hämtat ur versionshanteringen 1 december 2026, version b04dcae." and
        "Läget per 30 juni 2022." No command-line options, no ISO dates: `made` is the
        day the document was made (left out when not given).
        """
        when = f" {_words(made)}" if made is not None else ""
        if self.commit is None:
            first = f"Underlaget hämtat ur arbetsmappen{when}, inte ur versionshanteringen."
        else:
            first = f"Underlaget hämtat ur versionshanteringen{when}, version {self.commit}"
            if self.revision is not None:
                first += f", så som det såg ut {_revision_words(self.revision)}"
            elif self.dirty:
                first += ", med ändringar som ännu inte är incheckade"
            first += "."
        return [first, f"Läget per {_words(self.as_of)}."]


def _words(day: dt.date) -> str:
    return f"{day.day} {MONTHS_SV[day.month - 1]} {day.year}"


def _revision_words(revision: str) -> str:
    """ "2022-05-01" as "1 maj 2022"; a tag or branch as "i v2022-04"."""
    try:
        return _words(dt.date.fromisoformat(revision.strip()))
    except ValueError:
        return f"i {revision}"
