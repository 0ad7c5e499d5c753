"""What the published site says: every page of `styrning site`, as plain objects.

Built from the existing views, so that the site says what the commands say: the
status table is `compute_status`, the timeline `compute_timeline`, each half-year's
page `build_report`, the calendar `calendar_entries`, the history of each process
the semantic diff of `history`. Pure apart from the history, which is passed in;
"today" is a parameter. The renderer in `render/site.py` writes the pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from styrning.core.dates import PartialDate
from styrning.core.model import Accessibility, Body, Contact, EventType, Process
from styrning.core.periods import Period, parse_period
from styrning.core.problems import DataErrors, Problem
from styrning.core.provenance import Provenance
from styrning.history.diff import LogEntry
from styrning.read.loader import Dataset
from styrning.state.events import body_name
from styrning.state.status import ProcessStatusRow, StatusResult
from styrning.views.calendar import CalendarEntry, calendar_entries, calendar_name
from styrning.views.report import Report, ReportBasis, build_report, default_as_of
from styrning.views.timeline import TimelineEntry, TimelineResult

SITE_TITLE = "Styrberedningen"


def process_file(pid: str) -> str:
    """The page of a process, relative to the site's root (every page sits at the root)."""
    return f"process-{pid}.html"


def body_file(bid: str) -> str:
    return f"organ-{bid}.html"


def report_file(period: Period) -> str:
    """`rapport-2022-vt.html` for våren 2022, `rapport-2022-ht.html` for hösten."""
    half = "vt" if period.start.month == 1 else "ht"
    return f"rapport-{period.start.year}-{half}.html"


@dataclass(frozen=True)
class Ref:
    """A link to another page of the site, or plain text when there is none to link to."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class ProcessPage:
    id: str
    path: str
    process: Process
    row: ProcessStatusRow
    events: list[TimelineEntry]
    clients: list[Ref]
    responsible: Ref | None
    adopted_by: Ref | None
    replaces: list[Ref]
    replaced_by: list[Ref]
    history: list[LogEntry] | None  # None: not in git (the page says why)
    history_note: str | None = None

    @property
    def file(self) -> str:
        return process_file(self.id)


@dataclass(frozen=True)
class BodyPage:
    body: Body
    parent: Ref | None
    decided: list[TimelineEntry]  # decisions taken by the as-of date
    coming: list[TimelineEntry]  # its events not yet happened
    other: list[TimelineEntry]  # the rest of what it did (remisser, uppdrag ...)
    meetings: list[PartialDate]
    assignments: list[Ref]  # processes it gave (uppdragsgivare)
    processes: list[Ref]  # every process naming it

    @property
    def file(self) -> str:
        return body_file(self.body.id)


@dataclass(frozen=True)
class ReportPage:
    report: Report

    @property
    def file(self) -> str:
        return report_file(self.report.period)


@dataclass(frozen=True)
class SearchEntry:
    """One page in the search index: where it is, its title and the text searched."""

    url: str
    title: str
    kind: str
    text: str


@dataclass
class Site:
    """Every page of the site, ready to render."""

    organisation: str | None
    as_of: dt.date
    status: StatusResult
    timeline: TimelineResult
    processes: list[ProcessPage]
    bodies: list[BodyPage]
    reports: list[ReportPage]
    calendar: list[CalendarEntry]
    calendar_name: str
    contacts: list[Contact]
    provenance: list[str]
    data: dict[str, Any]  # the open data, one JSON document
    data_errors: DataErrors | None = None
    problems: list[Problem] = field(default_factory=list)  # shown by `serve` on every page
    accessibility: Accessibility | None = None  # timeline.yaml's `tillgänglighet`

    @property
    def title(self) -> str:
        return SITE_TITLE

    def search_entries(self) -> list[SearchEntry]:
        """Titles and texts of every process, body and report page."""
        out = []
        for p in self.processes:
            proc = p.process
            texts = [
                proc.title,
                proc.subtitle,
                proc.context,
                proc.description,
                proc.purpose,
                proc.scope,
                *proc.boundaries,
                *proc.focus,
                *proc.goals,
                *(ph.name for ph in proc.phases),
                *(ph.description for ph in proc.phases),
                *(ev.heading for ev in proc.events),
                *(ev.description for ev in proc.events),
                proc.case_number,
            ]
            out.append(
                SearchEntry(p.file, proc.title, str(proc.kind), " ".join(t for t in texts if t))
            )
        for b in self.bodies:
            texts = [b.body.name, b.body.short or ""]
            texts += [e.heading or "" for e in b.decided + b.coming + b.other]
            out.append(SearchEntry(b.file, b.body.name, "organ", " ".join(t for t in texts if t)))
        for r in self.reports:
            rep = r.report
            out.append(SearchEntry(r.file, rep.title, "rapport", f"{rep.title} {rep.period_label}"))
        return out


def _ref_process(ds: Dataset, pid: str) -> Ref:
    lp = ds.processes.get(pid)
    if lp is None:
        return Ref(pid)
    return Ref(lp.process.title, process_file(pid))


def _ref_body(ds: Dataset, bid: str | None) -> Ref | None:
    if bid is None:
        return None
    known = ds.timeline is not None and any(b.id == bid for b in ds.timeline.bodies)
    return Ref(body_name(ds, bid) or bid, body_file(bid) if known else None)


def half_years(entries: list[TimelineEntry], today: dt.date) -> list[Period]:
    """Every half-year (våren, hösten) that one of the events overlaps, in order."""
    halves: set[tuple[int, int]] = set()
    for entry in entries:
        for year in range(entry.date.start.year, entry.date.end.year + 1):
            if entry.date.overlaps(dt.date(year, 1, 1), dt.date(year, 6, 30)):
                halves.add((year, 1))
            if entry.date.overlaps(dt.date(year, 7, 1), dt.date(year, 12, 31)):
                halves.add((year, 2))
    names = {1: "våren", 2: "hösten"}
    return [parse_period(f"{names[h]} {y}", today=today) for y, h in sorted(halves)]


def open_data(ds: Dataset, status: StatusResult) -> dict[str, Any]:
    """The whole dataset as one JSON document: the files' own keys, and each process's status."""
    rows = {r.id: r for r in status.rows}
    timeline = (
        ds.timeline.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        if ds.timeline is not None
        else None
    )
    processes = []
    for lp in ds.sorted_processes():
        item: dict[str, Any] = {"id": lp.id, "fil": lp.path}
        item.update(lp.process.model_dump(mode="json", by_alias=True, exclude_defaults=True))
        row = rows.get(lp.id)
        if row is not None:
            item["härledd_status"] = {
                "status": str(row.state) if row.state is not None else None,
                "källa": str(row.state_source),
                "skäl": row.state_reason,
                "fas": row.phase,
                "per": status.as_of.isoformat(),
            }
        processes.append(item)
    return {"timeline": timeline, "processer": processes}


def _timeline(basis: ReportBasis, as_of: dt.date) -> TimelineResult:
    """`compute_timeline(ds, as_of)` (no filter), from the events the reports share."""
    judged = basis.entries(as_of)
    entries = [e for e in judged if not e.hidden]
    return TimelineResult(as_of, None, entries, None, len(judged) - len(entries))


def build_site(
    ds: Dataset,
    as_of: dt.date,
    provenance: Provenance,
    history: dict[str, list[LogEntry]] | None,
    history_note: str | None = None,
    data_errors: DataErrors | None = None,
    made: dt.date | None = None,
) -> Site:
    """Every page, with the data judged on `as_of`; `history` maps process ids to their log
    (None when there is no git history, and `history_note` says why); `made` is today."""
    # One pass over the events and one status per as-of day, shared by every page.
    basis = ReportBasis(ds)
    status = basis.status(as_of)
    timeline = _timeline(basis, as_of)
    by_process: dict[str, list[TimelineEntry]] = {}
    for entry in timeline.entries:
        if entry.process_id is not None:
            by_process.setdefault(entry.process_id, []).append(entry)
    replaced_by: dict[str, list[str]] = {}
    for lp in ds.sorted_processes():
        for old in lp.process.replaces:
            replaced_by.setdefault(old, []).append(lp.id)

    processes = []
    for row in status.rows:
        lp = ds.processes[row.id]
        proc = lp.process
        processes.append(
            ProcessPage(
                id=lp.id,
                path=lp.path,
                process=proc,
                row=row,
                events=by_process.get(lp.id, []),
                clients=[r for r in (_ref_body(ds, c) for c in proc.clients) if r is not None],
                responsible=_ref_body(ds, proc.responsible),
                adopted_by=_ref_body(ds, proc.adopted_by),
                replaces=[_ref_process(ds, pid) for pid in proc.replaces],
                replaced_by=[_ref_process(ds, pid) for pid in replaced_by.get(lp.id, [])],
                history=None if history is None else history.get(lp.id, []),
                history_note=history_note,
            )
        )

    bodies = []
    if ds.timeline is not None:
        for body in ds.timeline.bodies:
            mine = [e for e in timeline.entries if e.body_id == body.id]
            decided = [e for e in mine if e.happened and e.kind is EventType.BESLUT]
            coming = [e for e in mine if not e.happened]
            other = [e for e in mine if e.happened and e.kind is not EventType.BESLUT]
            bodies.append(
                BodyPage(
                    body=body,
                    parent=_ref_body(ds, body.parent),
                    decided=decided,
                    coming=coming,
                    other=other,
                    meetings=sorted(
                        ds.timeline.meetings.get(body.id, []), key=lambda d: d.sort_key
                    ),
                    assignments=[
                        Ref(p.process.title, p.file)
                        for p in processes
                        if body.id in p.process.clients
                    ],
                    processes=[
                        Ref(p.process.title, p.file) for p in processes if body.id in p.row.bodies
                    ],
                )
            )

    reports = []
    for period in half_years(timeline.entries, as_of):
        day = default_as_of(period, as_of)
        prov = dataclasses.replace(provenance, as_of=day, period=period.label())
        report = build_report(ds, period, day, prov, made, basis)
        report = dataclasses.replace(report, data_errors=data_errors)
        reports.append(ReportPage(report))

    return Site(
        organisation=ds.timeline.organisation if ds.timeline is not None else None,
        as_of=as_of,
        status=status,
        timeline=timeline,
        processes=processes,
        bodies=bodies,
        reports=reports,
        calendar=calendar_entries(timeline, ds),
        calendar_name=calendar_name(ds),
        contacts=list(ds.timeline.contacts) if ds.timeline is not None else [],
        provenance=provenance.lines(),
        data=open_data(ds, status),
        data_errors=data_errors,
        accessibility=ds.timeline.accessibility if ds.timeline is not None else None,
    )
