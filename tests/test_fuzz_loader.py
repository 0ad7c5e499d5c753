"""Random edits of valid files never crash the loader, and every problem points into the file."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT
from styrning.checks.rules import run_checks
from styrning.read.loader import load

SOURCES = sorted(
    (p.relative_to(PROJECT).as_posix(), p.read_bytes())
    for p in [PROJECT / "timeline.yaml", *sorted((PROJECT / "processes").rglob("*.yaml"))]
)


class MemoryFiles:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def names(self) -> list[str]:
        return sorted(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name]


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, bytes]:
    name, raw = draw(st.sampled_from(SOURCES))
    lines = raw.split(b"\n")
    op = draw(st.sampled_from(["cut", "delete", "duplicate", "swap", "insert", "bytes", "retype"]))
    if op == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif op == "bytes":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    else:
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        j = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=30)).encode("utf-8", "surrogatepass"))
        elif op == "retype":
            key, sep, _ = lines[i].partition(b":")
            value = draw(
                st.sampled_from(
                    [b" [a, b]", b" {x: 1}", b" 12", b" true", b" ~", b" &a x", b" *a", b" |"]
                )
            )
            lines[i] = key + sep + value if sep else lines[i]
        raw = b"\n".join(lines)
    return name, raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_random_edits_never_crash(edit: tuple[str, bytes]) -> None:
    name, raw = edit
    files = dict(SOURCES)
    files[name] = raw
    ds = load(MemoryFiles(files))
    problems = ds.problems + run_checks(ds, dt.date(2026, 11, 27))
    line_count = raw.count(b"\n") + 1
    for p in problems:
        assert p.path in files
        assert p.line >= 1 and p.col >= 1
        if p.path == name:
            assert p.line <= line_count, p
