"""What changed between two versions of the data, by process id, in Swedish.

A semantic diff, not a text diff: two `Dataset`s (or two versions of one
process) in, a list of `Change`s out. Processes are matched by id, so a file
moved to another folder is not a removal; events are matched by what they are
(type, heading, date), so an event whose date changed is "flyttad", not one
removed and one added. No git here: `history.py` decides which versions to
compare and which commit each change came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from styrning.core.dates import PartialDate
from styrning.core.model import Contact, Event, Phase, PhaseStatus, Process, Timeline
from styrning.core.text import truncate
from styrning.read.loader import Dataset, LoadedProcess, process_id
from styrning.read.tree import TIMELINE

# The key of the timeline's own changes in a change list (process ids are slugs, never this).
TIMELINE_SCOPE = "timeline.yaml"

_SHORT = 70


@dataclass(frozen=True)
class Change:
    """One change, worded for people, with a key that names what changed.

    `key` leaves out the old value, so that the same change seen in a single
    commit and in the whole range can be matched (which commit made it).
    """

    scope: str  # the process id, or TIMELINE_SCOPE
    kind: str  # stable name for machines: process_added, field, event_moved ...
    text: str  # Swedish, e.g. "Titel ändrad: 'A' → 'B'"
    key: tuple[str, ...]
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class CommitInfo:
    """A commit as shown next to a change."""

    short: str
    author: str
    date: str  # the author date, YYYY-MM-DD
    subject: str

    def line(self) -> str:
        return f"{self.short} {self.date} {self.author}: {self.subject}"

    def as_dict(self) -> dict[str, str]:
        return {
            "commit": self.short,
            "author": self.author,
            "date": self.date,
            "subject": self.subject,
        }


@dataclass
class AttributedChange:
    change: Change
    commit: CommitInfo | None  # None when no single commit made it (e.g. a merge resolved it)


@dataclass
class ScopeChanges:
    """The changes of one process (or of timeline.yaml), in the order they are listed."""

    scope: str
    title: str
    path: str | None
    changes: list[AttributedChange] = field(default_factory=list)


@dataclass
class ChangeReport:
    """`styrning changes`: what changed from one revision to another, and by whom."""

    since: str  # "2022-02-15 (commit abc1234)" or "början av historiken"
    until: str
    commits: int  # commits in the range that touched the data
    groups: list[ScopeChanges]
    provenance_lines: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "commits": self.commits,
            "changes": [
                {
                    "id": None if g.scope == TIMELINE_SCOPE else g.scope,
                    "file": g.path,
                    "title": g.title,
                    "changes": [
                        {
                            "kind": a.change.kind,
                            "text": a.change.text,
                            "old": _plain(a.change.old),
                            "new": _plain(a.change.new),
                            "commit": a.commit.as_dict() if a.commit else None,
                        }
                        for a in g.changes
                    ],
                }
                for g in self.groups
            ],
            "provenance": self.provenance_lines,
        }


@dataclass(frozen=True)
class Removal:
    """A process whose file was removed: its last path and the commit that removed it."""

    id: str
    path: str  # relative to the data root
    commit: CommitInfo

    @property
    def day(self) -> PartialDate:
        return PartialDate.parse(self.commit.date)

    def sentence(self) -> str:
        """`Processen togs bort 1 september 2022 i abc1234 (processes/uppdrag/x.yaml).`"""
        return f"Processen togs bort {self.day.swedish()} i {self.commit.short} ({self.path})."

    def as_dict(self) -> dict[str, str]:
        return {**self.commit.as_dict(), "file": self.path}


@dataclass
class LogEntry:
    commit: CommitInfo
    path: str  # the file's path in that commit, relative to the data root
    summary: str  # one line, Swedish
    changes: list[Change]


@dataclass
class ProcessLog:
    """`styrning log ID`: every commit that touched one process's file, newest first."""

    id: str
    title: str
    entries: list[LogEntry]
    provenance_lines: list[str]
    removed: Removal | None = None  # the file is gone: where and when it went

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "removed": self.removed.as_dict() if self.removed else None,
            "commits": [
                {
                    **e.commit.as_dict(),
                    "file": e.path,
                    "summary": e.summary,
                    "changes": [{"kind": c.kind, "text": c.text} for c in e.changes],
                }
                for e in self.entries
            ],
            "provenance": self.provenance_lines,
        }


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a changed value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def short(text: str) -> str:
    """A text on one line, cut to a length that fits a change line."""
    return truncate(text, _SHORT, flat=True)


def _show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, int):
        return str(value)
    return f"'{short(str(value))}'"


# Swedish wording per key: (label, "ändrad"/"ändrat" by the noun's gender).
_CHANGED = {
    "typ": "Typ ändrad",
    "titel": "Titel ändrad",
    "status": "Status ändrad",
    "underrubrik": "Underrubrik ändrad",
    "sammanhang": "Sammanhang ändrat",
    "beskrivning": "Beskrivning ändrad",
    "syfte": "Syfte ändrat",
    "ansvarig": "Ansvarigt organ ändrat",
    "omfattning": "Omfattning ändrad",
    "diarienummer": "Diarienummer ändrat",
    "giltighet": "Giltighet ändrad",
    "aktualitetsprövning": "Nästa aktualitetsprövning ändrad",
    "organisation": "Organisation ändrad",
    "aktualitetsprövning_år": "Aktualitetsprövning (år) ändrad",
    "diarienummer_mönster": "Mönster för diarienummer ändrat",
}
_LISTS = {
    "uppdragsgivare": ("Uppdragsgivare tillagd", "Uppdragsgivare borttagen"),
    "avgränsning": ("Avgränsning tillagd", "Avgränsning borttagen"),
    "huvudfokus": ("Huvudfokus tillagt", "Huvudfokus borttaget"),
    "inriktningsmål": ("Inriktningsmål tillagt", "Inriktningsmål borttaget"),
    "ersätter": ("Ersätter nu", "Ersätter inte längre"),
}
_EVENT_KEYS = {
    "rubrik": "rubrik",
    "organ": "organ",
    "beskrivning": "beskrivning",
    "svar_senast": "svar senast",
    "diarienummer": "diarienummer",
    "process": "process",
}
_PHASE_ORDER = {
    PhaseStatus.EJ_PABORJAD: 0,
    PhaseStatus.PAGAR: 1,
    PhaseStatus.PAUSAD: 1,
    PhaseStatus.AVSLUTAD: 2,
    PhaseStatus.AVBRUTEN: 2,
}


def event_label(ev: Event) -> str:
    """`beslut juni 2022`, with the heading when there is one.

    For example `remiss mars 2022 – Remissversion`.
    """
    label = f"{ev.kind} {ev.date.swedish()}"
    return f"{label} – {short(ev.heading)}" if ev.heading else label


def _alias(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


class _Out:
    """Collects the changes of one scope."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self.changes: list[Change] = []

    def add(
        self, kind: str, text: str, key: Sequence[str], old: Any = None, new: Any = None
    ) -> None:
        self.changes.append(Change(self.scope, kind, text, (self.scope, kind, *key), old, new))


def _scalars(out: _Out, model: type[BaseModel], old: BaseModel, new: BaseModel) -> None:
    for name in model.model_fields:
        alias = _alias(model, name)
        if alias not in _CHANGED:
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.add("field", f"{_CHANGED[alias]}: {_show(a)} → {_show(b)}", [alias], a, b)


def _lists(out: _Out, model: type[BaseModel], old: BaseModel, new: BaseModel) -> None:
    for name in model.model_fields:
        alias = _alias(model, name)
        if alias not in _LISTS:
            continue
        added_word, removed_word = _LISTS[alias]
        a, b = list(getattr(old, name)), list(getattr(new, name))
        for item in a:
            if item not in b:
                out.add("list_removed", f"{removed_word}: {_show(item)}", [alias, item], item, None)
        for item in b:
            if item not in a:
                out.add("list_added", f"{added_word}: {_show(item)}", [alias, item], None, item)


def _contacts(out: _Out, old: Sequence[Contact], new: Sequence[Contact]) -> None:
    before = {c.name: c for c in old}
    after = {c.name: c for c in new}
    for name, c in before.items():
        if name not in after:
            out.add("contact_removed", f"Kontakt borttagen: {name}", [name], c, None)
    for name, c in after.items():
        if name not in before:
            out.add("contact_added", f"Kontakt tillagd: {name}", [name], None, c)
        elif before[name] != c:
            out.add("contact_changed", f"Kontaktuppgifter ändrade: {name}", [name], before[name], c)


def _identity(ev: Event) -> tuple[str, str, str]:
    return (str(ev.kind), ev.heading or "", ev.date.iso())


def _full(ev: Event) -> tuple[Any, ...]:
    # Every field's value: hashable (the models are frozen), and far cheaper than model ==.
    return tuple(ev.__dict__.values())


def _pick(values: tuple[str, ...], parts: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(values[i] for i in parts)


def _take(items: list[Event], item: Event) -> None:
    """Remove this very object (not an equal one) from `items`."""
    for i, x in enumerate(items):
        if x is item:
            del items[i]
            return


def _events(out: _Out, old: Sequence[Event], new: Sequence[Event]) -> None:
    """Pair old and new events: the same event, the same event moved, else added/removed."""
    # Unchanged events first, so that they never pair with a changed one.
    unchanged = Counter(_full(e) for e in old) & Counter(_full(e) for e in new)
    left = unchanged.copy()
    rest_new: list[Event] = []
    for ev in new:
        key = _full(ev)
        if left[key] > 0:
            left[key] -= 1
        else:
            rest_new.append(ev)
    left = unchanged.copy()
    rest_old: list[Event] = []
    for ev in old:
        key = _full(ev)
        if left[key] > 0:
            left[key] -= 1
        else:
            rest_old.append(ev)
    pairs: list[tuple[Event, Event]] = []
    if rest_old and rest_new:
        # Same type, heading and date: the same event with other details changed; then
        # same type and heading, another date: moved; then same type and date, another
        # heading: the heading was edited. Each paired in date order.
        for parts in ((0, 1, 2), (0, 1), (0, 2)):
            waiting: dict[tuple[str, ...], list[Event]] = {}
            for o in sorted(rest_old, key=lambda e: e.date.sort_key):
                waiting.setdefault(_pick(_identity(o), parts), []).append(o)
            for ev in sorted(rest_new, key=lambda e: e.date.sort_key):
                candidates = waiting.get(_pick(_identity(ev), parts))
                if candidates:
                    match = candidates.pop(0)
                    _take(rest_old, match)
                    _take(rest_new, ev)
                    pairs.append((match, ev))
    for ev in sorted(rest_old, key=lambda e: e.date.sort_key):
        out.add("event_removed", f"Händelse borttagen: {event_label(ev)}", _identity(ev), ev, None)
    for ev in sorted(rest_new, key=lambda e: e.date.sort_key):
        out.add("event_added", f"Händelse tillagd: {event_label(ev)}", _identity(ev), None, ev)
    for a, b in sorted(pairs, key=lambda p: p[1].date.sort_key):
        _event_pair(out, a, b)


def _event_pair(out: _Out, a: Event, b: Event) -> None:
    ident = _identity(b)
    if a.date != b.date:
        out.add(
            "event_moved",
            f"Händelse flyttad: {event_label(a)} → {b.date.swedish()}",
            ident,
            a.date,
            b.date,
        )
    if a.planned and not b.planned:
        out.add("event_done", f"Planerad → genomförd: {event_label(b)}", ident, True, False)
    elif b.planned and not a.planned:
        out.add("event_planned", f"Genomförd → planerad: {event_label(b)}", ident, False, True)
    details = []
    for name in Event.model_fields:
        alias = _alias(Event, name)
        if alias in _EVENT_KEYS and getattr(a, name) != getattr(b, name):
            details.append(
                f"{_EVENT_KEYS[alias]} {_show(getattr(a, name))} → {_show(getattr(b, name))}"
            )
    if details:
        # With the heading among the details, the label need not repeat it.
        label = event_label(b) if a.heading == b.heading else f"{b.kind} {b.date.swedish()}"
        out.add(
            "event_changed",
            f"Händelse ändrad: {label}: {'; '.join(details)}",
            ident,
            a,
            b,
        )


def _phases(out: _Out, old: Sequence[Phase], new: Sequence[Phase]) -> None:
    before = {p.name: p for p in old}
    after = {p.name: p for p in new}
    for name, p in before.items():
        if name not in after:
            out.add("phase_removed", f"Fas borttagen: {short(name)}", [name], p, None)
    for name, p in after.items():
        if name not in before:
            out.add("phase_added", f"Fas tillagd: {short(name)}", [name], None, p)
            continue
        a = before[name]
        if a.status != p.status:
            forward = a.status is None or (
                p.status is not None and _PHASE_ORDER[p.status] > _PHASE_ORDER[a.status]
            )
            word = "Fas avancerad" if forward else "Fasstatus ändrad"
            out.add(
                "phase_status",
                f"{word}: {short(name)}: {_show(a.status and str(a.status))} → "
                f"{_show(p.status and str(p.status))}",
                [name],
                a.status and str(a.status),
                p.status and str(p.status),
            )
        details = []
        for fname, label in (("start", "start"), ("end", "slut"), ("description", "beskrivning")):
            x, y = getattr(a, fname), getattr(p, fname)
            if x != y:
                details.append(f"{label} {_show(x)} → {_show(y)}")
        if details:
            out.add("phase_changed", f"Fas ändrad: {short(name)}: {'; '.join(details)}", [name])


def diff_process(pid: str, old: Process | None, new: Process | None) -> list[Change]:
    """The changes from `old` to `new` of process `pid` (None: the file did not exist)."""
    out = _Out(pid)
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        out.add("process_added", f"Ny process: {new.title} ({new.kind})", [], None, new.title)
        return out.changes
    if new is None:
        out.add(
            "process_removed", f"Process borttagen: {old.title} ({old.kind})", [], old.title, None
        )
        return out.changes
    _scalars(out, Process, old, new)
    _lists(out, Process, old, new)
    _contacts(out, old.contacts, new.contacts)
    _phases(out, old.phases, new.phases)
    _events(out, old.events, new.events)
    return out.changes


def diff_timeline(old: Timeline | None, new: Timeline | None) -> list[Change]:
    """The changes to timeline.yaml: the organisation, its bodies, contacts and events."""
    out = _Out(TIMELINE_SCOPE)
    if new is None:
        return []
    if old is None:
        out.add("timeline_added", f"Ny tidslinje: {new.organisation}", [], None, new.organisation)
        return out.changes
    _scalars(out, Timeline, old, new)
    before = {b.id: b for b in old.bodies}
    after = {b.id: b for b in new.bodies}
    for bid, b in before.items():
        if bid not in after:
            out.add("body_removed", f"Organ borttaget: {b.name} ({bid})", [bid], b, None)
    for bid, b in after.items():
        if bid not in before:
            out.add("body_added", f"Organ tillagt: {b.name} ({bid})", [bid], None, b)
        elif before[bid] != b:
            a = before[bid]
            details = [
                f"{label} {_show(getattr(a, f))} → {_show(getattr(b, f))}"
                for f, label in (("name", "namn"), ("short", "kortnamn"), ("parent", "under"))
                if getattr(a, f) != getattr(b, f)
            ]
            if a.prepares != b.prepares:
                was, now = (", ".join(x.prepares) or "–" for x in (a, b))
                details.append(f"bereder {was} → {now}")
            out.add("body_changed", f"Organ ändrat: {bid}: {'; '.join(details)}", [bid], a, b)
    _contacts(out, old.contacts, new.contacts)
    _events(out, old.events, new.events)
    return out.changes


def _ids_in(paths: Sequence[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for p in paths:
        if p != TIMELINE:
            ids.setdefault(process_id(p), p)
    return ids


def broken(scope: str, path: str) -> Change:
    """A version that could not be read: said, not shown as a removal."""
    return Change(
        scope,
        "unreadable",
        f"Filen {path} har fel och jämförs inte – kör styrning validate",
        (scope, "unreadable"),
    )


def diff_datasets(old: Dataset, new: Dataset) -> dict[str, list[Change]]:
    """Every change from `old` to `new`, by scope (process id or TIMELINE_SCOPE).

    A file that is present but could not be read (syntax or schema errors) is
    reported as unreadable rather than as a removed process.
    """
    result: dict[str, list[Change]] = {}
    if old.timeline != new.timeline:
        if TIMELINE in new.paths and new.timeline is None:
            result[TIMELINE_SCOPE] = [broken(TIMELINE_SCOPE, TIMELINE)]
        else:
            changes = diff_timeline(old.timeline, new.timeline)
            if changes:
                result[TIMELINE_SCOPE] = changes
    old_ids, new_ids = _ids_in(old.paths), _ids_in(new.paths)
    for pid in sorted(set(old_ids) | set(new_ids)):
        changes = diff_loaded(pid, old.processes.get(pid), new.processes.get(pid), new_ids.get(pid))
        if changes:
            result[pid] = changes
    return result


def diff_loaded(
    pid: str, old: LoadedProcess | None, new: LoadedProcess | None, new_path: str | None
) -> list[Change]:
    """Like `diff_process`, for loaded files: a file that exists but failed to load is said so."""
    if new is None and new_path is not None:
        return [broken(pid, new_path)]
    changes = diff_process(pid, old.process if old else None, new.process if new else None)
    if old is not None and new is not None and old.path != new.path:
        changes.insert(
            0,
            Change(
                pid,
                "file_moved",
                f"Fil flyttad: {old.path} → {new.path}",
                (pid, "file_moved", new.path),
                old.path,
                new.path,
            ),
        )
    return changes


def one_line(changes: Sequence[Change]) -> str:
    """A one-line summary of a commit's changes to one process."""
    if not changes:
        return "ingen ändring i data (bara form eller kommentarer)"
    texts = [c.text for c in changes]
    if len(texts) > 3:
        return "; ".join(texts[:3]) + f"; och {len(texts) - 3} till"
    return "; ".join(texts)
