"""Parsing in worker processes gives exactly what parsing here gives."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.checks.validation import validate
from styrning.cli import app
from styrning.core.problems import Problem
from styrning.read import reading
from styrning.read.loader import PartialSource, load
from styrning.read.source import SourceFile
from styrning.read.tree import WorkingTree

sys.path.insert(0, str(PROJECT / "bench"))
import generate  # bench/generate.py

AS_OF = dt.date(2026, 6, 30)

# Faults only the parse finds, planted among the generated files: they must
# travel back from the workers with their positions.
PLANTED = {
    "processes/uppdrag/syntaxfel.yaml": b"typ: uppdrag\ntitel: Beslut: nya riktlinjer\n",
    "processes/uppdrag/dubbel-nyckel.yaml": b"typ: uppdrag\ntitel: A\ntitel: B\n",
    "processes/uppdrag/latin1.yaml": "typ: uppdrag\ntitel: Ägarstyrning\n".encode("latin-1"),
    "processes/uppdrag/tom.yaml": b"",
    "processes/uppdrag/lista.yaml": b"- typ: uppdrag\n",
    "processes/uppdrag/Versaler.yaml": b"typ: uppdrag\ntitel: Fel filnamn\n",
    "processes/uppdrag/fel-status.yaml": "typ: uppdrag\ntitel: A\nstatus: pågående\n".encode(),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("korpus")
    generate.generate(root, 400)
    for name, raw in PLANTED.items():
        (root / name).write_bytes(raw)
    return root


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are of the parsing itself: nothing comes from the parse cache."""
    monkeypatch.setenv("STYRNING_NO_CACHE", "1")


def test_parallel_and_sequential_problems_are_identical(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STYRNING_JOBS", "1")
    alone = validate(WorkingTree(corpus), AS_OF)
    monkeypatch.setenv("STYRNING_JOBS", "2")
    shared = validate(WorkingTree(corpus), AS_OF)

    # the parallel path was taken: its sources build their node tree only on demand
    # (a file built without its wrong values wraps the source it was read with)
    def read_with(source: SourceFile) -> SourceFile:
        return source.whole if isinstance(source, PartialSource) and source.whole else source

    assert all(
        isinstance(read_with(lp.source), reading._Reparsed)
        for lp in shared.dataset.processes.values()
    )
    assert not any(
        isinstance(read_with(lp.source), reading._Reparsed)
        for lp in alone.dataset.processes.values()
    )
    assert shared.problems == alone.problems
    codes = {p.code for p in alone.problems}
    # parse, schema and cross-file problems are all among them
    assert {"Y001", "Y002", "Y003", "Y004", "S001", "S002", "S003", "S004", "I001"} <= codes
    assert {"D001", "D004", "R001"} <= codes
    assert sorted(shared.dataset.processes) == sorted(alone.dataset.processes)
    assert len(alone.dataset.processes) > 380


def test_cli_output_is_the_same_with_one_or_two_jobs(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("STYRNING_JOBS", jobs)
        result = CliRunner().invoke(
            app, ["validate", "--root", str(corpus), "--as-of", "2026-06-30"]
        )
        assert result.exit_code == 1
        outputs.append((result.stdout, result.stderr))
    assert outputs[0] == outputs[1]
    assert "processes/uppdrag/dubbel-nyckel.yaml:3:1: fel Y002" in outputs[0][0]


def test_a_small_tree_is_parsed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STYRNING_JOBS", "2")
    ds = load(WorkingTree(PROJECT))
    assert ds.processes
    assert not any(isinstance(lp.source, reading._Reparsed) for lp in ds.processes.values())


def test_a_reparsed_source_points_where_the_original_does(corpus: Path) -> None:
    name = "processes/uppdrag/dubbel-nyckel.yaml"
    raw = (corpus / name).read_bytes()
    source = reading._Reparsed(name, lines=3, text=raw)
    assert source.locate(("titel",), key=True).line == 2
    assert source.locate(("titel",)).col == 8


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), ("1", 1), (" 2 ", 2), ("", None), ("0", None), ("många", None)],
)
def test_jobs_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.setenv("STYRNING_JOBS", value)
    assert reading.jobs() == (expected or len(os.sched_getaffinity(0)))


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with reading.paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


class _Unreadable(WorkingTree):
    """Files on disk, one of which cannot be read (root reads anything, so it is faked)."""

    def read(self, name: str) -> bytes:
        if name.endswith("/tom.yaml"):
            raise PermissionError(13, "Permission denied")
        return super().read(name)


class _InMemory:
    """A FileSet that is not a folder on disk: the workers must not call its reader."""

    def __init__(self, root: Path) -> None:
        self.tree = _Unreadable(root)

    def names(self) -> list[str]:
        return self.tree.names()

    def read(self, name: str) -> bytes:
        return self.tree.read(name)


@pytest.mark.parametrize("make", [_Unreadable, _InMemory], ids=["disk", "memory"])
def test_unreadable_files_are_reported_alike(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, make: type
) -> None:
    results = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("STYRNING_JOBS", jobs)
        results.append(validate(make(corpus), AS_OF).problems)
    assert results[0] == results[1]
    unreadable = [p for p in results[0] if p.path.endswith("/tom.yaml")]
    assert [(p.code, p.message) for p in unreadable] == [
        ("Y009", "filen läses inte: läsrättighet saknas")
    ]


METHODS = ["fork", "forkserver", "spawn"]


@pytest.mark.parametrize("method", METHODS)
def test_every_start_method_gives_the_same_problems_in_the_same_order(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    monkeypatch.setenv("STYRNING_JOBS", "1")
    alone = validate(WorkingTree(corpus), AS_OF)
    monkeypatch.setenv("STYRNING_JOBS", "2")
    monkeypatch.setenv("STYRNING_START_METHOD", method)
    assert reading.start_method() == method
    shared = validate(WorkingTree(corpus), AS_OF)
    # the workers parsed: the sources build their node tree only on demand
    assert any(isinstance(lp.source, reading._Reparsed) for lp in shared.dataset.processes.values())
    assert shared.problems == alone.problems
    assert [p.path for p in shared.problems] == [p.path for p in alone.problems]


@pytest.mark.parametrize("method", METHODS)
def test_a_reader_that_cannot_be_sent_still_serves_every_method(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    # a closure cannot be pickled: under spawn and forkserver the files are then read
    # here and parsed in the workers, with the same result
    tree = WorkingTree(corpus)
    names = tree.names()

    def read(name: str) -> bytes:
        return tree.read(name)

    monkeypatch.setenv("STYRNING_JOBS", "2")
    monkeypatch.setenv("STYRNING_START_METHOD", method)
    got = [
        (n, p if isinstance(p, Problem) else (p.data, p.problems))
        for n, p in reading.parse_files(read, names, read_in_workers=True)
    ]
    monkeypatch.setenv("STYRNING_JOBS", "1")
    here = [
        (n, p if isinstance(p, Problem) else (p.data, p.problems))
        for n, p in reading.parse_files(read, names)
    ]
    assert got == here
    assert len(got) == len(names) > reading.PARALLEL_FROM


def test_fork_is_not_chosen_while_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.delenv("STYRNING_START_METHOD", raising=False)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert reading.start_method() != "fork"
    finally:
        stop.set()
        worker.join()
    if sys.platform.startswith("linux"):
        # other tests may leave threads of their own running (a browser's, a server's):
        # the process as the command line starts it has one
        monkeypatch.setattr(threading, "active_count", lambda: 1)
        assert reading.start_method() == "fork"


@pytest.mark.parametrize("method", METHODS)
def test_the_cli_warns_of_nothing_under_any_start_method(corpus: Path, method: str) -> None:
    # -W error: a DeprecationWarning (fork in a process with threads, Python 3.12+) fails it
    import subprocess

    env = {**os.environ, "STYRNING_JOBS": "2", "STYRNING_START_METHOD": method}
    res = subprocess.run(
        [sys.executable, "-W", "error", "-m", "styrning", "validate", "--as-of", "2026-06-30"],
        cwd=corpus,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 1, res.stderr
    assert "Warning" not in res.stderr
    assert "Traceback" not in res.stderr
    assert "processes/uppdrag/dubbel-nyckel.yaml:3:1: fel Y002" in res.stdout
