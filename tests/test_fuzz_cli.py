"""Mutated copies of the project's own files through `styrning validate`, in-process.

Whatever the mutation (keys deleted, duplicated, retyped or reordered, the
file cut anywhere, random bytes or text spliced in), no exception escapes,
the exit code is 0 or 1, and every problem line names a data file and a line
within it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app

runner = CliRunner()

SOURCES: dict[str, bytes] = {
    p.relative_to(PROJECT).as_posix(): p.read_bytes()
    for p in [PROJECT / "timeline.yaml", *sorted((PROJECT / "processes").rglob("*.yaml"))]
}
# Values of every kind a key could be retyped to, including hostile ones.
VALUES = [
    b" [a, b]",
    b" {x: 1}",
    b" 12",
    b" 1" + b"0" * 40,
    b" true",
    b" ~",
    b" &a x",
    b" *a",
    b" *nowhere",
    b" |",
    b" >-",
    b" !!python/object:os.system x",
    b" !lokal x",
    b' "\\e[2J\\n"',
    b" 2022-02-30",
    b" -",
    b" ? [a]",
    b" &r [*r]",
]
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (fel|varning) [A-Z]\d{3} ")


def line_count(raw: bytes) -> int:
    return max(1, raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the project, mutated by one to three edits."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    raw = SOURCES[name]
    for _ in range(draw(st.integers(1, 3))):
        raw = draw(edit(raw))
    return name, raw


@st.composite
def edit(draw: st.DrawFn, raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    op = draw(
        st.sampled_from(
            ["cut", "delete", "duplicate", "reorder", "retype", "bytes", "unicode", "indent"]
        )
    )
    if op == "cut":
        return raw[: draw(st.integers(0, len(raw)))]
    if op == "bytes":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=16)) + raw[at:]
    if op == "unicode":
        at = draw(st.integers(0, len(lines[i])))
        text = draw(st.text(max_size=20)).encode("utf-8", "surrogatepass")
        lines[i] = lines[i][:at] + text + lines[i][at:]
    elif op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "reorder":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "retype":
        key, sep, _ = lines[i].partition(b":")
        if sep:
            lines[i] = key + sep + draw(st.sampled_from(VALUES))
    elif op == "indent":
        lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", b""])) + lines[i].lstrip()
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for name, raw in SOURCES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)
    return root


def check(root: Path, name: str, raw: bytes, fmt: str) -> None:
    (root / name).write_bytes(raw)
    try:
        result = runner.invoke(app, ["validate", "--root", str(root), "--format", fmt])
    finally:
        (root / name).write_bytes(SOURCES[name])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if fmt == "json":
        problems = json.loads(result.stdout)["problems"]
        found = [(p["path"], p["line"], p["column"]) for p in problems]
    else:
        found = []
        for text in result.stdout.splitlines():
            match = LINE.match(text)
            assert match, f"not a problem line: {text!r}"
            found.append((match["path"], int(match["line"]), int(match["col"])))
    if result.exit_code == 1:
        assert found
    for path, line, col in found:
        assert path in SOURCES, path
        limit = line_count(raw) if path == name else line_count(SOURCES[path])
        assert 1 <= line <= limit, (path, line, limit)
        assert col >= 1


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_through_validate(tree: Path, mutation: tuple[str, bytes]) -> None:
    check(tree, *mutation, "text")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_through_validate_json(tree: Path, mutation: tuple[str, bytes]) -> None:
    check(tree, *mutation, "json")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SOURCES)),
    st.binary(max_size=400)
    | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
def test_random_content_through_validate(tree: Path, name: str, raw: bytes) -> None:
    check(tree, name, raw, "text")
