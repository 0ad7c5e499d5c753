"""Files to a `Dataset`: the parsed, typed data plus every problem on the way.

The loader reads bytes through a `FileSet` (the working tree here, a git
revision in `history.py`), parses each file with `source.parse`, turns the
values into models and maps every pydantic error back to the file, line and
column the value was written at, in Swedish.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from styrning.model import SLUG, SLUG_TEXT, Process, Timeline
from styrning.problems import START, Position, Problem
from styrning.reading import parse_files
from styrning.source import SourceFile

M = TypeVar("M", bound=BaseModel)

TIMELINE = "timeline.yaml"
PROCESSES = "processes"


class FileSet(Protocol):
    """Where the data files come from: names relative to the root, with '/'."""

    def names(self) -> list[str]: ...

    def read(self, name: str) -> bytes: ...


@dataclass
class WorkingTree:
    """The files under a root folder on disk.

    Links that lead outside the root are reported, never read.
    """

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def names(self) -> list[str]:
        names: list[str] = []
        if (self.root / TIMELINE).is_file() or (self.root / TIMELINE).is_symlink():
            names.append(TIMELINE)
        base = self.root / PROCESSES
        if not base.is_dir():
            return names
        real_root = self.root.resolve()
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
                path = here / name
                if path.is_symlink() and not _inside(path, real_root):
                    self._outside(path)
                    continue
                names.append(path.relative_to(self.root).as_posix())
        return names

    def _outside(self, path: Path) -> None:
        rel = path.relative_to(self.root).as_posix()
        self.problems.append(
            Problem.at(rel, START, "Y008", "länken pekar utanför datamappen och läses inte")
        )

    def read(self, name: str) -> bytes:
        return (self.root / name).read_bytes()


def _inside(path: Path, real_root: Path) -> bool:
    try:
        path.resolve().relative_to(real_root)
    except (ValueError, OSError, RuntimeError):
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
        problems.extend(parsed.problems)
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
        problems.extend(_pydantic_problems(model, exc, data, source))
        return None


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
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                f" – menade du '{near[0]}'?"
                if near
                else f" – tillåtna nycklar: {', '.join(allowed)}"
            )
            yield Problem.at(
                source.path, source.locate(loc, key=True), "S001", f"okänd nyckel '{key}'{hint}"
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
            near = difflib.get_close_matches(str(err["input"]), expected, n=1, cutoff=0.6)
            hint = f" – menade du '{near[0]}'?" if near else ""
            yield Problem.at(
                source.path,
                source.locate(loc),
                "S004",
                f"{where}: '{err['input']}' är inget tillåtet värde{hint} (tillåtna: {', '.join(expected)})",
            )
        elif kind in ("D001", "I001"):
            yield Problem.at(source.path, source.locate(loc), kind, f"{where}: {err['msg']}")
        elif kind == "string_too_short":
            yield Problem.at(source.path, source.locate(loc), "S005", f"{where}: texten är tom")
        elif kind in ("greater_than_equal", "less_than_equal"):
            yield Problem.at(
                source.path,
                source.locate(loc),
                "S004",
                f"{where}: {err['input']} ligger utanför {_bounds(err)}",
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
            yield Problem.at(source.path, source.locate(loc), "S003", message)


def _bounds(err: Any) -> str:
    ctx = err.get("ctx") or {}
    if "ge" in ctx:
        return f"det tillåtna (minst {ctx['ge']})"
    return f"det tillåtna (högst {ctx.get('le')})"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"talet {value}"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning"
    return f"'{value}'"


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
        return [f.alias or n for n, f in target.model_fields.items()]
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
