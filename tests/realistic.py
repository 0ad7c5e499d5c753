"""Realistic municipality datasets, generated from a seed, and the same data cut at a day.

A municipality's repository holds assignments with phases, documents of every type that
KS prepares and KF adopts (a `förslag` then a `beslut`), documents adopted by a committee,
chains of new versions that replace old ones, reviews, paused and stopped work, and dates
of every precision. `generate` builds one as plain data (what the YAML files say);
`files` writes it as the YAML files a user would commit; `cut` keeps only what was known on
a day: the events dated on or before it, the phase dates on or before it, and, for a process
that had facts after the day, none of its written values (status, phase statuses, review
date), since those describe the present and not that day.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import yaml

from styrning.core.dates import PartialDate
from styrning.read.loader import Dataset, load

FIRST = dt.date(2021, 1, 1)
LAST = dt.date(2024, 12, 31)
DOCUMENT_TYPES = ("policy", "program", "plan", "strategi", "riktlinje", "regler")
FOLDERS = {
    "uppdrag": "uppdrag",
    "policy": "policyer",
    "program": "program",
    "plan": "planer",
    "strategi": "strategier",
    "riktlinje": "riktlinjer",
    "regler": "regler",
}
TIMELINE: dict[str, Any] = {
    "organisation": "Exempelby kommun",
    "organ": [
        {"id": "kf", "namn": "Kommunfullmäktige", "kortnamn": "KF"},
        {"id": "ks", "namn": "Kommunstyrelsen", "kortnamn": "KS"},
        {"id": "bun", "namn": "Barn- och utbildningsnämnden", "kortnamn": "BUN"},
        {"id": "tn", "namn": "Tekniska nämnden"},
        {"id": "slk", "namn": "Stadsledningskontoret"},
    ],
    "aktualitetsprövning_år": 4,
}


class MemoryFiles:
    """A FileSet held in memory: file names and their bytes."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = {name: text.encode("utf-8") for name, text in files.items()}

    def names(self) -> list[str]:
        return sorted(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name]


@dataclass
class Municipality:
    """A generated repository: the timeline and each process's data, by id."""

    timeline: dict[str, Any]
    processes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def files(self) -> dict[str, str]:
        out = {"timeline.yaml": _dump(self.timeline)}
        for pid, data in self.processes.items():
            out[f"processes/{FOLDERS[data['typ']]}/{pid}.yaml"] = _dump(data)
        return out

    def load(self) -> Dataset:
        return load(MemoryFiles(self.files()))


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- dates of every precision ------------------------------------------------------------------


def _written(day: dt.date, rng: random.Random) -> str:
    """A day as an official writes it: mostly the day, often the month, sometimes the year."""
    r = rng.random()
    if r < 0.6:
        return day.isoformat()
    if r < 0.9:
        return f"{day.year:04d}-{day.month:02d}"
    return str(day.year)


def _start(text: str) -> dt.date:
    return PartialDate.parse(text).start


class _Clock:
    """Days that move forward through a process's life, each written at some precision.

    The next day is never before the whole of the previous date (a month or a year), so
    the events stay in order whatever their precision.
    """

    def __init__(self, rng: random.Random, start: dt.date) -> None:
        self.rng = rng
        self.day = start

    def next(self, at_most_days: int = 200) -> str:
        self.day += dt.timedelta(days=self.rng.randint(1, at_most_days))
        text = _written(self.day, self.rng)
        self.day = max(self.day, PartialDate.parse(text).end)
        return text


# --- processes ---------------------------------------------------------------------------------


def _event(date: str, kind: str, body: str | None = None, **more: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {"datum": date, "typ": kind}
    if body is not None:
        ev["organ"] = body
    ev.update(more)
    return ev


def _planned_tail(ev: dict[str, Any], rng: random.Random, today: dt.date) -> None:
    """A step not yet taken is planned: some of the later ones are recorded as plans."""
    if _start(ev["datum"]) > today and rng.random() < 0.7:
        ev["planerad"] = True


def _document(
    rng: random.Random, kind: str, today: dt.date, begin: dt.date | None = None
) -> dict[str, Any]:
    by_kf = kind in ("policy", "program", "plan", "strategi") or rng.random() < 0.3
    adopting = "kf" if by_kf else rng.choice(["ks", "bun", "tn"])
    clock = _Clock(rng, begin or FIRST + dt.timedelta(days=rng.randint(0, 700)))
    data: dict[str, Any] = {"typ": kind, "titel": ""}
    if by_kf or rng.random() < 0.5:
        data["beslutande"] = adopting
    events: list[dict[str, Any]] = []
    if rng.random() < 0.5:
        events.append(_event(clock.next(), "uppdrag", "ks"))
    steps = rng.randint(0, 4)
    if steps >= 1:
        remiss = clock.next()
        ev = _event(remiss, "remiss", "ks")
        if rng.random() < 0.5:
            ev["svar_senast"] = (
                PartialDate.parse(remiss).end + dt.timedelta(days=rng.randint(20, 90))
            ).isoformat()
        events.append(ev)
    if steps >= 2 and adopting == "kf":
        events.append(_event(clock.next(90), "förslag", "ks"))
    if steps >= 2:
        events.append(_event(clock.next(60), "beslut", adopting))
    if steps >= 3:
        for _ in range(rng.randint(1, 2)):
            events.append(_event(clock.next(1400), "aktualitetsprövning", adopting))
    if steps >= 4 and rng.random() < 0.3:
        events.append(_event(clock.next(), "upphävande", adopting))
    for ev in events:
        _planned_tail(ev, rng, today)
    data["händelser"] = events
    r = rng.random()
    if r < 0.3:
        # What the file's author believed when they last touched it, right or stale.
        data["status"] = rng.choice(["utkast", "på remiss", "för beslut", "gällande", "ersatt"])
    elif r < 0.4:
        data["aktualitetsprövning"] = _written(
            FIRST + dt.timedelta(days=rng.randint(700, 2200)), rng
        )
    return data


def _assignment(rng: random.Random, today: dt.date) -> dict[str, Any]:
    clock = _Clock(rng, FIRST + dt.timedelta(days=rng.randint(0, 900)))
    data: dict[str, Any] = {
        "typ": "uppdrag",
        "titel": "",
        "uppdragsgivare": [rng.choice(["kf", "ks"])],
        "ansvarig": "slk",
    }
    events: list[dict[str, Any]] = []
    begins = rng.random()
    if begins < 0.85:
        events.append(_event(clock.next(), rng.choice(["uppdrag", "beslut", "start"]), "ks"))
    phases: list[dict[str, Any]] = []
    for n in range(rng.choice([0, 0, 2, 3])):
        phase: dict[str, Any] = {"namn": f"Fas {n + 1}"}
        if rng.random() < 0.6:
            phase["start"] = clock.next(150)
            if rng.random() < 0.6:
                phase["slut"] = clock.next(150)
        else:
            phase["status"] = rng.choice(["avslutad", "pågår", "ej påbörjad", "pausad"])
        phases.append(phase)
    if phases:
        data["faser"] = phases
    for kind in rng.sample(["lägesrapport", "återrapportering", "presentation"], rng.randint(0, 2)):
        events.append(_event(clock.next(), kind, "ks"))
    end = rng.random()
    if end < 0.3:
        events.append(_event(clock.next(), "avslut", "ks"))
    elif end < 0.4:
        events.append(_event(clock.next(), "upphävande", "ks"))
    for ev in events:
        _planned_tail(ev, rng, today)
    data["händelser"] = events
    if rng.random() < 0.35:
        data["status"] = rng.choice(["pågår", "pausad", "pausad", "avslutad", "ej påbörjad"])
    return data


def generate(seed: int, size: int = 30, today: dt.date = dt.date(2023, 6, 1)) -> Municipality:
    """About `size` processes of every type; some documents are new versions of older ones."""
    rng = random.Random(seed)
    town = Municipality(copy.deepcopy(TIMELINE))
    kinds = ["uppdrag", *DOCUMENT_TYPES]
    for n in range(size):
        kind = kinds[n % len(kinds)] if n < len(kinds) else rng.choice(kinds)
        if kind == "uppdrag":
            data = _assignment(rng, today)
        else:
            older = [pid for pid, d in town.processes.items() if d["typ"] == kind]
            if older and rng.random() < 0.4:
                # A new version, begun after the old one's last recorded step.
                old = rng.choice(older)
                dates = [_start(e["datum"]) for e in town.processes[old]["händelser"]]
                data = _document(rng, kind, today, max(dates, default=FIRST))
                data["ersätter"] = [old]
            else:
                data = _document(rng, kind, today)
        data["titel"] = f"{kind.capitalize()} nummer {n}"
        town.processes[f"{kind}-{n}"] = data
    _meeting_events(town, rng)
    return town


def _meeting_events(town: Municipality, rng: random.Random) -> None:
    """Events in timeline.yaml that name a process: the committee heard a presentation."""
    ids = sorted(town.processes)
    events = []
    for _ in range(rng.randint(0, 5)):
        day = FIRST + dt.timedelta(days=rng.randint(0, (LAST - FIRST).days))
        events.append(_event(_written(day, rng), "presentation", "ks", process=rng.choice(ids)))
    if events:
        town.timeline["händelser"] = events


# --- the data as it was known on a day ---------------------------------------------------------


def _done_after(ev: dict[str, Any], day: dt.date) -> bool:
    return not ev.get("planerad", False) and _start(ev["datum"]) > day


def _after(ev: dict[str, Any], day: dt.date) -> bool:
    return _start(ev["datum"]) > day


def _adopting_decisions(data: dict[str, Any]) -> list[dict[str, Any]]:
    adopting = data.get("beslutande")
    return [
        ev
        for ev in data.get("händelser", [])
        if ev["typ"] == "beslut"
        and not ev.get("planerad", False)
        and (adopting is None or ev.get("organ") in (None, adopting))
    ]


def had_facts_after(town: Municipality, pid: str, day: dt.date) -> bool:
    """Whether anything dated after `day` is recorded about the process as done.

    Its own events (in its file or timeline.yaml), its phase dates, and the adopting
    decision of a process that replaces it.
    """
    data = town.processes[pid]
    own = [*data.get("händelser", [])]
    own += [ev for ev in town.timeline.get("händelser", []) if ev.get("process") == pid]
    if any(_done_after(ev, day) for ev in own):
        return True
    for phase in data.get("faser", []):
        if any(_start(phase[k]) > day for k in ("start", "slut") if k in phase):
            return True
    for other in town.processes.values():
        if pid in other.get("ersätter", []):
            decisions = _adopting_decisions(other)
            if decisions and _start(decisions[0]["datum"]) > day:
                return True
    return False


def cut(town: Municipality, day: dt.date) -> Municipality:
    """The repository as one would have written it on `day`, knowing nothing later."""
    out = Municipality(copy.deepcopy(town.timeline))
    if "händelser" in out.timeline:
        out.timeline["händelser"] = [e for e in out.timeline["händelser"] if not _after(e, day)]
    for pid, data in town.processes.items():
        new = copy.deepcopy(data)
        new["händelser"] = [e for e in new.get("händelser", []) if not _after(e, day)]
        for phase in new.get("faser", []):
            for key in ("start", "slut"):
                if key in phase and _start(phase[key]) > day:
                    del phase[key]
        if had_facts_after(town, pid, day):
            # What the file says about the present was not yet true on the day.
            new.pop("status", None)
            new.pop("aktualitetsprövning", None)
            for phase in new.get("faser", []):
                phase.pop("status", None)
        out.processes[pid] = new
    return out
