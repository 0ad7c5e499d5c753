"""Git history through the command line: --at, changes, log, provenance, and where git falls short.

Every repository is built here, with fixed authors and dates per commit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TIMELINE
from gitrepo import commit, git, init, snapshot
from styrning.cli import app

runner = CliRunner()

AGAR = """\
typ: riktlinje
titel: Riktlinjer för ägarstyrning
händelser:
  - datum: 2021-10
    typ: beslut
    organ: kf
"""
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
    planerad: true
"""
DIALOG_RENAMED = DIALOG.replace("titel: Medborgardialog", "titel: Medborgardialog och demokrati")

JAN = "2022-01-10T09:00:00+01:00"
MAR = "2022-03-14T10:00:00+01:00"
MAY = "2022-05-16T11:00:00+02:00"


def build_story(repo: Path, sub: str = "") -> dict[str, str]:
    """January: the timeline and a guideline; March: a new assignment; May: its new title."""
    init(repo)
    p = f"{sub}/" if sub else ""
    extra = {"README.md": "Inte data.\n"} if sub else {}
    return {
        "jan": commit(
            repo,
            {
                f"{p}timeline.yaml": TIMELINE,
                f"{p}processes/riktlinjer/agarstyrning.yaml": AGAR,
                **extra,
            },
            "Lägg in tidslinjen och ägarstyrningen",
            JAN,
        ),
        "mar": commit(
            repo,
            {f"{p}processes/uppdrag/medborgardialog.yaml": DIALOG},
            "Nytt uppdrag: medborgardialog",
            MAR,
        ),
        "may": commit(
            repo,
            {f"{p}processes/uppdrag/medborgardialog.yaml": DIALOG_RENAMED},
            "Ny titel på medborgardialog",
            MAY,
            author="Bertil Berg",
        ),
    }


@pytest.fixture(autouse=True)
def swedish_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # A date's end is local time to git: fix it (as a rule, so no tz database is needed).
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")


@pytest.fixture
def story(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "arkiv"
    return repo, build_story(repo)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    # A traceback would show as an exception other than the exit itself.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------- done when


def test_status_at_a_date_shows_the_data_as_committed_then(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, c = story
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-02-15", "--as-of", "2022-02-15")
    assert code == 0
    assert "Riktlinjer för ägarstyrning" in out
    assert "Medborgardialog" not in out
    assert f"Källa: commit {c['jan']} (--at 2022-02-15)" in out

    code, out, _ = run("status", "--root", str(repo), "--at", "2022-04-15", "-f", "json")
    assert code == 0
    titles = {p["id"]: p["title"] for p in json.loads(out)["processes"]}
    assert titles["medborgardialog"] == "Medborgardialog"
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-04-15")
    assert f"Källa: commit {c['mar']} (--at 2022-04-15)" in out

    code, out, _ = run("status", "--root", str(repo))
    assert "Medborgardialog och demokrati" in out
    assert f"Källa: commit {c['may']}\n" in out


def test_changes_since_february_names_the_added_process(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, c = story
    code, out, err = run("changes", "--root", str(repo), "--since", "2022-02-15")
    assert code == 0, err
    assert out == (
        f"Ändringar från 2022-02-15 = commit {c['jan']} (2022-01-10) till HEAD = commit "
        f"{c['may']} (2022-05-16)\n"
        "\n"
        "Medborgardialog och demokrati (medborgardialog)\n"
        "  Ny process: Medborgardialog och demokrati (uppdrag)\n"
        f"      {c['mar']} 2022-03-14 Anna Andersson: Nytt uppdrag: medborgardialog\n"
        "\n"
        f"Från: 2022-02-15 = commit {c['jan']} (2022-01-10)\n"
        f"Till: HEAD = commit {c['may']} (2022-05-16)\n"
    )


def test_changes_since_april_names_the_new_title_and_its_author(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, c = story
    code, out, _ = run("changes", "--root", str(repo), "--since", "2022-04-15")
    assert code == 0
    assert (
        "  Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati'\n"
        f"      {c['may']} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
    ) in out
    assert "Ny process" not in out


def test_log_lists_both_commits_with_dates_and_authors(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, c = story
    code, out, _ = run("log", "medborgardialog", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för Medborgardialog och demokrati (medborgardialog)\n"
        "\n"
        f"{c['may']} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
        "    Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati'\n"
        f"{c['mar']} 2022-03-14 Anna Andersson: Nytt uppdrag: medborgardialog\n"
        "    Ny process: Medborgardialog (uppdrag)\n"
        "\n"
        f"Källa: HEAD = commit {c['may']} (2022-05-16)\n"
    )


def test_history_commands_leave_the_work_tree_and_git_untouched(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, _ = story
    # An uncommitted edit too: reading around it must not stage, refresh or lock anything.
    path = repo / "processes/riktlinjer/agarstyrning.yaml"
    path.write_text(AGAR + "diarienummer: KS 2022/1\n", encoding="utf-8")
    # A file touched but not changed: a plain `git status` would refresh the index and write it.
    os.utime(repo / "timeline.yaml", (2_000_000_000, 2_000_000_000))
    before = snapshot(repo)
    for args in (
        ["status", "--at", "2022-04-15"],
        ["status"],
        ["validate", "--at", "2022-04-15"],
        ["changes", "--since", "2022-02-15"],
        ["changes", "--since", "2022-01-01", "--format", "json"],
        ["log", "medborgardialog"],
    ):
        code, _, err = run(*args, "--root", str(repo))
        assert code == 0, (args, err)
    assert snapshot(repo) == before
    assert "?? " not in git(repo, "status", "--porcelain")  # no lock or stray file left


# ---------------------------------------------------------------------------- --at


def test_at_a_revision_name_tag_and_hash(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    git(repo, "tag", "marsmötet", c["mar"])
    git(repo, "tag", "-a", "-m", "Underlag till mötet", "v1", c["mar"])  # an annotated tag
    for rev in ("marsmötet", "v1", c["mar"], "HEAD~1", "main~1"):
        code, out, _ = run("status", "--root", str(repo), "--at", rev)
        assert code == 0
        assert re.search(r"│ Medborgardialog +│", out), out  # the first title, in the table
        assert f"Källa: commit {c['mar']} (--at {rev})" in out


def test_validate_at_reads_the_committed_files(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    commit(
        repo,
        {"processes/uppdrag/medborgardialog.yaml": DIALOG.replace("titel:", "titell:")},
        "Stavfel",
        "2022-06-01T09:00:00+02:00",
    )
    good = commit(
        repo,
        {"processes/uppdrag/medborgardialog.yaml": DIALOG},
        "Rätta stavfelet",
        "2022-06-02T09:00:00+02:00",
    )
    code, out, _ = run("validate", "--root", str(repo), "--at", "HEAD~1", "--as-of", "2022-06-01")
    assert code == 1
    assert (
        "processes/uppdrag/medborgardialog.yaml:2:1: fel S001 okänd nyckel 'titell' – "
        "menade du 'titel'?"
    ) in out
    code, out, _ = run("validate", "--root", str(repo), "--at", good, "--as-of", "2022-06-02")
    assert code == 0
    assert out == ""


def test_unknown_revision_says_what_works(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    code, out, err = run("status", "--root", str(repo), "--at", "v9")
    assert code == 2
    assert out == ""
    assert err == (
        "styrning: --at: okänd revision 'v9' – ange en commit, gren eller tagg som git känner "
        "(se git log --oneline) eller ett datum som 2022-04-15\n"
    )
    code, _, err = run("status", "--root", str(repo), "--at", "2022-02-30")
    assert code == 2
    assert err == "styrning: --at: '2022-02-30' är inget giltigt datum\n"


def test_a_date_before_the_first_commit(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    code, _, err = run("status", "--root", str(repo), "--at", "2021-12-01")
    assert code == 2
    assert err == (
        f"styrning: --at 2021-12-01: det finns ingen commit den dagen eller tidigare – den "
        f"första ({c['jan']}) är från 2022-01-10; välj ett senare datum\n"
    )
    # For changes, a date before the history means the whole history.
    code, out, _ = run("changes", "--root", str(repo), "--since", "2021-12-01")
    assert code == 0
    assert out.startswith("Ändringar från 2021-12-01 = före första commit (hela historiken)")
    assert "  Ny tidslinje: Testkommun\n" in out
    assert "  Ny process: Riktlinjer för ägarstyrning (riktlinje)\n" in out
    assert "  Ny process: Medborgardialog och demokrati (uppdrag)\n" in out


def test_the_commit_of_a_day_counts_for_that_day(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-03-14")
    assert code == 0
    assert f"Källa: commit {c['mar']} (--at 2022-03-14)" in out
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-03-13")
    assert f"Källa: commit {c['jan']} (--at 2022-03-13)" in out


def test_data_root_in_a_sub_folder(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = build_story(repo, sub="styrning/data")
    root = repo / "styrning/data"
    code, out, _ = run("status", "--root", str(root), "--at", "2022-04-15")
    assert code == 0
    assert re.search(r"│ Medborgardialog +│", out), out  # the first title, in the table
    assert f"Källa: commit {c['mar']} (--at 2022-04-15)" in out
    code, out, _ = run("changes", "--root", str(root), "--since", "2022-04-15")
    assert "Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati'" in out
    code, out, _ = run("log", "medborgardialog", "--root", str(root))
    assert f"{c['mar']} 2022-03-14 Anna Andersson: Nytt uppdrag: medborgardialog" in out
    # A change outside the data root does not make the data dirty.
    (repo / "README.md").write_text("Ändrad.\n", encoding="utf-8")
    code, out, _ = run("status", "--root", str(root))
    assert f"Källa: commit {c['may']}\n" in out


def test_detached_head(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    git(repo, "checkout", "-q", "--detach", c["mar"])
    code, out, _ = run("status", "--root", str(repo))
    assert code == 0
    assert f"Källa: commit {c['mar']}\n" in out
    code, out, _ = run("changes", "--root", str(repo), "--since", "2022-02-15")
    assert code == 0
    assert "Ny process: Medborgardialog (uppdrag)" in out
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-06-01")
    assert f"Källa: commit {c['mar']} (--at 2022-06-01)" in out  # HEAD's line, not main's


# ---------------------------------------------------------------------------- changes


def test_changes_between_two_revisions_and_formats(
    story: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, c = story
    code, out, _ = run(
        "changes", "--root", str(repo), "--since", c["jan"], "--until", c["mar"], "-f", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["since"] == f"commit {c['jan']} (2022-01-10)"
    assert data["until"] == f"commit {c['mar']} (2022-03-14)"
    assert data["commits"] == 1
    assert data["changes"] == [
        {
            "id": "medborgardialog",
            "file": "processes/uppdrag/medborgardialog.yaml",
            "title": "Medborgardialog",
            "changes": [
                {
                    "kind": "process_added",
                    "text": "Ny process: Medborgardialog (uppdrag)",
                    "old": None,
                    "new": "Medborgardialog",
                    "commit": {
                        "commit": c["mar"],
                        "author": "Anna Andersson",
                        "date": "2022-03-14",
                        "subject": "Nytt uppdrag: medborgardialog",
                    },
                }
            ],
        }
    ]
    target = tmp_path / "andringar.md"
    code, _, err = run("changes", "--root", str(repo), "--since", "2022-04-15", "-o", str(target))
    assert code == 0
    assert err == f"skrev {target}\n"
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# Ändringar från 2022-04-15 = commit")
    assert "## Medborgardialog och demokrati (medborgardialog)\n" in md
    assert (
        "- Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati' — "
        f"`{c['may']}` 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
    ) in md
    code, _, err = run("changes", "--root", str(repo), "--since", "2022-04-15", "-o", str(target))
    assert code == 2
    assert "finns redan" in err


def test_changes_with_nothing_changed(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    code, out, _ = run("changes", "--root", str(repo), "--since", "HEAD")
    assert code == 0
    assert "\nInga ändringar i data.\n" in out


def test_changes_attribute_each_change_to_the_commit_that_made_it(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    build_story(repo)
    done = commit(
        repo,
        {
            "processes/uppdrag/medborgardialog.yaml": DIALOG_RENAMED.replace(
                "    planerad: true\n", ""
            )
        },
        "Återrapporterat",
        "2022-06-20T10:00:00+02:00",
        author="Anna Andersson",
    )
    moved = commit(
        repo,
        {
            "processes/riktlinjer/agarstyrning.yaml": None,
            "processes/riktlinjer/gamla/agarstyrning.yaml": AGAR,
        },
        "Flytta ägarstyrningen",
        "2022-06-21T10:00:00+02:00",
        author="Bertil Berg",
    )
    code, out, _ = run("changes", "--root", str(repo), "--since", "2022-04-15")
    assert code == 0
    assert (
        "Medborgardialog och demokrati (medborgardialog)\n"
        "  Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati'\n"
        "      {may} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
        "  Planerad → genomförd: återrapportering juni 2022\n"
        f"      {done} 2022-06-20 Anna Andersson: Återrapporterat\n"
    ).replace("{may}", git(repo, "rev-parse", "--short", "HEAD~2")) in out
    assert (
        "Riktlinjer för ägarstyrning (agarstyrning)\n"
        "  Fil flyttad: processes/riktlinjer/agarstyrning.yaml → "
        "processes/riktlinjer/gamla/agarstyrning.yaml\n"
        f"      {moved} 2022-06-21 Bertil Berg: Flytta ägarstyrningen\n"
    ) in out
    assert "borttagen" not in out


def test_since_after_until_says_so(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    code, _, err = run("changes", "--root", str(repo), "--since", "HEAD", "--until", "HEAD~2")
    assert code == 2
    assert err == "styrning: --since HEAD ligger efter --until HEAD~2 – byt plats på dem\n"


def test_changes_on_two_branches_merged_keep_their_authors(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, c = story
    git(repo, "checkout", "-q", "-b", "rapport", c["mar"])
    reported = commit(
        repo,
        {"processes/uppdrag/medborgardialog.yaml": DIALOG.replace("    planerad: true\n", "")},
        "Återrapporterat",
        "2022-06-20T10:00:00+02:00",
    )
    git(repo, "checkout", "-q", "main")
    git(
        repo,
        "merge",
        "-q",
        "--no-edit",
        "rapport",
        date="2022-06-21T10:00:00+02:00",
        author="Bertil Berg",
    )
    code, out, _ = run("changes", "--root", str(repo), "--since", "2022-04-15")
    assert code == 0
    assert (
        "  Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati'\n"
        f"      {c['may']} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
        "  Planerad → genomförd: återrapportering juni 2022\n"
        f"      {reported} 2022-06-20 Anna Andersson: Återrapporterat\n"
    ) in out


def test_uncommitted_changes_are_noted_not_counted(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    (repo / "processes/uppdrag/ny.yaml").write_text("typ: uppdrag\ntitel: Ny\n", encoding="utf-8")
    code, out, err = run("changes", "--root", str(repo), "--since", "2022-04-15")
    assert code == 0
    assert "Ny\n" not in out
    assert "arbetsmappen har ändringar i data som inte är incheckade" in err


# ---------------------------------------------------------------------------- log


def test_log_follows_a_move_to_another_folder_but_not_a_new_name(
    story: tuple[Path, dict[str, str]],
) -> None:
    # A move keeps the id (the file name) and is followed; a new name is a new process.
    repo, c = story
    git(repo, "mv", "processes/uppdrag", "processes/avslutade")
    moved = commit(repo, {}, "Flytta till avslutade", "2022-06-01T09:00:00+02:00")
    code, out, _ = run("log", "medborgardialog", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för Medborgardialog och demokrati (medborgardialog)\n"
        "\n"
        f"{moved} 2022-06-01 Anna Andersson: Flytta till avslutade\n"
        "    Fil flyttad: processes/uppdrag/medborgardialog.yaml → "
        "processes/avslutade/medborgardialog.yaml\n"
        f"{c['may']} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
        "    Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati'\n"
        f"{c['mar']} 2022-03-14 Anna Andersson: Nytt uppdrag: medborgardialog\n"
        "    Ny process: Medborgardialog (uppdrag)\n"
        "\n"
        f"Källa: HEAD = commit {moved} (2022-06-01)\n"
    )
    git(
        repo,
        "mv",
        "processes/avslutade/medborgardialog.yaml",
        "processes/avslutade/dialog.yaml",
    )
    renamed = commit(repo, {}, "Kortare filnamn", "2022-06-02T09:00:00+02:00")
    code, out, _ = run("log", "dialog", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för Medborgardialog och demokrati (dialog)\n"
        "\n"
        f"{renamed} 2022-06-02 Anna Andersson: Kortare filnamn\n"
        "    Ny process: Medborgardialog och demokrati (uppdrag)\n"
        "\n"
        f"Källa: HEAD = commit {renamed} (2022-06-02)\n"
    )


def test_log_of_a_file_moved_but_not_committed(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    (repo / "processes/uppdrag/medborgardialog.yaml").rename(repo / "processes/uppdrag/x.yaml")
    (repo / "processes/uppdrag/x.yaml").rename(repo / "processes/medborgardialog.yaml")
    code, out, _ = run("log", "medborgardialog", "--root", str(repo))
    assert code == 0
    assert f"{c['may']} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n" in out
    assert f"{c['mar']} 2022-03-14 Anna Andersson: Nytt uppdrag: medborgardialog\n" in out


def test_log_of_a_removed_process(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    gone = commit(
        repo,
        {"processes/uppdrag/medborgardialog.yaml": None},
        "Uppdraget klart",
        "2022-09-01T09:00:00+02:00",
    )
    code, out, _ = run("log", "medborgardialog", "--root", str(repo), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["commits"][0]["commit"] == gone
    assert data["commits"][0]["summary"] == (
        "Process borttagen: Medborgardialog och demokrati (uppdrag)"
    )
    assert len(data["commits"]) == 3
    assert data["removed"] == {
        "commit": gone,
        "author": "Anna Andersson",
        "date": "2022-09-01",
        "subject": "Uppdraget klart",
        "file": "processes/uppdrag/medborgardialog.yaml",
    }
    code, out, _ = run("log", "medborgardialog", "--root", str(repo))
    assert out.startswith("Historik för Medborgardialog och demokrati (medborgardialog)\n")
    assert out.endswith(
        f"Processen togs bort 1 september 2022 i {gone} "
        "(processes/uppdrag/medborgardialog.yaml).\n"
        f"Källa: HEAD = commit {gone} (2022-09-01)\n"
    )


def test_log_unknown_id_suggests_known_ones(story: tuple[Path, dict[str, str]]) -> None:
    repo, _ = story
    code, out, err = run("log", "medborgardialogen", "--root", str(repo))
    assert code == 2
    assert out == ""
    assert err == (
        "styrning: okänd process 'medborgardialogen' – menade du 'medborgardialog'? (id:t är "
        "filnamnet utan .yaml; alla id:n visas med styrning status --format json)\n"
    )


def test_log_of_a_file_never_committed(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    (repo / "processes/uppdrag/ny.yaml").write_text("typ: uppdrag\ntitel: Ny\n", encoding="utf-8")
    code, out, _ = run("log", "ny", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för ny (ny)\n"
        "\n"
        "Ingen commit har ännu rört processes/uppdrag/ny.yaml – filen är inte incheckad\n"
        f"Källa: HEAD = commit {c['may']} (2022-05-16)\n"
    )


# ---------------------------------------------------------------------------- where git falls short


def test_outside_git(make_tree: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "data"
    (root / "processes/uppdrag").mkdir(parents=True)
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (root / "processes/uppdrag/medborgardialog.yaml").write_text(DIALOG, encoding="utf-8")
    code, out, _ = run("status", "--root", str(root))
    assert code == 0
    assert "Källa: arbetsmappen (inte i ett git-arkiv)\n" in out
    for args in (
        ["changes", "--since", "2022-01-01"],
        ["log", "medborgardialog"],
        ["status", "--at", "2022-01-01"],
        ["validate", "--at", "HEAD"],
    ):
        code, out, err = run(*args, "--root", str(root))
        assert code == 2, args
        assert out == ""
        assert err == (
            f"styrning: {root} ligger inte i ett git-arkiv – historiken (--at, changes, log) "
            "kräver git; övriga kommandon fungerar utan\n"
        )


def test_empty_repository(tmp_path: Path) -> None:
    repo = init(tmp_path / "tomt")
    (repo / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    code, out, _ = run("status", "--root", str(repo))
    assert code == 0
    assert "Källa: arbetsmappen (git-arkivet har inga commits ännu)\n" in out
    code, out, err = run("changes", "--root", str(repo), "--since", "2022-01-01")
    assert code == 2
    assert err == (
        "styrning: git-arkivet har inga commits ännu – checka in filerna först "
        "(git add . && git commit)\n"
    )


SHALLOW_HELP = (
    "hämta hela historiken med git fetch --unshallow (GitHub Actions: fetch-depth: 0 i "
    "actions/checkout; GitLab CI: GIT_DEPTH: 0)"
)


def test_shallow_clone(story: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, c = story
    clone = tmp_path / "grund"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    code, out, _ = run("status", "--root", str(clone))
    assert code == 0
    assert f"Källa: commit {c['may']}\nObs: grund klon: historiken är avkortad\n" in out
    # The cut is after the date asked for: an error that says how to fetch the rest.
    code, out, err = run("changes", "--root", str(clone), "--since", "2022-04-15")
    assert code == 2
    assert err == (
        "styrning: --since 2022-04-15: historiken är avkortad (grund klon) och börjar "
        f"2022-05-16 – {SHALLOW_HELP}\n"
    )
    code, _, err = run("status", "--root", str(clone), "--at", c["mar"])
    assert code == 2
    assert "historiken är avkortad i den här grunda klonen" in err
    # What is there still answers, with a warning that older history is missing.
    code, out, err = run("log", "medborgardialog", "--root", str(clone))
    assert code == 0
    assert (
        f"{c['may']} 2022-05-16 Bertil Berg: Ny titel på medborgardialog\n"
        "    här börjar den avkortade historiken (grund klon) – äldre commits saknas\n"
    ) in out
    assert err == (
        f"obs: historiken är avkortad (grund klon) – äldre commits saknas; {SHALLOW_HELP}\n"
    )
    code, out, _ = run("status", "--root", str(clone), "--at", "HEAD")
    assert code == 0
    assert "Medborgardialog och demokrati" in out


def test_provenance_clean_and_dirty(story: tuple[Path, dict[str, str]]) -> None:
    repo, c = story
    _, out, _ = run("status", "--root", str(repo), "--as-of", "2022-06-01")
    assert out.endswith(f"Källa: commit {c['may']}\nPer: 2022-06-01\n")
    # An untracked file in the data is an uncommitted change too.
    (repo / "processes/uppdrag/ny.yaml").write_text("typ: uppdrag\ntitel: Ny\n", encoding="utf-8")
    _, out, _ = run("status", "--root", str(repo))
    assert f"Källa: commit {c['may']} med ändringar som inte är incheckade\n" in out
    (repo / "processes/uppdrag/ny.yaml").unlink()
    path = repo / "processes/uppdrag/medborgardialog.yaml"
    path.write_text(DIALOG, encoding="utf-8")
    _, out, _ = run("status", "--root", str(repo))
    assert f"Källa: commit {c['may']} med ändringar som inte är incheckade\n" in out


# ---------------------------------------------------------------------------- speed and start-up


def test_blobs_come_through_one_process_not_one_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import git as gitpython

    repo = init(tmp_path / "stort")
    files: dict[str, str | None] = {"timeline.yaml": TIMELINE}
    for i in range(60):
        files[f"processes/uppdrag/u{i}.yaml"] = DIALOG.replace("Medborgardialog", f"Uppdrag {i}")
    commit(repo, files, "Sextio uppdrag", JAN)
    commit(repo, {"processes/uppdrag/u7.yaml": DIALOG}, "Ändra ett", MAR)
    started: list[list[str]] = []
    real = gitpython.cmd.safer_popen

    def counting(args: list[str], *a: object, **k: object) -> object:
        started.append(list(args))
        return real(args, *a, **k)

    monkeypatch.setattr(gitpython.cmd, "safer_popen", counting)
    code, out, _ = run("status", "--root", str(repo), "--at", "2022-02-01")
    assert code == 0
    assert out.count("uppdrag ") == 60
    assert len(started) <= 5, started
    # GitPython's long-lived readers (--batch-check for object types, --batch for trees) and
    # one pipelined --batch for all the blobs: a handful of processes, whatever the file count.
    assert sum(a[1:] == ["cat-file", "--batch"] for a in started) == 2, started
    started.clear()
    code, out, _ = run("changes", "--root", str(repo), "--since", "2022-02-01")
    assert "Titel ändrad: 'Uppdrag 7' → 'Medborgardialog'" in out
    assert len(started) <= 9, started


def test_importing_the_cli_loads_no_git() -> None:
    code = (
        "import sys, styrning.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'git'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_log_as_markdown_to_a_file(story: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, c = story
    target = tmp_path / "historik.md"
    code, out, err = run("log", "medborgardialog", "--root", str(repo), "-o", str(target))
    assert code == 0
    assert out == ""
    assert err == f"skrev {target}\n"
    assert target.read_text(encoding="utf-8").splitlines()[2:6] == [
        "| commit | datum | av | meddelande | ändring |",
        "|---|---|---|---|---|",
        f"| `{c['may']}` | 2022-05-16 | Bertil Berg | Ny titel på medborgardialog | "
        "Titel ändrad: 'Medborgardialog' → 'Medborgardialog och demokrati' |",
        f"| `{c['mar']}` | 2022-03-14 | Anna Andersson | Nytt uppdrag: medborgardialog | "
        "Ny process: Medborgardialog (uppdrag) |",
    ]


def test_a_control_byte_in_a_commit_message_does_not_confuse_the_log(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, _ = story
    odd = commit(
        repo,
        {"processes/uppdrag/medborgardialog.yaml": DIALOG},
        "Tillbaka\x1e till den gamla titeln",
        "2022-06-01T09:00:00+02:00",
    )
    code, out, _ = run("log", "medborgardialog", "--root", str(repo))
    assert code == 0
    assert out.split("\n")[2:4] == [
        f"{odd} 2022-06-01 Anna Andersson: Tillbaka\x1e till den gamla titeln",
        "    Titel ändrad: 'Medborgardialog och demokrati' → 'Medborgardialog'",
    ]


def test_shallow_clone_warns_when_a_change_cannot_be_traced(
    story: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, c = story
    git(repo, "checkout", "-q", "-b", "budget", c["jan"])
    commit(
        repo,
        {"processes/riktlinjer/budget.yaml": "typ: riktlinje\ntitel: Budgetriktlinjer\n"},
        "Budgetriktlinjerna",
        "2022-02-01T09:00:00+01:00",
    )
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "budget", date="2022-06-01T09:00:00+02:00")
    clone = tmp_path / "grund"
    # Depth 2: the merge and both its parents, whose own parents are cut off.
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    code, out, err = run("changes", "--root", str(clone), "--since", c["may"])
    assert code == 0
    assert (
        "  Ny process: Budgetriktlinjer (riktlinje)\n"
        "      ingen enskild commit (en sammanslagning eller avkortad historik)\n"
    ) in out
    assert err == (
        "obs: historiken är avkortad (grund klon), så alla ändringar kan inte knytas till sin "
        f"commit – {SHALLOW_HELP}\n"
    )
    assert "Obs: grund klon – historiken är avkortad\n" in out


def test_committed_links_are_read_inside_the_root_and_reported_outside(
    story: tuple[Path, dict[str, str]],
) -> None:
    repo, _ = story
    (repo / "processes/uppdrag/ute.yaml").symlink_to("/etc/hostname")
    (repo / "processes/riktlinjer/agarstyrning-kopia.yaml").symlink_to("agarstyrning.yaml")
    commit(repo, {}, "Länkar", "2022-06-01T09:00:00+02:00")
    code, out, _ = run("validate", "--root", str(repo), "--at", "HEAD", "--as-of", "2022-06-01")
    assert code == 1
    assert (
        "processes/uppdrag/ute.yaml:1:1: fel Y008 länken pekar utanför datamappen och läses inte"
    ) in out
    # read through the link, and valid; only the same title twice is a warning
    assert [line for line in out.splitlines() if "agarstyrning-kopia" in line] == [
        "processes/riktlinjer/agarstyrning-kopia.yaml:2:8: varning I004 titeln 'Riktlinjer för "
        "ägarstyrning' finns redan i processes/riktlinjer/agarstyrning.yaml – ge processerna "
        "olika titlar, eller ta bort den ena filen om de är samma process"
    ]
    code, out, _ = run("status", "--root", str(repo), "--at", "HEAD", "--as-of", "2022-06-01")
    assert out.count("Riktlinjer för ägarstyrning") == 2


def test_a_huge_committed_file_is_a_problem_not_a_memory_hog(tmp_path: Path) -> None:
    repo = init(tmp_path / "arkiv")
    big = "typ: program\ntitel: Stor\n" + "# utfyllnad\n" * 400_000  # about 4.8 MB
    files = {"timeline.yaml": TIMELINE, "processes/program/stor.yaml": big}
    files |= {f"processes/program/p{i}.yaml": f"typ: program\ntitel: P{i}\n" for i in range(8)}
    commit(repo, files, "Stor fil", JAN)  # type: ignore[arg-type]
    code, out, _ = run("validate", "--root", str(repo), "--at", "HEAD")
    assert code == 1
    assert out.startswith("processes/program/stor.yaml:1:1: fel Y006 filen är större än 2 MiB")
