"""The dated events and meetings as calendar entries, with identities that stay put.

A calendar program that re-imports the feed updates an entry with the same
UID instead of adding a copy, so the UID must survive edits: it names the
file, the kind of event and its ordinal among events of that kind in that
file ("social-hallbarhet/beslut/1"), not its date or its position in the
list. Moving a decision to another month updates the entry; adding a
remiss does not renumber the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrning.dates import PartialDate
from styrning.loader import Dataset
from styrning.model import Event

UID_DOMAIN = "styrning"
_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    date: PartialDate
    summary: str
    description: str
    body: str | None
    planned: bool


def _entries_for(
    owner: str, title: str | None, events: list[Event], bodies: dict[str, str]
) -> list[CalendarEntry]:
    counts: dict[str, int] = {}
    out: list[CalendarEntry] = []
    for ev in events:
        counts[ev.kind] = counts.get(ev.kind, 0) + 1
        what = ev.kind.value.capitalize()
        summary = f"{what}: {title}" if title else (ev.heading or what)
        parts = [p for p in (ev.heading if title else None, ev.description) if p]
        if ev.body:
            parts.append(f"Organ: {bodies.get(ev.body, ev.body)}")
        if ev.reply_by:
            parts.append(f"Svar senast: {ev.reply_by.swedish()}")
        if ev.planned:
            summary += " (planerad)"
        out.append(
            CalendarEntry(
                uid=f"{owner}/{ev.kind.value.translate(_ASCII)}/{counts[ev.kind]}@{UID_DOMAIN}",
                date=ev.date,
                summary=summary,
                description="\n".join(parts),
                body=ev.body,
                planned=ev.planned,
            )
        )
    return out


def calendar_entries(ds: Dataset, *, meetings: bool = True) -> list[CalendarEntry]:
    """Every dated event (timeline and processes) and, with `meetings`, every meeting, in date order."""
    entries: list[CalendarEntry] = []
    bodies = {b.id: b.name for b in ds.timeline.bodies} if ds.timeline else {}
    if ds.timeline is not None:
        entries += _entries_for("timeline", None, ds.timeline.events, bodies)
        if meetings:
            for body, days in ds.timeline.meetings.items():
                for day in days:
                    entries.append(
                        CalendarEntry(
                            uid=f"sammantrade/{body}/{day.iso()}@{UID_DOMAIN}",
                            date=day,
                            summary=f"Sammanträde: {bodies.get(body, body)}",
                            description="",
                            body=body,
                            planned=False,
                        )
                    )
    for lp in ds.sorted_processes():
        entries += _entries_for(lp.id, lp.process.title, lp.process.events, bodies)
    return sorted(entries, key=lambda e: (e.date.sort_key, e.uid))
