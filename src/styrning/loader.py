"""Files to a `Dataset`: the parsed, typed data plus every problem on the way.

The loader reads bytes through a `FileSet` (the working tree here, a git
revision in `history.py`), parses each file with `source.parse`, turns the
values into models and maps every pydantic error back to the file, line and
column the value was written at, in Swedish.
"""

from __future__ import annotations

import difflib
import errno
import os
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from styrning.model import SLUG, SLUG_TEXT, Process, Timeline, aliases
from styrning.problems import START, Position, Problem, one_line
from styrning.reading import parse_files
from styrning.source import MAX_FILE_BYTES, MAX_INT_DIGITS, SourceFile

M = TypeVar("M", bound=BaseModel)

TIMELINE = "timeline.yaml"
PROCESSES = "processes"
# Schema problems reported per file. A real file with a key renamed in every
# event has a few hundred; a hostile one with 100 000 unknown keys would
# otherwise cost minutes of suggestions and a flood of lines.
MAX_PROBLEMS_PER_FILE = 1000
# Longest value quoted in a message; the rest is cut with '…'.
SHOWN_CHARS = 60


class FileSet(Protocol):
    """Where the data files come from: names relative to the root, with '/'."""

    def names(self) -> list[str]: ...

    def read(self, name: str) -> bytes: ...


@dataclass
class WorkingTree:
    """The files under a root folder on disk.

    Links that lead outside the root are reported, never read; so are links
    that lead nowhere or in a circle, and anything that is not a regular file
    (a named pipe would make a read wait forever). A file is read only up to
    just past the size limit.
    """

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def names(self) -> list[str]:
        names: list[str] = []
        real_root = self.root.resolve()
        if os.path.lexists(self.root / TIMELINE) and self._readable(TIMELINE, real_root):
            names.append(TIMELINE)
        base = self.root / PROCESSES
        if base.is_symlink() and not _inside(base, real_root):
            self._outside(base)
            return names
        if not base.is_dir():
            return names
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            here = Path(dirpath)
            dirnames.sort()
            for d in list(dirnames):
                target = here / d
                if target.is_symlink() and not _inside(target, real_root):
                    dirnames.remove(d)
                    self._outside(target)
            for name in sorted(filenames):
                if not name.endswith((".yaml", ".yml")):
                    continue
                rel = (here / name).relative_to(self.root).as_posix()
                if one_line(rel) != rel:
                    # a line break or terminal escape in a name would break every output
                    self._unreadable(
                        one_line(rel), "filnamnet innehåller kontrolltecken – byt namn"
                    )
                elif self._readable(rel, real_root):
                    names.append(rel)
        return names

    def _readable(self, rel: str, real_root: Path) -> bool:
        """Whether `rel` is a regular file inside the root; if not, say why once."""
        path = self.root / rel
        if path.is_symlink():
            # outside first: nothing out there is looked at, not even whether it exists
            try:
                outside = not _inside(path, real_root, loops=True)
            except RuntimeError:
                return self._unreadable(rel, _LOOP)
            if outside:
                self._outside(path)
                return False
            try:
                os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return self._unreadable(rel, _LOOP)
                return self._unreadable(rel, "länken pekar på en fil som inte finns")
        if not path.is_file():
            return self._unreadable(
                rel, "är ingen vanlig fil (en mapp, enhet eller namngiven pipe)"
            )
        return True

    def _unreadable(self, rel: str, why: str) -> bool:
        self.problems.append(Problem.at(rel, START, "Y009", f"filen läses inte: {why}"))
        return False

    def _outside(self, path: Path) -> None:
        rel = one_line(path.relative_to(self.root).as_posix())
        self.problems.append(
            Problem.at(rel, START, "Y008", "länken pekar utanför datamappen och läses inte")
        )

    def read(self, name: str) -> bytes:
        # Past the limit the size no longer matters: never hold a huge file in memory.
        with (self.root / name).open("rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)


_LOOP = "länkarna går i cirkel och leder aldrig till en fil"


def _inside(path: Path, real_root: Path, *, loops: bool = False) -> bool:
    """Whether `path`, links followed, is under `real_root`; with `loops`, a loop raises."""
    try:
        path.resolve().relative_to(real_root)
    except RuntimeError:
        if loops:
            raise
        return False
    except (ValueError, OSError):
        return False
    return True


@dataclass
class LoadedProcess:
    id: str
    path: str
    process: Process
    source: SourceFile


@dataclass
class Dataset:
    """Everything read from one tree: models, where they came from, and the problems."""

    timeline: Timeline | None
    timeline_source: SourceFile | None
    processes: dict[str, LoadedProcess]
    problems: list[Problem]
    paths: list[str]

    def sorted_processes(self) -> list[LoadedProcess]:
        return sorted(self.processes.values(), key=lambda p: p.id)


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
                timeline = _validate(Timeline, parsed.data, parsed.source, problems)
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
                    f"id '{pid}' finns redan i {first_path[pid]} – varje processfil behöver ett eget namn",
                )
            )
            continue
        first_path[pid] = name
        if parsed.data is None:
            continue
        process = _validate(Process, parsed.data, parsed.source, problems)
        if process is not None:
            processes[pid] = LoadedProcess(pid, name, process, parsed.source)
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
    return Dataset(timeline, timeline_source, processes, problems, names)


def _shown(value: object) -> str:
    """A value as quoted in a message: a long one is cut, so a line stays a line."""
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _validate(model: type[M], data: Any, source: SourceFile, problems: list[Problem]) -> M | None:
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
        return model.model_validate(data)
    except ValidationError as exc:
        for found, problem in enumerate(_pydantic_problems(model, exc, data, source)):
            if found == MAX_PROBLEMS_PER_FILE:
                problems.append(_too_many(problem))
                break
            problems.append(problem)
        return None


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
    model: type[BaseModel], exc: ValidationError, data: Any, source: SourceFile
) -> Iterator[Problem]:
    seen: set[tuple[str | int, ...]] = set()
    for err in exc.errors(include_url=False):
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
                f"{where}: '{_shown(err['input'])}' är inget tillåtet värde{hint} (tillåtna: {', '.join(expected)})",
            )
        elif kind in ("D001", "I001"):
            message = str(err["msg"])
            value = err.get("input")
            if isinstance(value, str) and len(value) > SHOWN_CHARS:
                message = message.replace(value, _shown(value))
            yield Problem.at(source.path, source.locate(loc), kind, f"{where}: {message}")
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


def find_root(start: Path) -> Path | None:
    """The first folder from `start` upwards that holds timeline.yaml."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / TIMELINE).is_file():
            return folder
    return None


__all__ = [
    "PROCESSES",
    "TIMELINE",
    "Dataset",
    "FileSet",
    "LoadedProcess",
    "Position",
    "WorkingTree",
    "find_root",
    "load",
    "process_id",
]
