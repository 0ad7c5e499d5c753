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
from styrning.core.model import Contact, ProcessStatus
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
from styrning.state.status import ProcessStatusRow, StatusResult, compute_status, status_facts
from styrning.views.timeline import TimelineEntry, event_keys, timeline_entry

# Assignment states that make an assignment part of the report.
ONGOING = frozenset({ProcessStatus.PAGAR, ProcessStatus.PAUSAD})
# Document states that mean the document is still being worked on.
IN_PROGRESS = frozenset(
    {ProcessStatus.UTKAST, ProcessStatus.PA_REMISS, ProcessStatus.FOR_BESLUT, None}
)


def day_text(day: dt.date) -> str:
    """A day as documents write it: "17 maj 2022"."""
    return PartialDate.of(day).swedish()


def reader_state(row: ProcessStatusRow) -> str:
    """The state as a document says it: "pågår" (whether stated or derived is for the terminal)."""
    return str(row.state) if row.state is not None else "–"


def period_words(period: Period) -> str:
    """ "våren 2022, 1 januari – 30 juni 2022": the period's name and its days in words."""
    start = day_text(period.start)
    if period.start.year == period.end.year:
        start = start.rsplit(" ", 1)[0]  # "1 januari – 30 juni 2022"
    return f"{period.text}, {start} – {day_text(period.end)}"


def short_month(d: PartialDate) -> str:
    """A compact date for the timeline drawing: "jun 2018", "2019"."""
    if d.month is None:
        return str(d.year)
    return f"{MONTHS_SV[d.month - 1][:3]} {d.year}"


# Numbers as words, for headings like "Tre huvudfokus" (neuter forms: ett fokus).
_COUNT_WORDS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")


def count_word(n: int) -> str:
    """`n` as a Swedish word (neuter) up to ten, digits above."""
    return _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)


@dataclass(frozen=True)
class Milestone:
    """A step of a document: "Remiss mars 2022", "Beslut juni 2022 – planerat"."""

    event: TimelineEntry

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
    state: str  # e.g. "pågår"
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

    @property
    def focus_heading(self) -> str:
        """ "Tre huvudfokus", the number from the data, as the deck heads the focuses."""
        return f"{count_word(len(self.focus)).capitalize()} huvudfokus"

    @property
    def phases_heading(self) -> str:
        """ "Detta sker genom 3 faser", as the deck heads the phases."""
        n = len(self.phases)
        return f"Detta sker genom {n} {'fas' if n == 1 else 'faser'}"


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
    in_progress: bool = True  # still being worked on; else decided (in force) in the period


@dataclass(frozen=True)
class Report:
    """Everything the status report for one period says, ready to render."""

    title: str
    organisation: str | None
    period: Period
    as_of: dt.date
    background: list[TimelineEntry]  # done, wholly before the period
    during: list[TimelineEntry]  # done by the as-of date, from the period start on
    assignments: list[ReportAssignment]
    documents: list[ReportDocument]
    coming: list[TimelineEntry]
    warnings: list[str]
    contacts: list[Contact]
    provenance: list[str]
    timeline: list[TimelineEntry] = field(default_factory=list)  # every event, for the drawing
    hidden_later: int = 0  # events recorded as done but dated after the as-of date
    data_errors: DataErrors | None = None  # the data had errors: every format says so

    @property
    def hidden_note(self) -> str | None:
        """Why some recorded steps are missing, when they are (the day in words)."""
        note = hidden_note(self.hidden_later, self.as_of)
        return note.replace(self.as_of.isoformat(), day_text(self.as_of)) if note else None

    @property
    def document_groups(self) -> list[tuple[str, list[ReportDocument]]]:
        """The documents under their headings: those under work, then those decided in the
        period (a guideline in force is not under work); groups without documents left out."""
        groups = [
            ("Styrdokument under arbete", [d for d in self.documents if d.in_progress]),
            (
                "Styrdokument beslutade under perioden",
                [d for d in self.documents if not d.in_progress],
            ),
        ]
        return [(name, docs) for name, docs in groups if docs]

    @property
    def period_label(self) -> str:
        """The period for machines and the terminal: "våren 2022 = 2022-01-01 – 2022-06-30"."""
        return self.period.label()

    @property
    def period_words(self) -> str:
        """The period for readers: "våren 2022, 1 januari – 30 juni 2022"."""
        return period_words(self.period)


def default_as_of(period: Period, today: dt.date) -> dt.date:
    """A report is evaluated at the end of its period, or today if the period has not ended."""
    return min(period.end, today)


class ReportBasis:
    """What the reports of one dataset share, whatever their period: the events in date
    order with their UID keys (collected once), each event's entry as judged on a day
    (made once per distinct judgement), and the status per as-of day (computed once per
    day). A caller building several reports (the site: one per half-year) makes one and
    passes it to every `build_report`; the reports are the same as without it."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.dated: list[DatedEvent] = collect_events(ds)
        self.keys = event_keys(self.dated)
        self._entries: dict[tuple[int, bool, bool, bool], TimelineEntry] = {}
        self._facts = status_facts(ds, self.dated)
        self._status: dict[dt.date, StatusResult] = {}
        self._judged: dict[dt.date, list[TimelineEntry]] = {}
        self._ends: dict[int, dt.date] = {}  # each entry's last day, by the entry's id()
        self._spans = [
            (d, d.event.planned, d.event.date.start, d.event.date.end) for d in self.dated
        ]

    def status(self, as_of: dt.date) -> StatusResult:
        """`compute_status` on `as_of`, computed once per day."""
        result = self._status.get(as_of)
        if result is None:
            result = self._status[as_of] = compute_status(self.ds, as_of, self._facts)
        return result

    def entries(self, as_of: dt.date) -> list[TimelineEntry]:
        """Every event as judged on `as_of`, in date order, hidden ones included (the list
        of `timeline_entry` over `collect_events`); an entry that reads the same on two days
        is one object, and the list of a day is made once."""
        judged = self._judged.get(as_of)
        if judged is not None:
            return judged
        judged = []
        cache = self._entries
        for d, planned, start, end in self._spans:
            # has_happened, is_overdue and is_hidden, from the dates worked out once
            flags = (
                id(d),
                not planned and start <= as_of,
                planned and end < as_of,
                not planned and start > as_of,
            )
            entry = cache.get(flags)
            if entry is None:
                entry = cache[flags] = timeline_entry(self.ds, d, as_of, self.keys[id(d)])
                ev = d.event
                assert flags[1:] == (
                    has_happened(ev, as_of),
                    is_overdue(ev, as_of),
                    is_hidden(ev, as_of),
                ), "the shortcut above must say what state/events.py says"
                self._ends[id(entry)] = end  # the entry lives as long as the cache
            judged.append(entry)
        self._judged[as_of] = judged
        return judged

    def before(self, entries: list[TimelineEntry], day: dt.date) -> set[int]:
        """The id() of each of `entries` (from `entries()`) whose whole date lies before
        `day` (`date.is_before(day)`), its last day computed once."""
        ends = self._ends
        return {id(e) for e in entries if ends[id(e)] < day}


def build_report(
    ds: Dataset,
    period: Period,
    as_of: dt.date,
    provenance: Provenance,
    made: dt.date | None = None,
    basis: ReportBasis | None = None,
) -> Report:
    """The report for `period`, with the data evaluated on `as_of`; `made` is today.
    `basis` (made from `ds`) shares the work between the reports of several periods."""
    if basis is None:
        basis = ReportBasis(ds)
    status = basis.status(as_of)
    everything = basis.entries(as_of)
    # A step recorded as done but dated after the as-of date had not happened then, and
    # whether it was foreseen is not known: the report leaves it out (and says how many).
    events = [e for e in everything if not e.hidden]
    by_process: dict[str, list[TimelineEntry]] = {}
    for e in events:
        if e.process_id is not None:
            by_process.setdefault(e.process_id, []).append(e)

    early = basis.before(events, period.start)  # wholly before the period
    background = [e for e in events if e.happened and id(e) in early]
    with_events = {e.process_id for e in everything}  # a set: one look-up per process

    assignments: list[ReportAssignment] = []
    documents: list[ReportDocument] = []
    for row in status.rows:  # in display order: by type, then title
        lp = ds.processes[row.id]
        proc = lp.process
        own = by_process.get(lp.id, [])
        # A process whose every event lies hidden after the as-of date was not yet known.
        known = bool(own) or lp.id not in with_events
        in_or_after = any(id(e) not in early for e in own)
        # Steps from the period on, and any planned step that is late: still unfinished.
        milestones = [Milestone(e) for e in own if id(e) not in early or e.overdue]
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
                    state=reader_state(row),
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
                    state=reader_state(row),
                    subtitle=proc.subtitle,
                    context=proc.context,
                    description=proc.description,
                    goals=list(proc.goals),
                    milestones=milestones,
                    contacts=list(proc.contacts),
                    in_progress=row.state in IN_PROGRESS,
                )
            )

    during = [e for e in events if e.happened and id(e) not in early]
    # What comes next; a late step is no longer "next": it is under the warnings.
    coming = [e for e in events if not e.happened and not e.overdue]
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
        provenance=provenance.reader_lines(made),
        timeline=events,
        hidden_later=len(everything) - len(events),
    )
