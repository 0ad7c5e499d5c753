"""Invalid data as data: each case is a small tree and the exact (file, line, code) it must give."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest

from conftest import TreeMaker
from styrning.checks.validation import validate
from styrning.read.tree import WorkingTree

TODAY = dt.date(2026, 11, 27)
P = "processes/program/p.yaml"
U = "processes/uppdrag/u.yaml"
R = "processes/riktlinjer/r.yaml"


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target` (relative to the link's folder, or absolute)."""

    target: str


CASES: dict[str, tuple[dict[str, str | bytes | Link], set[tuple[str, int, str]]]] = {
    "valid minimal process": ({P: "typ: program\ntitel: Ett program\n"}, set()),
    "unknown key with suggestion": (
        {P: "typ: program\ntitell: X\n"},
        {(P, 2, "S001"), (P, 1, "S002")},
    ),
    "missing title": ({P: "typ: program\n"}, {(P, 1, "S002")}),
    "wrong type for list": (
        {U: "typ: uppdrag\ntitel: X\nhuvudfokus:\n  a: b\n"},
        {(U, 4, "S003")},
    ),
    "unknown process type": ({P: "typ: programm\ntitel: X\n"}, {(P, 1, "S004")}),
    "unknown event type": (
        {P: "typ: program\ntitel: X\nhändelser:\n  - datum: 2022-03\n    typ: remis\n"},
        {(P, 5, "S004")},
    ),
    "event without date": (
        {P: "typ: program\ntitel: X\nhändelser:\n  - typ: remiss\n"},
        {(P, 4, "S002")},
    ),
    "impossible date": (
        {P: "typ: program\ntitel: X\nhändelser:\n  - datum: 2022-02-30\n    typ: remiss\n"},
        {(P, 4, "D001")},
    ),
    "date in words": (
        {P: "typ: program\ntitel: X\nhändelser:\n  - datum: mars 2022\n    typ: remiss\n"},
        {(P, 4, "D001")},
    ),
    "yes is not a boolean": (
        {
            P: (
                "typ: program\ntitel: X\nhändelser:\n  - datum: 2022-03\n    typ: remiss\n"
                "    planerad: yes\n"
            )
        },
        {(P, 6, "S003")},
    ),
    "NO stays a title": ({P: "typ: program\ntitel: NO\n"}, set()),
    "number as title": ({P: "typ: program\ntitel: 1984\n"}, {(P, 2, "S003")}),
    "sexagesimal stays text": ({P: "typ: program\ntitel: 1:30\n"}, set()),
    "empty title": ({P: 'typ: program\ntitel: ""\n'}, {(P, 2, "S005")}),
    "null title": ({P: "typ: program\ntitel:\n"}, {(P, 2, "S003")}),
    "duplicate key": ({P: "typ: program\ntitel: A\ntitel: B\n"}, {(P, 3, "Y002")}),
    "syntax error": ({P: "typ: program\ntitel: Beslut: X\n"}, {(P, 2, "Y001")}),
    "tab indentation": ({P: "typ: program\nhändelser:\n\t- datum: 2022\n"}, {(P, 3, "Y001")}),
    "several documents": (
        {P: "typ: program\ntitel: A\n---\ntyp: program\ntitel: B\n"},
        {(P, 3, "Y005")},
    ),
    "empty file": ({P: ""}, {(P, 1, "Y004")}),
    "comment only": ({P: "# bara en kommentar\n"}, {(P, 1, "Y004")}),
    "list instead of mapping": ({P: "- typ: program\n"}, {(P, 1, "S003")}),
    "scalar instead of mapping": ({P: "just text\n"}, {(P, 1, "S003")}),
    "latin-1": ({P: "typ: program\ntitel: Hållbarhet\n".encode("latin-1")}, {(P, 2, "Y003")}),
    "utf-16": ({P: "typ: program\ntitel: X\n".encode("utf-16")}, {(P, 1, "Y003")}),
    "binary": ({P: b"typ: program\n\x00\x01\x02"}, {(P, 2, "Y003")}),
    "bom and crlf are fine": ({P: b"\xef\xbb\xbftyp: program\r\ntitel: X\r\n"}, set()),
    "bad file name": (
        {"processes/program/Social_X.yaml": "typ: program\ntitel: X\n"},
        {("processes/program/Social_X.yaml", 1, "I001")},
    ),
    "duplicate id across folders": (
        {
            "processes/program/p.yaml": "typ: program\ntitel: X\n",
            "processes/riktlinjer/p.yaml": "typ: riktlinje\ntitel: Y\n",
        },
        {("processes/riktlinjer/p.yaml", 1, "I002")},
    ),
    "unknown body": (
        {
            P: (
                "typ: program\ntitel: X\nhändelser:\n  - datum: 2022-03\n    typ: beslut\n"
                "    organ: kss\n"
            )
        },
        {(P, 6, "R001")},
    ),
    "unknown client": (
        {U: "typ: uppdrag\ntitel: X\nuppdragsgivare: [ks, kff]\n"},
        {(U, 3, "R001")},
    ),
    "unknown replaced document": (
        {R: "typ: riktlinje\ntitel: X\nersätter: gammal\n"},
        {(R, 3, "R002")},
    ),
    "replacement cycle": (
        {
            "processes/riktlinjer/a.yaml": "typ: riktlinje\ntitel: A\nersätter: b\n",
            "processes/riktlinjer/b.yaml": "typ: riktlinje\ntitel: B\nersätter: a\n",
        },
        {("processes/riktlinjer/a.yaml", 3, "R003"), ("processes/riktlinjer/b.yaml", 3, "R003")},
    ),
    "events out of order": (
        {
            P: (
                "typ: program\ntitel: X\nhändelser:\n  - datum: 2022-06\n    typ: beslut\n"
                "  - datum: 2022-03\n    typ: remiss\n"
            )
        },
        {(P, 6, "D002")},
    ),
    "future event not planned": (
        {P: "typ: program\ntitel: X\nhändelser:\n  - datum: 2030-06\n    typ: beslut\n"},
        {(P, 4, "D004")},
    ),
    "future planned event is fine": (
        {
            P: (
                "typ: program\ntitel: X\nhändelser:\n  - datum: 2030-06\n    typ: beslut\n"
                "    planerad: true\n"
            )
        },
        set(),
    ),
    "reply date before remiss": (
        {
            P: (
                "typ: program\ntitel: X\nhändelser:\n  - datum: 2022-03-15\n    typ: remiss\n"
                "    svar_senast: 2022-03-01\n"
            )
        },
        {(P, 6, "D005")},
    ),
    "two current phases": (
        {
            U: (
                "typ: uppdrag\ntitel: X\nfaser:\n  - namn: I\n    status: pågår\n  - namn: II\n"
                "    status: pågår\n"
            )
        },
        {(U, 7, "G002")},
    ),
    "assignment status on a document": (
        {R: "typ: riktlinje\ntitel: X\nstatus: pågår\n"},
        {(R, 3, "G003")},
    ),
    "replaced document does not say so": (
        {
            "processes/riktlinjer/ny.yaml": (
                "typ: riktlinje\ntitel: Ny\nersätter: gammal\nhändelser:\n  - datum: 2021-03\n"
                "    typ: beslut\n"
            ),
            "processes/riktlinjer/gammal.yaml": "typ: riktlinje\ntitel: Gammal\nstatus: gällande\n",
        },
        {("processes/riktlinjer/gammal.yaml", 3, "G001")},
    ),
    "file in the wrong type folder": (
        {"processes/riktlinjer/x.yaml": "typ: program\ntitel: X\n"},
        {("processes/riktlinjer/x.yaml", 1, "G004")},
    ),
    "phase ends before it starts": (
        {U: "typ: uppdrag\ntitel: X\nfaser:\n  - namn: I\n    start: 2022-05\n    slut: 2022-01\n"},
        {(U, 6, "D006")},
    ),
    "alias bomb": (
        {
            P: (
                "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            )
        },
        {(P, 6, "Y006")},
    ),
    "timeline: duplicate body and unknown parent": (
        {
            "timeline.yaml": (
                "organisation: X\norgan:\n  - id: ks\n    namn: KS\n  - id: ks\n"
                "    namn: KS igen\n    under: kff\n"
            )
        },
        {("timeline.yaml", 5, "I003"), ("timeline.yaml", 7, "R001")},
    ),
    "timeline: missing bodies": (
        {"timeline.yaml": "organisation: X\n"},
        {("timeline.yaml", 1, "S002")},
    ),
    "a key that is a list": ({P: "typ: program\ntitel: X\n[a, b]: c\n"}, {(P, 3, "Y007")}),
    "link out of the data folder": (
        {P: "typ: program\ntitel: X\n", "processes/program/ute.yaml": Link("/nowhere/ute.yaml")},
        {("processes/program/ute.yaml", 1, "Y008")},
    ),
    "link to nothing": (
        {"processes/program/borta.yaml": Link("utkast.yaml")},
        {("processes/program/borta.yaml", 1, "Y009")},
    ),
    "remiss after every decision": (
        {
            R: (
                "typ: riktlinje\ntitel: X\nhändelser:\n  - datum: 2022-03\n    typ: beslut\n"
                "  - datum: 2022-06\n    typ: remiss\n"
            )
        },
        {(R, 6, "D003")},
    ),
    "remiss between two decisions is fine": (
        {
            R: (
                "typ: riktlinje\ntitel: X\nhändelser:\n  - datum: 2021-03\n    typ: beslut\n"
                "  - datum: 2022-03\n    typ: remiss\n  - datum: 2022-06\n    typ: beslut\n"
            )
        },
        set(),
    ),
    "meeting without a day": (
        {
            "timeline.yaml": (
                "organisation: X\norgan:\n  - id: ks\n    namn: KS\nsammanträden:\n"
                "  ks: [2022-05]\n"
            )
        },
        {("timeline.yaml", 6, "D007")},
    ),
    "later phase finished before an earlier one began": (
        {
            U: (
                "typ: uppdrag\ntitel: X\nfaser:\n  - namn: I\n    status: ej påbörjad\n"
                "  - namn: II\n    status: avslutad\n"
            )
        },
        {(U, 7, "G005")},
    ),
    "case number against the pattern": (
        {
            "timeline.yaml": (
                "organisation: X\norgan:\n  - id: ks\n    namn: KS\n"
                "diarienummer_mönster: '^KS \\d{4}/\\d{5}$'\n"
            ),
            P: "typ: program\ntitel: X\ndiarienummer: KS-2022-123\n",
        },
        {(P, 3, "G006")},
    ),
    "case number pattern that is no pattern": (
        {
            "timeline.yaml": (
                "organisation: X\norgan:\n  - id: ks\n    namn: KS\ndiarienummer_mönster: 'KS ('\n"
            )
        },
        {("timeline.yaml", 5, "G006")},
    ),
    "written status that the events contradict": (
        {
            R: (
                "typ: riktlinje\ntitel: X\nstatus: på remiss\nhändelser:\n  - datum: 2021-03\n"
                "    typ: beslut\n"
            )
        },
        {(R, 3, "G007")},
    ),
    "written status that says more than the events": (
        {
            R: (
                "typ: riktlinje\ntitel: X\nstatus: gällande\nhändelser:\n  - datum: 2021-03\n"
                "    typ: remiss\n"
            )
        },
        set(),
    ),
    "proposal after the adoption": (
        {
            R: "typ: riktlinje\ntitel: X\nbeslutande: kf\nhändelser:\n  - datum: 2022-06-20\n"
            "    typ: beslut\n    organ: kf\n  - datum: 2022-09\n    typ: förslag\n    organ: ks\n"
        },
        {(R, 8, "G008")},
    ),
    "proposal then adoption": (
        {
            R: "typ: riktlinje\ntitel: X\nbeslutande: kf\nhändelser:\n  - datum: 2022-05-31\n"
            "    typ: förslag\n    organ: ks\n  - datum: 2022-06-20\n    typ: beslut\n"
            "    organ: kf\n"
        },
        set(),
    ),
    "decision by a body that does not adopt": (
        {
            R: "typ: riktlinje\ntitel: X\nbeslutande: kf\nhändelser:\n  - datum: 2022-05-31\n"
            "    typ: beslut\n    organ: ks\n"
        },
        {(R, 7, "G009")},
    ),
    "adopting body that is not in the timeline": (
        {R: "typ: riktlinje\ntitel: X\nbeslutande: kff\n"},
        {(R, 3, "R001")},
    ),
    "two processes with the same title": (
        {
            "processes/program/a.yaml": "typ: program\ntitel: Ett  program\n",
            "processes/program/b.yaml": "typ: program\ntitel: ett program\n",
        },
        {("processes/program/b.yaml", 2, "I004")},
    ),
    "a new version may keep the title": (
        {
            "processes/riktlinjer/a.yaml": "typ: riktlinje\ntitel: Riktlinjer\n",
            "processes/riktlinjer/b.yaml": "typ: riktlinje\ntitel: Riktlinjer\nersätter: a\n",
        },
        set(),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_case(name: str, make_tree: TreeMaker) -> None:
    files, expected = CASES[name]
    root = make_tree({k: v for k, v in files.items() if not isinstance(v, Link)})
    for path, link in files.items():
        if isinstance(link, Link):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(link.target, root / path)
    result = validate(WorkingTree(root), TODAY)
    found = {(p.path, p.line, p.code) for p in result.problems}
    assert found == expected, [p.text() for p in result.problems]


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
    files: dict[str, str | bytes] = {}
    expected: set[tuple[str, int, str]] = set()
    for i, name in enumerate(CASES):
        case_files, case_expected = CASES[name]
        if "timeline.yaml" in case_files or len(case_files) != 1 or not case_expected:
            continue
        ((path, content),) = case_files.items()
        if isinstance(content, Link):
            continue
        folder, _, base = path.rpartition("/")
        new_path = f"{folder}/{base[:-5]}{i}.yaml"
        files[new_path] = content
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
