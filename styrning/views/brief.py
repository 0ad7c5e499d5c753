"""The briefing pack before a committee meeting, computed into a plain `Document`.

Pure: the meeting, the as-of date and the changes since the last meeting are
parameters. What the pack holds, in order: the meeting; what changed since
the previous meeting; decisions at this meeting and in the coming months;
documents out on remiss and when the remiss closes; what is late; documents
due for aktualitetsprövning; each ongoing assignment in two lines. An empty
section says so in one line instead of vanishing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from styrning.core.dates import PartialDate, add_days, add_months
from styrning.core.model import EventType, ProcessStatus
from styrning.read.loader import Dataset
from styrning.state.events import DatedEvent, body_name, collect_events, has_happened, is_overdue
from styrning.state.status import StatusResult, compute_status
from styrning.views.document import Document, Section, Table

HORIZON_MONTHS = 3

# What a meeting decides: decisions, and proposals where the model has them.
DECISIONS = frozenset(t for t in EventType if t.value in ("beslut", "förslag"))


class BriefError(ValueError):
    """The meeting cannot be chosen from what was given (message in Swedish)."""


@dataclass(frozen=True)
class Meeting:
    body: str | None  # body id, when the pack is for one body
    date: dt.date
    previous: dt.date | None  # the body's previous meeting in the calendar
    in_calendar: bool = True  # False: the body has a calendar and this day is not in it


def choose_meeting(
    ds: Dataset, organ: str | None, meeting: dt.date | None, today: dt.date
) -> Meeting:
    """The meeting the pack is for: the one given, else the body's next one in the calendar.

    Without `organ`, the body is the only one with a calendar, or KS when it has one.
    """
    calendars = ds.timeline.meetings if ds.timeline is not None else {}
    if organ is None:
        if len(calendars) == 1:
            organ = next(iter(calendars))
        elif "ks" in calendars:
            organ = "ks"
    days = sorted(d.start for d in calendars.get(organ, [])) if organ else []
    if meeting is None:
        upcoming = [d for d in days if d >= today]
        if not upcoming:
            who = f"för {body_name(ds, organ)} " if organ else ""
            raise BriefError(
                f"ingen kommande sammanträdesdag {who}i timeline.yaml (sammanträden) – "
                "ange dagen med --meeting ÅÅÅÅ-MM-DD"
            )
        meeting = upcoming[0]
    earlier = [d for d in days if d < meeting]
    return Meeting(organ, meeting, earlier[-1] if earlier else None, not days or meeting in days)


def _for_body(d: DatedEvent, body: str | None) -> bool:
    return body is None or d.event.body in (None, body)


def _label(ds: Dataset, d: DatedEvent) -> str:
    ev = d.event
    what = ev.kind.value.capitalize()
    subject = d.process_title or ev.heading or ""
    text = f"{what} {ev.date.swedish()}: {subject}" if subject else f"{what} {ev.date.swedish()}"
    if d.process_title and ev.heading and ev.kind is not EventType.BESLUT:
        text += f" – {ev.heading}"
    if ev.body:
        text += f" ({body_name(ds, ev.body)})"
    if ev.planned:
        text += " – planerat"
    return text


def compute_brief(
    ds: Dataset,
    meeting: Meeting,
    as_of: dt.date,
    *,
    since: dt.date | None = None,
    since_text: str | None = None,
    until_text: str | None = None,
    changes: list[str] | None = None,
    provenance: list[str] | None = None,
) -> Document:
    """The pack for `meeting`, with the state on `as_of`.

    `changes` are the lines of the semantic diff since the previous meeting
    (with who and when; up to `until_text` for a meeting in the past), when git
    history is at hand; without it the events dated from `since` up to the
    meeting stand in for them. The decisions at the meeting are those dated on
    its day (or in a month or year that contains it), planned or done; the
    decisions of the bodies the meeting's body prepares (`bereder`) follow under
    their own headings.
    """
    status = compute_status(ds, as_of)
    events = collect_events(ds)
    organ_name = body_name(ds, meeting.body)
    when = PartialDate.of(meeting.date).swedish()
    title = (
        f"Inför sammanträdet i {organ_name} {when}" if organ_name else f"Inför sammanträdet {when}"
    )
    subtitle = [ds.timeline.organisation] if ds.timeline is not None else []

    start = since or meeting.previous
    meeting_lines = [f"Sammanträde: {when}"]
    if organ_name:
        meeting_lines.insert(0, f"Organ: {organ_name}")
    if not meeting.in_calendar and organ_name:
        meeting_lines.append(f"{when} finns inte i sammanträdesplanen för {organ_name}.")
    if meeting.previous is not None:
        meeting_lines.append(
            f"Föregående sammanträde: {PartialDate.of(meeting.previous).swedish()}"
        )
    meeting_lines.append(f"Läget per: {as_of.isoformat()}")
    sections = [Section("Sammanträdet", paragraphs=meeting_lines)]

    sections.append(
        _changes_section(ds, events, meeting, as_of, start, since_text, until_text, changes)
    )

    horizon = add_months(meeting.date, HORIZON_MONTHS)
    decisions = [d for d in events if d.event.kind in DECISIONS]
    now = [
        d for d in decisions if d.event.date.contains(meeting.date) and _for_body(d, meeting.body)
    ]
    later = [
        d
        for d in decisions
        if d not in now
        and not has_happened(d.event, as_of)
        and not is_overdue(d.event, as_of)
        and _for_body(d, meeting.body)
        and d.event.date.overlaps(add_days(meeting.date, 1), horizon)
    ]
    sections.append(
        Section(
            "Beslut vid sammanträdet",
            bullets=[_label(ds, d) for d in now],
            empty="Inga beslut är planerade till det här sammanträdet.",
        )
    )
    sections.append(
        Section(
            f"Kommande beslut till och med {PartialDate.of(horizon).swedish()}",
            bullets=[_label(ds, d) for d in later],
            empty="Inga beslut är planerade de närmaste månaderna.",
        )
    )
    sections += _prepared_sections(ds, decisions, meeting, horizon)
    sections.append(_remiss_section(ds, status, events, as_of))
    sections.append(
        Section(
            "Försenat",
            bullets=[
                f"{row.title}: {ev.kind} {ev.kind.agree('planerad', 'planerat')} "
                f"{ev.date.swedish()}, inget registrerat sedan"
                for row, ev in status.overdue()
            ],
            empty="Inget är försenat.",
        )
    )
    sections.append(
        Section(
            "Aktualitetsprövning",
            bullets=[
                f"{row.title}: senast {row.review.due.swedish()} ({row.review.reason})"
                for row in status.review_due()
                if row.review is not None
            ]
            + [
                f"{row.title}: snart, senast {row.review.due.swedish()} ({row.review.reason})"
                for row in status.review_coming()
                if row.review is not None
            ],
            empty="Inga styrdokument behöver prövas nu eller de närmaste sex månaderna.",
        )
    )
    sections.append(_assignments_section(ds, status))
    return Document(title, subtitle, sections, provenance or [])


def _prepared_sections(
    ds: Dataset, decisions: list[DatedEvent], meeting: Meeting, horizon: dt.date
) -> list[Section]:
    """For each body the meeting's body prepares: its decisions from the meeting's day
    (or month) to the horizon, planned or done."""
    if ds.timeline is None or meeting.body is None:
        return []
    me = next((b for b in ds.timeline.bodies if b.id == meeting.body), None)
    if me is None:
        return []
    until = PartialDate.of(horizon).swedish()
    sections = []
    for other in dict.fromkeys(me.prepares):
        name = body_name(ds, other)
        sections.append(
            Section(
                f"Beslut i {name} som {body_name(ds, me.id)} bereder, till och med {until}",
                bullets=[
                    _label(ds, d)
                    for d in decisions
                    if d.event.body == other and d.event.date.overlaps(meeting.date, horizon)
                ],
                empty=f"Inga beslut i {name} är planerade till och med {until}.",
            )
        )
    return sections


def _changes_section(
    ds: Dataset,
    events: list[DatedEvent],
    meeting: Meeting,
    as_of: dt.date,
    start: dt.date | None,
    since_text: str | None,
    until_text: str | None,
    changes: list[str] | None,
) -> Section:
    if changes is not None:
        label = since_text or (start.isoformat() if start else "")
        if until_text:
            label += f" till och med {until_text}"
        return Section(
            f"Ändringar sedan {label}",
            bullets=changes,
            empty="Inga ändringar i data sedan dess.",
        )
    if start is None:
        return Section(
            "Ändringar sedan förra sammanträdet",
            empty="Inget föregående sammanträde är känt – ange --since DATUM eller REVISION.",
        )
    last_day = add_days(meeting.date, -1)
    happened = [
        d for d in events if has_happened(d.event, as_of) and d.event.date.overlaps(start, last_day)
    ]
    return Section(
        f"Händelser sedan {PartialDate.of(start).swedish()}",
        bullets=[_label(ds, d) for d in happened],
        empty="Inga registrerade händelser sedan dess.",
    )


def _remiss_section(
    ds: Dataset, status: StatusResult, events: list[DatedEvent], as_of: dt.date
) -> Section:
    rows = []
    for row in status.rows:
        if row.state is not ProcessStatus.PA_REMISS:
            continue
        sent = [
            d.event
            for d in events
            if d.process_id == row.id
            and d.event.kind is EventType.REMISS
            and has_happened(d.event, as_of)
        ]
        latest = sent[-1] if sent else None
        rows.append(
            [
                row.title,
                latest.date.swedish() if latest else "–",
                latest.reply_by.swedish() if latest and latest.reply_by else "ej angivet",
            ]
        )
    return Section(
        "På remiss",
        table=Table(["Dokument", "Remiss", "Svar senast"], rows),
        empty="Inga dokument är ute på remiss.",
    )


def _assignments_section(ds: Dataset, status: StatusResult) -> Section:
    closed = {ProcessStatus.AVSLUTAD, ProcessStatus.AVBRUTEN}
    bullets = []
    for row in status.rows:
        if row.kind.is_document or row.state in closed:
            continue
        first = f"{row.title}: {row.state_text}"
        if row.phase:
            first += f", {row.phase}"
        if row.next is not None:
            second = f"Nästa: {row.next.kind} {row.next.date.swedish()}"
            if row.next.heading:
                second += f" – {row.next.heading}"
        elif row.latest is not None:
            second = f"Senast: {row.latest.kind} {row.latest.date.swedish()}; inget planerat"
        else:
            second = "Inga daterade händelser."
        bullets.append(f"{first}\n{second}")
    return Section("Pågående uppdrag", bullets=bullets, empty="Inga pågående uppdrag.")
