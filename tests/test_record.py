"""`styrning registrera`, `flytta` and `fas`: what they record, which lines they touch, and
what they refuse, on copies of the project's own data."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import PROJECT
from gitrepo import git
from styrning.checks.validation import validate
from styrning.cli import app
from styrning.commands.record import EVENT_TYPES
from styrning.core.dates import PartialDate
from styrning.core.model import EventType, ProcessStatus
from styrning.read.loader import load
from styrning.read.source import parse
from styrning.read.tree import WorkingTree
from styrning.state.status import ProcessStatusRow, compute_status
from styrning.write.record import DateArg, day_before, record_event
from styrning.write.yamledit import EditRefused

runner = CliRunner()
SOCIAL = "processes/program/social-hallbarhet.yaml"
DIALOG = "processes/uppdrag/dialog-och-demokratiutveckling.yaml"
TODAY = dt.date(2026, 11, 27)
OLD_MTIME = 1_600_000_000_000_000_000  # 2020-09-13: any write would change it


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the project's data."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(PROJECT / "timeline.yaml", data / "timeline.yaml")
    shutil.copytree(PROJECT / "processes", data / "processes")
    return data


def run(root: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--root", str(root)])


def row(root: Path, pid: str, day: dt.date) -> ProcessStatusRow:
    result = compute_status(load(WorkingTree(root)), day)
    return next(r for r in result.rows if r.id == pid)


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def changes(old: list[bytes], new: list[bytes]) -> list[tuple[list[bytes], list[bytes]]]:
    """Each place the line sequences differ: (old lines there, new lines there)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def test_the_event_types_are_the_models() -> None:
    assert list(EVENT_TYPES) == [t.value for t in EventType]


# registrera ----------------------------------------------------------------------------


def test_recording_the_june_decision_changes_only_its_lines(root: Path) -> None:
    path = root / SOCIAL
    before = lines(path)
    assert row(root, "social-hallbarhet", dt.date(2022, 6, 30)).state is ProcessStatus.PA_REMISS
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--organ", "kf")
    assert result.exit_code == 0, result.output
    assert "beslut 14 juni 2022, Kommunfullmäktige (var planerat juni 2022)" in result.output
    # the planned decision's date is now the day, `planerad: true` became the body
    assert changes(before, lines(path)) == [
        ([b"  - datum: 2022-06\n"], [b"  - datum: 2022-06-14\n"]),
        ([b"    planerad: true\n"], [b"    organ: kf\n"]),
    ]
    after = row(root, "social-hallbarhet", dt.date(2022, 6, 30))
    assert after.state is ProcessStatus.GALLANDE
    assert after.latest is not None and after.latest.date == PartialDate(2022, 6, 14)
    # the day before the decision it was still on remiss
    assert row(root, "social-hallbarhet", dt.date(2022, 6, 13)).state is ProcessStatus.PA_REMISS


def test_a_decision_before_the_remiss_is_refused_with_d003(root: Path) -> None:
    path = root / SOCIAL
    os.utime(path, ns=(OLD_MTIME, OLD_MTIME))
    before = path.read_bytes()
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-02-10", "--organ", "kf")
    assert result.exit_code == 1
    # the decision, moved into date order (three lines before the remiss of line 18),
    # would put the remiss on line 21 after it
    assert f"{SOCIAL}:21:12: varning D003 remissen 2022-03 ligger efter beslutet 2022-02-10" in (
        result.output
    )
    assert "ändringen skrivs inte" in result.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == OLD_MTIME


def test_an_unknown_body_and_a_date_that_does_not_exist_are_refused(root: Path) -> None:
    path = root / SOCIAL
    os.utime(path, ns=(OLD_MTIME, OLD_MTIME))
    before = path.read_bytes()
    unknown = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--organ", "kff")
    assert unknown.exit_code == 1
    assert "R001" in unknown.output and "'kff'" in unknown.output
    no_day = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-31")
    assert no_day.exit_code == 1
    assert "D001" in no_day.output and "juni 2022 har 30 dagar" in no_day.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == OLD_MTIME


def test_dry_run_prints_the_diff_and_writes_nothing(root: Path) -> None:
    path = root / SOCIAL
    os.utime(path, ns=(OLD_MTIME, OLD_MTIME))
    before = path.read_bytes()
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"--- a/{SOCIAL}\n+++ b/{SOCIAL}\n" in result.stdout
    assert "-  - datum: 2022-06\n+  - datum: 2022-06-14\n" in result.stdout
    assert "-    planerad: true\n" in result.stdout
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == OLD_MTIME


def test_a_new_event_goes_in_date_order_in_the_lists_style(root: Path) -> None:
    path = root / "timeline.yaml"
    before = lines(path)
    result = run(root, "registrera", "timeline", "presentation", "2019-03", "--rubrik", "Test")
    assert result.exit_code == 0, result.output
    # between the presentation of February 2019 and the inrättande of April 2019, with the
    # blank line the list puts between its items
    assert changes(before, lines(path)) == [
        ([], [b"  - datum: 2019-03\n", b"    typ: presentation\n", b"    rubrik: Test\n", b"\n"])
    ]


def test_a_new_event_when_none_is_planned(root: Path) -> None:
    path = root / "processes/riktlinjer/agarstyrning.yaml"
    before = lines(path)
    result = run(root, "registrera", "agarstyrning", "aktualitetsprövning", "2025-03-10")
    assert result.exit_code == 0, result.output
    assert changes(before, lines(path)) == [
        ([], [b"  - datum: 2025-03-10\n", "    typ: aktualitetsprövning\n".encode()])
    ]


def test_two_planned_decisions_are_refused_until_one_is_named(root: Path) -> None:
    path = root / SOCIAL
    planned = run(root, "registrera", "social-hallbarhet", "beslut", "2022-12", "--planerad")
    assert planned.exit_code == 0, planned.output
    before = path.read_bytes()
    # 2023-01-10 lies in neither: two fit as much, so nothing is guessed
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2023-01-10")
    assert result.exit_code == 2
    assert "flera planerade händelser av typen beslut (2022-06, 2022-12)" in result.output
    assert "--avser 2022-06" in result.output
    assert path.read_bytes() == before
    named = run(
        root, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--avser", "2022-06"
    )
    assert named.exit_code == 0, named.output
    data = parse(SOCIAL, path.read_bytes()).data
    assert [(e["datum"], e.get("planerad")) for e in data["händelser"]] == [
        ("2022-03", None),
        ("2022-06-14", None),
        ("2022-12", True),
    ]


def test_the_planned_month_holding_the_day_is_the_one_recorded(root: Path) -> None:
    assert (
        run(root, "registrera", "social-hallbarhet", "beslut", "2022-12", "--planerad").exit_code
        == 0
    )
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-12-13")
    assert result.exit_code == 0, result.output
    data = parse(SOCIAL, (root / SOCIAL).read_bytes()).data
    assert [(e["datum"], e.get("planerad")) for e in data["händelser"]] == [
        ("2022-03", None),
        ("2022-06", True),
        ("2022-12-13", None),
    ]


def test_ersatter_adds_to_the_replaced_list(root: Path) -> None:
    path = root / SOCIAL
    before = lines(path)
    result = run(
        root,
        "registrera",
        "social-hallbarhet",
        "beslut",
        "2022-06-14",
        "--ersätter",
        "agarstyrning",
        "--ersatter",
        "aktiverande-styrning",
    )
    assert result.exit_code == 0, result.output
    # the replaced documents do not yet say `status: ersatt`: said, not refused
    assert "obs: processes/riktlinjer/agarstyrning.yaml" in result.output
    diff = changes(before, lines(path))
    assert ([], ["ersätter: [agarstyrning, aktiverande-styrning]\n".encode()]) in diff
    assert row(root, "agarstyrning", dt.date(2022, 6, 30)).state is ProcessStatus.ERSATT
    assert row(root, "agarstyrning", dt.date(2022, 6, 13)).state is ProcessStatus.GALLANDE


def test_unknown_id_and_type_say_what_was_meant(root: Path) -> None:
    result = run(root, "registrera", "socal-hallbarhet", "beslut", "2022-06-14")
    assert result.exit_code == 2
    assert "okänd process 'socal-hallbarhet' – menade du 'social-hallbarhet'?" in result.output
    kind = run(root, "registrera", "social-hallbarhet", "besult", "2022-06-14")
    assert kind.exit_code == 2
    assert "okänd händelsetyp 'besult' – menade du 'beslut'?" in kind.output
    date = run(root, "registrera", "social-hallbarhet", "beslut", "14 juni")
    assert date.exit_code == 2
    assert "DATUM väntar ett datum som 2022, 2022-06 eller 2022-06-14" in date.output


# flytta --------------------------------------------------------------------------------


def test_moving_the_planned_decision(root: Path) -> None:
    path = root / SOCIAL
    before = lines(path)
    july = dt.date(2022, 7, 15)
    assert [e.date for e in row(root, "social-hallbarhet", july).overdue] == [PartialDate(2022, 6)]
    result = run(root, "flytta", "social-hallbarhet", "beslut", "2022-09")
    assert result.exit_code == 0, result.output
    assert "beslut flyttat från juni 2022 till september 2022" in result.output
    assert changes(before, lines(path)) == [([b"  - datum: 2022-06\n"], [b"  - datum: 2022-09\n"])]
    moved = row(root, "social-hallbarhet", july)
    assert moved.overdue == []
    assert moved.next is not None and moved.next.date == PartialDate(2022, 9)


def test_moving_what_is_not_planned_is_refused(root: Path) -> None:
    result = run(root, "flytta", "agarstyrning", "beslut", "2022-09")
    assert result.exit_code == 2
    assert "ingen planerad händelse av typen beslut att flytta" in result.output


# fas -----------------------------------------------------------------------------------


def test_starting_phases_ends_the_current_one_the_day_before(root: Path) -> None:
    path = root / DIALOG
    first = run(root, "fas", "dialog-och-demokratiutveckling", "--start", "2022-09-01")
    assert first.exit_code == 0, first.output
    before = lines(path)
    second = run(root, "fas", "dialog-och-demokratiutveckling", "--start", "2023-01-15")
    assert second.exit_code == 0, second.output
    assert changes(before, lines(path)) == [
        (
            [],
            [b"    slut: 2023-01-14\n"],
        ),
        (
            [],
            [b"    start: 2023-01-15\n"],
        ),
    ]
    assert row(root, "dialog-och-demokratiutveckling", dt.date(2022, 12, 1)).phase == (
        "Fas I – Kartlägga – öka kunskap"
    )
    assert row(root, "dialog-och-demokratiutveckling", dt.date(2023, 2, 1)).phase == (
        "Fas II – Beskriva/normera/reglera"
    )


def test_a_named_phase_and_one_already_begun(root: Path) -> None:
    path = root / DIALOG
    named = run(root, "fas", "dialog-och-demokratiutveckling", "fas ii", "--start", "2022-09")
    assert named.exit_code == 0, named.output
    data = parse(DIALOG, path.read_bytes()).data
    assert data["faser"][1] == {"namn": "Fas II – Beskriva/normera/reglera", "start": "2022-09"}
    again = run(root, "fas", "dialog-och-demokratiutveckling", "Fas I", "--start", "2022-10")
    assert again.exit_code == 2
    assert "fasen 'Fas I – Kartlägga – öka kunskap' har redan börjat" in again.output


def test_written_phase_statuses_follow(make_tree: Any) -> None:
    root = make_tree(
        {
            "processes/uppdrag/u.yaml": """\
            typ: uppdrag
            titel: U
            faser:
              - namn: Fas I
                status: pågår  # sedan våren
                start: 2022-01
              - namn: Fas II
                status: ej påbörjad
            """
        }
    )
    result = run(root, "fas", "u", "--start", "2022-06")
    assert result.exit_code == 0, result.output
    text = (root / "processes/uppdrag/u.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - namn: Fas I\n"
        "    status: avslutad  # sedan våren\n"
        "    start: 2022-01\n"
        "    slut: 2022-05\n"
        "  - namn: Fas II\n"
        "    status: pågår\n"
        "    start: 2022-06\n"
    )


def test_day_before_keeps_the_precision() -> None:
    assert day_before(PartialDate(2022, 3, 1)) == PartialDate(2022, 2, 28)
    assert day_before(PartialDate(2022, 1)) == PartialDate(2021, 12)
    assert day_before(PartialDate(2022, 9)) == PartialDate(2022, 8)
    assert day_before(PartialDate(2022)) == PartialDate(2021)


# --commit ------------------------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Anna Andersson",
    "GIT_AUTHOR_EMAIL": "anna@example.se",
    "GIT_AUTHOR_DATE": "2022-06-15T09:00:00+02:00",
    "GIT_COMMITTER_NAME": "Anna Andersson",
    "GIT_COMMITTER_EMAIL": "anna@example.se",
    "GIT_COMMITTER_DATE": "2022-06-15T09:00:00+02:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture
def repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Data")
    return root


def test_commit_makes_one_commit_with_that_file(repo: Path) -> None:
    (repo / "timeline.yaml").write_text(
        (repo / "timeline.yaml").read_text(encoding="utf-8") + "# staged, not ours\n",
        encoding="utf-8",
    )
    git(repo, "add", "timeline.yaml")
    result = run(
        repo, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--organ", "kf", "--commit"
    )
    assert result.exit_code == 0, result.output
    assert git(repo, "rev-list", "--count", "HEAD") == "2"
    assert git(repo, "show", "--name-only", "--format=%an|%s", "HEAD").splitlines() == [
        "Anna Andersson|Beslut 14 juni 2022: Program för social hållbarhet",
        "",
        SOCIAL,
    ]
    # the file is committed as written; the other staged change stays staged, uncommitted
    assert git(repo, "status", "--porcelain") == "M  timeline.yaml"


def test_commit_refuses_a_file_with_uncommitted_changes(repo: Path) -> None:
    path = repo / SOCIAL
    path.write_bytes(path.read_bytes() + b"# halvfardig\n")
    os.utime(path, ns=(OLD_MTIME, OLD_MTIME))
    before = path.read_bytes()
    result = run(repo, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--commit")
    assert result.exit_code == 2
    assert f"{SOCIAL} har ändringar som inte är incheckade" in result.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == OLD_MTIME
    assert git(repo, "rev-list", "--count", "HEAD") == "1"


def test_commit_outside_git_is_refused(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root.parent))
    before = (root / SOCIAL).read_bytes()
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-14", "--commit")
    assert result.exit_code == 2
    assert "ligger inte i ett git-arkiv" in result.output
    assert (root / SOCIAL).read_bytes() == before


def test_dry_run_with_commit_commits_nothing(repo: Path) -> None:
    result = run(repo, "flytta", "social-hallbarhet", "beslut", "2022-09", "--dry-run", "--commit")
    assert result.exit_code == 0, result.output
    assert git(repo, "rev-list", "--count", "HEAD") == "1"
    assert git(repo, "status", "--porcelain") == ""


# any file: every other line stays ----------------------------------------------------------

WORDS = st.sampled_from(["remiss", "social", "hållbarhet", "plan", "Umeå", "NO", "a: b", "#x"])
COMMENT = st.sampled_from(["# kommentar", "# TODO: datum?", "#utan mellanslag"])


def block_events(draw: st.DrawFn, events: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """`händelser:` as a block list with comments, folded headings and perhaps blank lines
    between items; also the lines written for the planned decision."""
    out = ["händelser:"]
    planned_lines: list[str] = []
    blank = draw(st.booleans())
    for n, e in enumerate(events):
        start = len(out)
        if blank and n:
            out.append("")
        if draw(st.booleans()):
            out.append("  " + draw(COMMENT))
        for i, (k, v) in enumerate(e.items()):
            trail = "  " + draw(COMMENT) if draw(st.integers(0, 4)) == 0 else ""
            out.append(("    " if i else "  - ") + f"{k}: {v}{trail}")
        if draw(st.booleans()):
            out.append("    rubrik: >-")
            out.append("      " + " ".join(draw(st.lists(WORDS, min_size=1, max_size=3))))
            out.append("      " + " ".join(draw(st.lists(WORDS, min_size=1, max_size=3))))
        if e.get("planerad"):
            # moved from the top of a list with blank lines between items, it takes
            # the blank line after it along
            planned_lines = out[start:] + ([""] if blank and n == 0 else [])
    return out, planned_lines


@st.composite
def process_files(draw: st.DrawFn) -> tuple[str, bool, list[str]]:
    """A program's file with comments, block scalars and a block or flow list of events;
    whether it has a planned decision (in June 2024, or among the other events), and the
    lines written for that decision in a block list."""
    out = []
    if draw(st.booleans()):
        out.append("# yaml-language-server: $schema=../../schema/process.schema.json")
    out.append("typ: program")
    title = " ".join(draw(st.lists(WORDS, min_size=1, max_size=3)))
    out.append(
        f"titel: {title!r}".replace("'", '"')
        if ":" in title or "#" in title
        else f"titel: '{title}'"
    )
    if draw(st.booleans()):
        out.append(draw(COMMENT))
    style = draw(st.sampled_from([">-", ">", "|", "|-"]))
    out.append(f"beskrivning: {style}")
    for _ in range(draw(st.integers(1, 3))):
        out.append("  " + " ".join(draw(st.lists(WORDS, min_size=1, max_size=4))))
    if draw(st.booleans()):
        out.append("")
    months = sorted(draw(st.lists(st.integers(0, 59), min_size=0, max_size=4, unique=True)))
    events = [
        {
            "datum": f"{2018 + m // 12}-{m % 12 + 1:02d}",
            "typ": draw(st.sampled_from(["remiss", "presentation"])),
        }
        for m in months
    ]
    planned = draw(st.booleans())
    if planned:
        decision = {"datum": "2024-06", "typ": "beslut", "planerad": "true"}
        month = draw(st.integers(0, 59))
        if draw(st.booleans()) and month not in months:
            # planned among the others: recorded in June 2024, it moves to the end
            decision["datum"] = f"{2018 + month // 12}-{month % 12 + 1:02d}"
        events.append(decision)
        events.sort(key=lambda e: e["datum"])
    planned_lines: list[str] = []
    with_list = bool(events) or draw(st.booleans())
    if with_list and (draw(st.booleans()) or not events):
        items = ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in e.items()) + "}" for e in events)
        out.append(f"händelser: [{items}]")
    elif with_list:
        block, planned_lines = block_events(draw, events)
        out += block
    if draw(st.booleans()):
        out.append(draw(COMMENT))
    return "\n".join(out) + ("\n" if draw(st.booleans()) else ""), planned, planned_lines


class Files:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def names(self) -> list[str]:
        return sorted(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name]


TIMELINE = "organisation: Testkommun\norgan:\n  - id: kf\n    namn: Kommunfullmäktige\n".encode()
NAME = "processes/program/p.yaml"


def _text(line: bytes) -> str:
    return line.decode("utf-8").removesuffix("\n").removesuffix("\r")


def _keys(problems: list[Any]) -> list[tuple[str, str]]:
    return sorted((p.code, p.message) for p in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    process_files(),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["presentation", "lägesrapport", "beslut"]),
    st.integers(0, 71),
    st.sampled_from(["", "-15"]),
    st.fixed_dictionaries(
        {},
        optional={
            "organ": st.just("kf"),
            "rubrik": st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
            "diarienummer": st.sampled_from(["KS 2022/00123", "2022", "true"]),
        },
    ),
)
def test_a_recorded_event_leaves_every_other_line(
    generated: tuple[str, bool, list[str]],
    crlf: bool,
    bom: bool,
    kind: str,
    month: int,
    day: str,
    fields: dict[str, str],
) -> None:
    text, planned, planned_lines = generated
    if kind == "beslut":
        # a decision fulfils the planned one; without one, a decision could precede a remiss
        if not planned:
            kind = "presentation"
        date = "2024-06" + day
    else:
        date = f"{2018 + month // 12}-{month % 12 + 1:02d}{day}"
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    before = validate(Files({"timeline.yaml": TIMELINE, NAME: raw}), TODAY)
    assert before.dataset.processes, [p.text() for p in before.problems]
    try:
        done = record_event(
            NAME, raw, "P", EventType(kind), DateArg.read(date, "DATUM"), dict(fields)
        )
    except EditRefused as exc:
        # a block text with its line break kept (`|`, `>`) ending the file without one would
        # change by an item added after it: refused, never written
        assert "slutar mitt i en text utan radslut" in str(exc)
        assert not text.endswith("\n")
        return
    new = done.after
    after = validate(Files({"timeline.yaml": TIMELINE, NAME: new}), TODAY)
    assert not Counter(_keys(after.problems)) - Counter(_keys(before.problems))
    assert new.startswith(b"\xef\xbb\xbf") == bom
    if crlf:
        assert new.count(b"\n") == new.count(b"\r\n")
    else:
        assert b"\r" not in new
    data = parse(NAME, new).data
    wanted = {"datum": date, "typ": kind, **fields}
    assert any(
        all(e.get(k) == v for k, v in wanted.items()) and "planerad" not in e
        for e in data["händelser"]
    )
    old_lines = raw.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True)
    new_lines = new.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True)
    # an item added after a last line without a line break ends that line first
    for seq in (old_lines, new_lines):
        if seq and not seq[-1].endswith(b"\n"):
            seq[-1] += b"\r\n" if crlf else b"\n"
    flow = any(line.startswith("händelser: [".encode()) for line in old_lines)
    # the planned decision's own lines may change (its date, `planerad: true`) and move
    # (with its comments and a blank line between items, after the events it now follows);
    # no other line changes, and the others keep their order
    allowed = Counter(planned_lines if kind == "beslut" else [])
    if flow:
        for removed, _added in changes(old_lines, new_lines):
            assert all(line.startswith("händelser:".encode()) for line in removed), removed
        return
    said = [_text(line) for line in old_lines]
    now = Counter(_text(line) for line in new_lines)
    for line, times in (Counter(said) - now).items():
        assert allowed[line] >= times, f"a line was changed: {line!r}"
    kept = [line for line in said if line not in allowed]
    remaining = iter(
        line.decode("utf-8").removesuffix("\n").removesuffix("\r") for line in new_lines
    )
    assert all(line in remaining for line in kept), "the other lines changed their order"


def test_a_file_that_does_not_parse_is_not_edited() -> None:
    with pytest.raises(EditRefused, match="kan inte läsas som en datafil"):
        record_event(NAME, b"typ: [\n", "P", EventType.BESLUT, DateArg.read("2022", "DATUM"), {})


def test_long_texts_are_folded_and_odd_ones_quoted(root: Path) -> None:
    long = "Beslut om " + " ".join(["programmet för social hållbarhet"] * 5)
    result = run(
        root,
        "registrera",
        "social-hallbarhet",
        "beslut",
        "2022-06-14",
        "--rubrik",
        "NO: 1",
        "--beskrivning",
        long,
        "--diarienummer",
        "2022",
    )
    assert result.exit_code == 0, result.output
    raw = (root / SOCIAL).read_bytes()
    text = raw.decode("utf-8")
    assert '    rubrik: "NO: 1"\n' in text
    assert "    beskrivning: >-\n      Beslut om programmet" in text
    assert '    diarienummer: "2022"\n' in text
    event = parse(SOCIAL, raw).data["händelser"][1]
    assert event == {
        "datum": "2022-06-14",
        "typ": "beslut",
        "rubrik": "NO: 1",
        "beskrivning": long,
        "diarienummer": "2022",
    }


def test_a_moved_date_moves_the_event_into_date_order(root: Path) -> None:
    path = root / SOCIAL
    added = run(root, "registrera", "social-hallbarhet", "beslut", "2021-12", "--planerad", "--ny")
    assert added.exit_code == 0, added.output
    before = lines(path)
    planned = [b"  - datum: 2021-12\n", b"    typ: beslut\n", b"    planerad: true\n"]
    assert before[17:20] == planned  # first in the list, before the remiss of March 2022
    result = run(root, "flytta", "social-hallbarhet", "beslut", "2022-09", "--avser", "2021-12")
    assert result.exit_code == 0, result.output
    # its three lines leave the top of the list and come back, with the new date, at the end
    assert changes(before, lines(path)) == [
        (planned, []),
        ([], [b"  - datum: 2022-09\n", b"    typ: beslut\n", b"    planerad: true\n"]),
    ]


def test_a_recorded_date_moves_the_event_between_blank_lines(root: Path) -> None:
    path = root / "timeline.yaml"
    original = lines(path)
    planned = run(root, "registrera", "timeline", "beslut", "2019-05", "--planerad")
    assert planned.exit_code == 0, planned.output
    result = run(root, "registrera", "timeline", "beslut", "2018-10-01")
    assert result.exit_code == 0, result.output
    assert "(var planerat maj 2019)" in result.output
    # the only planned decision became the one of 1 October 2018, between the events of
    # June and November 2018, a blank line on each side like the other items
    at = original.index(b"  - datum: 2018-11\n")
    assert lines(path) == [
        *original[:at],
        b"  - datum: 2018-10-01\n",
        b"    typ: beslut\n",
        b"\n",
        *original[at:],
    ]


def test_a_linked_file_is_edited_where_it_lies(root: Path) -> None:
    real = root / "processes/program/riktig.yaml"
    (root / SOCIAL).rename(real)
    (root / SOCIAL).symlink_to("riktig.yaml")
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-14")
    assert result.exit_code == 0, result.output
    assert (root / SOCIAL).is_symlink()
    assert b"  - datum: 2022-06-14\n" in real.read_bytes()


def test_a_file_with_a_syntax_error_is_left_alone(root: Path) -> None:
    path = root / SOCIAL
    path.write_bytes(path.read_bytes() + b"  - datum: [2022\n")
    os.utime(path, ns=(OLD_MTIME, OLD_MTIME))
    before = path.read_bytes()
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2022-06-14")
    assert result.exit_code == 1
    assert f"{SOCIAL}:" in result.output and "Y001" in result.output
    assert "kan inte läsas som en datafil – rätta den först" in result.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == OLD_MTIME


def test_a_future_date_not_planned_is_refused_with_what_would_work(root: Path) -> None:
    before = (root / SOCIAL).read_bytes()
    result = run(root, "registrera", "social-hallbarhet", "beslut", "2999-06")
    assert result.exit_code == 1
    assert "D004" in result.output
    assert "styrning flytta ID TYP DATUM" in result.output
    assert (root / SOCIAL).read_bytes() == before
    moved = run(root, "flytta", "social-hallbarhet", "beslut", "2999-06")
    assert moved.exit_code == 0, moved.output
