"""The dated events of the whole dataset, in order, filtered: what `styrning timeline` shows.

Pure: the as-of date is a parameter. Renderers in `render/timeline.py`
format the result; a calendar renderer can take the same entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from styrning.dates import PartialDate
from styrning.events import body_name, collect_events, has_happened, is_overdue
from styrning.loader import Dataset
from styrning.model import EventType
from styrning.periods import Period


@dataclass(frozen=True)
class TimelineEntry:
    """One event as the timeline shows it."""

    date: PartialDate
    kind: EventType
    body_id: str | None
    body: str | None  # the body's name, when the event names one
    process_id: str | None
    process_title: str | None
    heading: str | None
    description: str | None
    planned: bool
    happened: bool  # done and begun by the as-of date
    overdue: bool  # planned, and its whole date lies before the as-of date
    path: str


@dataclass(frozen=True)
class TimelineResult:
    as_of: dt.date
    period: Period | None
    entries: list[TimelineEntry]


def compute_timeline(
    ds: Dataset,
    as_of: dt.date,
    *,
    period: Period | None = None,
    body: str | None = None,
    kinds: Collection[EventType] = (),
) -> TimelineResult:
    """Every dated event in date order; with a period only those overlapping it,
    with a body only those it takes part in, with kinds only those event types."""
    entries = []
    for d in collect_events(ds):
        ev = d.event
        if period is not None and not ev.date.overlaps(period.start, period.end):
            continue
        if body is not None and ev.body != body:
            continue
        if kinds and ev.kind not in kinds:
            continue
        entries.append(
            TimelineEntry(
                date=ev.date,
                kind=ev.kind,
                body_id=ev.body,
                body=body_name(ds, ev.body),
                process_id=d.process_id,
                process_title=d.process_title,
                heading=ev.heading,
                description=ev.description,
                planned=ev.planned,
                happened=has_happened(ev, as_of),
                overdue=is_overdue(ev, as_of),
                path=d.path,
            )
        )
    return TimelineResult(as_of, period, entries)
