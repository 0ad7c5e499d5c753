"""Calendar entries as an iCalendar file (RFC 5545) that Outlook and other programs subscribe to.

Every entry is an all-day event: a day is one day, a month spans the month,
a year the year (DTEND is exclusive, as the RFC says).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from styrning.core.dates import add_days
from styrning.views.calendar import CalendarEntry

PRODID = "-//styrning//styrning//SV"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 sequence (RFC 5545, 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size, limit = ch, n, 74  # continuation lines start with a space
        else:
            current += ch
            size += n
    parts.append(current)
    return "\r\n ".join(parts)


def render_ics(entries: Sequence[CalendarEntry], *, name: str, stamp: dt.date) -> str:
    """The calendar as text with CRLF line ends.

    `stamp` is DTSTAMP: the as-of date, for reproducibility.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    stamp_text = stamp.strftime("%Y%m%dT000000Z")
    for entry in entries:
        end = add_days(entry.date.end, 1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{entry.date.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(entry.summary)}",
        ]
        if entry.description:
            lines.append(f"DESCRIPTION:{_escape(entry.description)}")
        lines += [
            f"STATUS:{'TENTATIVE' if entry.planned else 'CONFIRMED'}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
