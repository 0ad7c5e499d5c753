"""A brief is about its meeting: the changes up to the end of its day, its decisions planned
or done, the decisions of the bodies its body prepares, and a day outside the calendar."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gitrepo import commit, init
from styrning.cli import app

runner = CliRunner()

TIMELINE = """\
organisation: Testkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
  - id: ks
    namn: Kommunstyrelsen
    bereder: [kf]
sammanträden:
  ks: [2022-04-19, 2022-05-17, 2022-06-14]
  kf: [2022-06-20]
"""

AVFALL = """\
typ: riktlinje
titel: Riktlinjer för avfall
händelser:
  - datum: 2022-05-17
    typ: beslut
    organ: ks
    planerad: true
  - datum: 2022-06-20
    typ: beslut
    organ: kf
    planerad: true
"""
AVFALL_DECIDED = AVFALL.replace("    organ: ks\n    planerad: true\n", "    organ: ks\n")
AVFALL_RENAMED = AVFALL_DECIDED.replace(
    "Riktlinjer för avfall", "Riktlinjer för avfall och återvinning"
)

KLIMAT = """\
typ: program
titel: Klimatprogram
händelser:
  - datum: 2022-05
    typ: beslut
    organ: ks
    planerad: true
  - datum: 2022-09
    typ: beslut
    organ: kf
    planerad: true
"""

BAD = """\
typ: uppdrag
titel: Badplatser
uppdragsgivare: [ks]
händelser:
  - datum: 2022-04
    typ: start
"""


@pytest.fixture(autouse=True)
def swedish_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")


def history(repo: Path) -> dict[str, str]:
    """1 April: the timeline, avfall and klimat. 25 April: the assignment bad. 17 May, 20:00,
    the evening of the KS meeting: the KS decision on avfall recorded as done. 18 May, the
    day after: avfall gets a new title."""
    init(repo)
    return {
        "apr": commit(
            repo,
            {
                "timeline.yaml": TIMELINE,
                "processes/riktlinjer/avfall.yaml": AVFALL,
                "processes/program/klimat.yaml": KLIMAT,
            },
            "Start",
            "2022-04-01T09:00:00+02:00",
        ),
        "bad": commit(
            repo, {"processes/uppdrag/bad.yaml": BAD}, "Nytt uppdrag", "2022-04-25T10:00:00+02:00"
        ),
        "decided": commit(
            repo,
            {"processes/riktlinjer/avfall.yaml": AVFALL_DECIDED},
            "KS har beslutat",
            "2022-05-17T20:00:00+02:00",
            author="Bertil Berg",
        ),
        "renamed": commit(
            repo,
            {"processes/riktlinjer/avfall.yaml": AVFALL_RENAMED},
            "Ny titel",
            "2022-05-18T09:00:00+02:00",
        ),
    }


def brief(repo: Path, *args: str) -> str:
    result = runner.invoke(app, ["brief", "--root", str(repo), "--organ", "ks", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def section(out: str, heading: str) -> list[str]:
    """The lines under `heading` (and its underline) in the text pack, up to a blank line."""
    lines = out.splitlines()
    start = lines.index(heading)
    assert set(lines[start + 1]) <= {"-", "="}
    end = lines.index("", start)
    return lines[start + 2 : end]


def test_a_past_meeting_shows_the_changes_up_to_the_end_of_its_day(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = history(repo)
    out = brief(repo, "--meeting", "2022-05-17")
    # From the previous meeting (19 April: the April commit) to the last commit on or
    # before the end of 17 May (the evening commit); not the new title of 18 May.
    heading = (
        f"Ändringar sedan 2022-04-19 = commit {c['apr']} (2022-04-01) till och med "
        f"2022-05-17 = commit {c['decided']} (2022-05-17)"
    )
    assert heading in out.splitlines()
    changes = "\n".join(section(out, heading))
    assert (
        f"Badplatser: Ny process: Badplatser (uppdrag) (Anna Andersson, 2022-04-25, {c['bad']})"
        in changes
    )
    assert "Riktlinjer för avfall: Planerad → genomförd: beslut 17 maj 2022" in changes
    assert f"(Bertil Berg, 2022-05-17, {c['decided']})" in changes
    assert "Titel ändrad" not in out
    assert "återvinning: Titel" not in out


def test_at_decides_where_the_changes_end(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = history(repo)
    out = brief(repo, "--meeting", "2022-05-17", "--at", "2022-05-18")
    assert (
        "Riktlinjer för avfall och återvinning: Titel ändrad: 'Riktlinjer för avfall' → "
        f"'Riktlinjer för avfall och återvinning' (Anna Andersson, 2022-05-18, {c['renamed']})"
    ) in out


def test_the_decisions_at_the_meeting_planned_or_done(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    history(repo)
    out = brief(repo, "--meeting", "2022-05-17")
    # Done on the day (avfall, now with its new title) and planned for its month (klimat).
    assert sorted(section(out, "Beslut vid sammanträdet")) == sorted(
        [
            "• Beslut 17 maj 2022: Riktlinjer för avfall och återvinning (Kommunstyrelsen)",
            "• Beslut maj 2022: Klimatprogram (Kommunstyrelsen) – planerat",
        ]
    )


def test_the_decisions_of_the_prepared_body_under_their_own_heading(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    history(repo)
    out = brief(repo, "--meeting", "2022-05-17")
    # KS prepares KF's matters: KF's decisions from the meeting up to three months on
    # (17 August 2022); klimat's KF decision in September is beyond.
    assert section(
        out, "Beslut i Kommunfullmäktige som Kommunstyrelsen bereder, till och med 17 augusti 2022"
    ) == [
        "• Beslut 20 juni 2022: Riktlinjer för avfall och återvinning (Kommunfullmäktige) "
        "– planerat"
    ]
    # Not among KS's own coming decisions.
    assert "Kommunfullmäktige) – planerat" not in "\n".join(
        section(out, "Kommande beslut till och med 17 augusti 2022")
    )


def test_a_day_outside_the_calendar_gets_a_note(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    history(repo)
    note = "{} finns inte i sammanträdesplanen för Kommunstyrelsen."
    out = brief(repo, "--meeting", "2022-05-18")
    assert note.format("18 maj 2022") in section(out, "Sammanträdet")
    out = brief(repo, "--meeting", "2022-05-17")
    assert "finns inte i sammanträdesplanen" not in out


def test_an_unknown_body_in_bereder_is_a_reference_error(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    (root / "timeline.yaml").write_text(
        TIMELINE.replace("bereder: [kf]", "bereder: [kf, kff]"), encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    # `    bereder: [kf, kff]`: the second id is on line 7 at column 19.
    assert result.stdout == (
        "timeline.yaml:7:19: fel R001 okänt organ 'kff' – menade du 'kf'? (kända: kf, ks)\n"
    )
