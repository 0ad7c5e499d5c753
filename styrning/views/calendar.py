"""The timeline's events and the meeting calendar as calendar entries.

The events come from `timeline.compute_timeline` (so the same filters apply)
and keep its stable UIDs; meetings come from `sammanträden` in timeline.yaml.
An event known only to the month (or year) is one all-day event on its first day,
with the month in its title ("Beslut: P (juni 2022)"): a 30-day bar across a
month reads in Outlook as if the event lasted the whole month.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrning.core.dates import PartialDate
from styrning.read.loader import Dataset
from styrning.state.events import body_name
from styrning.views.timeline import TimelineResult


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    date: PartialDate
    summary: str
    description: str
    planned: bool


def calendar_entries(
    result: TimelineResult, ds: Dataset, *, meetings: bool = True
) -> list[CalendarEntry]:
    """Every event of the timeline result.

    With `meetings`, also the meetings in its period and body.
    """
    entries: list[CalendarEntry] = []
    for t in result.entries:
        what = t.kind.value.capitalize()
        summary = f"{what}: {t.process_title}" if t.process_title else (t.heading or what)
        day = t.date
        if t.date.day is None:  # known to the month or year: its first day, named in the title
            summary += f" ({t.date.swedish()})"
            day = PartialDate.of(t.date.start)
        if t.planned:
            summary += f" – {t.kind.agree('planerad', 'planerat')}"
        parts = [p for p in (t.heading if t.process_title else None, t.description) if p]
        if t.body:
            parts.append(f"Organ: {t.body}")
        if t.reply_by:
            parts.append(f"Svar senast: {t.reply_by.swedish()}")
        entries.append(CalendarEntry(t.uid, day, summary, "\n".join(parts), t.planned))
    if meetings and ds.timeline is not None:
        for body, days in ds.timeline.meetings.items():
            if result.body is not None and body != result.body:
                continue
            for day in days:
                if result.period is not None and not day.overlaps(
                    result.period.start, result.period.end
                ):
                    continue
                entries.append(
                    CalendarEntry(
                        uid=f"sammantrade/{body}/{day.iso()}@styrning",
                        date=day,
                        summary=f"Sammanträde: {body_name(ds, body)}",
                        description="",
                        planned=False,
                    )
                )
    return sorted(entries, key=lambda e: (e.date.sort_key, e.uid))


def calendar_name(ds: Dataset) -> str:
    """What a calendar program calls the calendar: "Umeå kommun – styrning"."""
    owner = ds.timeline.organisation if ds.timeline else None
    return f"{owner} – styrning" if owner else "styrning"
