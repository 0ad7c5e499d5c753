"""Every validation code: explain and validate agree, the README lists it, a test produces it,
and the wrong and right examples `styrning explain` shows are run."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TIMELINE
from styrning.checks.rules import CHECKS, all_codes
from styrning.checks.validation import validate
from styrning.cli import app
from styrning.core.codes import TABLE
from styrning.core.model import ProcessType
from styrning.core.problems import Position, Problem
from styrning.read.loader import process_id
from styrning.read.tree import WorkingTree
from test_validate_cases import CASES, expected_problems

runner = CliRunner()
TODAY = dt.date(2026, 11, 27)  # before June 2030, as D004's example needs
CODES = sorted(all_codes())
# Codes whose explanation has no example to run, and why.
NO_EXAMPLE = {"Y003": "an encoding cannot be shown as text"}


def test_the_codes_are_the_families_in_order() -> None:
    assert all(re.fullmatch(r"[YSIRDG]\d{3}", c) for c in CODES)
    assert len(CODES) > 30


@pytest.mark.parametrize("code", CODES)
def test_explain_shows_the_code_as_validate_reports_it(code: str) -> None:
    entry = all_codes()[code]
    result = runner.invoke(app, ["explain", code.lower()])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"{code} ({entry.severity}): {entry.title}"
    # what validate gives a problem with this code is the same severity
    assert Problem.at("x.yaml", Position(1, 1), code, "m").severity is entry.severity


def test_every_check_is_explained_with_its_own_severity_and_title() -> None:
    for check in CHECKS:
        entry = all_codes()[check.code]
        assert (entry.severity, entry.title) == (check.severity, check.title)
        assert check.doc.strip()


def test_every_code_written_in_the_source_is_known() -> None:
    """A code that validate can emit is one that explain knows: none is written elsewhere."""
    written: set[str] = set()
    for path in (PROJECT / "styrning").rglob("*.py"):
        written |= set(re.findall(r'"([YSIRDG]\d{3})"', path.read_text(encoding="utf-8")))
    assert written == set(CODES)


def readme_table() -> dict[str, tuple[str, str]]:
    text = (PROJECT / "docs" / "commands.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([YSIRDG]\d{3}) \| (fel|varning) \| (.+?) \|$", text, re.MULTILINE)
    table = {code: (severity, title) for code, severity, title in rows}
    assert len(table) == len(rows), "a code twice in the README"
    return table


def test_the_readme_table_lists_every_code_as_explain_does() -> None:
    expected = {c: (str(e.severity), e.title) for c, e in all_codes().items()}
    assert readme_table() == expected


def test_every_code_has_a_case_that_produces_it() -> None:
    """Every code of the code table is given by at least one folder under tests/cases."""
    produced = {code for case in CASES for _, _, code in expected_problems(case)}
    assert sorted(set(TABLE) - produced) == []
    assert produced <= set(TABLE), "a case expects a code the table does not have"
    assert set(TABLE) == set(CODES)


# --- the examples of `styrning explain` --------------------------------------------------------

_HEADER = re.compile(r"^(Fel|Varning|Rätt)(?: \(.*\))?:$")
_PATH_LINE = re.compile(r"^(processes/[^>]+?\.yaml)(?:\s*->\s*(\S+))?(?:\s+\(.*\))?$")
_TOP_KEY = re.compile(r"^([^\s#\[\-][^:]*):", re.MULTILINE)
_FOLDERS = {t.folder: t.value for t in ProcessType}
_TIMELINE_KEYS = {"organisation", "organ", "sammanträden", "diarienummer_mönster"}
DEFAULT_PROCESS = "processes/p.yaml"  # in no type folder: the folder check stays out of it


def examples(doc: str) -> dict[str, list[str]]:
    """The indented blocks under 'Fel:'/'Varning:' (as "wrong") and 'Rätt:' (as "right")."""
    out: dict[str, list[str]] = {}
    lines = inspect.cleandoc(doc).splitlines()
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if m is None:
            continue
        block: list[str] = []
        for following in lines[i + 1 :]:
            if following.strip() and not following.startswith("    "):
                break
            block.append(following[4:])
        while block and not block[-1].strip():
            block.pop()
        kind = "right" if m.group(1) == "Rätt" else "wrong"
        assert kind not in out, f"two {kind} examples"
        out[kind] = block
        out[kind + "_header"] = [m.group(1)]
    return out


def _with_required(path: str, text: str) -> str:
    """A fragment as a whole file: the keys every file needs, unless the fragment gives them."""
    given = set(_TOP_KEY.findall(text))
    if text.strip() and not given and not text.strip().startswith("["):
        return text  # only comments: the example is about an empty file
    if path == "timeline.yaml":
        base = TIMELINE.split("organ:")
        head = "" if "organisation" in given else base[0]
        bodies = "" if "organ" in given else "organ:" + base[1]
        return head + bodies + text + "\n"
    parts = path.split("/")
    kind = _FOLDERS.get(parts[1], "program") if len(parts) > 2 else "program"
    head = "" if "typ" in given else f"typ: {kind}\n"
    head += "" if "titel" in given else f"titel: {process_id(path)}\n"
    return head + text + "\n"


def tree(block: list[str], root: Path) -> Path:
    """The files an example describes, written under `root` (a fresh data folder)."""
    files: dict[str, str] = {}
    links: dict[str, str] = {}
    text = "\n".join(block)
    if all(_PATH_LINE.match(line.strip()) for line in block if line.strip()):
        for line in block:
            m = _PATH_LINE.match(line.strip())
            if m is None:
                continue
            path, target = m.group(1), m.group(2)
            if target:
                links[path] = target
            else:
                files[path] = _with_required(path, "")
    elif block and block[0].startswith("# ") and block[0].endswith(".yaml"):
        current = ""
        chunks: dict[str, list[str]] = {}
        for line in block:
            if line.startswith("# ") and line.endswith(".yaml"):
                current = line[2:]
                chunks[current] = []
            else:
                chunks[current].append(line)
        for path, lines in chunks.items():
            files[path] = _with_required(path, "\n".join(lines))
    else:
        keys = set(_TOP_KEY.findall(text))
        path = "timeline.yaml" if keys and keys <= _TIMELINE_KEYS else DEFAULT_PROCESS
        files[path] = _with_required(path, text)
    files.setdefault("timeline.yaml", TIMELINE)
    for path, content in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(content, encoding="utf-8")
    for path, target in links.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / path)
    return root


def problems_of(block: list[str], root: Path) -> list[Problem]:
    root.mkdir()
    return validate(WorkingTree(tree(block, root)), TODAY).problems


@pytest.mark.parametrize("code", CODES)
def test_the_examples_of_explain_are_true(code: str, tmp_path: Path) -> None:
    entry = all_codes()[code]
    shown = runner.invoke(app, ["explain", code])
    assert shown.exit_code == 0
    # the examples as `styrning explain` prints them, below its first line
    found = examples("\n".join(shown.stdout.splitlines()[1:]))
    assert found == examples(entry.doc)
    if code in NO_EXAMPLE:
        assert "wrong" not in found and "right" not in found
        return
    assert found.get("wrong") and found.get("right"), "a wrong and a right example"
    assert found["wrong_header"] == ["Fel" if entry.severity == "fel" else "Varning"]
    wrong = problems_of(found["wrong"], tmp_path / "fel")
    assert code in {p.code for p in wrong}, [p.text() for p in wrong]
    assert {p.severity for p in wrong if p.code == code} == {entry.severity}
    right = problems_of(found["right"], tmp_path / "ratt")
    assert [p.text() for p in right] == []
