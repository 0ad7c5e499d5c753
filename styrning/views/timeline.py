"""The dated events of the whole dataset, in order, filtered: what `styrning timeline` shows.

Pure: the as-of date is a parameter. Renderers in `render/timeline.py`
format the result; a calendar renderer can take the same entries, and the
report (`views/report.py`) tells its steps as the same `TimelineEntry`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePosixPath

from styrning.core.dates import PartialDate
from styrning.core.model import EventType
from styrning.core.periods import Period
from styrning.core.text import truncate
from styrning.read.loader import Dataset
from styrning.state.events import (
    DatedEvent,
    body_name,
    collect_events,
    has_happened,
    hidden_note,
    is_hidden,
    is_overdue,
)


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event as the outputs tell it: the timeline's rows, the report's steps."""

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
    reply_by: PartialDate | None  # for a remiss: the last day to reply
    uid: str  # stable across edits: file, event type, ordinal (see `event_uid`)
    hidden: bool = False  # recorded as done but dated after the as-of date: not yet known

    @property
    def date_text(self) -> str:
        """The deck's way of dating a step: "Juni 2018", "2019", "15 juni 2018"."""
        return month_year(self.date)

    @property
    def text(self) -> str:
        """What happened, in one line: the heading, with the process named where it does not."""
        if self.heading:
            title = self.process_title
            if title is None or title.casefold() in self.heading.casefold():
                return self.heading
            return f"{str(self.kind).capitalize()} – {title}: {self.heading}"
        kind = str(self.kind).capitalize()
        return f"{kind}: {self.process_title}" if self.process_title else kind

    @property
    def label(self) -> str:
        """A short label for timelines: type and process, or the heading cut short."""
        if self.process_title:
            return f"{str(self.kind).capitalize()} – {self.process_title}"
        return truncate(self.text, 60, flat=True, at_word=True)

    @property
    def note(self) -> str:
        """Empty when done; otherwise "planerat", "planerad, försenad" or "kommande".

        The participles agree with the event's noun: ett beslut planerat, en remiss planerad.
        """
        if self.happened:
            return ""
        planned = self.kind.agree("planerad", "planerat")
        if self.overdue:
            return f"{planned}, {self.kind.agree('försenad', 'försenat')}"
        return planned if self.planned else "kommande"


def month_year(d: PartialDate) -> str:
    """A date as a heading starts it: "Juni 2018", "2019", "15 juni 2018"."""
    text = d.swedish()
    return text[:1].upper() + text[1:]


def timeline_entry(ds: Dataset, d: DatedEvent, as_of: dt.date) -> TimelineEntry:
    """`d` as the outputs tell it, judged on `as_of`."""
    ev = d.event
    return TimelineEntry(
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
        reply_by=ev.reply_by,
        uid=event_uid(d.path, ev.kind, d.ordinal),
        hidden=is_hidden(ev, as_of),
    )


@dataclass(frozen=True)
class TimelineResult:
    as_of: dt.date
    period: Period | None
    entries: list[TimelineEntry]
    body: str | None = None  # the body filter, when one was given
    hidden_later: int = 0  # events recorded as done but dated after the as-of date

    @property
    def hidden_note(self) -> str | None:
        """Why some recorded events are missing, when they are."""
        return hidden_note(self.hidden_later, self.as_of)


_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


def event_uid(path: str, kind: EventType, ordinal: int) -> str:
    """An identity that survives edits, for calendars that update on re-import.

    It names the file, the event type and the ordinal among that file's events
    of that type ("social-hallbarhet/beslut/1"), not the date or the position:
    moving a decision to another month updates the entry, and adding a remiss
    does not renumber the decisions.
    """
    owner = PurePosixPath(path).stem
    return f"{owner}/{kind.value.translate(_ASCII)}/{ordinal}@styrning"


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
    hidden = 0
    for d in collect_events(ds):
        ev = d.event
        if period is not None and not ev.date.overlaps(period.start, period.end):
            continue
        if body is not None and ev.body != body:
            continue
        if kinds and ev.kind not in kinds:
            continue
        if is_hidden(ev, as_of):
            hidden += 1
            continue
        entries.append(timeline_entry(ds, d, as_of))
    return TimelineResult(as_of, period, entries, body, hidden)
