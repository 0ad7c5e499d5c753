"""`--at DATE` means "as it was then": without --as-of the data is judged on that date too;
`--at REV` keeps today. One scenario, every command that takes --at."""

from __future__ import annotations

import datetime as dt
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
sammanträden:
  ks: [2022-04-20, 2022-06-14]
"""

# The report in June is not marked planned: an error (D004) while June is ahead.
DIALOG = """\
typ: uppdrag
titel: Medborgardialog
uppdragsgivare: [ks]
händelser:
  - datum: 2022-03
    typ: start
  - datum: 2022-06
    typ: återrapportering
    organ: ks
"""


@pytest.fixture(autouse=True)
def swedish_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """One commit, 14 March 2022."""
    repo = init(tmp_path / "arkiv")
    commit(
        repo,
        {"timeline.yaml": TIMELINE, "processes/uppdrag/medborgardialog.yaml": DIALOG},
        "Tidslinjen och medborgardialogen",
        "2022-03-14T10:00:00+01:00",
    )
    return repo


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_status_at_a_date_is_judged_on_that_date(repo: Path) -> None:
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-04-15")
    assert code == 0
    assert out.startswith("Status per 2022-04-15\n")
    assert out.endswith("Per: 2022-04-15\n")
    # --as-of still decides when given.
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-04-15", "--as-of", "2022-05-02")
    assert out.startswith("Status per 2022-05-02\n")


def test_status_at_a_revision_keeps_today(repo: Path) -> None:
    today = dt.date.today().isoformat()
    for rev in ("HEAD", "main"):
        code, out, _ = run("status", "--root", str(repo), "--at", rev)
        assert code == 0
        assert out.startswith(f"Status per {today}\n")


def test_report_at_a_date_is_judged_on_that_date_or_the_period_end(repo: Path) -> None:
    code, out, _ = run("report", "våren 2022", "--root", str(repo), "--at", "2022-04-15")
    assert code == 0
    assert out.endswith(", så som det såg ut 15 april 2022.\nLäget per 15 april 2022.\n")
    assert "Återrapportering: Medborgardialog (Kommunstyrelsen) – planerat" not in out
    # A period that ended before the date: its end, as without --at.
    code, out, _ = run("report", "mars 2022", "--root", str(repo), "--at", "2022-04-15")
    assert code == 0
    assert out.endswith("Läget per 31 mars 2022.\n")


def test_timeline_at_a_date_is_judged_on_that_date(repo: Path) -> None:
    code, out, _ = run("timeline", "--root", str(repo), "--at", "2022-04-15")
    assert code == 0
    assert out.endswith("Per: 2022-04-15\n")


def test_validate_at_a_date_finds_what_was_ahead_then(repo: Path) -> None:
    code, out, _ = run("validate", "--root", str(repo), "--at", "2022-04-15")
    assert code == 1
    assert out == (
        "processes/uppdrag/medborgardialog.yaml:7:12: fel D004 händelsen 2022-06 ligger i "
        "framtiden men är inte planerad – lägg till 'planerad: true'\n"
    )
    # The same commit by name: judged today, when June 2022 has passed.
    code, out, _ = run("validate", "--root", str(repo), "--at", "HEAD")
    assert (code, out) == (0, "")


def test_brief_at_a_date_takes_the_next_meeting_from_that_date(repo: Path) -> None:
    code, out, err = run("brief", "--organ", "ks", "--root", str(repo), "--at", "2022-04-15")
    assert code == 0, err
    assert "20 april 2022" in out.splitlines()[0]
    assert out.endswith("Läget per 15 april 2022.\n")
    # Today (after 14 June 2022) Kommunstyrelsen has no coming meeting in the calendar.
    code, _, err = run("brief", "--organ", "ks", "--root", str(repo), "--at", "HEAD")
    assert code == 2
    assert "ingen kommande sammanträdesdag för Kommunstyrelsen" in err
