"""Files to a `Dataset`: the parsed, typed data plus every problem on the way.

The loader reads bytes through a `FileSet` (the working tree here, a git
revision in `history.py`), parses each file with `source.parse`, turns the
values into models and maps every pydantic error back to the file, line and
column the value was written at, in Swedish.

A problem never hides a process: a file with an unknown key or a wrong value
is still built from the values that are right (see `_rebuild`), and what was
left out is kept in `Omissions`, so that checks and outputs can tell. Only a
file that cannot be read, or lacks a key no model can do without (a process's
`typ` and `titel`), yields nothing.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from styrning.core.model import SLUG, SLUG_TEXT, Process, Timeline, aliases
from styrning.core.problems import START, Position, Problem
from styrning.core.text import truncate
from styrning.read.reading import parse_files
from styrning.read.source import MAX_INT_DIGITS, SourceFile
from styrning.read.tree import TIMELINE, FileSet, WorkingTree

M = TypeVar("M", bound=BaseModel)

# Schema problems reported per file. A real file with a key renamed in every
# event has a few hundred; a hostile one with 100 000 unknown keys would
# otherwise cost minutes of suggestions and a flood of lines.
MAX_PROBLEMS_PER_FILE = 1000
# Longest value quoted in a message; the rest is cut with '…'.
SHOWN_CHARS = 60
# Rounds of leaving values out before a file counts as one that cannot be built. Each
# round goes one level up (a bad date, then its event), so the nesting depth bounds it.
MAX_REBUILDS = 8

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Omissions:
    """What was left out of a file with problems so that the rest of it could be built.

    Places are keys and list indexes. `dropped` holds each place left out, as the
    file wrote it, with the value written there; `kept` holds, for each list the
    model has fewer items of, the file's indexes of the items it kept. A model's
    place (`("händelser", 2)`) is found in the file with `in_file`.
    """

    model: type[BaseModel]
    dropped: dict[Loc, Any]
    kept: dict[Loc, list[int]]

    def in_file(self, loc: Loc) -> Loc:
        """A place in the model as the place in the file: list indexes counted as written."""
        out: list[str | int] = []
        for part in loc:
            if isinstance(part, int):
                kept = self.kept.get(tuple(out))
                if kept is not None and 0 <= part < len(kept):
                    part = kept[part]
            out.append(part)
        return tuple(out)

    @cached_property
    def _children(self) -> dict[Loc, list[str | int]]:
        """The last part of each place left out, by the place it lies in."""
        out: dict[Loc, list[str | int]] = {}
        for place in self.dropped:
            out.setdefault(place[:-1], []).append(place[-1])
        return out

    def items_left_out(self, loc: Loc) -> list[Any]:
        """The values of the items left out of the list at the model's place `loc`."""
        where = self.in_file(loc)
        return [
            self.dropped[(*where, part)]
            for part in self._children.get(where, [])
            if isinstance(part, int)
        ]

    def said(self, loc: Loc, key: str) -> bool:
        """Whether the file may have said `key` at the model's place `loc` in a way that was
        left out: a wrong value of it, or an unknown key that is a likely misspelling of it
        (the one S001 suggests)."""
        where = self.in_file(loc)
        allowed = _allowed_keys(self.model, where)
        for written in self._children.get(where, []):
            if not isinstance(written, str):
                continue
            if written == key:
                return True
            if written not in allowed:
                near = difflib.get_close_matches(written[:100], allowed, n=1, cutoff=0.6)
                if near == [key]:
                    return True
        return False


@dataclass
class PartialSource(SourceFile):
    """A file that was built without some of its values: a place in the model is
    located where the file wrote it, although the lists have fewer items."""

    whole: SourceFile | None = field(default=None, repr=False)
    omissions: Omissions | None = field(default=None, repr=False)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        if self.whole is None or self.omissions is None:
            return super().locate(loc, key=key)
        return self.whole.locate(self.omissions.in_file(loc), key=key)


def omissions_of(source: SourceFile | None) -> Omissions | None:
    """What was left out of the file behind `source`, if anything."""
    return source.omissions if isinstance(source, PartialSource) else None


@dataclass
class LoadedProcess:
    id: str
    path: str
    process: Process
    source: SourceFile
    omitted: Omissions | None = None  # set when the file had problems and some values were left out

    @property
    def partial(self) -> bool:
        """Built from the keys that are right, with the rest left out."""
        return self.omitted is not None


@dataclass
class Dataset:
    """Everything read from one tree: models, where they came from, and the problems."""

    timeline: Timeline | None
    timeline_source: SourceFile | None
    processes: dict[str, LoadedProcess]
    problems: list[Problem]
    paths: list[str]
    timeline_omitted: Omissions | None = None

    def sorted_processes(self) -> list[LoadedProcess]:
        return sorted(self.processes.values(), key=lambda p: p.id)

    @property
    def bodies_known(self) -> bool:
        """Whether timeline.yaml gave its list of bodies (so that a reference can be judged)."""
        if self.timeline is None:
            return False
        return self.timeline_omitted is None or ("organ",) not in self.timeline_omitted.dropped

    def bodies_left_out(self) -> set[str]:
        """The ids of bodies in timeline.yaml that were left out for a problem of their own."""
        if self.timeline_omitted is None:
            return set()
        return {
            item["id"]
            for item in self.timeline_omitted.items_left_out(("organ",))
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        }

    def process_files(self) -> set[str]:
        """The id of every process file read, whether or not a process could be built from it."""
        return {process_id(p) for p in self.paths if p != TIMELINE}

    def partial_paths(self) -> list[str]:
        """The files built from the keys that are right, with the rest left out."""
        out = [lp.path for lp in self.processes.values() if lp.partial]
        if self.timeline_omitted is not None and self.timeline_source is not None:
            out.append(self.timeline_source.path)
        return sorted(out)

    def built_paths(self) -> set[str]:
        """The files a model was built from, whole or in part."""
        out = {lp.path for lp in self.processes.values()}
        if self.timeline is not None:
            out.add(self.timeline_source.path if self.timeline_source is not None else TIMELINE)
        return out


def process_id(name: str) -> str:
    """The identifier of a process file: its name without .yaml/.yml."""
    stem = name.rpartition("/")[2]  # PurePosixPath(name).name, without a Path per file
    for ext in (".yaml", ".yml"):
        if stem.endswith(ext):
            return stem[: -len(ext)]
    return stem


def load(files: FileSet) -> Dataset:
    """Read every data file in `files`; never raises on bad data."""
    problems: list[Problem] = []
    names = files.names()
    timeline: Timeline | None = None
    timeline_source: SourceFile | None = None
    timeline_omitted: Omissions | None = None
    processes: dict[str, LoadedProcess] = {}
    first_path: dict[str, str] = {}
    on_disk = isinstance(files, WorkingTree)
    for name, parsed in parse_files(files.read, names, read_in_workers=on_disk):
        if isinstance(parsed, Problem):  # the file could not be read
            problems.append(parsed)
            continue
        problems.extend(_capped(parsed.problems))
        if name == TIMELINE:
            timeline_source = parsed.source
            if parsed.data is not None:
                built_timeline = _validate(Timeline, parsed.data, parsed.source, problems)
                if built_timeline is not None:
                    timeline, timeline_omitted = built_timeline
                    if timeline_omitted is not None:
                        timeline_source = _partial_source(parsed.source, timeline_omitted)
            continue
        pid = process_id(name)
        if not SLUG.fullmatch(pid):
            problems.append(
                Problem.at(
                    name, START, "I001", f"filnamnet '{pid}' är ingen giltig id: använd {SLUG_TEXT}"
                )
            )
        if pid in first_path:
            problems.append(
                Problem.at(
                    name,
                    START,
                    "I002",
                    f"id '{pid}' finns redan i {first_path[pid]} – "
                    "varje processfil behöver ett eget namn",
                )
            )
            continue
        first_path[pid] = name
        if parsed.data is None:
            continue
        built = _validate(Process, parsed.data, parsed.source, problems)
        if built is not None:
            process, omitted = built
            source = parsed.source if omitted is None else _partial_source(parsed.source, omitted)
            processes[pid] = LoadedProcess(pid, name, process, source, omitted)
    if TIMELINE not in names:
        problems.append(
            Problem.at(
                TIMELINE,
                START,
                "Y004",
                "timeline.yaml saknas – den anger organisationen och dess organ",
            )
        )
    if isinstance(files, WorkingTree):
        problems.extend(files.problems)
    return Dataset(timeline, timeline_source, processes, problems, names, timeline_omitted)


def _partial_source(source: SourceFile, omitted: Omissions) -> PartialSource:
    return PartialSource(source.path, lines=source.lines, whole=source, omissions=omitted)


def _shown(value: object) -> str:
    """A value as quoted in a message: a long one is cut, so a line stays a line."""
    text = str(value)
    return truncate(text, SHOWN_CHARS)


def _validate(
    model: type[M], data: Any, source: SourceFile, problems: list[Problem]
) -> tuple[M, Omissions | None] | None:
    """The model of `data`, and what had to be left out of it; its problems go to `problems`."""
    if not isinstance(data, dict):
        what = "en lista" if isinstance(data, list) else "ett enskilt värde"
        problems.append(
            Problem.at(
                source.path,
                source.locate(()),
                "S003",
                f"filen ska vara en mappning med nycklar (t.ex. 'titel: ...'), inte {what}",
            )
        )
        return None
    try:
        return model.model_validate(data), None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for found, problem in enumerate(_pydantic_problems(model, errors, data, source)):
            if found == MAX_PROBLEMS_PER_FILE:
                problems.append(_too_many(problem))
                break
            problems.append(problem)
        return _rebuild(model, data, errors)


# What stands in for a required key of timeline.yaml that is missing or wrong: without it
# the bodies, events and meetings that are right would all be lost (and their problems
# unseen). Bodies given as nothing means that no reference to a body can be judged.
_STAND_INS: dict[type[BaseModel], dict[str, Any]] = {
    Timeline: {"organisation": "(organisation saknas)", "organ": []},
}
_ABSENT = object()


def _rebuild(
    model: type[M], data: dict[str, Any], errors: list[ErrorDetails]
) -> tuple[M, Omissions] | None:
    """`data` as a model with the values at the failing places left out, or None.

    Each round leaves out what failed: an unknown key, a wrong value, a list item
    that is wrong. A value a model cannot do without makes its container fail in
    the next round, so a bad date leaves out its event, and a process without a
    usable `typ` or `titel` cannot be built. Runs only for files that failed, so
    valid data never pays for it.
    """
    dropped: dict[Loc, Any] = {}
    kept: dict[Loc, list[int]] = {}
    stand_ins: dict[str, Any] = {}
    for _ in range(MAX_REBUILDS):
        omissions = Omissions(model, dropped, kept)
        added = False
        new: dict[Loc, None] = {}  # the places that failed this round, in order
        for err in errors:
            loc = omissions.in_file(tuple(err["loc"]))
            if len(loc) == 1 and loc[0] in _STAND_INS.get(model, {}):
                name = str(loc[0])
                if name not in stand_ins:
                    stand_ins[name] = _STAND_INS[model][name]
                    dropped[(name,)] = data.get(name, _ABSENT)
                    added = True
                continue
            # a mapping's key is wrong, or a required key is missing: leave out the entry
            # or the container it belongs to
            if err["type"] == "missing" or (loc and loc[-1] == "[key]"):
                loc = loc[:-1]
            if not loc:
                return None
            target = _existing(data, loc)
            if target is None or target in new:
                continue
            new[target] = None
        # outer places first, so that what lies inside a place left out is not kept apart
        for target in sorted(new, key=len):
            if not any(target[:i] in dropped for i in range(1, len(target) + 1)):
                dropped[target] = _value_at(data, target)
                added = True
        if not added:
            return None
        if any(len(place) > 1 for place in dropped):
            dropped = {
                place: value
                for place, value in dropped.items()
                if not any(place[:i] in dropped for i in range(1, len(place)))
            }
        kept = {}
        pruned = _pruned(data, _trie(dropped), (), kept)
        pruned.update(stand_ins)
        try:
            built = model.model_validate(pruned)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            continue
        return built, Omissions(model, dropped, kept)
    return None


def _existing(data: Any, loc: Loc) -> Loc | None:
    """The longest start of `loc` that is in `data` (a string given for a list is left out
    whole, not its first letter), or None when not even the first key is."""
    current = data
    for i, part in enumerate(loc):
        found = (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        )
        if not found:
            return loc[:i] or None
        current = current[part]
    return loc


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


_DROP: Any = object()  # marks a place to leave out


def _trie(places: Iterable[Loc]) -> dict[str | int, Any]:
    root: dict[str | int, Any] = {}
    for place in places:
        node = root
        for part in place[:-1]:
            node = node.setdefault(part, {})
        node[place[-1]] = _DROP
    return root


def _pruned(value: Any, trie: dict[str | int, Any], at: Loc, kept: dict[Loc, list[int]]) -> Any:
    """`value` without the places marked in `trie`; only what lies on the way is copied."""
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for k, v in value.items():
            sub = trie.get(k)
            if sub is _DROP:
                continue
            out[k] = _pruned(v, sub, (*at, k), kept) if sub else v
        return out
    if isinstance(value, list):
        indexes = [i for i in range(len(value)) if trie.get(i) is not _DROP]
        if len(indexes) != len(value):
            kept[at] = indexes
        items = []
        for i in indexes:
            sub = trie.get(i)
            items.append(_pruned(value[i], sub, (*at, i), kept) if sub else value[i])
        return items
    return value


def _capped(found: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS_PER_FILE problems of one file, and a line saying there are more."""
    if len(found) <= MAX_PROBLEMS_PER_FILE:
        return found
    found = sorted(found, key=Problem.sort_key)
    return [*found[:MAX_PROBLEMS_PER_FILE], _too_many(found[MAX_PROBLEMS_PER_FILE])]


def _too_many(first_left_out: Problem) -> Problem:
    return Problem.at(
        first_left_out.path,
        Position(first_left_out.line, first_left_out.col),
        "Y006",
        f"fler än {MAX_PROBLEMS_PER_FILE} problem i filen – de första "
        f"{MAX_PROBLEMS_PER_FILE} visas; rätta dem och kör igen",
    )


_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "en lista",
    "dict_type": "en mappning (nyckel: värde)",
    "model_type": "en mappning (nyckel: värde)",
    "model_attributes_type": "en mappning (nyckel: värde)",
    "bool_type": "true eller false",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
}


def _pydantic_problems(
    model: type[BaseModel], errors: list[ErrorDetails], data: Any, source: SourceFile
) -> Iterator[Problem]:
    seen: set[tuple[str | int, ...]] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        kind = err["type"]
        where = _describe(loc)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(model, loc[:-1])
            near = difflib.get_close_matches(key[:100], allowed, n=1, cutoff=0.6)
            hint = (
                f" – menade du '{near[0]}'?"
                if near
                else f" – tillåtna nycklar: {', '.join(allowed)}"
            )
            yield Problem.at(
                source.path,
                source.locate(loc, key=True),
                "S001",
                f"okänd nyckel '{_shown(key)}'{hint}",
            )
        elif kind == "missing":
            key = str(loc[-1])
            yield Problem.at(
                source.path,
                source.locate(loc[:-1], key=bool(loc[:-1])),
                "S002",
                f"nyckeln '{key}' saknas{_in(loc[:-1])}",
            )
        elif kind in ("enum", "literal_error"):
            expected = _enum_values(model, loc)
            near = difflib.get_close_matches(str(err["input"])[:100], expected, n=1, cutoff=0.6)
            hint = f" – menade du '{near[0]}'?" if near else ""
            yield Problem.at(
                source.path,
                source.locate(loc),
                "S004",
                f"{where}: '{_shown(err['input'])}' är inget tillåtet värde{hint} (tillåtna: "
                f"{', '.join(expected)})",
            )
        elif kind in ("D001", "I001"):
            message = str(err["msg"])
            value = err.get("input")
            if isinstance(value, str) and len(value) > SHOWN_CHARS:
                message = message.replace(value, _shown(value))
            # a wrong key of a mapping (an id in `sammanträden`) is shown where the key is
            pos = (
                source.locate(loc[:-1], key=True) if loc[-1:] == ("[key]",) else source.locate(loc)
            )
            yield Problem.at(source.path, pos, kind, f"{where}: {message}")
        elif kind == "string_too_short":
            yield Problem.at(source.path, source.locate(loc), "S005", f"{where}: texten är tom")
        elif kind in ("greater_than_equal", "less_than_equal"):
            yield Problem.at(
                source.path,
                source.locate(loc),
                "S004",
                f"{where}: {_shown(err['input'])} ligger utanför {_bounds(err)}",
            )
        else:
            wanted = _TYPE_NAMES.get(kind, "ett annat slags värde")
            value = err.get("input")
            if value is None:
                message = f"{where}: värdet saknas – väntade {wanted}"
            else:
                got = _type_name(value)
                message = f"{where}: väntade {wanted}, inte {got}"
                if wanted == "text" and not isinstance(value, dict | list):
                    message += " – sätt värdet inom citattecken"
                elif _too_many_digits(value):
                    message += f" – ett tal har högst {MAX_INT_DIGITS} siffror"
            yield Problem.at(source.path, source.locate(loc), "S003", message)


def _bounds(err: Any) -> str:
    ctx = err.get("ctx") or {}
    if "ge" in ctx:
        return f"det tillåtna (minst {ctx['ge']})"
    return f"det tillåtna (högst {ctx.get('le')})"


def _too_many_digits(value: Any) -> bool:
    """A number beyond MAX_INT_DIGITS, which the reader keeps as text."""
    return (
        isinstance(value, str)
        and len(value) > MAX_INT_DIGITS
        and value.lstrip("+-").replace(".", "", 1).isdigit()
    )


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"talet {_shown(value)}"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning"
    return f"'{_shown(value)}'"


def _describe(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if part == "[key]":  # pydantic's mark for a mapping's key; the key itself is named
            continue
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "filen"


def _in(loc: tuple[str | int, ...]) -> str:
    return f" i {_describe(loc)}" if loc else ""


def _model_at(model: type[BaseModel], loc: Iterable[str | int]) -> Any:
    """The type found by following `loc` from `model` through fields and lists."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            for name, f in current.model_fields.items():
                if (f.alias or name) == part:
                    current = f.annotation
                    break
            else:
                return None
        else:
            return None
    return _unwrap(current)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    target = _model_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return aliases(target)
    return []


def _enum_values(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    target = _model_at(model, loc)
    if isinstance(target, type) and issubclass(target, Enum):
        return [str(m.value) for m in target]
    return []


__all__ = [
    "Dataset",
    "LoadedProcess",
    "Omissions",
    "PartialSource",
    "Position",
    "load",
    "omissions_of",
    "process_id",
]
