"""The status report for a period, as one plain object: "Styrberedningen – status våren 2022".

Laid out like the committee's slide deck: the background (every step taken
before the period), each ongoing assignment, each governance document in
progress with its milestones, what comes next, and the contact. Pure: the
period and the as-of date are parameters, and nothing dated after the as-of
date is shown as done. The renderers in `render/report_*.py` only format it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from styrning.core.dates import MONTHS_SV, PartialDate
from styrning.core.model import Contact, Event, EventType, ProcessStatus
from styrning.core.periods import Period
from styrning.core.problems import DataErrors
from styrning.core.provenance import Provenance
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
from styrning.state.status import StatusResult, compute_status

# Assignment states that make an assignment part of the report.
ONGOING = frozenset({ProcessStatus.PAGAR, ProcessStatus.PAUSAD})
# Document states that mean the document is still being worked on.
IN_PROGRESS = frozenset(
    {ProcessStatus.UTKAST, ProcessStatus.PA_REMISS, ProcessStatus.FOR_BESLUT, None}
)


def month_year(d: PartialDate) -> str:
    """The deck's way of dating a step: "Juni 2018", "2019", "15 juni 2018"."""
    text = d.swedish()
    return text[:1].upper() + text[1:]


def short_month(d: PartialDate) -> str:
    """A compact date for the timeline drawing: "jun 2018", "2019"."""
    if d.month is None:
        return str(d.year)
    return f"{MONTHS_SV[d.month - 1][:3]} {d.year}"


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return cut + "…"


@dataclass(frozen=True)
class ReportEvent:
    """A dated step as the report tells it."""

    date: PartialDate
    kind: EventType
    body: str | None  # the body's name
    process_id: str | None
    process_title: str | None
    heading: str | None
    description: str | None
    planned: bool
    happened: bool  # done and begun by the as-of date
    overdue: bool
    hidden: bool = False  # recorded as done but dated after the as-of date: not yet known

    @property
    def date_text(self) -> str:
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
        return shorten(self.text, 60)

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


@dataclass(frozen=True)
class Milestone:
    """A step of a document: "Remiss mars 2022", "Beslut juni 2022 – planerat"."""

    event: ReportEvent

    @property
    def text(self) -> str:
        ev = self.event
        text = f"{str(ev.kind).capitalize()} {ev.date.swedish()}"
        return f"{text} – {ev.note}" if ev.note else text


@dataclass(frozen=True)
class ReportPhase:
    name: str
    status: str | None
    current: bool
    start: PartialDate | None
    end: PartialDate | None


@dataclass(frozen=True)
class ReportAssignment:
    id: str
    title: str
    state: str  # e.g. "pågår (angiven)"
    purpose: str | None
    clients: list[str]  # body names
    scope: str | None
    boundaries: list[str]
    focus: list[str]
    phases: list[ReportPhase]
    milestones: list[Milestone]
    contacts: list[Contact]

    @property
    def clients_text(self) -> str:
        """ "Kommunstyrelsen/Stadsdirektör", as the deck writes it."""
        return "/".join(self.clients)


@dataclass(frozen=True)
class ReportDocument:
    id: str
    kind: str
    title: str
    state: str
    subtitle: str | None
    context: str | None
    description: str | None
    goals: list[str]
    milestones: list[Milestone]
    contacts: list[Contact]


@dataclass(frozen=True)
class Report:
    """Everything the status report for one period says, ready to render."""

    title: str
    organisation: str | None
    period: Period
    as_of: dt.date
    background: list[ReportEvent]  # done, wholly before the period
    during: list[ReportEvent]  # done by the as-of date, from the period start on
    assignments: list[ReportAssignment]
    documents: list[ReportDocument]
    coming: list[ReportEvent]
    warnings: list[str]
    contacts: list[Contact]
    provenance: list[str]
    timeline: list[ReportEvent] = field(default_factory=list)  # every event, for the drawing
    hidden_later: int = 0  # events recorded as done but dated after the as-of date
    data_errors: DataErrors | None = None  # the data had errors: every format says so

    @property
    def hidden_note(self) -> str | None:
        """Why some recorded steps are missing, when they are."""
        return hidden_note(self.hidden_later, self.as_of)

    @property
    def period_label(self) -> str:
        return self.period.label()


def default_as_of(period: Period, today: dt.date) -> dt.date:
    """A report is evaluated at the end of its period, or today if the period has not ended."""
    return min(period.end, today)


def _report_event(ds: Dataset, d: DatedEvent, as_of: dt.date) -> ReportEvent:
    ev: Event = d.event
    return ReportEvent(
        date=ev.date,
        kind=ev.kind,
        body=body_name(ds, ev.body),
        process_id=d.process_id,
        process_title=d.process_title,
        heading=ev.heading,
        description=ev.description,
        planned=ev.planned,
        happened=has_happened(ev, as_of),
        overdue=is_overdue(ev, as_of),
        hidden=is_hidden(ev, as_of),
    )


def build_report(ds: Dataset, period: Period, as_of: dt.date, provenance: Provenance) -> Report:
    """The report for `period`, with the data evaluated on `as_of`."""
    status: StatusResult = compute_status(ds, as_of)
    everything = [_report_event(ds, d, as_of) for d in collect_events(ds)]
    # A step recorded as done but dated after the as-of date had not happened then, and
    # whether it was foreseen is not known: the report leaves it out (and says how many).
    events = [e for e in everything if not e.hidden]
    by_process: dict[str, list[ReportEvent]] = {}
    for e in events:
        if e.process_id is not None:
            by_process.setdefault(e.process_id, []).append(e)

    background = [e for e in events if e.happened and e.date.is_before(period.start)]
    with_events = {e.process_id for e in everything}  # a set: one look-up per process

    assignments: list[ReportAssignment] = []
    documents: list[ReportDocument] = []
    for row in status.rows:  # in display order: by type, then title
        lp = ds.processes[row.id]
        proc = lp.process
        own = by_process.get(lp.id, [])
        # A process whose every event lies hidden after the as-of date was not yet known.
        known = bool(own) or lp.id not in with_events
        in_or_after = any(not e.date.is_before(period.start) for e in own)
        # Steps from the period on, and any planned step that is late: still unfinished.
        milestones = [Milestone(e) for e in own if not e.date.is_before(period.start) or e.overdue]
        if not proc.kind.is_document:
            if not in_or_after and not (row.state in ONGOING and known):
                continue
            phases = [
                ReportPhase(
                    ph.name,
                    str(ph.status) if ph.status is not None else None,
                    ph.name == row.phase,
                    ph.start,
                    ph.end,
                )
                for ph in proc.phases
            ]
            assignments.append(
                ReportAssignment(
                    id=lp.id,
                    title=proc.title,
                    state=row.state_text,
                    purpose=proc.purpose,
                    clients=[body_name(ds, c) or c for c in proc.clients],
                    scope=proc.scope,
                    boundaries=list(proc.boundaries),
                    focus=list(proc.focus),
                    phases=phases,
                    milestones=milestones,
                    contacts=list(proc.contacts),
                )
            )
        elif in_or_after or (row.state in IN_PROGRESS and known):
            documents.append(
                ReportDocument(
                    id=lp.id,
                    kind=str(proc.kind),
                    title=proc.title,
                    state=row.state_text,
                    subtitle=proc.subtitle,
                    context=proc.context,
                    description=proc.description,
                    goals=list(proc.goals),
                    milestones=milestones,
                    contacts=list(proc.contacts),
                )
            )

    during = [e for e in events if e.happened and not e.date.is_before(period.start)]
    coming = [e for e in events if not e.happened]
    return Report(
        title=f"Styrberedningen – status {period.text}",
        organisation=ds.timeline.organisation if ds.timeline is not None else None,
        period=period,
        as_of=as_of,
        background=background,
        during=during,
        assignments=assignments,
        documents=documents,
        coming=coming,
        warnings=status.warnings(),
        contacts=list(ds.timeline.contacts) if ds.timeline is not None else [],
        provenance=provenance.lines(),
        timeline=events,
        hidden_later=len(everything) - len(events),
    )
