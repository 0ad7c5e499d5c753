"""Where every process stands on a date: a pure function of the data and that date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from styrning.loader import Dataset
from styrning.model import Event, ProcessType


@dataclass(frozen=True)
class ProcessStatusRow:
    id: str
    path: str
    kind: ProcessType
    title: str
    latest: Event | None
    next: Event | None


@dataclass(frozen=True)
class StatusResult:
    as_of: dt.date
    rows: list[ProcessStatusRow]


def has_happened(ev: Event, as_of: dt.date) -> bool:
    """Recorded as done and begun by `as_of`."""
    return not ev.planned and ev.date.start <= as_of


def compute_status(ds: Dataset, as_of: dt.date) -> StatusResult:
    """Each process with its latest event by `as_of` and the next one still to come."""
    rows = []
    for lp in ds.sorted_processes():
        events = sorted(lp.process.events, key=lambda e: e.date.sort_key)
        done = [e for e in events if has_happened(e, as_of)]
        coming = [e for e in events if not has_happened(e, as_of)]
        rows.append(
            ProcessStatusRow(
                lp.id,
                lp.path,
                lp.process.kind,
                lp.process.title,
                done[-1] if done else None,
                coming[0] if coming else None,
            )
        )
    return StatusResult(as_of, rows)
