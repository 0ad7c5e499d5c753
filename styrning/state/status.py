"""Where every process stands on a date: a pure function of the data and that date.

The rules of derived truth, in the order they apply:

1. **Nothing after the day.** The state of a process on day D rests only on its
   facts dated on or before D: its own events recorded as done, the adopting
   decisions of the documents that replace it, and its phases' start and end
   dates. Planned events never make a state; they are what comes next.
2. **A written `status` describes the present.** It applies on and after the
   process's last dated fact (always, when it has none), and only where the facts
   do not contradict it (`validate` warns where they do, G007). Before its first
   dated fact a process has not begun. The same holds for the phases' written
   statuses and a written `aktualitetsprövning` date.
3. **The adopting body decides.** A document becomes gällande by a decision of
   its `beslutande` body (any decision when the file names none); another body's
   decision, or a `förslag`, makes it "för beslut". A replacement takes effect on
   the replacing document's adopting decision.
4. **A review done is done.** An `aktualitetsprövning` event satisfies the review;
   the next one is due `aktualitetsprövning_år` later. Reviews due within
   REVIEW_NOTICE_MONTHS are shown as coming, before they are due.

Partial dates are compared honestly: a decision planned for 2022-06 is neither
overdue nor done on 15 June 2022.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from styrning.core.dates import PartialDate, add_months, add_years
from styrning.core.model import Event, EventType, PhaseStatus, Process, ProcessStatus, ProcessType
from styrning.core.text import swedish_key
from styrning.read.loader import Dataset, LoadedProcess
from styrning.state.events import (
    DatedEvent,
    collect_events,
    has_happened,
    is_coming,
    is_overdue,
)

DEFAULT_REVIEW_YEARS = 4
REVIEW_NOTICE_MONTHS = 6

# The order types are listed in: assignments, then the activating documents (what to
# achieve), then the normative ones (how to act).
TYPE_ORDER = (
    ProcessType.UPPDRAG,
    ProcessType.STRATEGI,
    ProcessType.PROGRAM,
    ProcessType.PLAN,
    ProcessType.POLICY,
    ProcessType.RIKTLINJE,
    ProcessType.REGLER,
)

__all__ = [
    "DEFAULT_REVIEW_YEARS",
    "REVIEW_NOTICE_MONTHS",
    "TYPE_ORDER",
    "ProcessStatusRow",
    "ReviewDue",
    "StateSource",
    "StatusResult",
    "add_years",
    "adopts",
    "compute_status",
    "contradiction",
    "display_order",
]


class StateSource(StrEnum):
    """How the state was found out."""

    DERIVED = "härledd"  # from dated events or phases
    STATED = "angiven"  # the `status` key of the file, which the facts do not contradict
    UNKNOWN = "okänd"


@dataclass(frozen=True)
class ReviewDue:
    """A governance document whose aktualitetsprövning has come or is coming."""

    due: PartialDate
    reason: str  # "beslutad mars 2021 + 4 år", "prövad mars 2025 + 4 år" or "angiven ..."
    coming: bool = False  # due within REVIEW_NOTICE_MONTHS, not yet


@dataclass(frozen=True)
class ProcessStatusRow:
    """One process on the as-of date."""

    id: str
    path: str
    kind: ProcessType
    title: str
    state: ProcessStatus | None
    state_source: StateSource
    state_reason: str  # why: "remiss mars 2022", "status i filen" ...
    phase: str | None  # the current phase of an assignment, when phases tell
    latest: Event | None
    next: Event | None
    overdue: list[Event] = field(default_factory=list)
    review: ReviewDue | None = None
    replaced_by: str | None = None
    bodies: frozenset[str] = frozenset()  # every body the process names
    contradicted: ProcessStatus | None = None  # the written status, where the facts deny it

    @property
    def state_text(self) -> str:
        """The state as a reader sees it, e.g. "pågår (angiven)"."""
        if self.state is None:
            return "–"
        if self.state_source is StateSource.STATED:
            return f"{self.state} (angiven)"
        return str(self.state)


@dataclass(frozen=True)
class StatusResult:
    as_of: dt.date
    rows: list[ProcessStatusRow]

    def overdue(self) -> list[tuple[ProcessStatusRow, Event]]:
        """Planned events whose whole date lies before the as-of date, per process."""
        return [(row, ev) for row in self.rows for ev in row.overdue]

    def review_due(self) -> list[ProcessStatusRow]:
        """Documents in force whose aktualitetsprövning has come."""
        return [row for row in self.rows if row.review is not None and not row.review.coming]

    def review_coming(self) -> list[ProcessStatusRow]:
        """Documents in force whose aktualitetsprövning comes within REVIEW_NOTICE_MONTHS."""
        return [row for row in self.rows if row.review is not None and row.review.coming]

    def warnings(self) -> list[str]:
        """One Swedish line per overdue event and per document due for review."""
        out = [
            f"försenad: {row.title} – {_planned(ev)} {ev.date.swedish()}, inget registrerat sedan"
            for row, ev in self.overdue()
        ]
        for row in self.review_due():
            assert row.review is not None
            out.append(
                f"aktualitetsprövning: {row.title} – "
                f"senast {row.review.due.swedish()} ({row.review.reason})"
            )
        for row in self.review_coming():
            assert row.review is not None
            out.append(
                f"aktualitetsprövning snart: {row.title} – "
                f"senast {row.review.due.swedish()} ({row.review.reason})"
            )
        return out


def _planned(ev: Event) -> str:
    """ "beslut planerat", "remiss planerad": the event type with an agreeing participle."""
    return f"{ev.kind} {ev.kind.agree('planerad', 'planerat')}"


def display_order(kind: ProcessType, title: str) -> tuple[int, str]:
    """How processes are listed: by type (TYPE_ORDER), then title in Swedish order."""
    return (TYPE_ORDER.index(kind), swedish_key(title))


def adopts(proc: Process, ev: Event) -> bool:
    """Whether a decision makes the document gällande: it is by the adopting body.

    When the file names no `beslutande`, or the decision names no body, the decision
    counts: nothing says it was someone else's.
    """
    return ev.kind is EventType.BESLUT and (
        proc.adopted_by is None or ev.body is None or ev.body == proc.adopted_by
    )


# --- facts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    """What is known of one process, with dates: the material of every rule above."""

    events: list[Event]  # its own events (file and timeline.yaml), in date order
    replaced: list[tuple[str, Event]]  # (replacing id, its adopting decision), in date order
    # The first days of its earliest and latest dated fact (`dates`), None when it has none,
    # and its place in the listing: the same on every day, so worked out once.
    first: dt.date | None = None
    last: dt.date | None = None
    order: tuple[int, str] = (0, "")

    def dates(self, proc: Process) -> Iterable[PartialDate]:
        """Every dated fact: done events, replacements, phase dates (planned events are not)."""
        yield from (e.date for e in self.events if not e.planned)
        yield from (ev.date for _, ev in self.replaced if not ev.planned)
        for ph in proc.phases:
            yield from (d for d in (ph.start, ph.end) if d is not None)


def _stated_applies(facts: _Facts, proc: Process, as_of: dt.date) -> bool:
    """A written value describes the present: the day is on or after the last dated fact."""
    return facts.last is None or facts.last <= as_of


def _begun(facts: _Facts, proc: Process, as_of: dt.date) -> bool:
    return facts.first is not None and facts.first <= as_of


# --- derived states ---------------------------------------------------------------------------

_DOC_RANK = {
    ProcessStatus.UTKAST: 0,
    ProcessStatus.PA_REMISS: 1,
    ProcessStatus.FOR_BESLUT: 2,
    ProcessStatus.GALLANDE: 3,
    ProcessStatus.ERSATT: 4,
    ProcessStatus.UPPHAVD: 4,
}
_ASSIGNMENT_RANK = {
    ProcessStatus.EJ_PABORJAD: 0,
    ProcessStatus.PAGAR: 1,
    ProcessStatus.PAUSAD: 1,
    ProcessStatus.AVSLUTAD: 2,
    ProcessStatus.AVBRUTEN: 2,
}
_FINAL = 4, 2


def contradiction(kind: ProcessType, derived: ProcessStatus | None, stated: ProcessStatus) -> bool:
    """Whether a written status contradicts the state the facts give.

    A written status may tell more than the facts (a document "gällande" whose
    decision is not recorded, an assignment "pausad" after its start); it may not
    go back (a decided document "på remiss") or end differently (an assignment
    "avslutad" by the facts, "avbruten" in the file).
    """
    if derived is None:
        return False
    rank = _DOC_RANK if kind.is_document else _ASSIGNMENT_RANK
    if stated not in rank or derived not in rank:
        return False  # a status of the wrong family is G003's business
    final = _FINAL[0] if kind.is_document else _FINAL[1]
    if rank[derived] == final:
        return stated is not derived
    return rank[stated] < rank[derived]


def _document_state(
    proc: Process, facts: _Facts, as_of: dt.date, short: Callable[[str | None], str]
) -> tuple[ProcessStatus | None, str, Event | None, list[Event]]:
    """The state of a governance document from its facts up to `as_of`.

    Also its adopting decision and the reviews done since, for the review clock.
    """
    state: ProcessStatus | None = None
    reason = ""
    decided: Event | None = None
    reviews: list[Event] = []
    for ev in facts.events:
        if not has_happened(ev, as_of):
            continue
        if ev.kind is EventType.REMISS:
            state, reason = ProcessStatus.PA_REMISS, f"remiss {ev.date.swedish()}"
            if ev.reply_by is not None and ev.reply_by.is_before(as_of):
                # The remiss round is over but no decision is recorded: it awaits one.
                state = ProcessStatus.FOR_BESLUT
                reason = f"remisstiden gick ut {ev.reply_by.swedish()}"
        elif ev.kind is EventType.FORSLAG:
            by = f" från {short(ev.body)}" if ev.body else ""
            state, reason = ProcessStatus.FOR_BESLUT, f"förslag{by} {ev.date.swedish()}"
        elif ev.kind is EventType.BESLUT and adopts(proc, ev):
            state, reason, decided, reviews = (
                ProcessStatus.GALLANDE,
                f"beslut {ev.date.swedish()}",
                ev,
                [],
            )
        elif ev.kind is EventType.BESLUT:
            # Another body's decision on the matter: it prepares the adoption.
            state = ProcessStatus.FOR_BESLUT
            reason = (
                f"beslut i {short(ev.body)} {ev.date.swedish()}, antas av {short(proc.adopted_by)}"
            )
        elif ev.kind is EventType.AKTUALITETSPROVNING and decided is not None:
            reviews.append(ev)
        elif ev.kind is EventType.UPPHAVANDE:
            state, reason = ProcessStatus.UPPHAVD, f"upphävd {ev.date.swedish()}"
        elif state is None:
            # Work has visibly begun (an assignment to write it, a presentation ...)
            # but nothing has been sent out or decided: a draft.
            state, reason = ProcessStatus.UTKAST, f"{ev.kind} {ev.date.swedish()}"
    done = [(rid, ev) for rid, ev in facts.replaced if has_happened(ev, as_of)]
    if done and state is not ProcessStatus.UPPHAVD:
        by, ev = done[0]
        state, reason = ProcessStatus.ERSATT, f"ersatt av {by} {ev.date.swedish()}"
    return state, reason, decided, reviews


def _assignment_state(events: list[Event], as_of: dt.date) -> tuple[ProcessStatus | None, str]:
    state: ProcessStatus | None = None
    reason = ""
    for ev in events:
        if not has_happened(ev, as_of):
            continue
        if ev.kind in (EventType.START, EventType.UPPDRAG, EventType.BESLUT):
            if state is None or ev.kind is not EventType.BESLUT:
                state, reason = ProcessStatus.PAGAR, f"{ev.kind} {ev.date.swedish()}"
        elif ev.kind is EventType.AVSLUT:
            state, reason = ProcessStatus.AVSLUTAD, f"avslut {ev.date.swedish()}"
        elif ev.kind is EventType.UPPHAVANDE:
            state, reason = ProcessStatus.AVBRUTEN, f"upphävt {ev.date.swedish()}"
        elif state is None and ev.kind in (
            EventType.ATERRAPPORTERING,
            EventType.LAGESRAPPORT,
            EventType.PRESENTATION,
        ):
            state, reason = ProcessStatus.PAGAR, f"{ev.kind} {ev.date.swedish()}"
    return state, reason


def _current_phase(
    proc: Process, as_of: dt.date, stated: bool
) -> tuple[str | None, ProcessStatus | None]:
    """The phase going on at `as_of`, by its dates, else (when written values apply) its status.

    Also what the phases say about the whole assignment, for when no event tells.
    Only dates on or before `as_of` count: a phase that starts later is not known yet.
    """
    phases = proc.phases
    # The latest phase that has begun and not ended: phases follow each other, so a
    # begun phase without an end date gives way to the next one once that begins.
    for ph in reversed(phases):
        if ph.start is None or ph.start.start > as_of:
            continue
        if ph.end is None or not ph.end.is_before(as_of):
            return ph.name, ProcessStatus.PAGAR
        break
    if not stated:
        return None, None
    for ph in phases:
        if ph.status is PhaseStatus.PAGAR:
            return ph.name, ProcessStatus.PAGAR
        if ph.status is PhaseStatus.PAUSAD:
            return ph.name, ProcessStatus.PAUSAD
    if phases and all(ph.status is PhaseStatus.AVSLUTAD for ph in phases):
        return None, ProcessStatus.AVSLUTAD
    return None, None


def _bodies(lp: LoadedProcess, events: list[Event]) -> frozenset[str]:
    named = {ev.body for ev in events if ev.body is not None}
    named.update(lp.process.clients)
    if lp.process.responsible is not None:
        named.add(lp.process.responsible)
    if lp.process.adopted_by is not None:
        named.add(lp.process.adopted_by)
    return frozenset(named)


def status_facts(ds: Dataset, dated: list[DatedEvent] | None = None) -> dict[str, _Facts]:
    """Every process's facts: its events, and the adopting decisions that replace it.
    The same on every day: a caller computing the status on several days makes them once
    (from `dated`, `collect_events(ds)` when already collected) and passes them on."""
    events: dict[str, list[Event]] = {pid: [] for pid in ds.processes}
    for d in collect_events(ds) if dated is None else dated:
        if d.process_id is not None and d.process_id in events:
            events[d.process_id].append(d.event)
    replaced: dict[str, list[tuple[str, Event]]] = {}
    for lp in ds.sorted_processes():
        decisions = [e for e in events[lp.id] if adopts(lp.process, e) and not e.planned]
        if not decisions:
            continue
        for old in lp.process.replaces:
            replaced.setdefault(old, []).append((lp.id, decisions[0]))
    out = {}
    for pid, evs in events.items():
        proc = ds.processes[pid].process
        facts = _Facts(evs, sorted(replaced.get(pid, []), key=lambda r: r[1].date.sort_key))
        starts = [d.start for d in facts.dates(proc)]
        out[pid] = dataclasses.replace(
            facts,
            first=min(starts, default=None),
            last=max(starts, default=None),
            order=display_order(proc.kind, proc.title),
        )
    return out


def compute_status(
    ds: Dataset, as_of: dt.date, facts_by_id: dict[str, _Facts] | None = None
) -> StatusResult:
    """Each process on `as_of`: its state and why, phase, latest and next event, what is late.
    `facts_by_id`: `status_facts(ds)`, when the caller already has them."""
    review_years = ds.timeline.review_years if ds.timeline is not None else DEFAULT_REVIEW_YEARS
    all_facts = status_facts(ds) if facts_by_id is None else facts_by_id
    bodies = {b.id: b for b in ds.timeline.bodies} if ds.timeline is not None else {}

    def short(body_id: str | None) -> str:
        body = bodies.get(body_id or "")
        return (body.short or body.name) if body is not None else str(body_id)

    rows = []
    for lp in ds.sorted_processes():
        proc = lp.process
        facts = all_facts[lp.id]
        events = facts.events
        stated = _stated_applies(facts, proc, as_of)
        done = [e for e in events if has_happened(e, as_of)]
        coming = [e for e in events if is_coming(e, as_of)]
        phase: str | None = None
        review: ReviewDue | None = None
        replaced_by: str | None = None
        if proc.kind.is_document:
            state, reason, decided, reviews = _document_state(proc, facts, as_of, short)
            if state is ProcessStatus.ERSATT:
                replaced_by = next(rid for rid, ev in facts.replaced if has_happened(ev, as_of))
        else:
            state, reason = _assignment_state(events, as_of)
            phase, phase_state = _current_phase(proc, as_of, stated)
            if state is None and phase_state is not None:
                state, reason = phase_state, "faserna"
        source = StateSource.DERIVED
        contradicted: ProcessStatus | None = None
        if stated and proc.status is not None and proc.status is not state:
            if contradiction(proc.kind, state, proc.status):
                contradicted = proc.status
            else:
                state, source, reason = proc.status, StateSource.STATED, "status i filen"
        if state is None:
            source = StateSource.UNKNOWN
            reason = f"ingen händelse till och med {as_of.isoformat()}"
            if not proc.kind.is_document:
                # Before its first dated fact an assignment has not begun.
                state, source = ProcessStatus.EJ_PABORJAD, StateSource.DERIVED
        if proc.kind.is_document and state is ProcessStatus.GALLANDE:
            review = _review(
                proc.review_due if stated else None, decided, reviews, review_years, as_of
            )
        rows.append(
            ProcessStatusRow(
                id=lp.id,
                path=lp.path,
                kind=proc.kind,
                title=proc.title,
                state=state,
                state_source=source,
                state_reason=reason,
                phase=phase,
                latest=done[-1] if done else None,
                next=coming[0] if coming else None,
                overdue=[e for e in events if is_overdue(e, as_of)],
                review=review,
                replaced_by=replaced_by,
                bodies=_bodies(lp, events),
                contradicted=contradicted,
            )
        )
    rows.sort(key=lambda r: all_facts[r.id].order)  # display_order(r.kind, r.title)
    return StatusResult(as_of, rows)


def _review(
    stated: PartialDate | None,
    decided: Event | None,
    reviews: list[Event],
    years: int,
    as_of: dt.date,
) -> ReviewDue | None:
    """The aktualitetsprövning that has come, or comes within REVIEW_NOTICE_MONTHS, by `as_of`.

    A review done is done: after the latest review the next is due `years` later.
    Before any review, a date written in the file wins; otherwise the review comes
    `years` after the adopting decision. It counts as come from the first day of its date.
    """
    if reviews:
        last = reviews[-1]
        due, reason = add_years(last.date, years), f"prövad {last.date.swedish()} + {years} år"
    elif stated is not None:
        due, reason = stated, "angiven aktualitetsprövning"
    elif decided is not None:
        due = add_years(decided.date, years)
        reason = f"beslutad {decided.date.swedish()} + {years} år"
    else:
        return None
    if due.start <= as_of:
        return ReviewDue(due, reason)
    if due.start <= add_months(as_of, REVIEW_NOTICE_MONTHS):
        return ReviewDue(due, reason, coming=True)
    return None
