"""A problem never hides a process, and every problem is found in one run (issue 11, rules 9, 10).

A file with a misspelt key or a wrong value is still built from the keys that are
right: validate reports exactly what is wrong, the checks run on the rest without
reporting the same fact twice, and every output that rests on such data says so.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TIMELINE, TreeMaker
from styrning.checks.validation import data_errors, validate
from styrning.cli import app
from styrning.core.model import (
    ASSIGNMENT_STATUSES,
    DOCUMENT_STATUSES,
    Event,
    EventType,
    Phase,
    PhaseStatus,
    Process,
    ProcessType,
    aliases,
)
from styrning.read.loader import load
from styrning.read.tree import WorkingTree
from styrning.state.status import StateSource, compute_status

runner = CliRunner()
TODAY = dt.date(2026, 11, 27)
DAY = dt.date(2022, 4, 15)

A = "processes/riktlinjer/a.yaml"
B = "processes/riktlinjer/b.yaml"
C = "processes/riktlinjer/c.yaml"
D = "processes/riktlinjer/d.yaml"
BROKEN = "processes/program/trasig.yaml"

# `händelser` misspelt: the process stands on its written status.
MISSPELT_EVENTS = """\
typ: riktlinje
titel: Riktlinjer för A
status: gällande
händelsr:
  - datum: 2021-03
    typ: beslut
"""
# A day that does not exist in one event: the remiss still counts.
BAD_DATE = """\
typ: riktlinje
titel: Riktlinjer för B
händelser:
  - datum: 2022-03
    typ: remiss
  - datum: 2022-06-31
    typ: beslut
    planerad: true
"""
# An unknown status word: the decision still makes the document valid.
BAD_STATUS = """\
typ: riktlinje
titel: Riktlinjer för C
status: gällnde
händelser:
  - datum: 2021-03
    typ: beslut
    organ: kf
"""
# An unknown key inside one event: the event still counts.
MISSPELT_IN_EVENT = """\
typ: riktlinje
titel: Riktlinjer för D
händelser:
  - datum: 2022-02
    typ: remiss
    rubirk: Remiss till nämnderna
"""


def found(root: Path, today: dt.date = TODAY) -> list[tuple[str, int, int, str, str]]:
    return [
        (p.path, p.line, p.col, p.code, p.message)
        for p in validate(WorkingTree(root), today).problems
    ]


def row(root: Path, pid: str, day: dt.date = DAY) -> tuple[str | None, StateSource, str]:
    (r,) = [r for r in compute_status(load(WorkingTree(root)), day).rows if r.id == pid]
    return (str(r.state) if r.state else None, r.state_source, r.state_reason)


# --- each misspelling: the same problem as before, and the process still there ---------------


def test_misspelt_events_key(make_tree: TreeMaker) -> None:
    root = make_tree({A: MISSPELT_EVENTS})
    assert found(root) == [(A, 4, 1, "S001", "okänd nyckel 'händelsr' – menade du 'händelser'?")]
    # no events remain: the written status stands, said to be written
    assert row(root, "a") == ("gällande", StateSource.STATED, "status i filen")


def test_bad_date_in_one_event(make_tree: TreeMaker) -> None:
    root = make_tree({B: BAD_DATE})
    assert found(root) == [
        (
            B,
            6,
            12,
            "D001",
            "händelser[2].datum: '2022-06-31' är inget giltigt datum: juni 2022 har 30 dagar",
        )
    ]
    # the remiss of March 2022 is right: on 15 April the document is out on remiss
    assert row(root, "b") == ("på remiss", StateSource.DERIVED, "remiss mars 2022")


def test_unknown_status_word(make_tree: TreeMaker) -> None:
    root = make_tree({C: BAD_STATUS})
    ((path, line, col, code, message),) = found(root)
    assert (path, line, col, code) == (C, 3, 9, "S004")
    assert message.startswith("status: 'gällnde' är inget tillåtet värde – menade du 'gällande'?")
    # decided by KF in March 2021: valid, derived from that decision
    assert row(root, "c") == ("gällande", StateSource.DERIVED, "beslut mars 2021")


def test_misspelt_key_in_an_event(make_tree: TreeMaker) -> None:
    root = make_tree({D: MISSPELT_IN_EVENT})
    assert found(root) == [(D, 6, 5, "S001", "okänd nyckel 'rubirk' – menade du 'rubrik'?")]
    assert row(root, "d") == ("på remiss", StateSource.DERIVED, "remiss februari 2022")


def test_a_process_without_a_title_is_left_out(make_tree: TreeMaker) -> None:
    root = make_tree({A: "typ: riktlinje\ntitell: A\n"})
    assert [(p[1], p[3]) for p in found(root)] == [(1, "S002"), (2, "S001")]
    assert load(WorkingTree(root)).processes == {}


def test_replacement_by_a_partial_file_still_counts(make_tree: TreeMaker) -> None:
    new = (
        "typ: riktlinje\ntitel: Nya\nersätter: gammal\nhändelser:\n  - datum: 2021-03\n"
        "    typ: beslut\n    rubirk: X\n"
    )
    old = "typ: riktlinje\ntitel: Gamla\nstatus: ersatt\n"
    root = make_tree({"processes/riktlinjer/ny.yaml": new, "processes/riktlinjer/gammal.yaml": old})
    assert [p[3] for p in found(root)] == ["S001"]
    assert row(root, "gammal") == ("ersatt", StateSource.DERIVED, "ersatt av ny mars 2021")


# --- no fact twice: what was left out causes no second problem --------------------------------


def test_a_decision_left_out_for_its_date_gives_no_remiss_warning(make_tree: TreeMaker) -> None:
    # Without the decision of 2022-13 the remiss would seem to come after the decision of
    # 2021: D003 must not say so, the date is the problem.
    text = (
        "typ: riktlinje\ntitel: X\nhändelser:\n"
        "  - datum: 2021-03\n    typ: beslut\n"
        "  - datum: 2022-03\n    typ: remiss\n"
        "  - datum: 2022-13\n    typ: beslut\n"
    )
    root = make_tree({A: text})
    assert [(p[1], p[3]) for p in found(root)] == [(8, "D001")]


def test_a_remiss_after_the_only_decision_is_still_warned(make_tree: TreeMaker) -> None:
    # what was left out (a heading) cannot have been a decision: D003 stands
    text = (
        "typ: riktlinje\ntitel: X\nhändelser:\n"
        "  - datum: 2021-03\n    typ: beslut\n"
        "  - datum: 2022-03\n    typ: remiss\n    rubirk: Y\n"
    )
    root = make_tree({A: text})
    assert [(p[1], p[3]) for p in found(root)] == [(6, "D003"), (8, "S001")]


def test_a_misspelt_planned_is_not_also_unplanned(make_tree: TreeMaker) -> None:
    text = (
        "typ: riktlinje\ntitel: X\nhändelser:\n  - datum: 2030-06\n    typ: beslut\n"
        "    planerat: true\n"
    )
    root = make_tree({A: text})
    assert found(root) == [(A, 6, 5, "S001", "okänd nyckel 'planerat' – menade du 'planerad'?")]
    # a key unlike 'planerad' hides nothing: the future decision is still not planned
    other = text.replace("planerat: true", "rubirk: Y")
    root = make_tree({A: other})
    assert [(p[1], p[3]) for p in found(root)] == [(4, "D004"), (6, "S001")]


def test_a_wrong_planned_value_is_not_also_unplanned(make_tree: TreeMaker) -> None:
    text = (
        "typ: riktlinje\ntitel: X\nhändelser:\n  - datum: 2030-06\n    typ: beslut\n"
        "    planerad: ja\n"
    )
    root = make_tree({A: text})
    assert [(p[1], p[3]) for p in found(root)] == [(6, "S003")]


def test_a_misspelt_status_is_not_also_a_missing_replaced(make_tree: TreeMaker) -> None:
    new = (
        "typ: riktlinje\ntitel: Nya\nersätter: gammal\nhändelser:\n  - datum: 2021-03\n"
        "    typ: beslut\n"
    )
    old = "typ: riktlinje\ntitel: Gamla\nstatu: ersatt\n"
    root = make_tree({"processes/riktlinjer/ny.yaml": new, "processes/riktlinjer/gammal.yaml": old})
    assert [(p[0], p[3]) for p in found(root)] == [("processes/riktlinjer/gammal.yaml", "S001")]


def test_a_reference_to_a_file_that_cannot_be_built_is_not_unknown(make_tree: TreeMaker) -> None:
    new = "typ: riktlinje\ntitel: Nya\nersätter: gammal\n"
    old = "typ: riktlinje\ntitel: [\n"  # a syntax error
    root = make_tree({"processes/riktlinjer/ny.yaml": new, "processes/riktlinjer/gammal.yaml": old})
    assert [(p[0], p[3]) for p in found(root)] == [("processes/riktlinjer/gammal.yaml", "Y001")]
    # a reference to no file at all is still unknown
    root = make_tree({"processes/riktlinjer/ny.yaml": new.replace("gammal", "gamla")})
    assert ("processes/riktlinjer/ny.yaml", 3, 11, "R002") in [p[:4] for p in found(root)]


def test_problems_after_a_left_out_event_are_at_their_own_lines(make_tree: TreeMaker) -> None:
    text = (
        "typ: riktlinje\ntitel: X\nhändelser:\n"
        "  - datum: 2022-02-30\n    typ: remiss\n"  # left out
        "  - datum: 2022-06\n    typ: beslut\n    organ: kss\n"  # R001 on line 8
        "  - datum: 2022-03\n    typ: remiss\n"  # D002 on line 9: before June
    )
    root = make_tree({A: text})
    assert [(p[1], p[2], p[3]) for p in found(root)] == [
        (4, 12, "D001"),
        (8, 12, "R001"),
        (9, 12, "D002"),
    ]


# --- timeline.yaml: a bad part leaves the rest in use ------------------------------------------

BODY_WITHOUT_NAME = """\
organisation: Testkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
  - id: ks
    namm: Kommunstyrelsen
händelser:
  - datum: 2030-01
    typ: övrigt
"""

USES_KS = (
    "typ: riktlinje\ntitel: X\nhändelser:\n  - datum: 2021-03\n    typ: beslut\n    organ: ks\n"
)


def test_a_body_with_a_misspelt_key_leaves_the_others(make_tree: TreeMaker) -> None:
    root = make_tree({"timeline.yaml": BODY_WITHOUT_NAME, A: USES_KS})
    assert found(root) == [
        ("timeline.yaml", 5, 5, "S002", "nyckeln 'namn' saknas i organ[2]"),
        ("timeline.yaml", 6, 5, "S001", "okänd nyckel 'namm' – menade du 'namn'?"),
        # the timeline's own event is still checked: it lies in the future, not planned
        (
            "timeline.yaml",
            8,
            12,
            "D004",
            "händelsen 2030-01 ligger i framtiden men är inte planerad – lägg till "
            "'planerad: true'",
        ),
    ]
    ds = load(WorkingTree(root))
    assert ds.timeline is not None
    assert [b.id for b in ds.timeline.bodies] == ["kf"]
    # a reference to KS, whose entry is wrong, is not also an unknown body; to KSS it is
    root = make_tree({"timeline.yaml": BODY_WITHOUT_NAME, A: USES_KS.replace("ks", "kss")})
    assert (A, 6, 12, "R001", "okänt organ 'kss' (kända: kf)") in found(root)


def test_a_body_with_a_bad_id_leaves_the_others(make_tree: TreeMaker) -> None:
    timeline = TIMELINE.replace("id: ks", "id: Ks")
    uses_kf = USES_KS.replace("organ: ks", "organ: kf")
    root = make_tree({"timeline.yaml": timeline, A: uses_kf})
    ((path, line, col, code, _),) = found(root)
    assert (path, line, col, code) == ("timeline.yaml", 5, 9, "I001")
    # KF is right and still resolves: its name is known
    result = runner.invoke(app, ["timeline", "--root", str(root), "--as-of", "2022-04-15"])
    assert "mars 2021  beslut  Kommunfullmäktige  X" in result.stdout


def test_without_an_organisation_the_bodies_still_resolve(make_tree: TreeMaker) -> None:
    timeline = TIMELINE.replace("organisation: Testkommun\n", "organisaton: Testkommun\n")
    root = make_tree({"timeline.yaml": timeline, A: USES_KS.replace("ks", "kss")})
    assert found(root) == [
        (A, 6, 12, "R001", "okänt organ 'kss' – menade du 'ks'? (kända: kf, ks)"),
        ("timeline.yaml", 1, 1, "S001", "okänd nyckel 'organisaton' – menade du 'organisation'?"),
        ("timeline.yaml", 1, 1, "S002", "nyckeln 'organisation' saknas"),
    ]


def test_without_a_list_of_bodies_no_reference_is_judged(make_tree: TreeMaker) -> None:
    timeline = "organisation: Testkommun\norgan: ks\nsammanträden:\n  kss: [2022-05]\n"
    root = make_tree({"timeline.yaml": timeline, A: USES_KS.replace("ks", "kss")})
    assert [(p[0], p[1], p[3]) for p in found(root)] == [
        ("timeline.yaml", 2, "S003"),
        ("timeline.yaml", 4, "D007"),  # the meeting calendar is still checked
    ]


def test_a_bad_meeting_list_leaves_the_others(make_tree: TreeMaker) -> None:
    timeline = (
        TIMELINE + "sammanträden:\n  ks: [2022-05-17, 2022-13-01, 2022-06-14]\n  KS: [2022-05-17]\n"
    )
    root = make_tree({"timeline.yaml": timeline})
    assert [(p[1], p[2], p[3], p[4]) for p in found(root)] == [
        (
            8,
            20,
            "D001",
            "sammanträden.ks[2]: '2022-13-01' är inget giltigt datum: månaden ska vara 01–12",
        ),
        (
            9,
            3,
            "I001",
            "sammanträden.KS: 'KS' är ingen giltig id: använd små bokstäver a–z, siffror och "
            "bindestreck, t.ex. social-hallbarhet",
        ),
    ]
    ds = load(WorkingTree(root))
    assert ds.timeline is not None
    assert {k: [str(d) for d in v] for k, v in ds.timeline.meetings.items()} == {
        "ks": ["2022-05-17", "2022-06-14"]
    }


# --- outputs say so ----------------------------------------------------------------------------

MEETINGS = TIMELINE + "sammanträden:\n  ks: [2022-05-17]\n"


def tree_with_errors(make_tree: TreeMaker) -> Path:
    """Three errors in three files: two used from their right keys, one that cannot be read."""
    return make_tree({"timeline.yaml": MEETINGS, B: BAD_DATE, C: BAD_STATUS, BROKEN: "titel: ["})


TERMINAL_NOTE = [
    "Obs: underlaget har 3 fel i 3 filer – kör styrning validate för att se dem.",
    f"Filer med fel används utifrån de nycklar som är rätt: {B}, {C}.",
    f"Filer som inte kan läsas saknas här: {BROKEN}.",
]
READER_NOTE = [
    "Underlaget innehåller fel i 3 filer; uppgifterna kan vara ofullständiga.",
    f"Uppgifterna ur {B}, {C} bygger på de delar som är rätt.",
    f"Uppgifterna ur {BROKEN} saknas, eftersom filen inte kunde läsas.",
]
STDERR = (
    "obs: 3 fel i data (3 filer) – filer med fel används utifrån de nycklar som är rätt; "
    f"kan inte läsas och saknas: {BROKEN}; kör styrning validate\n"
)


def test_the_note_counts_what_validate_reports(make_tree: TreeMaker) -> None:
    root = tree_with_errors(make_tree)
    # a warning besides (the same title twice) is not counted
    (root / "processes/program/kopia.yaml").write_text(
        "typ: program\ntitel: Riktlinjer för C\n", encoding="utf-8"
    )
    result = validate(WorkingTree(root), TODAY)
    noted = data_errors(result.dataset, TODAY)
    assert noted is not None
    assert (result.errors, result.warnings) == (3, 1)
    assert noted.errors == 3
    assert noted.files == tuple(sorted({p.path for p in result.problems if p.is_error}))
    # with the errors put right, the warning alone needs no note
    (root / BROKEN).unlink()
    (root / B).write_text(BAD_DATE.replace("2022-06-31", "2022-06-30"), encoding="utf-8")
    (root / C).write_text(BAD_STATUS.replace("gällnde", "gällande"), encoding="utf-8")
    assert data_errors(load(WorkingTree(root)), TODAY) is None


def test_status_shows_the_partial_processes_and_says_so(make_tree: TreeMaker) -> None:
    root = tree_with_errors(make_tree)
    result = runner.invoke(app, ["status", "--root", str(root), "--as-of", "2022-04-15"])
    assert result.exit_code == 0
    assert result.stderr == STDERR
    lines = result.stdout.splitlines()
    assert lines[:3] == TERMINAL_NOTE
    assert any("Riktlinjer för B" in line and "på remiss" in line for line in lines)
    assert any("Riktlinjer för C" in line and "gällande" in line for line in lines)


def test_status_json_and_markdown_say_so(make_tree: TreeMaker) -> None:
    root = tree_with_errors(make_tree)
    args = ["status", "--root", str(root), "--as-of", "2022-04-15"]
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert doc["data_errors"] == {
        "errors": 3,
        "files": [BROKEN, B, C],
        "partial": [B, C],
        "left_out": [BROKEN],
    }
    assert [p["state"] for p in doc["processes"]] == ["på remiss", "gällande"]
    md = runner.invoke(app, [*args, "-f", "md"]).stdout
    assert md.startswith(
        "# Status per 2022-04-15\n\n"
        "> Obs: underlaget har 3 fel i 3 filer – kör styrning validate för att se dem.\\\n"
        f"> Filer med fel används utifrån de nycklar som är rätt: {B}, {C}.\\\n"
        f"> Filer som inte kan läsas saknas här: {BROKEN}.\n\n| Typ |"
    )


def test_clean_data_has_no_note(make_tree: TreeMaker) -> None:
    root = make_tree({"timeline.yaml": MEETINGS, D: MISSPELT_IN_EVENT.replace("rubirk", "rubrik")})
    result = runner.invoke(app, ["status", "--root", str(root), "-f", "json"])
    assert result.stderr == ""
    assert json.loads(result.stdout)["data_errors"] is None
    md = runner.invoke(app, ["report", "våren 2022", "--root", str(root), "-f", "md"]).stdout
    assert "Obs:" not in md and "kör styrning validate" not in md


def test_report_files_say_so(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = tree_with_errors(make_tree)
    html_path, md_path, json_path = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "r.json"
    for target in (html_path, md_path, json_path):
        result = runner.invoke(
            app, ["report", "våren 2022", "--root", str(root), "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith(STDERR)
    html = html_path.read_text(encoding="utf-8")
    assert (
        '<section class="card keep notice" role="note"><h2>Obs: fel i underlaget</h2>'
        + "".join(f"<p>{line}</p>" for line in READER_NOTE)
        + "</section>"
    ) in html
    assert "kör styrning validate" not in html  # a reader does not run the tool
    # the partial document is in the report, from the remiss that is right
    assert "Riktlinjer för B" in html
    md = md_path.read_text(encoding="utf-8")
    assert "> " + TERMINAL_NOTE[0] + "\\\n" in md
    assert md.index(TERMINAL_NOTE[0]) < md.index("## Bakgrund")
    assert json.loads(json_path.read_text(encoding="utf-8"))["data_errors"]["left_out"] == [BROKEN]


def test_report_text_says_so(make_tree: TreeMaker) -> None:
    root = tree_with_errors(make_tree)
    out = runner.invoke(app, ["report", "våren 2022", "--root", str(root)]).stdout
    lines = out.splitlines()
    # under the title, wrapped like every paragraph of the text report
    assert lines[:4] == [
        "Styrberedningen – status våren 2022",
        "===================================",
        "Testkommun · våren 2022 = 2022-01-01 – 2022-06-30 · per 2022-06-30",
        "",
    ]
    note = lines[4 : lines.index("BAKGRUND") - 1]
    assert all(len(line) <= 100 for line in note)
    assert " ".join(note) == " ".join(TERMINAL_NOTE)


def test_timeline_says_so(make_tree: TreeMaker) -> None:
    root = tree_with_errors(make_tree)
    out = runner.invoke(app, ["timeline", "--root", str(root), "--as-of", "2022-04-15"]).stdout
    assert out.splitlines()[:3] == TERMINAL_NOTE
    # the events that are right are there: B's remiss and C's decision, not B's bad decision
    assert "mars 2022" in out and "mars 2021" in out and "juni 2022" not in out
    doc = json.loads(runner.invoke(app, ["timeline", "--root", str(root), "-f", "json"]).stdout)
    assert doc["data_errors"]["partial"] == [B, C]


def test_brief_says_so_in_every_format(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = tree_with_errors(make_tree)
    args = ["brief", "--root", str(root), "--meeting", "2022-05-17"]
    target = tmp_path / "b.docx"
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(STDERR)
    word = docx.Document(io.BytesIO(target.read_bytes()))
    texts = [p.text for p in word.paragraphs]
    start = texts.index("Obs: fel i underlaget")
    style = word.paragraphs[start].style
    assert style is not None and style.name == "Heading 1"
    assert texts[start + 1 : start + 4] == READER_NOTE
    assert not any("kör styrning validate" in t for t in texts)
    html = runner.invoke(app, [*args, "-f", "html"]).stdout
    assert "<p>" + READER_NOTE[0] + "</p>" in html
    text = runner.invoke(app, [*args, "-f", "text"]).stdout
    assert "\n".join(TERMINAL_NOTE) in text
    md = runner.invoke(app, [*args, "-f", "md"]).stdout
    assert "> " + TERMINAL_NOTE[0] in md
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert doc["data_errors"]["errors"] == 3
    # the partial document on remiss is in the pack
    assert "Riktlinjer för B" in text


# --- the rule as a property --------------------------------------------------------------------


class MemoryFiles:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def names(self) -> list[str]:
        return sorted(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name]


DATES = st.builds(
    lambda y, m, d: f"{y}-{m:02d}" if d == 0 else f"{y}-{m:02d}-{d:02d}",
    st.integers(2018, 2026),
    st.integers(1, 12),
    st.integers(0, 28),
)
EVENT_KINDS = [k.value for k in EventType]
KNOWN_KEYS = {*aliases(Process), *aliases(Event), *aliases(Phase)}


@st.composite
def events(draw: st.DrawFn) -> dict[str, object]:
    ev: dict[str, object] = {"datum": draw(DATES), "typ": draw(st.sampled_from(EVENT_KINDS))}
    if draw(st.booleans()):
        ev["planerad"] = draw(st.booleans())
    if draw(st.booleans()):
        ev["organ"] = draw(st.sampled_from(["kf", "ks"]))
    if draw(st.booleans()):
        ev["rubrik"] = "En rubrik"
    if ev["typ"] == "remiss" and draw(st.booleans()):
        ev["svar_senast"] = draw(DATES)
    return ev


@st.composite
def process_files(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from([t.value for t in ProcessType]))
    data: dict[str, object] = {"typ": kind, "titel": "En process"}
    statuses = DOCUMENT_STATUSES if kind != "uppdrag" else ASSIGNMENT_STATUSES
    if draw(st.booleans()):
        data["status"] = draw(st.sampled_from(sorted(s.value for s in statuses)))
    if draw(st.booleans()):
        data["beskrivning"] = "Vad den handlar om."
    if draw(st.booleans()):
        data["aktualitetsprövning"] = draw(DATES)
    if kind == "uppdrag" and draw(st.booleans()):
        data["faser"] = [
            {
                "namn": f"Fas {i + 1}",
                **({"start": draw(DATES)} if draw(st.booleans()) else {}),
                **(
                    {"status": draw(st.sampled_from([s.value for s in PhaseStatus]))}
                    if draw(st.booleans())
                    else {}
                ),
            }
            for i in range(draw(st.integers(1, 3)))
        ]
    data["händelser"] = draw(st.lists(events(), min_size=0, max_size=5))
    return data


def optional_places(data: dict[str, object]) -> list[tuple[str | int, ...]]:
    """Every key of the file that may be left out: all but the required ones."""
    places: list[tuple[str | int, ...]] = [(k,) for k in data if k not in ("typ", "titel")]
    for list_key in ("händelser", "faser"):
        items = data.get(list_key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                required = ("datum", "typ") if list_key == "händelser" else ("namn",)
                places += [(list_key, i, k) for k in item if k not in required]
    return places


def misspelt(key: str, how: int) -> str:
    """A typo of `key`: a letter doubled, dropped or added."""
    if how == 0:
        return key[:2] + key[1] + key[2:]
    if how == 1:
        return key[:-1]
    return key + "s"


def dump(data: dict[str, object]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def status_rows(data: dict[str, object], day: dt.date) -> list[object]:
    files = {"timeline.yaml": TIMELINE.encode("utf-8"), "processes/riktlinjer/p.yaml": dump(data)}
    ds = load(MemoryFiles(files))
    assert "p" in ds.processes, [p.text() for p in ds.problems]
    return list(compute_status(ds, day).rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(process_files(), st.data(), st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31)))
def test_a_misspelt_key_counts_as_a_key_left_out(
    data: dict[str, object], draw: st.DataObject, day: dt.date
) -> None:
    places = optional_places(data)
    assume(places)
    place = draw.draw(st.sampled_from(places))
    typo = misspelt(str(place[-1]), draw.draw(st.integers(0, 2)))
    assume(typo not in KNOWN_KEYS)
    renamed, without = copy.deepcopy(data), copy.deepcopy(data)
    for target, replacement in ((renamed, typo), (without, None)):
        container: Any = target
        for part in place[:-1]:
            container = container[part]
        value = container.pop(place[-1])
        if replacement is not None:
            container[replacement] = value
    assert status_rows(renamed, day) == status_rows(without, day)


def test_a_bad_contact_or_phase_leaves_out_only_itself(make_tree: TreeMaker) -> None:
    timeline = TIMELINE + "kontakt:\n  - roll: Utredare\n  - namn: Anna Andersson\n"
    assignment = (
        "typ: uppdrag\ntitel: X\nfaser:\n"
        "  - status: pågår\n"  # no name: left out
        "  - namn: Fas II\n    status: pågår\n"
        "  - namn: Fas III\n    status: pågår\n"  # G002 on line 8, against Fas II
    )
    root = make_tree({"timeline.yaml": timeline, "processes/uppdrag/u.yaml": assignment})
    assert [(p[0], p[1], p[3]) for p in found(root)] == [
        ("processes/uppdrag/u.yaml", 4, "S002"),
        ("processes/uppdrag/u.yaml", 8, "G002"),
        ("timeline.yaml", 8, "S002"),
    ]
    ds = load(WorkingTree(root))
    assert ds.timeline is not None
    assert [c.name for c in ds.timeline.contacts] == ["Anna Andersson"]
    assert [ph.name for ph in ds.processes["u"].process.phases] == ["Fas II", "Fas III"]
    assert row(root, "u") == ("pågår", StateSource.DERIVED, "faserna")
