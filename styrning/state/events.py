"""Every dated event of a dataset, each with the process it belongs to.

Events live in two places: in each process file, and in `timeline.yaml`
(which may tie one to a process with `process:`). Status, timeline and
report all start from this one list, so they agree on what happened when.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from styrning.core.model import Event, EventType
from styrning.read.loader import Dataset


@dataclass(frozen=True)
class DatedEvent:
    """One event, where it was written, and the process it concerns (if any)."""

    event: Event
    path: str
    process_id: str | None
    process_title: str | None
    ordinal: int = 1  # among the events of the same type in the same file, in file order

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        return (*self.event.date.sort_key, self.process_id or "")


def has_happened(ev: Event, as_of: dt.date) -> bool:
    """Recorded as done and begun by `as_of`.

    A done event recorded for a month counts from the first day of that month:
    the file says it happened then, and nothing more precise is known.
    """
    return not ev.planned and ev.date.start <= as_of


def is_overdue(ev: Event, as_of: dt.date) -> bool:
    """Still planned although its whole interval lies before `as_of`.

    A decision planned for 2022-06 is overdue from 2022-07-01, never during June.
    """
    return ev.planned and ev.date.is_before(as_of)


def is_hidden(ev: Event, as_of: dt.date) -> bool:
    """Recorded as done but dated after `as_of`: not yet known on that day, so never shown."""
    return not ev.planned and ev.date.start > as_of


def hidden_note(count: int, as_of: dt.date) -> str | None:
    """The line that says how many later events are left out of a view of `as_of`.

    An event recorded as done but dated after the as-of date had not happened on
    that day, and whether it was foreseen is not known: every view leaves it out.
    """
    if not count:
        return None
    what = "händelse" if count == 1 else "händelser"
    return f"{count} senare genomförda {what} visas inte: läget visas per {as_of.isoformat()}."


def is_coming(ev: Event, as_of: dt.date) -> bool:
    """Neither happened nor overdue by `as_of`: still to come from that day's point of view."""
    return not has_happened(ev, as_of) and not is_overdue(ev, as_of)


def body_name(ds: Dataset, body_id: str | None) -> str | None:
    """The name of a body from `timeline.yaml`, or the id itself when it is unknown."""
    if body_id is None:
        return None
    if ds.timeline is not None:
        for body in ds.timeline.bodies:
            if body.id == body_id:
                return body.name
    return body_id


def collect_events(ds: Dataset) -> list[DatedEvent]:
    """All events of the timeline and every process, in date order."""
    out: list[DatedEvent] = []
    if ds.timeline is not None:
        path = ds.timeline_source.path if ds.timeline_source is not None else "timeline.yaml"
        counts: Counter[EventType] = Counter()
        for ev in ds.timeline.events:
            counts[ev.kind] += 1
            lp = ds.processes.get(ev.process) if ev.process else None
            title = lp.process.title if lp is not None else None
            out.append(DatedEvent(ev, path, ev.process, title, counts[ev.kind]))
    for lp in ds.sorted_processes():
        counts = Counter()
        for ev in lp.process.events:
            counts[ev.kind] += 1
            out.append(DatedEvent(ev, lp.path, lp.id, lp.process.title, counts[ev.kind]))
    return sorted(out, key=lambda d: d.sort_key)
