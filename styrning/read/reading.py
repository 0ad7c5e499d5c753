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
from styrning.read import cache
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
    """A file parsed in a worker or taken from the cache: parsed again here, only when a
    problem needs a position (its bytes read then, by `fetch`, when not given)."""

    text: bytes = field(default=b"", repr=False)
    fetch: Callable[[], bytes] | None = field(default=None, repr=False)
    _full: SourceFile | None = field(default=None, repr=False)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        if self._full is None:
            if not self.text and self.fetch is not None:
                self.text = self.fetch()
            if not self.text:
                return super().locate(loc, key=key)
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
# its values, problems, line count and whether it has a node tree, pickled (the form the
# cache keeps them in), and the bytes when the worker read them itself (for _Reparsed).
_Result = Problem | tuple[bytes, bytes]
# What a parsed file comes to, without its node tree: values, problems, lines, has a tree.
_Values = tuple[Any, list[Problem], int, bool]


def _pack(parsed: Parsed) -> bytes:
    src = parsed.source
    values: _Values = (parsed.data, parsed.problems, src.lines, src.root is not None)
    return pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(name: str, payload: bytes) -> _Values | None:
    """The values of a payload, or None when it is not one (a garbled cache entry)."""
    try:
        values = pickle.loads(payload)
    except Exception:  # whatever a damaged pickle raises, it is a miss
        return None
    if (
        isinstance(values, tuple)
        and len(values) == 4
        and isinstance(values[1], list)
        and all(isinstance(p, Problem) and p.path == name for p in values[1])
        and isinstance(values[2], int)
        and isinstance(values[3], bool)
    ):
        return values
    return None


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
            # bytes the parent already has need not travel back
            back = raw if given is None and parsed.source.root is not None else b""
            out.append((_pack(parsed), back))
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
    read: Callable[[str], bytes],
    names: list[str],
    *,
    read_in_workers: bool = False,
    blob_ids: dict[str, str] | None = None,
    want: Callable[[list[str]], None] | None = None,
) -> Iterator[tuple[str, Parsed | Problem]]:
    """Each name with its parsed file, or the problem that kept it from being read, in order.

    `read_in_workers` says that `read` may be called in a worker process (true of
    files on disk; not of a reader that holds a git process, which a child must
    not share): workers then read their own files.

    With the cache on (see `cache.py`), what it holds is not parsed again: the
    files are read here and named by their git blob id (or by `blob_ids`, known
    without reading; `want` is then told which files will be read, so that they
    are fetched together), and only the misses are parsed.

    The garbage collector stays paused until the caller has taken the last file
    (or drops the iterator), so what it builds from the files is spared too.
    """
    with paused_gc():
        found = cache.store() if names else None
        if found is None:
            yield from _parse(read, names, read_in_workers)
            return
        yield from _cached(found, read, names, blob_ids, want)
        found.flush()


def _parse(
    read: Callable[[str], bytes],
    names: list[str],
    read_in_workers: bool,
    keep: tuple[cache.Store, dict[str, bytes]] | None = None,
) -> Iterator[tuple[str, Parsed | Problem]]:
    """Parse these files (`keep`: and put each in the cache under its key)."""
    workers = min(jobs(), max(1, len(names) // CHUNK))
    if workers < 2 or len(names) < PARALLEL_FROM:
        for name in names:
            raw = _read(read, name)
            if isinstance(raw, Problem):
                yield name, raw
                continue
            parsed = parse(name, raw)
            if keep is not None and name in keep[1]:
                keep[0].put(keep[1][name], _pack(parsed))
            yield name, parsed
    else:
        yield from _parallel(read, names, workers, read_in_workers, keep)


def _cached(
    found: cache.Store,
    read: Callable[[str], bytes],
    names: list[str],
    blob_ids: dict[str, str] | None,
    want: Callable[[list[str]], None] | None,
) -> Iterator[tuple[str, Parsed | Problem]]:
    raws: dict[str, bytes | Problem] = {}
    if blob_ids is None:
        for name in names:
            raws[name] = _read(read, name)
        ids = {n: cache.blob_id(r) for n, r in raws.items() if isinstance(r, bytes)}
    else:
        ids = {n: blob_ids[n] for n in names if n in blob_ids}
    keys = {name: cache.key_of(name, blob) for name, blob in ids.items()}
    payloads = found.get_many(list(keys.values()))
    hits: dict[str, _Values] = {}
    for name, key in keys.items():
        payload = payloads.get(key)
        values = _unpack(name, payload) if payload is not None else None
        if values is not None:
            hits[name] = values
    misses = [n for n in names if n not in hits and not isinstance(raws.get(n), Problem)]
    reader: Callable[[str], bytes]
    if blob_ids is None:
        # parsed as without a cache, from the bytes already read here
        def reader(name: str) -> bytes:
            raw = raws[name]
            assert isinstance(raw, bytes)
            return raw

    else:
        reader = read
        if want is not None:
            want(misses)  # even none: the files found need not be read at all
    fresh = _parse(reader, misses, False, (found, keys))
    for name in names:
        raw = raws.get(name)
        if isinstance(raw, Problem):
            yield name, raw
            continue
        values = hits.get(name)
        if values is None:
            got_name, got = next(fresh)
            assert got_name == name
            yield name, got
            continue
        data, problems, lines, has_tree = values
        text = raw if isinstance(raw, bytes) and has_tree else b""
        fetch = _fetcher(read, name) if has_tree and not text else None
        yield name, Parsed(_Reparsed(name, lines=lines, text=text, fetch=fetch), data, problems)
    for _ in fresh:  # nothing left; lets the pool close
        pass


def _fetcher(read: Callable[[str], bytes], name: str) -> Callable[[], bytes]:
    return lambda: read(name)


def _parallel(
    read: Callable[[str], bytes],
    names: list[str],
    workers: int,
    read_in_workers: bool,
    keep: tuple[cache.Store, dict[str, bytes]] | None = None,
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
                payload, back = result
                values = _unpack(name, payload)
                assert values is not None  # made by _pack in the worker
                data, problems, lines, has_tree = values
                text = (back if given is None else given) if has_tree else b""
                if keep is not None and name in keep[1]:
                    keep[0].put(keep[1][name], payload)
                source: SourceFile = _Reparsed(name, lines=lines, text=text)
                yield name, Parsed(source, data, problems)


def _picklable(read: Callable[[str], bytes]) -> bool:
    try:
        pickle.dumps(read)
    except Exception:  # any object may refuse in its own way
        return False
    return True


__all__ = ["PARALLEL_FROM", "jobs", "parse_files", "paused_gc", "start_method"]
