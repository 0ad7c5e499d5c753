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

The pool starts its workers by `fork` where that is safe (Linux, this process
has a single thread: a fork then copies everything already imported, in
milliseconds), else by the platform's own method (`spawn` on Windows and
macOS, `forkserver`); `STYRNING_START_METHOD` chooses one. The reader goes to
the workers as the pool's initializer argument, so every method serves.

Either way the problems are the same, in the same order. The garbage
collector is paused while the files are read: the node trees and models hold
no reference cycles, and the collector's full passes over hundreds of
thousands of live objects cost more than the parse itself.
"""

from __future__ import annotations

import errno
import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import Any

from styrning.core.problems import START, Position, Problem
from styrning.read.source import Parsed, SourceFile, parse

PARALLEL_FROM = 200
CHUNK = 48
JOBS_ENV = "STYRNING_JOBS"
METHOD_ENV = "STYRNING_START_METHOD"


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
    """A file parsed in a worker: parsed again here, only when a problem needs a position."""

    text: bytes = field(default=b"", repr=False)
    _full: SourceFile | None = field(default=None, repr=False)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        if not self.text:
            return super().locate(loc, key=key)
        if self._full is None:
            self._full = parse(self.path, self.text).source
        return self._full.locate(loc, key=key)


def start_method() -> str:
    """How worker processes are started: STYRNING_START_METHOD if this platform has it,
    else `fork` on Linux while this process has one thread (forking a process with
    threads is unsafe, and Python 3.12 warns of it), else the platform's default."""
    methods = get_all_start_methods()
    wanted = os.environ.get(METHOD_ENV, "").strip()
    if wanted in methods:
        return wanted
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    # the platform's default: spawn on Windows and macOS, forkserver on Linux from 3.14
    default = "spawn" if sys.platform in ("win32", "darwin") else "forkserver"
    return default if default in methods else methods[0]


# The reader of the files, in a worker (given to the pool's initializer).
_READ: Callable[[str], bytes] | None = None


def _set_reader(read: Callable[[str], bytes] | None) -> None:
    global _READ
    _READ = read


# What a worker sends back for one file: the problem that kept it from being read, or
# its values, problems, line count, whether it has a node tree, and the bytes when the
# worker read them itself (for _Reparsed).
_Result = Problem | tuple[Any, list[Problem], int, bool, bytes]


def _parse_chunk(chunk: list[tuple[str, bytes | None]]) -> list[_Result]:
    out: list[_Result] = []
    with paused_gc():
        for name, given in chunk:
            if given is None:
                assert _READ is not None
                got = _read(_READ, name)
                if isinstance(got, Problem):
                    out.append(got)
                    continue
                raw = got
            else:
                raw = given
            parsed = parse(name, raw)
            src = parsed.source
            has_tree = src.root is not None
            # bytes the parent already has need not travel back
            back = raw if given is None and has_tree else b""
            out.append((parsed.data, parsed.problems, src.lines, has_tree, back))
    return out


def _read(read: Callable[[str], bytes], name: str) -> bytes | Problem:
    try:
        return read(name)
    except OSError as exc:
        return Problem.at(name, START, "Y009", f"filen läses inte: {os_error_text(exc)}")


def os_error_text(exc: OSError) -> str:
    """Why a file could not be read, in Swedish."""
    why = {
        errno.ENOENT: "filen finns inte",
        errno.EACCES: "läsrättighet saknas",
        errno.EPERM: "läsrättighet saknas",
        errno.EISDIR: "det är en mapp",
        errno.ELOOP: "länkarna går i cirkel",
    }
    return why.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def parse_files(
    read: Callable[[str], bytes], names: list[str], *, read_in_workers: bool = False
) -> Iterator[tuple[str, Parsed | Problem]]:
    """Each name with its parsed file, or the problem that kept it from being read, in order.

    `read_in_workers` says that `read` may be called in a forked child (true of
    files on disk; not of a reader that holds a git process, which a child must
    not share): workers then read their own files.

    The garbage collector stays paused until the caller has taken the last file
    (or drops the iterator), so what it builds from the files is spared too.
    """
    workers = min(jobs(), max(1, len(names) // CHUNK))
    with paused_gc():
        if workers < 2 or len(names) < PARALLEL_FROM:
            for name in names:
                raw = _read(read, name)
                yield name, raw if isinstance(raw, Problem) else parse(name, raw)
        else:
            yield from _parallel(read, names, workers, read_in_workers)


def _parallel(
    read: Callable[[str], bytes], names: list[str], workers: int, read_in_workers: bool
) -> Iterator[tuple[str, Parsed | Problem]]:
    method = start_method()
    context: BaseContext = get_context(method)
    if read_in_workers and method != "fork" and not _picklable(read):
        read_in_workers = False  # a reader that cannot be sent: read here, parse there
    reader = read if read_in_workers else None
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_set_reader, initargs=(reader,)
    ) as pool:
        sent: list[list[tuple[str, bytes | Problem | None]]] = []
        futures = []
        for start in range(0, len(names), CHUNK):
            chunk = [
                (name, None if read_in_workers else _read(read, name))
                for name in names[start : start + CHUNK]
            ]
            sent.append(chunk)
            futures.append(
                pool.submit(_parse_chunk, [(n, r) for n, r in chunk if not isinstance(r, Problem)])
            )
        # taken in file order as the chunks come back, so the models are built
        # here while the workers still parse
        for chunk, future in zip(sent, futures, strict=True):
            results = iter(future.result())
            for name, given in chunk:
                if isinstance(given, Problem):
                    yield name, given
                    continue
                result = next(results)
                if isinstance(result, Problem):
                    yield name, result
                    continue
                data, problems, lines, has_tree, back = result
                text = (back if given is None else given) if has_tree else b""
                source: SourceFile = _Reparsed(name, lines=lines, text=text)
                yield name, Parsed(source, data, problems)


def _picklable(read: Callable[[str], bytes]) -> bool:
    try:
        pickle.dumps(read)
    except Exception:  # any object may refuse in its own way
        return False
    return True


__all__ = ["PARALLEL_FROM", "jobs", "parse_files", "paused_gc", "start_method"]
