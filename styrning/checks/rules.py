"""Rules that span values and files: references, dates, governance.

Each check is a plain function from a `Dataset` (and the evaluation date) to
problems, with a stable code and a docstring that shows a failing and a
passing example; `styrning explain CODE` prints that docstring. `CHECKS` is
the one list of them, built once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from styrning.core.codes import READ_CODES, RULE_CODES, Code
from styrning.core.dates import PartialDate
from styrning.core.model import (
    ASSIGNMENT_STATUSES,
    DOCUMENT_STATUSES,
    Event,
    EventType,
    PhaseStatus,
    ProcessStatus,
    ProcessType,
)
from styrning.core.problems import Problem, Severity
from styrning.read.loader import Dataset, LoadedProcess, omissions_of
from styrning.read.source import SourceFile
from styrning.read.tree import TIMELINE

CheckFn = Callable[[Dataset, dt.date], Iterator[Problem]]


@dataclass(frozen=True)
class Check:
    """A rule over the whole dataset; its severity and title are its code's (core/codes.py)."""

    code: str
    run: CheckFn

    @property
    def severity(self) -> Severity:
        return RULE_CODES[self.code][0]

    @property
    def title(self) -> str:
        return RULE_CODES[self.code][1]

    @property
    def doc(self) -> str:
        return self.run.__doc__ or ""


def _at(
    source: SourceFile, loc: tuple[str | int, ...], code: str, message: str, key: bool = False
) -> Problem:
    return Problem.at(source.path, source.locate(loc, key=key), code, message)


def _hint(word: str, known: list[str]) -> str:
    near = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" – menade du '{near[0]}'?" if near else ""


def _event_sources(ds: Dataset) -> Iterator[tuple[SourceFile, tuple[str | int, ...], Event]]:
    if ds.timeline is not None and ds.timeline_source is not None:
        for i, ev in enumerate(ds.timeline.events):
            yield ds.timeline_source, ("händelser", i), ev
    for lp in ds.sorted_processes():
        for i, ev in enumerate(lp.process.events):
            yield lp.source, ("händelser", i), ev


def check_unique_bodies(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Varje organ i timeline.yaml har ett eget id.

    Fel:
        organ:
          - id: ks
            namn: Kommunstyrelsen
          - id: ks
            namn: Kommunfullmäktige

    Rätt:
        organ:
          - id: ks
            namn: Kommunstyrelsen
          - id: kf
            namn: Kommunfullmäktige
    """
    if ds.timeline is None or ds.timeline_source is None:
        return
    seen: set[str] = set()
    for i, body in enumerate(ds.timeline.bodies):
        if body.id in seen:
            yield _at(
                ds.timeline_source,
                ("organ", i, "id"),
                "I003",
                f"organet '{body.id}' finns redan – varje organ behöver ett eget id",
            )
        seen.add(body.id)


def check_unique_titles(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Två processer har inte samma titel; stora och små bokstäver och mellanrum räknas inte.

    En rapport som visar samma titel två gånger går inte att läsa rätt: är det samma
    process i två filer, ta bort den ena; är det två processer, ge dem olika titlar.
    Ett styrdokument som ersätter ett annat (`ersätter`, också i flera led) får ha
    samma titel som det.

    Varning:
        # processes/program/social-hallbarhet.yaml
        typ: program
        titel: Program för social hållbarhet
        # processes/program/social-hallbarhet-2.yaml
        typ: program
        titel: Program för  social hållbarhet

    Rätt:
        # processes/program/social-hallbarhet.yaml
        typ: program
        titel: Program för social hållbarhet
        # processes/program/social-hallbarhet-2.yaml
        typ: program
        titel: Handlingsplan för social hållbarhet
    """
    # Versions of one document, linked by `ersätter`, are one lineage and may share a title.
    lineage = {pid: pid for pid in ds.processes}

    def find(pid: str) -> str:
        while lineage[pid] != pid:
            lineage[pid] = lineage[lineage[pid]]
            pid = lineage[pid]
        return pid

    for lp in ds.processes.values():
        for ref in lp.process.replaces:
            if ref in lineage:
                lineage[find(ref)] = find(lp.id)
    first: dict[str, dict[str, LoadedProcess]] = {}
    for lp in ds.sorted_processes():  # the first by id keeps the title
        key = " ".join(lp.process.title.split()).casefold()
        seen = first.setdefault(key, {})
        group = find(lp.id)
        if group in seen:
            continue
        if seen:
            earlier = next(iter(seen.values()))
            yield _at(
                lp.source,
                ("titel",),
                "I004",
                f"titeln '{lp.process.title}' finns redan i {earlier.path} – ge processerna "
                "olika titlar, eller ta bort den ena filen om de är samma process",
            )
        seen[group] = lp


def check_body_references(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Varje organ som nämns (organ, uppdragsgivare, ansvarig, beslutande, under, bereder)
    finns i timeline.yaml.

    Fel (inget organ med id 'kss'):
        händelser:
          - datum: 2022-06
            typ: beslut
            organ: kss

    Rätt:
        händelser:
          - datum: 2022-06
            typ: beslut
            organ: ks
    """
    if ds.timeline is None or not ds.bodies_known:
        return
    known = list(dict.fromkeys(b.id for b in ds.timeline.bodies))  # a duplicate once
    # a body left out for a problem of its own is reported there, not at every reference
    known_set = set(known) | ds.bodies_left_out()
    for source, loc, ref in _body_references(ds):
        if ref not in known_set:
            yield _at(
                source,
                loc,
                "R001",
                f"okänt organ '{ref}'{_hint(ref, known)} (kända: {', '.join(known)})",
            )


def _body_references(ds: Dataset) -> Iterator[tuple[SourceFile, tuple[str | int, ...], str]]:
    """Every mention of a body id, with its file and place, in the order they are reported."""
    if ds.timeline is not None and ds.timeline_source is not None:
        for i, body in enumerate(ds.timeline.bodies):
            if body.parent is not None:
                yield ds.timeline_source, ("organ", i, "under"), body.parent
            for j, ref in enumerate(body.prepares):
                yield ds.timeline_source, ("organ", i, "bereder", j), ref
    for source, loc, ev in _event_sources(ds):
        if ev.body is not None:
            yield source, (*loc, "organ"), ev.body
    for lp in ds.sorted_processes():
        for i, ref in enumerate(lp.process.clients):
            yield lp.source, ("uppdragsgivare", i), ref
        if lp.process.responsible is not None:
            yield lp.source, ("ansvarig",), lp.process.responsible
        if lp.process.adopted_by is not None:
            yield lp.source, ("beslutande",), lp.process.adopted_by


def check_process_references(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett id som pekar på en process (ersätter, process) finns som fil under processes/.

    Fel (ingen fil processes/**/agarstyrning-2015.yaml):
        # processes/riktlinjer/agarstyrning-2017.yaml
        titel: Riktlinjer för ägarstyrning 2017
        # processes/riktlinjer/agarstyrning-2021.yaml
        titel: Riktlinjer för ägarstyrning 2021
        ersätter: agarstyrning-2015

    Rätt:
        # processes/riktlinjer/agarstyrning-2017.yaml
        titel: Riktlinjer för ägarstyrning 2017
        # processes/riktlinjer/agarstyrning-2021.yaml
        titel: Riktlinjer för ägarstyrning 2021
        ersätter: agarstyrning-2017

    I ett git-arkiv säger meddelandet när en process med det id:t togs bort.
    """
    return process_reference_problems(ds, {})


# A removed process: its id → (the day it was removed, YYYY-MM-DD; the short commit).
Removed = Mapping[str, tuple[str, str]]


def process_reference_problems(ds: Dataset, removed: Removed) -> Iterator[Problem]:
    """R002 for every reference to an unknown process; for one in `removed`, when it went."""
    known = sorted(ds.processes)
    # a file that exists but could not be built is reported itself, not at every reference
    files = ds.process_files()

    def message(ref: str) -> str:
        if ref in removed:
            day, short = removed[ref]
            return (
                f"okänd process '{ref}': den togs bort {day} (commit {short}) – "
                "ta bort id:t här eller återställ filen"
            )
        return f"okänd process '{ref}'{_hint(ref, known)}"

    for lp in ds.sorted_processes():
        for i, ref in enumerate(lp.process.replaces):
            if ref not in files:
                yield _at(lp.source, ("ersätter", i), "R002", message(ref))
    for source, loc, ev in _event_sources(ds):
        if ev.process is not None and ev.process not in files:
            yield _at(source, (*loc, "process"), "R002", message(ev.process))


def unknown_process_ids(ds: Dataset) -> set[str]:
    """The process ids that `ersätter` or an event names and no file has."""
    refs = {r for lp in ds.processes.values() for r in lp.process.replaces}
    refs |= {ev.process for _, _, ev in _event_sources(ds) if ev.process is not None}
    return refs - ds.process_files()


def explain_removed(problems: list[Problem], ds: Dataset, removed: Removed) -> list[Problem]:
    """`problems` with each R002 for a removed process saying when it was removed."""
    if not removed:
        return problems
    better = dict(
        zip(
            process_reference_problems(ds, {}), process_reference_problems(ds, removed), strict=True
        )
    )
    return [better.get(p, p) for p in problems]


def check_replacement_cycles(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett styrdokument kan inte ersätta sig självt, varken direkt eller via andra.

    Fel:
        # processes/riktlinjer/a.yaml
        titel: Riktlinjer A
        ersätter: b
        # processes/riktlinjer/b.yaml
        titel: Riktlinjer B
        ersätter: a

    Rätt:
        # processes/riktlinjer/a.yaml
        titel: Riktlinjer A
        # processes/riktlinjer/b.yaml
        titel: Riktlinjer B
        ersätter: a
    """
    graph = {
        pid: [r for r in lp.process.replaces if r in ds.processes]
        for pid, lp in ds.processes.items()
    }
    cycles: dict[str, list[str]] = {}
    for component in _cyclic_components(graph):
        for pid in sorted(component):
            if pid not in cycles:
                cycle = _shortest_cycle(pid, graph, component)
                for i, member in enumerate(cycle[:-1]):
                    cycles.setdefault(member, cycle[i:-1] + cycle[:i] + [member])
    for pid in sorted(cycles):
        chain = cycles[pid]
        shown = chain if len(chain) <= 8 else [*chain[:6], "…", chain[-1]]
        size = f" ({len(chain) - 1} dokument)" if len(chain) > 8 else ""
        yield _at(
            ds.processes[pid].source,
            ("ersätter",),
            "R003",
            f"ersättningskedjan går i cirkel: {' → '.join(shown)}{size}",
        )


def _cyclic_components(graph: dict[str, list[str]]) -> list[set[str]]:
    """The strongly connected components that hold a cycle (Tarjan's algorithm, no recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph.get(node, [])
            if i < len(successors):
                work.append((node, i + 1))
                nxt = successors[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, []):
                    found.append(component)
    return found


def _shortest_cycle(start: str, graph: dict[str, list[str]], within: set[str]) -> list[str]:
    """The shortest way from `start` back to itself inside its component, as ids."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for nxt in graph.get(node, []):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if nxt in within and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]


def check_event_order(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """En process händelser står i datumordning, äldst först.

    Varning:
        händelser:
          - datum: 2022-06
            typ: beslut
          - datum: 2022-03
            typ: remiss

    Rätt:
        händelser:
          - datum: 2022-03
            typ: remiss
          - datum: 2022-06
            typ: beslut
    """
    sources: list[tuple[SourceFile, list[Event]]] = [
        (lp.source, lp.process.events) for lp in ds.sorted_processes()
    ]
    if ds.timeline is not None and ds.timeline_source is not None:
        sources.insert(0, (ds.timeline_source, ds.timeline.events))
    for source, events in sources:
        for i in range(1, len(events)):
            prev, ev = events[i - 1].date, events[i].date
            if ev.definitely_before(prev):
                yield _at(
                    source,
                    ("händelser", i, "datum"),
                    "D002",
                    f"händelsen {ev} står efter {prev} – "
                    "lista händelserna i datumordning, äldst först",
                )


def check_remiss_before_decision(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett styrdokument går på remiss före beslutet, inte efter.

    Varning:
        händelser:
          - datum: 2022-03
            typ: beslut
          - datum: 2022-06
            typ: remiss

    Rätt:
        händelser:
          - datum: 2022-03
            typ: remiss
          - datum: 2022-06
            typ: beslut
    """
    for lp in ds.sorted_processes():
        events = lp.process.events
        decisions = [e for e in events if e.kind is EventType.BESLUT]
        if not decisions or _decision_left_out(lp):
            continue
        for i, ev in enumerate(events):
            if ev.kind is not EventType.REMISS:
                continue
            later = [d for d in decisions if d.date.definitely_before(ev.date)]
            if later and all(d.date.definitely_before(ev.date) for d in decisions):
                yield _at(
                    lp.source,
                    ("händelser", i, "datum"),
                    "D003",
                    f"remissen {ev.date} ligger efter beslutet {later[-1].date} – "
                    "remissen ska komma före beslutet",
                )


def _decision_left_out(lp: LoadedProcess) -> bool:
    """Whether an event left out of the file for a problem of its own may have been a decision."""
    if lp.omitted is None:
        return False
    kinds = {str(e.value) for e in EventType}
    for item in lp.omitted.items_left_out(("händelser",)):
        kind = item.get("typ") if isinstance(item, dict) else None
        if not isinstance(kind, str) or kind == EventType.BESLUT.value or kind not in kinds:
            return True
    return False


def check_future_events_planned(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """En händelse som ligger helt i framtiden är markerad `planerad: true`.

    Fel (om dagens datum är före juni 2030):
        händelser:
          - datum: 2030-06
            typ: beslut

    Rätt:
        händelser:
          - datum: 2030-06
            typ: beslut
            planerad: true
    """
    for source, loc, ev in _event_sources(ds):
        if not ev.planned and ev.date.is_after(today):
            omitted = omissions_of(source)
            if omitted is not None and omitted.said(loc, "planerad"):
                continue  # 'planerad' is there, misspelt or wrong, and reported as such
            yield _at(
                source,
                (*loc, "datum"),
                "D004",
                f"händelsen {ev.date} ligger i framtiden men är inte planerad – "
                "lägg till 'planerad: true'",
            )


def check_reply_dates(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """`svar_senast` hör till en remiss och ligger efter att remissen gick ut.

    Fel:
        händelser:
          - datum: 2022-03-15
            typ: remiss
            svar_senast: 2022-03-01

    Rätt:
        händelser:
          - datum: 2022-03-15
            typ: remiss
            svar_senast: 2022-04-30
    """
    for source, loc, ev in _event_sources(ds):
        if ev.reply_by is None:
            continue
        if ev.kind is not EventType.REMISS:
            yield _at(
                source,
                (*loc, "svar_senast"),
                "D005",
                f"'svar_senast' hör till en remiss, inte till typen {ev.kind}",
                key=True,
            )
        elif ev.reply_by.definitely_before(ev.date):
            yield _at(
                source,
                (*loc, "svar_senast"),
                "D005",
                f"sista svarsdag {ev.reply_by} ligger före remissen {ev.date}",
            )


def check_phase_dates(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """En fas slutar inte innan den börjar.

    Fel:
        faser:
          - namn: Fas I
            start: 2022-05
            slut: 2022-01

    Rätt:
        faser:
          - namn: Fas I
            start: 2022-01
            slut: 2022-05
    """
    for lp in ds.sorted_processes():
        for i, phase in enumerate(lp.process.phases):
            if phase.start and phase.end and phase.end.definitely_before(phase.start):
                yield _at(
                    lp.source,
                    ("faser", i, "slut"),
                    "D006",
                    f"fasen '{phase.name}' slutar {phase.end}, före sin start {phase.start}",
                )


def check_one_current_phase(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Högst en fas åt gången har status `pågår`.

    Fel:
        faser:
          - namn: Fas I
            status: pågår
          - namn: Fas II
            status: pågår

    Rätt:
        faser:
          - namn: Fas I
            status: avslutad
          - namn: Fas II
            status: pågår
    """
    for lp in ds.sorted_processes():
        current = [i for i, ph in enumerate(lp.process.phases) if ph.status is PhaseStatus.PAGAR]
        for i in current[1:]:
            first = lp.process.phases[current[0]].name
            yield _at(
                lp.source,
                ("faser", i, "status"),
                "G002",
                f"fasen '{lp.process.phases[i].name}' pågår, men det gör redan '{first}' – "
                "sätt den tidigare till avslutad",
            )


def check_phase_progress(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Faserna följer sin ordning: en senare fas är inte avslutad medan en tidigare inte har börjat.

    Varning:
        faser:
          - namn: Fas I
            status: ej påbörjad
          - namn: Fas II
            status: avslutad

    Rätt:
        faser:
          - namn: Fas I
            status: avslutad
          - namn: Fas II
            status: pågår
    """
    started = {PhaseStatus.PAGAR, PhaseStatus.AVSLUTAD, PhaseStatus.PAUSAD}
    for lp in ds.sorted_processes():
        phases = lp.process.phases
        for i, phase in enumerate(phases):
            if phase.status not in started:
                continue
            for earlier in phases[:i]:
                if earlier.status is PhaseStatus.EJ_PABORJAD:
                    yield _at(
                        lp.source,
                        ("faser", i, "status"),
                        "G005",
                        f"fasen '{phase.name}' är {phase.status} fast den tidigare "
                        f"'{earlier.name}' inte har påbörjats",
                    )
                    break


def check_status_fits_type(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett uppdrag har en uppdragsstatus, ett styrdokument en dokumentstatus.

    Fel:
        typ: riktlinje
        status: pågår

    Rätt:
        typ: riktlinje
        status: gällande
    """
    for lp in ds.sorted_processes():
        st = lp.process.status
        if st is None:
            continue
        is_doc = lp.process.kind.is_document
        allowed = DOCUMENT_STATUSES if is_doc else ASSIGNMENT_STATUSES
        if st not in allowed:
            words = ", ".join(s.value for s in ProcessStatus if s in allowed)
            what = "ett styrdokument" if is_doc else "ett uppdrag"
            yield _at(
                lp.source,
                ("status",),
                "G003",
                f"status '{st}' passar inte {what} ({lp.process.kind}) – välj en av: {words}",
            )


def _decided(lp: LoadedProcess) -> PartialDate | None:
    for ev in lp.process.events:
        if ev.kind is EventType.BESLUT and not ev.planned:
            return ev.date
    return None


def check_replaced_says_so(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett styrdokument som har ersatts av ett beslutat dokument säger det: `status: ersatt`.

    Varning:
        # processes/riktlinjer/ny.yaml
        titel: Nya riktlinjer
        ersätter: gammal
        händelser:
          - datum: 2021-03
            typ: beslut
        # processes/riktlinjer/gammal.yaml
        titel: Gamla riktlinjer
        status: gällande

    Rätt:
        # processes/riktlinjer/ny.yaml
        titel: Nya riktlinjer
        ersätter: gammal
        händelser:
          - datum: 2021-03
            typ: beslut
        # processes/riktlinjer/gammal.yaml
        titel: Gamla riktlinjer
        status: ersatt
    """
    for lp in ds.sorted_processes():
        decided = _decided(lp)
        if decided is None:
            continue
        for ref in lp.process.replaces:
            old = ds.processes.get(ref)
            if old is None or old.process.status in (ProcessStatus.ERSATT, ProcessStatus.UPPHAVD):
                continue
            if old.omitted is not None and old.omitted.said((), "status"):
                continue  # its status is there, misspelt or wrong, and reported as such
            loc: tuple[str | int, ...] = ("status",) if old.process.status else ()
            yield _at(
                old.source,
                loc,
                "G001",
                f"'{ref}' ersattes av '{lp.id}' ({decided.swedish()}) – ange 'status: ersatt'",
            )


def check_case_numbers(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Diarienummer följer mönstret i timeline.yaml (`diarienummer_mönster`), när ett sådant finns.

    Varning:
        # timeline.yaml
        diarienummer_mönster: '^KS \\d{4}/\\d{5}$'
        # processes/program/p.yaml
        diarienummer: KS-2022-123

    Rätt:
        # timeline.yaml
        diarienummer_mönster: '^KS \\d{4}/\\d{5}$'
        # processes/program/p.yaml
        diarienummer: KS 2022/00123
    """
    if ds.timeline is None or ds.timeline.case_number_pattern is None or ds.timeline_source is None:
        return
    try:
        pattern = re.compile(ds.timeline.case_number_pattern)
    except re.error as exc:
        yield _at(
            ds.timeline_source,
            ("diarienummer_mönster",),
            "G006",
            "mönstret är inget giltigt reguljärt uttryck"
            # Python's own reason is English: say where instead
            + (f" (felet står vid tecken {exc.pos + 1})" if exc.pos is not None else ""),
        )
        return
    for lp in ds.sorted_processes():
        if lp.process.case_number and not pattern.search(lp.process.case_number):
            yield _at(
                lp.source,
                ("diarienummer",),
                "G006",
                f"diarienumret '{lp.process.case_number}' följer inte mönstret {pattern.pattern}",
            )
    for source, loc, ev in _event_sources(ds):
        if ev.case_number and not pattern.search(ev.case_number):
            yield _at(
                source,
                (*loc, "diarienummer"),
                "G006",
                f"diarienumret '{ev.case_number}' följer inte mönstret {pattern.pattern}",
            )


def check_folder_matches_type(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """En processfil i en typmapp (uppdrag/, riktlinjer/, program/ ...) har den mappens typ.

    Varning:
        # processes/riktlinjer/social-hallbarhet.yaml
        typ: program

    Rätt:
        # processes/program/social-hallbarhet.yaml
        typ: program
    """
    folders = {t.folder: t for t in ProcessType}
    for lp in ds.sorted_processes():
        parts = lp.path.split("/")
        if len(parts) < 3:
            continue
        folder_type = folders.get(parts[1])
        if folder_type is not None and folder_type is not lp.process.kind:
            yield _at(
                lp.source,
                ("typ",),
                "G004",
                f"filen ligger i {parts[1]}/ men har typ '{lp.process.kind}' – flytta den till "
                f"{lp.process.kind.folder}/ eller rätta typen",
            )


def check_meetings(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Sammanträden hör till ett känt organ och har en hel dag, i ordning och utan dubbletter.

    Fel:
        sammanträden:
          kss: [2022-05-17]
          ks: [2022-05]

    Rätt:
        sammanträden:
          ks: [2022-05-17, 2022-06-14]
    """
    if ds.timeline is None or ds.timeline_source is None:
        return
    known = [b.id for b in ds.timeline.bodies]
    source = ds.timeline_source
    known_set = set(known) | ds.bodies_left_out()
    for body, days in ds.timeline.meetings.items():
        if ds.bodies_known and body not in known_set:
            yield _at(
                source,
                ("sammanträden", body),
                "R001",
                f"okänt organ '{body}'{_hint(body, known)} (kända: {', '.join(known)})",
                key=True,
            )
        for i, day in enumerate(days):
            loc: tuple[str | int, ...] = ("sammanträden", body, i)
            if day.day is None:
                yield _at(source, loc, "D007", f"sammanträdet {day} saknar dag – skriv ÅÅÅÅ-MM-DD")
            elif i and not days[i - 1].definitely_before(day):
                yield _at(
                    source,
                    loc,
                    "D007",
                    f"sammanträdet {day} står efter {days[i - 1]} – "
                    "lista dagarna i ordning, en gång var",
                )


def check_status_fits_facts(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Den angivna statusen stämmer med de daterade händelserna.

    En angiven status beskriver läget nu, efter den senaste händelsen. Den får säga
    mer än händelserna (gällande fast beslutet inte är registrerat, pausad efter
    start) men inte gå bakåt eller sluta på annat sätt. Där händelserna säger emot
    visas det händelserna ger.

    Varning:
        typ: riktlinje
        status: på remiss
        händelser:
          - datum: 2021-03
            typ: beslut

    Rätt:
        typ: riktlinje
        status: gällande
        händelser:
          - datum: 2021-03
            typ: beslut
    """
    from styrning.state.status import compute_status

    for row in compute_status(ds, today).rows:
        if row.contradicted is None or row.replaced_by is not None:
            continue  # a replaced document that does not say so is G001's
        lp = ds.processes[row.id]
        derived = str(row.state) if row.state is not None else "–"
        yield _at(
            lp.source,
            ("status",),
            "G007",
            f"status '{row.contradicted}' stämmer inte med händelserna, som ger '{derived}' "
            f"({row.state_reason}) – rätta statusen eller händelserna",
        )


def _adoptions(lp: LoadedProcess) -> list[Event]:
    from styrning.state.status import adopts

    return [e for e in lp.process.events if adopts(lp.process, e)]


def check_proposal_before_adoption(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett förslag att anta ett dokument kommer före beslutet som antar det, inte efter.

    Fel:
        beslutande: kf
        händelser:
          - datum: 2022-06-20
            typ: beslut
            organ: kf
          - datum: 2022-09
            typ: förslag
            organ: ks

    Rätt:
        beslutande: kf
        händelser:
          - datum: 2022-05-31
            typ: förslag
            organ: ks
          - datum: 2022-06-20
            typ: beslut
            organ: kf
    """
    for lp in ds.sorted_processes():
        adoptions = _adoptions(lp)
        if not adoptions:
            continue
        for i, ev in enumerate(lp.process.events):
            if ev.kind is not EventType.FORSLAG:
                continue
            if all(a.date.definitely_before(ev.date) for a in adoptions):
                yield _at(
                    lp.source,
                    ("händelser", i, "datum"),
                    "G008",
                    f"förslaget {ev.date} ligger efter beslutet {adoptions[-1].date} som antog "
                    "dokumentet – ett förslag kommer före beslutet",
                )


def check_decision_by_adopting_body(ds: Dataset, today: dt.date) -> Iterator[Problem]:
    """Ett beslut i ett annat organ än det beslutande antar inte dokumentet.

    När KS bereder ett ärende som KF beslutar är KS beslut ett förslag: skriv
    `typ: förslag`. Bara det beslutande organets beslut gör dokumentet gällande.

    Varning:
        beslutande: kf
        händelser:
          - datum: 2022-05-31
            typ: beslut
            organ: ks

    Rätt:
        beslutande: kf
        händelser:
          - datum: 2022-05-31
            typ: förslag
            organ: ks
    """
    for lp in ds.sorted_processes():
        adopting = lp.process.adopted_by
        if adopting is None:
            continue
        for i, ev in enumerate(lp.process.events):
            if ev.kind is EventType.BESLUT and ev.body is not None and ev.body != adopting:
                yield _at(
                    lp.source,
                    ("händelser", i, "organ"),
                    "G009",
                    f"beslutet i {ev.body} antar inte dokumentet – beslutande är {adopting}; "
                    f"skriv 'typ: förslag' om {ev.body} föreslog {adopting} att anta det",
                )


CHECKS: tuple[Check, ...] = (
    Check("I003", check_unique_bodies),
    Check("I004", check_unique_titles),
    Check("R001", check_body_references),
    Check("R002", check_process_references),
    Check("R003", check_replacement_cycles),
    Check("D002", check_event_order),
    Check("D003", check_remiss_before_decision),
    Check("D004", check_future_events_planned),
    Check("D005", check_reply_dates),
    Check("D006", check_phase_dates),
    Check("D007", check_meetings),
    Check("G001", check_replaced_says_so),
    Check("G002", check_one_current_phase),
    Check("G003", check_status_fits_type),
    Check("G004", check_folder_matches_type),
    Check("G005", check_phase_progress),
    Check("G006", check_case_numbers),
    Check("G007", check_status_fits_facts),
    Check("G008", check_proposal_before_adoption),
    Check("G009", check_decision_by_adopting_body),
)


def run_checks(ds: Dataset, today: dt.date) -> list[Problem]:
    """Every check over the dataset, in the order of `CHECKS`."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check.run(ds, today))
    return problems


__all__ = ["CHECKS", "TIMELINE", "Check", "run_checks"]


@cache
def all_codes() -> dict[str, Code]:
    """Every code with what it means: those of the file reading and those of the rules."""
    codes = dict(READ_CODES)
    for check in CHECKS:
        codes[check.code] = Code(check.code, check.severity, check.title, check.doc)
    return dict(sorted(codes.items()))
