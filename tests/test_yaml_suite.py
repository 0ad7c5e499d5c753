"""The 402 inputs of the official YAML test suite, each as a process file.

`*.error.yaml` are invalid YAML, `*.ok.yaml` valid YAML that is no valid
process file: every one must give a problem at its own file and a line within
it, never an exception. One by one in-process (fast), then all at once through
the command line in a child process.
"""

from __future__ import annotations

import datetime as dt
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TIMELINE
from styrning.checks.validation import validate
from styrning.read.tree import WorkingTree

# The inputs are copied into the repository (MIT, with their licence): a clone runs them.
SUITE = Path(__file__).resolve().parent / "data" / "yaml-test-suite"
INPUTS = sorted(SUITE.glob("*.yaml"))


def slug(name: str) -> str:
    """`2G84-00.error.yaml` -> `2g84-00-error.yaml`: a valid process id."""
    stem = name.removesuffix(".yaml")
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") + ".yaml"


def line_count(raw: bytes) -> int:
    """Lines as editors and git count them: by '\\n', a last line without one counts too."""
    return max(1, raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1))


def test_the_suite_is_complete() -> None:
    assert len(INPUTS) == 402
    assert (SUITE / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert len({slug(p.name) for p in INPUTS}) == 402


@pytest.mark.parametrize("case", INPUTS, ids=lambda p: p.name)
def test_each_input_is_a_problem_in_its_file(case: Path, tmp_path: Path) -> None:
    raw = case.read_bytes()
    name = f"processes/program/{slug(case.name)}"
    (tmp_path / "processes/program").mkdir(parents=True)
    (tmp_path / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (tmp_path / name).write_bytes(raw)

    result = validate(WorkingTree(tmp_path), dt.date(2026, 11, 27))

    assert result.failed(), "gives exit 1"
    mine = [p for p in result.problems if p.path == name and p.is_error]
    assert mine, [p.text() for p in result.problems]
    assert all(p.path == name for p in result.problems), "no problem elsewhere"
    for p in result.problems:
        assert 1 <= p.line <= line_count(raw), (p.text(), line_count(raw))
        assert p.col >= 1


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def test_all_inputs_at_once_through_the_command_line(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "processes/program").mkdir(parents=True)
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    lines_of: dict[str, int] = {}
    for case in INPUTS:
        raw = case.read_bytes()
        name = f"processes/program/{slug(case.name)}"
        (root / name).write_bytes(raw)
        lines_of[name] = line_count(raw)

    done = subprocess.run(
        [sys.executable, "-m", "styrning", "validate", "--root", str(root), "--format", "text"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=_cap_memory,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    with_problems: set[str] = set()
    for line in done.stdout.splitlines():
        path, line_no, col, rest = line.split(":", 3)
        assert path in lines_of, line
        assert 1 <= int(line_no) <= lines_of[path], line
        assert int(col) >= 1, line
        if rest.startswith(" fel "):
            with_problems.add(path)
    assert sorted(set(lines_of) - with_problems) == []
    assert done.stderr.strip().endswith("i 403 filer")
