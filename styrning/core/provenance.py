"""Where an output came from, so that a printed report can be traced back.

Filled in by the history module (commit, uncommitted changes) and the
command (period, as-of date); every renderer prints `lines()` at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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
