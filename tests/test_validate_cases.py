"""Invalid data as data: each folder under tests/cases is a data tree and what validate prints.

How to add a case: docs/testing.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TIMELINE, TreeMaker
from styrning.checks.validation import validate
from styrning.cli import app
from styrning.read.tree import WorkingTree

TODAY = dt.date(2026, 11, 27)
P = "processes/program/p.yaml"
U = "processes/uppdrag/u.yaml"
runner = CliRunner()


CASES_DIR = Path(__file__).resolve().parent / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
# `styrning validate --format text` prints each problem as `file:line:col: severity CODE message`.
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?:fel|varning) (?P<code>[A-Z]\d{3}) "
)


def expected_lines(case: str) -> list[str]:
    """The problems a case must give, one per line, in the order validate prints them."""
    text = (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8")
    return text.splitlines()


def expected_problems(case: str) -> set[tuple[str, int, str]]:
    """(file, line, code) of every expected problem."""
    found = set()
    for line in expected_lines(case):
        m = LINE.match(line)
        assert m, f"{case}/expected.txt: not a problem line: {line!r}"
        found.add((m["path"], int(m["line"]), m["code"]))
    return found


def test_there_are_cases() -> None:
    assert len(CASES) > 50


@pytest.mark.parametrize("case", CASES)
def test_case(case: str) -> None:
    """`styrning validate` on the case folder prints exactly expected.txt, with its exit code."""
    folder = CASES_DIR / case
    assert (folder / "timeline.yaml").is_file(), "a case is a whole data folder"
    expected = expected_lines(case)
    result = runner.invoke(
        app, ["validate", "--root", str(folder), "--as-of", TODAY.isoformat(), "--format", "text"]
    )
    assert result.stdout.splitlines() == expected
    assert result.exit_code == (1 if any(" fel " in line for line in expected) else 0)


@pytest.mark.parametrize("case", CASES)
def test_case_names_say_what_they_give(case: str) -> None:
    """`ok-…` gives nothing; `<code>-…` gives at least that code."""
    head = case.split("-", 1)[0]
    codes = {code for _, _, code in expected_problems(case)}
    if head == "ok":
        assert codes == set()
    else:
        assert head.upper() in codes


def test_unknown_key_suggests_the_right_one(make_tree: TreeMaker) -> None:
    root = make_tree({P: "typ: program\ntitel: X\nhändelsr: []\n"})
    (problem,) = validate(WorkingTree(root), TODAY).problems
    assert problem.message == "okänd nyckel 'händelsr' – menade du 'händelser'?"
    assert (problem.line, problem.col) == (3, 1)


def test_unknown_enum_value_lists_the_allowed(make_tree: TreeMaker) -> None:
    root = make_tree({P: "typ: programm\ntitel: X\n"})
    (problem,) = validate(WorkingTree(root), TODAY).problems
    assert "menade du 'program'?" in problem.message
    assert "uppdrag, policy, program" in problem.message


def test_unknown_body_suggests_and_lists(make_tree: TreeMaker) -> None:
    root = make_tree({U: "typ: uppdrag\ntitel: X\nuppdragsgivare: kss\n"})
    (problem,) = validate(WorkingTree(root), TODAY).problems
    assert problem.message == "okänt organ 'kss' – menade du 'ks'? (kända: kf, ks)"
    assert (problem.line, problem.col) == (3, 17)


def test_duplicate_key_names_the_first_line(make_tree: TreeMaker) -> None:
    root = make_tree({P: "typ: program\ntitel: A\ntitel: B\n"})
    (problem,) = validate(WorkingTree(root), TODAY).problems
    assert problem.message == "nyckeln 'titel' finns redan på rad 2 – ta bort den ena"


def test_every_fault_in_every_file_in_one_run(make_tree: TreeMaker) -> None:
    """The one-file cases with the usual timeline, all in one tree: each problem still found."""
    files: dict[str, str | bytes] = {}
    expected: set[tuple[str, int, str]] = set()
    for i, case in enumerate(CASES):
        folder = CASES_DIR / case
        paths = [p for p in sorted(folder.rglob("*.yaml")) if p.name != "timeline.yaml"]
        timeline = (folder / "timeline.yaml").read_text(encoding="utf-8")
        if timeline != TIMELINE or len(paths) != 1 or paths[0].is_symlink():
            continue
        case_expected = expected_problems(case)
        if not case_expected:
            continue
        path = paths[0].relative_to(folder).as_posix()
        folder_name, _, base = path.rpartition("/")
        new_path = f"{folder_name}/{base[:-5]}{i}.yaml"
        files[new_path] = paths[0].read_bytes()
        expected |= {(new_path if p == path else p, line, code) for p, line, code in case_expected}
    root = make_tree(files)
    found = {(p.path, p.line, p.code) for p in validate(WorkingTree(root), TODAY).problems}
    # file names with an index are still slugs except the deliberately bad one
    assert expected <= found, sorted(expected - found)
    assert len(expected) > 30


MEETINGS_TIMELINE = """\
organisation: Testkommun
organ:
  - id: ks
    namn: Kommunstyrelsen
sammanträden:
  ks: [2022-05-17, 2022-05, 2022-04-01]
  kss: [2022-05-17]
"""


def test_meeting_calendar_is_checked(make_tree: TreeMaker) -> None:
    root = make_tree({"timeline.yaml": MEETINGS_TIMELINE})
    found = {(p.line, p.col, p.code) for p in validate(WorkingTree(root), TODAY).problems}
    assert found == {(6, 20, "D007"), (6, 29, "D007"), (7, 3, "R001")}


def test_self_replacement_and_a_long_ring(make_tree: TreeMaker) -> None:
    files: dict[str, str | bytes] = {
        "processes/riktlinjer/sig-sjalv.yaml": "typ: riktlinje\ntitel: S\nersätter: sig-sjalv\n"
    }
    for i in range(300):
        files[f"processes/riktlinjer/r{i}.yaml"] = (
            f"typ: riktlinje\ntitel: R{i}\nersätter: r{(i + 1) % 300}\n"
        )
    result = validate(WorkingTree(make_tree(files)), TODAY)
    cycles = [p for p in result.problems if p.code == "R003"]
    assert len(cycles) == 301
    by_path = {p.path: p.message for p in cycles}
    assert by_path["processes/riktlinjer/sig-sjalv.yaml"] == (
        "ersättningskedjan går i cirkel: sig-sjalv → sig-sjalv"
    )
    assert by_path["processes/riktlinjer/r0.yaml"] == (
        "ersättningskedjan går i cirkel: r0 → r1 → r2 → r3 → r4 → r5 → … → r0 (300 dokument)"
    )
