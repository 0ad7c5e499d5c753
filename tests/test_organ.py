"""--organ takes a body's id or short name (kortnamn), in any case, in every command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import TreeMaker
from styrning.cli import app

runner = CliRunner()

TIMELINE = """\
organisation: Testkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
    kortnamn: KF
  - id: ks
    namn: Kommunstyrelsen
    kortnamn: KS
  - id: styrberedningen
    namn: Styrberedningen
    kortnamn: SB
  - id: sbk
    namn: Stadsbyggnadskontoret
sammanträden:
  ks: [2022-05-17]
"""

FILES: dict[str, str | bytes] = {
    "timeline.yaml": TIMELINE,
    "processes/riktlinjer/avfall.yaml": """\
        typ: riktlinje
        titel: Riktlinjer för avfall
        händelser:
          - datum: 2022-05-17
            typ: beslut
            organ: ks
            planerad: true
        """,
    "processes/riktlinjer/bad.yaml": """\
        typ: riktlinje
        titel: Riktlinjer för bad
        händelser:
          - datum: 2022-03
            typ: beslut
            organ: styrberedningen
        """,
}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def titles_in_status(root: str, organ: str) -> list[str]:
    code, out, err = run(
        "status", "--root", root, "--organ", organ, "--as-of", "2022-04-15", "-f", "json"
    )
    assert code == 0, err
    return [p["title"] for p in json.loads(out)["processes"]]


@pytest.mark.parametrize("organ", ["ks", "KS", "Ks", " ks "])
def test_status_takes_the_id_or_the_short_name_in_any_case(
    make_tree: TreeMaker, organ: str
) -> None:
    root = str(make_tree(FILES))
    assert titles_in_status(root, organ) == ["Riktlinjer för avfall"]


def test_a_short_name_that_differs_from_the_id(make_tree: TreeMaker) -> None:
    root = str(make_tree(FILES))
    assert titles_in_status(root, "sb") == ["Riktlinjer för bad"]
    assert titles_in_status(root, "SB") == ["Riktlinjer för bad"]
    # An id wins over another body's short name, and case folding never mixes sbk and SB.
    assert titles_in_status(root, "SBK") == []


def test_timeline_takes_the_short_name(make_tree: TreeMaker) -> None:
    root = str(make_tree(FILES))
    code, out, err = run(
        "timeline", "--root", root, "--organ", "Sb", "--as-of", "2022-04-15", "-f", "json"
    )
    assert code == 0, err
    assert [e["process_title"] for e in json.loads(out)["events"]] == ["Riktlinjer för bad"]


def test_brief_takes_the_short_name(make_tree: TreeMaker) -> None:
    root = str(make_tree(FILES))
    for organ in ("KS", "ks"):
        code, out, err = run("brief", "--root", root, "--organ", organ, "--meeting", "2022-05-17")
        assert code == 0, err
        assert out.splitlines()[0] == "Inför sammanträdet i Kommunstyrelsen 17 maj 2022"


@pytest.mark.parametrize("command", ["status", "timeline", "brief"])
def test_an_unknown_body_lists_the_ids_and_short_names(make_tree: TreeMaker, command: str) -> None:
    root = str(make_tree(FILES))
    code, out, err = run(command, "--root", root, "--organ", "kss")
    assert code == 2
    assert out == ""
    assert err == (
        "styrning: okänt organ 'kss' – kända: kf, ks, styrberedningen, sbk; "
        "kortnamn: KF (kf), KS (ks), SB (styrberedningen)\n"
    )
