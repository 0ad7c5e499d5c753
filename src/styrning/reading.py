"""Reading many files fast: every file parsed once, on every core when it pays.

`parse_files` reads the named files through a `FileSet` and yields each one
parsed, in the order given, whatever the way it was done:

- a small tree (the common case: a pre-commit hook) is parsed right here, so
  nothing is started that costs more than it saves;
- from `PARALLEL_FROM` files on, worker processes parse chunks of files while
  this process turns the results into models. A worker sends back the plain
  values, the problems and the text, not the node tree (pickling that would
  cost more than parsing); the tree is parsed again here only for a file that
  has a problem to point at (`SourceFile.locate`).

Either way the problems are the same, in the same order. The garbage
collector is paused while the files are read: the node trees and models hold
no reference cycles, and the collector's full passes over hundreds of
thousands of live objects cost more than the parse itself.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from styrning.problems import START, Position, Problem
from styrning.source import Parsed, SourceFile, parse

PARALLEL_FROM = 200
CHUNK = 48
JOBS_ENV = "STYRNING_JOBS"


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside; afterwards what was built is kept out of its sight.

    Re-enabling alone would make the next allocations pay for full passes over
    everything just read. `gc.freeze()` moves the live objects to the
    permanent generation instead: they are long-lived data without cycles and
    are still freed by reference counting when dropped.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def jobs() -> int:
    """Worker processes to use: STYRNING_JOBS if set (1 means none), else the usable cores."""
    wanted = os.environ.get(JOBS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Reparsed(SourceFile):
    """A file parsed in a worker: the node tree is built again here, only when a problem needs it."""

    text: bytes = b""

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        if self.root is None and self.text:
            self.root = parse(self.path, self.text).source.root
            self.text = b""
        return super().locate(loc, key=key)


# What a worker sends back for one file: name, values, problems, line count, the bytes
# (for _Reparsed), whether it had a node tree; or name and the read problem.
_Result = tuple[str, Any, list[Problem], int, bytes, bool]


def _parse_chunk(chunk: list[tuple[str, bytes]]) -> list[_Result]:
    out: list[_Result] = []
    with paused_gc():
        for name, raw in chunk:
            parsed = parse(name, raw)
            src = parsed.source
            out.append((name, parsed.data, parsed.problems, src.lines, raw, src.root is not None))
    return out


def _read(read: Callable[[str], bytes], name: str) -> bytes | Problem:
    try:
        return read(name)
    except OSError as exc:
        return Problem.at(name, START, "Y003", f"filen kan inte läsas: {exc.strerror}")


def parse_files(
    read: Callable[[str], bytes], names: list[str]
) -> Iterator[tuple[str, Parsed | Problem]]:
    """Each name with its parsed file, or the problem that kept it from being read, in order.

    The garbage collector stays paused until the caller has taken the last file
    (or drops the iterator), so what it builds from the files is spared too.
    """
    workers = min(jobs(), max(1, len(names) // CHUNK))
    with paused_gc():
        if workers < 2 or len(names) < PARALLEL_FROM or "fork" not in get_all_start_methods():
            for name in names:
                raw = _read(read, name)
                yield name, raw if isinstance(raw, Problem) else parse(name, raw)
        else:
            yield from _parallel(read, names, workers)


def _parallel(
    read: Callable[[str], bytes], names: list[str], workers: int
) -> Iterator[tuple[str, Parsed | Problem]]:
    # The files are read here, not in the workers: a FileSet may hold a git process
    # that a forked child must not share. Chunks keep the file order.
    unreadable: dict[str, Problem] = {}
    chunks: list[list[tuple[str, bytes]]] = []
    for start in range(0, len(names), CHUNK):
        chunk: list[tuple[str, bytes]] = []
        for name in names[start : start + CHUNK]:
            raw = _read(read, name)
            if isinstance(raw, Problem):
                unreadable[name] = raw
            else:
                chunk.append((name, raw))
        chunks.append(chunk)
    # fork: the workers start with everything already imported, in milliseconds
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        # consumed as the chunks come back, so the models are built while workers still parse
        results = (r for part in pool.map(_parse_chunk, chunks) for r in part)
        for name in names:
            if name in unreadable:
                yield name, unreadable[name]
                continue
            rname, data, problems, lines, raw, has_tree = next(results)
            assert rname == name
            source: SourceFile = _Reparsed(name, None, lines, raw if has_tree else b"")
            yield name, Parsed(source, data, problems)


__all__ = ["PARALLEL_FROM", "jobs", "parse_files", "paused_gc"]
