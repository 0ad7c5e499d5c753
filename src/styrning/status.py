"""Where every process stands on a date: a pure function of the data and that date.

The state of a process is derived from its dated events wherever they tell
(so that a past date shows the state of that date, not today's), and falls
back to the `status` written in the file only when no dated event does.
Partial dates are compared honestly: a decision planned for 2022-06 is
neither overdue nor done on 15 June 2022.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from styrning.dates import PartialDate
from styrning.events import collect_events, has_happened, is_coming, is_overdue
from styrning.loader import Dataset, LoadedProcess
from styrning.model import Event, EventType, PhaseStatus, ProcessStatus, ProcessType

DEFAULT_REVIEW_YEARS = 4


class StateSource(StrEnum):
    """How the state was found out."""

    DERIVED = "härledd"  # from dated events or phases
    STATED = "angiven"  # the `status` key of the file, no dated event tells
    UNKNOWN = "okänd"


@dataclass(frozen=True)
class ReviewDue:
    """A governance document whose aktualitetsprövning has come."""

    due: PartialDate
    reason: str  # "beslutad mars 2021 + 4 år" or "angiven aktualitetsprövning"


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
        return [row for row in self.rows if row.review is not None]

    def warnings(self) -> list[str]:
        """One Swedish line per overdue event and per document due for review."""
        out = [
            f"försenad: {row.title} – {ev.kind} planerad {ev.date.swedish()}, "
            "inget registrerat sedan"
            for row, ev in self.overdue()
        ]
        for row in self.review_due():
            assert row.review is not None
            out.append(
                f"aktualitetsprövning: {row.title} – "
                f"senast {row.review.due.swedish()} ({row.review.reason})"
            )
        return out


def add_years(d: PartialDate, years: int) -> PartialDate:
    """The same date `years` later; 29 February becomes the 28th in a common year."""
    year = d.year + years
    if d.day is not None and d.month is not None:
        return PartialDate(year, d.month, min(d.day, calendar.monthrange(year, d.month)[1]))
    return PartialDate(year, d.month, d.day)


def _document_state(
    events: list[Event], as_of: dt.date
) -> tuple[ProcessStatus | None, str, Event | None]:
    """The state of a governance document from its done events, and when it was last decided."""
    state: ProcessStatus | None = None
    reason = ""
    decided: Event | None = None
    for ev in events:
        if not has_happened(ev, as_of):
            continue
        if ev.kind is EventType.REMISS:
            state, reason = ProcessStatus.PA_REMISS, f"remiss {ev.date.swedish()}"
            if ev.reply_by is not None and ev.reply_by.is_before(as_of):
                # The remiss round is over but no decision is recorded: it awaits one.
                state = ProcessStatus.FOR_BESLUT
                reason = f"remisstiden gick ut {ev.reply_by.swedish()}"
        elif ev.kind is EventType.BESLUT:
            state, reason, decided = ProcessStatus.GALLANDE, f"beslut {ev.date.swedish()}", ev
        elif ev.kind is EventType.AKTUALITETSPROVNING and decided is not None:
            decided = ev  # a review restarts the review clock
        elif ev.kind is EventType.UPPHAVANDE:
            state, reason = ProcessStatus.UPPHAVD, f"upphävd {ev.date.swedish()}"
        elif state is None:
            # Work has visibly begun (an assignment to write it, a presentation ...)
            # but nothing has been sent out or decided: a draft.
            state, reason = ProcessStatus.UTKAST, f"{ev.kind} {ev.date.swedish()}"
    return state, reason, decided


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
    if state is None:
        starts = [e for e in events if e.kind in (EventType.START, EventType.UPPDRAG)]
        if starts and starts[0].date.is_after(as_of):
            state, reason = ProcessStatus.EJ_PABORJAD, f"startar {starts[0].date.swedish()}"
    return state, reason


def _current_phase(lp: LoadedProcess, as_of: dt.date) -> tuple[str | None, ProcessStatus | None]:
    """The phase going on at `as_of`, by its dates where given, else by its stated status.

    Also what the phases say about the whole assignment, for when no event tells.
    """
    phases = lp.process.phases
    # The latest phase that has begun and not ended: phases follow each other, so a
    # begun phase without an end date gives way to the next one once that begins.
    for ph in reversed(phases):
        begun = ph.start is not None and ph.start.start <= as_of
        if begun and (ph.end is None or not ph.end.is_before(as_of)):
            return ph.name, ProcessStatus.PAGAR
        if begun:
            break
    dated = [ph for ph in phases if ph.start is not None]
    if dated and all(ph.start is not None and ph.start.is_after(as_of) for ph in dated):
        return None, ProcessStatus.EJ_PABORJAD
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
    return frozenset(named)


def _replacements(
    ds: Dataset, events: dict[str, list[Event]], as_of: dt.date
) -> dict[str, tuple[str, Event]]:
    """Which document replaced which by `as_of`: the replacing one has a done decision."""
    out: dict[str, tuple[str, Event]] = {}
    for lp in ds.sorted_processes():
        decisions = [
            e
            for e in events.get(lp.id, [])
            if e.kind is EventType.BESLUT and has_happened(e, as_of)
        ]
        if not decisions:
            continue
        for old in lp.process.replaces:
            if old not in out or decisions[0].date.sort_key < out[old][1].date.sort_key:
                out[old] = (lp.id, decisions[0])
    return out


def compute_status(ds: Dataset, as_of: dt.date) -> StatusResult:
    """Each process on `as_of`: its state and why, phase, latest and next event, what is late."""
    review_years = ds.timeline.review_years if ds.timeline is not None else DEFAULT_REVIEW_YEARS
    by_process: dict[str, list[Event]] = {}
    for d in collect_events(ds):
        if d.process_id is not None:
            by_process.setdefault(d.process_id, []).append(d.event)
    replaced = _replacements(ds, by_process, as_of)
    rows = []
    for lp in ds.sorted_processes():
        events = by_process.get(lp.id, [])
        proc = lp.process
        done = [e for e in events if has_happened(e, as_of)]
        coming = [e for e in events if is_coming(e, as_of)]
        phase: str | None = None
        review: ReviewDue | None = None
        replaced_by: str | None = None
        if proc.kind.is_document:
            state, reason, decided = _document_state(events, as_of)
            if lp.id in replaced and state is not ProcessStatus.UPPHAVD:
                replaced_by, ev = replaced[lp.id]
                state, reason = ProcessStatus.ERSATT, f"ersatt av {replaced_by} {ev.date.swedish()}"
            source = StateSource.DERIVED if state is not None else StateSource.UNKNOWN
            if state is None and proc.status is not None:
                state, source, reason = proc.status, StateSource.STATED, "status i filen"
            elif state is None and coming:
                state, source = ProcessStatus.UTKAST, StateSource.DERIVED
                reason = "bara kommande händelser"
            if state is ProcessStatus.GALLANDE:
                review = _review(proc.review_due, decided, review_years, as_of)
        else:
            state, reason = _assignment_state(events, as_of)
            phase, phase_state = _current_phase(lp, as_of)
            source = StateSource.DERIVED if state is not None else StateSource.UNKNOWN
            if state is None and phase_state is not None:
                state, reason = phase_state, "faserna"
                source = StateSource.DERIVED
            if state is None and proc.status is not None:
                state, source, reason = proc.status, StateSource.STATED, "status i filen"
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
            )
        )
    return StatusResult(as_of, rows)


def _review(
    stated: PartialDate | None, decided: Event | None, years: int, as_of: dt.date
) -> ReviewDue | None:
    """The aktualitetsprövning that has come by `as_of`, if any.

    An explicit date in the file wins; otherwise it comes `years` after the
    latest decision or review. It counts as come from the first day of its date.
    """
    if stated is not None:
        due, reason = stated, "angiven aktualitetsprövning"
    elif decided is not None:
        due = add_years(decided.date, years)
        verb = "beslutad" if decided.kind is EventType.BESLUT else "prövad"
        reason = f"{verb} {decided.date.swedish()} + {years} år"
    else:
        return None
    return ReviewDue(due, reason) if due.start <= as_of else None
