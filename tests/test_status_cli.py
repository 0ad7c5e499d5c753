"""`styrning status` and `styrning timeline` on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.cli import app

runner = CliRunner()


def status(*args: str) -> str:
    result = runner.invoke(app, ["status", "--root", str(PROJECT), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def timeline(*args: str) -> list[str]:
    result = runner.invoke(app, ["timeline", "--root", str(PROJECT), *args])
    assert result.exit_code == 0, result.output
    rows, _, tail = result.stdout.partition("\n\n")
    assert tail.startswith("Källa: ")
    return rows.splitlines()


def test_programme_on_remiss_in_april_2022() -> None:
    out = status("--as-of", "2022-04-15")
    (line,) = [ln for ln in out.splitlines() if "Program för social hållbarhet" in ln]
    assert "på remiss" in line and "mars 2022 remiss" in line
    assert "juni 2022 beslut (planerat)" in line
    assert "försenad" not in out and "aktualitetsprövning" not in out
    assert "\x1b[" not in out  # no colour when not a terminal
    assert out.rstrip().endswith("Per: 2022-04-15")


REVIEW_LINES = [
    "aktualitetsprövning: Riktlinjer för ny budget- och investeringsprocess – senast mars 2024 "
    "(beslutad mars 2020 + 4 år)",
    "aktualitetsprövning: Riktlinjer för ägarstyrning i Umeå kommun – senast mars 2025 "
    "(beslutad mars 2021 + 4 år)",
    "aktualitetsprövning: Riktlinjer för aktiverande styrning i Umeå kommun – senast mars 2025 "
    "(beslutad mars 2021 + 4 år)",
    "aktualitetsprövning: Riktlinjer för styrning och uppföljning av verksamhet som bedrivs av "
    "externa utförare – senast oktober 2025 (beslutad oktober 2021 + 4 år)",
]
OVERDUE_LINE = (
    "försenad: Program för social hållbarhet – beslut planerat juni 2022, inget registrerat sedan"
)


def test_on_27_november_2026_decision_overdue_and_guidelines_due() -> None:
    lines = status("--as-of", "2026-11-27").splitlines()
    assert OVERDUE_LINE in lines
    assert [line for line in REVIEW_LINES if line not in lines] == []
    assert "pågår (angiven)" in "\n".join(lines)


def test_today_the_june_2022_decision_is_overdue() -> None:
    # Whatever today is (this code was written in November 2026), June 2022 has passed.
    assert OVERDUE_LINE in status().splitlines()


def test_status_json() -> None:
    doc = json.loads(status("--as-of", "2022-07-01", "--format", "json"))
    rows = {p["id"]: p for p in doc["processes"]}
    prog = rows["social-hallbarhet"]
    assert (prog["state"], prog["state_source"], prog["state_reason"]) == (
        "på remiss",
        "härledd",
        "remiss mars 2022",
    )
    assert prog["overdue"] == [
        {"date": "2022-06", "type": "beslut", "body": None, "heading": None, "planned": True}
    ]
    assert prog["next"] is None
    assert rows["dialog-och-demokratiutveckling"]["state_source"] == "angiven"
    assert rows["dialog-och-demokratiutveckling"]["bodies"] == ["ks", "stadsdirektor"]
    assert doc["warnings"] == [OVERDUE_LINE]
    assert doc["provenance"][-1] == "Per: 2022-07-01"


def test_filters_by_type_and_body() -> None:
    doc = json.loads(status("--format", "json", "--typ", "program", "--typ", "uppdrag"))
    assert [p["id"] for p in doc["processes"]] == [
        "dialog-och-demokratiutveckling",
        "social-hallbarhet",
    ]
    doc = json.loads(status("--format", "json", "--organ", "stadsdirektor"))
    assert [p["id"] for p in doc["processes"]] == ["dialog-och-demokratiutveckling"]
    doc = json.loads(status("--format", "json", "--organ", "kf", "--as-of", "2026-11-27"))
    assert doc["processes"] == [] and doc["warnings"] == []


def test_status_markdown_to_file(tmp_path: Path) -> None:
    target = tmp_path / "status.md"
    data = tmp_path / "data"  # a copy outside git, so the provenance line is fixed
    shutil.copytree(PROJECT / "processes", data / "processes")
    shutil.copy(PROJECT / "timeline.yaml", data / "timeline.yaml")
    result = runner.invoke(
        app,
        [
            "status",
            "--root",
            str(data),
            "--as-of",
            "2022-04-15",
            "--typ",
            "program",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == (
        "# Status per 2022-04-15\n\n"
        "| Typ | Titel | Id | Status | Fas | Senast | Nästa |\n"
        "|---|---|---|---|---|---|---|\n"
        "| program | Program för social hållbarhet | social-hallbarhet | på remiss | – "
        "| mars 2022 remiss "
        "| juni 2022 beslut (planerat) |\n\n"
        "---\n\n"
        "Källa: arbetsmappen (inte i ett git-arkiv)\\\n"
        "Per: 2022-04-15\n"
    )


def test_status_usage_errors() -> None:
    for args, fragment in [
        (["--typ", "riktlinjerna"], "okänd processtyp 'riktlinjerna' – välj bland uppdrag,"),
        (["--organ", "kss"], "okänt organ 'kss' – kända: kf, ks,"),
        (["-o", "status.pdf"], "ange --format text|md|json"),
    ]:
        result = runner.invoke(app, ["status", "--root", str(PROJECT), *args])
        assert result.exit_code == 2, args
        assert fragment in result.stderr


def test_status_of_a_tree_with_errors_says_so(make_tree: TreeMaker) -> None:
    root = make_tree({"processes/program/p.yaml": "typ: program\ntitell: X\n"})
    result = runner.invoke(app, ["status", "--root", str(root)])
    assert result.exit_code == 0
    assert "obs: 2 fel i data" in result.stderr


# --- timeline ---------------------------------------------------------------------------------


def test_timeline_lists_every_event_in_order() -> None:
    rows = timeline("--as-of", "2022-04-15")
    assert len(rows) == 10
    assert rows[0].startswith("juni 2018      uppdrag       Kommunfullmäktige  –  ")
    assert rows[0].endswith("i syfte att vidareutveckla vår egen.")
    assert rows[-1].split() == [
        "juni",
        "2022",
        "beslut",
        "–",
        "Program",
        "för",
        "social",
        "hållbarhet",
        "–",
        "(planerat)",
    ]


def test_timeline_marks_overdue_plans() -> None:
    assert timeline("--as-of", "2022-07-01")[-1].endswith("– (planerat, försenat)")


def test_timeline_filters() -> None:
    spring = timeline("--period", "våren 2022")
    assert [r.split("  ")[0] for r in spring] == ["mars 2022", "juni 2022"]
    assert [r.split()[:2] for r in timeline("--organ", "ks")] == [["november", "2018"]]
    decisions = timeline("--typ", "beslut")
    assert len(decisions) == 6 and all(r.split()[2] == "beslut" for r in decisions)
    both = timeline("--typ", "beslut", "--typ", "remiss", "--period", "2022")
    assert [r.split()[2] for r in both] == ["remiss", "beslut"]


def test_timeline_json_and_markdown() -> None:
    result = runner.invoke(
        app,
        [
            "timeline",
            "--root",
            str(PROJECT),
            "--period",
            "mars 2022",
            "--format",
            "json",
            "--as-of",
            "2022-04-15",
        ],
    )
    doc = json.loads(result.stdout)
    assert doc["period"] == {"text": "mars 2022", "start": "2022-03-01", "end": "2022-03-31"}
    (event,) = doc["events"]
    assert event["process"] == "social-hallbarhet"
    assert (event["type"], event["happened"], event["start"], event["end"]) == (
        "remiss",
        True,
        "2022-03-01",
        "2022-03-31",
    )
    assert event["path"] == "processes/program/social-hallbarhet.yaml"
    md = runner.invoke(
        app, ["timeline", "--root", str(PROJECT), "--period", "mars 2022", "--format", "md"]
    ).stdout
    assert md.startswith("# Tidslinje – mars 2022\n\n| Datum | Typ | Organ | Process | Rubrik |")
    assert "| mars 2022 | remiss | – | Program för social hållbarhet | Remissversion |" in md


def test_timeline_usage_errors() -> None:
    for args, fragment in [
        (["--period", "sommaren 2022"], "skriv t.ex. 2022, våren 2022"),
        (["--typ", "möte"], "okänd händelsetyp 'möte'"),
        (["--organ", "kss"], "okänt organ 'kss'"),
        (["--format", "pdf"], "Ogiltigt värde för"),
    ]:
        result = runner.invoke(app, ["timeline", "--root", str(PROJECT), *args])
        assert result.exit_code == 2, args
        assert fragment in result.stderr, result.stderr


def test_year_event_overlaps_a_month_period(make_tree: TreeMaker) -> None:
    root = make_tree(
        {
            "timeline.yaml": "organisation: T\norgan:\n  - id: ks\n    namn: KS\n"
            "händelser:\n  - datum: 2022\n    typ: övrigt\n    rubrik: Hela året\n"
        }
    )
    result = runner.invoke(app, ["timeline", "--root", str(root), "--period", "mars 2022"])
    assert result.stdout.startswith("2022  övrigt  –  –  Hela året\n")
    result = runner.invoke(app, ["timeline", "--root", str(root), "--period", "2023"])
    assert result.stdout.startswith("inga händelser\n")


def test_status_takes_a_type_by_its_folder_name_in_any_case() -> None:
    by_name = status("--as-of", "2022-04-15", "--typ", "riktlinje")
    assert status("--as-of", "2022-04-15", "--typ", "Riktlinjer") == by_name
    assert "Riktlinjer för ägarstyrning" in by_name
    assert "Program för social hållbarhet" not in by_name
