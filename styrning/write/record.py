"""Recording what happened: a decision taken, a date moved, a phase begun.

Each function takes one data file's bytes and returns them edited (through
`yamledit`, which touches only the lines that must change) with a sentence
saying what was recorded. Which planned event is meant follows the rules of
`registrera`: the planned event of the type whose date holds the new one, or
the only planned event of the type; an ambiguous case is refused, never
guessed. Validation of the result is the caller's (`commands/record.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from styrning.core.dates import DateFormatError, PartialDate, Precision
from styrning.core.model import Event, EventType, Phase, Process, aliases
from styrning.write.yamledit import EditRefused, FileRefused, Scalar, YamlDocument

EVENT_KEYS = aliases(Event)
PHASE_KEYS = aliases(Phase)
PROCESS_KEYS = aliases(Process)
EVENTS = "händelser"
PHASES = "faser"
REPLACES = "ersätter"

_DATE_SHAPE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class DateArg:
    """A date as the user typed it: the text to write, and the date when it exists."""

    text: str
    date: PartialDate | None

    @classmethod
    def read(cls, text: str, option: str) -> DateArg:
        """`2022`, `2022-06` or `2022-06-14`. A date of the right shape that does not exist
        (`2022-02-30`) is kept, for validation to refuse with its place in the file; any
        other text raises ValueError with a Swedish message."""
        stripped = text.strip()
        if not _DATE_SHAPE.fullmatch(stripped):
            raise ValueError(
                f"{option} väntar ett datum som 2022, 2022-06 eller 2022-06-14, inte '{text}'"
            )
        try:
            return cls(stripped, PartialDate.parse(stripped))
        except DateFormatError:
            return cls(stripped, None)

    @property
    def value(self) -> Scalar:
        """As written in the file: a year as a number (`2022`), else the text."""
        return int(self.text) if len(self.text) == 4 else self.text

    def swedish(self) -> str:
        return self.date.swedish() if self.date is not None else self.text


@dataclass(frozen=True)
class Recorded:
    """An edited file and what was recorded in it."""

    before: bytes
    after: bytes
    summary: str  # "beslut 14 juni 2022, Kommunfullmäktige (var planerat juni 2022)"
    message: str  # the commit message: "Beslut 14 juni 2022: Program för social hållbarhet"


def _date_of(value: Any) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except DateFormatError:
        return None


def _events(doc: YamlDocument) -> tuple[yaml.SequenceNode | None, list[Any]]:
    node = doc.child(doc.root, EVENTS)
    values = doc.expected.get(EVENTS)
    if node is None:
        return None, []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(values, list):
        raise FileRefused(f"{doc.path}: '{EVENTS}' är ingen lista – rätta filen först")
    return node, values


def _planned(values: list[Any], kind: str) -> list[int]:
    return [
        i
        for i, ev in enumerate(values)
        if isinstance(ev, dict) and ev.get("typ") == kind and ev.get("planerad") is True
    ]


def _listing(values: list[Any], indexes: list[int]) -> str:
    return ", ".join(str(values[i].get("datum")) for i in indexes)


def choose_planned(
    values: list[Any], kind: str, day: PartialDate | None, meant: PartialDate | None, where: str
) -> int | None:
    """The index of the planned event of `kind` that has now happened (or moves), or None when
    there is none. `meant` names it by its planned date; otherwise it is the one whose date
    holds `day`, else the only planned one. Several fitting: refused with what would tell."""
    planned = _planned(values, kind)
    if meant is not None:
        named = [
            i
            for i in planned
            if (d := _date_of(values[i].get("datum"))) is not None
            and (d == meant or meant.within(d.start, d.end))
        ]
        if len(named) == 1:
            return named[0]
        if not named:
            known = _listing(values, planned) or "inga"
            raise EditRefused(
                f"{where} har ingen planerad händelse av typen {kind} {meant} – "
                f"planerade av typen: {known}"
            )
        planned = named
    else:
        holding = [
            i
            for i in planned
            if day is not None
            and (d := _date_of(values[i].get("datum"))) is not None
            and day.within(d.start, d.end)
        ]
        if len(holding) == 1:
            return holding[0]
        if len(planned) <= 1 and not holding:
            return planned[0] if planned else None
        if holding:
            planned = holding
    example = values[planned[0]].get("datum")
    raise EditRefused(
        f"{where} har flera planerade händelser av typen {kind} ({_listing(values, planned)}) – "
        f"ange vilken som avses med --avser och dess planerade datum, t.ex. --avser {example}"
    )


def _position(values: list[Any], day: PartialDate | None) -> int:
    """Where a new event goes: before the first event that lies wholly after it."""
    if day is None:
        return len(values)
    for i, ev in enumerate(values):
        other = _date_of(ev.get("datum")) if isinstance(ev, dict) else None
        if other is not None and day.definitely_before(other):
            return i
    return len(values)


def _item(
    doc: YamlDocument, values: list[Any], i: int, node: yaml.SequenceNode
) -> yaml.MappingNode:
    item = node.value[i]
    if not isinstance(item, yaml.MappingNode) or not isinstance(values[i], dict):
        raise FileRefused(f"{doc.path}: händelse {i + 1} är ingen mappning – rätta filen först")
    return item


def _in_order(path: str, raw: bytes, index: int, day: PartialDate | None) -> bytes:
    """The file with event `index` (just given the date `day`) moved, as written, to where
    its date puts it, when it now stands out of date order; else the file as it is."""
    if day is None:
        return raw
    doc = YamlDocument(path, raw)
    node, values = _events(doc)
    assert node is not None

    def date(i: int) -> PartialDate | None:
        ev = values[i]
        return _date_of(ev.get("datum")) if isinstance(ev, dict) else None

    before = date(index - 1) if index > 0 else None
    after = date(index + 1) if index + 1 < len(values) else None
    if not (before is not None and day.definitely_before(before)) and not (
        after is not None and after.definitely_before(day)
    ):
        return raw
    target = _position(values[:index] + values[index + 1 :], day)
    doc.move_item(node, values, index, target)
    return doc.result()


def record_event(
    path: str,
    raw: bytes,
    title: str,
    kind: EventType,
    when: DateArg,
    fields: dict[str, Scalar],
    *,
    planned: bool = False,
    meant: PartialDate | None = None,
    new: bool = False,
    replaces: list[str] | None = None,
    body_name: str | None = None,
) -> Recorded:
    """Record an event: the planned one it fulfils gets the date and the fields and stops
    being planned; with no such event (or `new`, or `planned`) a new event is added in date
    order. `replaces` adds process ids to `ersätter`."""
    doc = YamlDocument(path, raw)
    node, values = _events(doc)
    chosen = None
    if meant is not None and (planned or new):
        raise EditRefused(
            "--avser väljer en planerad händelse som har skett – det går inte ihop med "
            "--ny eller --planerad"
        )
    if not planned and not new:
        chosen = choose_planned(values, kind.value, when.date, meant, title)
    word = kind.value.capitalize()
    said = f"{kind.value} {when.swedish()}"
    if body_name:
        said += f", {body_name}"
    if chosen is not None:
        assert node is not None
        item = _item(doc, values, chosen, node)
        was = values[chosen].get("datum")
        doc.set_key(item, values[chosen], "datum", when.value, EVENT_KEYS)
        for key, value in fields.items():
            doc.set_key(item, values[chosen], key, value, EVENT_KEYS)
        doc.remove_key(item, values[chosen], "planerad")
        was_date = _date_of(was)
        said += (
            f" (var {kind.agree('planerad', 'planerat')} {was_date.swedish() if was_date else was})"
        )
    else:
        event: dict[str, Scalar] = {"datum": when.value, "typ": kind.value}
        for key in EVENT_KEYS:
            if key in fields:
                event[key] = fields[key]
            if key == "planerad" and planned:
                event[key] = True
        if node is None:
            doc.add_key(doc.root, doc.expected, EVENTS, [event], PROCESS_KEYS)
        else:
            doc.insert_item(node, values, _position(values, when.date), event)
        if planned:
            said += f" ({kind.agree('planerad', 'planerat')})"
    if replaces:
        _add_replaces(doc, replaces)
        said += f"; ersätter {', '.join(replaces)}"
    prefix = f"{word} {when.swedish()}" + (
        f" ({kind.agree('planerad', 'planerat')})" if planned else ""
    )
    after = doc.result()
    if chosen is not None:
        after = _in_order(path, after, chosen, when.date)
    return Recorded(raw, after, said, f"{prefix}: {title}")


def _add_replaces(doc: YamlDocument, ids: list[str]) -> None:
    found = doc.entry(doc.root, REPLACES)
    current = doc.expected.get(REPLACES)
    if found is None:
        doc.add_key(doc.root, doc.expected, REPLACES, list(ids), PROCESS_KEYS)
        return
    _i, _k, vnode = found
    if isinstance(vnode, yaml.ScalarNode) and isinstance(current, str):
        wanted = [current, *[i for i in ids if i != current]]
        if len(wanted) > 1:
            doc.replace_node(vnode, doc.expected, REPLACES, list(wanted))
        return
    if not isinstance(vnode, yaml.SequenceNode) or not isinstance(current, list):
        raise EditRefused(f"{doc.path}: '{REPLACES}' är ingen lista – rätta filen först")
    for pid in ids:
        if pid not in current:
            doc.insert_item(vnode, current, len(current), pid)


def move_event(
    path: str,
    raw: bytes,
    title: str,
    kind: EventType,
    when: DateArg,
    meant: PartialDate | None = None,
) -> Recorded:
    """Move the planned event of `kind` (the only one, or the one `meant` names) to `when`."""
    doc = YamlDocument(path, raw)
    node, values = _events(doc)
    planned = _planned(values, kind.value)
    if node is None or not planned:
        raise EditRefused(
            f"{title} har ingen planerad händelse av typen {kind.value} att flytta – "
            f"lägg till en med styrning registrera ID {kind.value} DATUM --planerad"
        )
    if meant is None and len(planned) > 1:
        example = values[planned[0]].get("datum")
        raise EditRefused(
            f"{title} har flera planerade händelser av typen {kind.value} "
            f"({_listing(values, planned)}) – ange vilken som flyttas med --avser och dess "
            f"planerade datum, t.ex. --avser {example}"
        )
    chosen = planned[0] if meant is None else choose_planned(values, kind.value, None, meant, title)
    assert chosen is not None
    item = _item(doc, values, chosen, node)
    was = _date_of(values[chosen].get("datum"))
    doc.set_key(item, values[chosen], "datum", when.value, EVENT_KEYS)
    moved = kind.agree("flyttad", "flyttat")
    said = f"{kind.value} {moved} från {was.swedish() if was else '?'} till {when.swedish()}"
    return Recorded(
        raw,
        _in_order(path, doc.result(), chosen, when.date),
        said,
        f"{kind.value.capitalize()} {moved} till {when.swedish()}: {title}",
    )


def day_before(date: PartialDate) -> PartialDate:
    """The day, month or year before `date`, at its precision."""
    if date.precision is Precision.DAY:
        return PartialDate.of(date.start - dt.timedelta(days=1))
    if date.precision is Precision.MONTH:
        assert date.month is not None
        return (
            PartialDate(date.year - 1, 12)
            if date.month == 1
            else PartialDate(date.year, date.month - 1)
        )
    return PartialDate(date.year - 1)


def _phase_matches(name: Any, wanted: str) -> bool:
    if not isinstance(name, str):
        return False
    have, want = name.casefold(), wanted.strip().casefold()
    return have == want or have.startswith(want + " ")


def _written(date: PartialDate) -> Scalar:
    """A date as the files write it: a year as a number, else the text."""
    return date.year if date.precision is Precision.YEAR else date.iso()


def _current_phase(values: list[dict[str, Any]]) -> int | None:
    """The last phase that has begun and not ended (`status: pågår`, or a start and no end)."""
    current = None
    for i, ph in enumerate(values):
        if ph.get("status") == "pågår" or (ph.get("start") is not None and ph.get("slut") is None):
            current = i
    return current


def _phase_to_start(
    values: list[dict[str, Any]],
    names: list[str],
    current: int | None,
    wanted: str | None,
    title: str,
) -> int:
    """The phase `fas` starts: the one named, else the one after the current one, else the
    first that has not begun."""
    if wanted is not None:
        hits = [i for i, ph in enumerate(values) if _phase_matches(ph.get("namn"), wanted)]
        if not hits:
            raise EditRefused(f"{title} har ingen fas '{wanted}' – faserna: " + "; ".join(names))
        if len(hits) > 1:
            raise EditRefused(
                f"'{wanted}' passar flera faser: "
                + "; ".join(names[i] for i in hits)
                + " – skriv mer av namnet"
            )
        return hits[0]
    if current is not None:
        target = current + 1
    else:
        target = next(
            (
                i
                for i, ph in enumerate(values)
                if ph.get("start") is None and ph.get("status") in (None, "ej påbörjad")
            ),
            len(values),
        )
    if target >= len(values):
        raise EditRefused(f"{title}: den sista fasen, '{names[-1]}', har redan börjat")
    return target


def start_phase(
    path: str, raw: bytes, title: str, start: PartialDate, wanted: str | None = None
) -> Recorded:
    """Start the next phase (or the one named): its `start`, and the current phase's `slut`
    on the day (month, year) before. Written statuses follow: the ended phase `avslutad`,
    the started one `pågår`."""
    doc = YamlDocument(path, raw)
    node = doc.child(doc.root, PHASES)
    values = doc.expected.get(PHASES)
    if not isinstance(node, yaml.SequenceNode) or not isinstance(values, list) or not values:
        raise EditRefused(f"{title} har inga faser ('{PHASES}') att starta")
    if not all(isinstance(v, dict) for v in values) or not all(
        isinstance(n, yaml.MappingNode) for n in node.value
    ):
        raise FileRefused(f"{doc.path}: varje fas ska vara en mappning – rätta filen först")
    current = _current_phase(values)
    names = [str(ph.get("namn")) for ph in values]
    target = _phase_to_start(values, names, current, wanted, title)
    if current is not None and target <= current:
        raise EditRefused(
            f"{title}: fasen '{names[target]}' har redan börjat (pågående: '{names[current]}')"
        )
    phase_value = _written(start)
    item = node.value[target]
    assert isinstance(item, yaml.MappingNode)
    if current is not None:
        old = node.value[current]
        assert isinstance(old, yaml.MappingNode)
        end = day_before(start)
        doc.set_key(old, values[current], "slut", _written(end), PHASE_KEYS)
        if "status" in values[current]:
            doc.set_key(old, values[current], "status", "avslutad", PHASE_KEYS)
    doc.set_key(item, values[target], "start", phase_value, PHASE_KEYS)
    had_status = current is not None and "status" in doc.data[PHASES][current]
    if "status" in values[target] or had_status:
        doc.set_key(item, values[target], "status", "pågår", PHASE_KEYS)
    said = f"{names[target]} startar {start.swedish()}"
    if current is not None:
        said += f"; {names[current]} slutar {day_before(start).swedish()}"
    return Recorded(raw, doc.result(), said, f"{names[target]} startar {start.swedish()}: {title}")
