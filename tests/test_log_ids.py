"""`log ID` and `changes` follow a process by its id (its file name), never a look-alike.

Small process files made from one template differ in a line or two, so git's
rename and copy guessing pairs them. These repositories are built to be guessed
wrong: twins made in one commit, one process removed while a similar one is
added, and git configured to look for copies too.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TIMELINE
from gitrepo import commit, git, init
from styrning.cli import app

runner = CliRunner()


def riktlinje(title: str, month: str = "2022-03") -> str:
    """The template every file here is made from: only the title and a month differ."""
    return (
        "typ: riktlinje\n"
        f"titel: {title}\n"
        "händelser:\n"
        f"  - datum: {month}\n"
        "    typ: remiss\n"
        "  - datum: 2022-12\n"
        "    typ: beslut\n"
        "    organ: kf\n"
        "    planerad: true\n"
    )


@pytest.fixture(autouse=True)
def swedish_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def twins(repo: Path) -> dict[str, str]:
    """January: avfall and bad from one template. February: bad gets a new remiss month.
    March: avfall removed and cykel, made from the same template, added in one commit."""
    init(repo)
    # Look for renames and copies everywhere, as a user's own git might be set up to.
    git(repo, "config", "diff.renames", "copies")
    return {
        "jan": commit(
            repo,
            {
                "timeline.yaml": TIMELINE,
                "processes/riktlinjer/avfall.yaml": riktlinje("Riktlinjer för avfall"),
                "processes/riktlinjer/bad.yaml": riktlinje("Riktlinjer för bad"),
            },
            "Två riktlinjer ur mallen",
            "2022-01-10T09:00:00+01:00",
        ),
        "feb": commit(
            repo,
            {"processes/riktlinjer/bad.yaml": riktlinje("Riktlinjer för bad", "2022-04")},
            "Badremissen flyttad",
            "2022-02-14T09:00:00+01:00",
            author="Bertil Berg",
        ),
        "mar": commit(
            repo,
            {
                "processes/riktlinjer/avfall.yaml": None,
                "processes/riktlinjer/cykel.yaml": riktlinje("Riktlinjer för cykel"),
            },
            "Avfall bort, cykel in",
            "2022-03-15T09:00:00+01:00",
        ),
    }


def test_git_itself_pairs_the_look_alikes(tmp_path: Path) -> None:
    # The premise: left to itself, git calls the March commit a rename of avfall to cykel.
    repo = tmp_path / "arkiv"
    twins(repo)
    status = git(repo, "show", "--name-status", "--format=", "-M", "HEAD")
    assert status.split("\t")[0].startswith("R")


def test_log_of_the_newcomer_shows_only_its_own_commit(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = twins(repo)
    code, out, _ = run("log", "cykel", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för Riktlinjer för cykel (cykel)\n"
        "\n"
        f"{c['mar']} 2022-03-15 Anna Andersson: Avfall bort, cykel in\n"
        "    Ny process: Riktlinjer för cykel (riktlinje)\n"
        "\n"
        f"Källa: HEAD = commit {c['mar']} (2022-03-15)\n"
    )


def test_log_of_a_twin_never_shows_the_other_twins_commits(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = twins(repo)
    code, out, _ = run("log", "bad", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för Riktlinjer för bad (bad)\n"
        "\n"
        f"{c['feb']} 2022-02-14 Bertil Berg: Badremissen flyttad\n"
        "    Händelse flyttad: remiss mars 2022 → april 2022\n"
        f"{c['jan']} 2022-01-10 Anna Andersson: Två riktlinjer ur mallen\n"
        "    Ny process: Riktlinjer för bad (riktlinje)\n"
        "\n"
        f"Källa: HEAD = commit {c['mar']} (2022-03-15)\n"
    )


def test_log_of_the_removed_twin_says_when_it_went(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = twins(repo)
    code, out, _ = run("log", "avfall", "--root", str(repo))
    assert code == 0
    assert out == (
        "Historik för Riktlinjer för avfall (avfall)\n"
        "\n"
        f"{c['mar']} 2022-03-15 Anna Andersson: Avfall bort, cykel in\n"
        "    Process borttagen: Riktlinjer för avfall (riktlinje)\n"
        f"{c['jan']} 2022-01-10 Anna Andersson: Två riktlinjer ur mallen\n"
        "    Ny process: Riktlinjer för avfall (riktlinje)\n"
        "\n"
        f"Processen togs bort 15 mars 2022 i {c['mar']} (processes/riktlinjer/avfall.yaml).\n"
        f"Källa: HEAD = commit {c['mar']} (2022-03-15)\n"
    )


def test_changes_report_the_removal_and_the_addition_not_a_move(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = twins(repo)
    code, out, _ = run("changes", "--root", str(repo), "--since", "2022-02-28")
    assert code == 0
    assert out == (
        f"Ändringar från 2022-02-28 = commit {c['feb']} (2022-02-14) till HEAD = commit "
        f"{c['mar']} (2022-03-15)\n"
        "\n"
        "Riktlinjer för avfall (avfall)\n"
        "  Process borttagen: Riktlinjer för avfall (riktlinje)\n"
        f"      {c['mar']} 2022-03-15 Anna Andersson: Avfall bort, cykel in\n"
        "\n"
        "Riktlinjer för cykel (cykel)\n"
        "  Ny process: Riktlinjer för cykel (riktlinje)\n"
        f"      {c['mar']} 2022-03-15 Anna Andersson: Avfall bort, cykel in\n"
        "\n"
        f"Från: 2022-02-28 = commit {c['feb']} (2022-02-14)\n"
        f"Till: HEAD = commit {c['mar']} (2022-03-15)\n"
    )


def test_an_unknown_id_suggests_near_ids_from_the_tree_and_the_history(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    twins(repo)
    code, out, err = run("log", "avfal", "--root", str(repo))
    assert code == 2
    assert out == ""
    assert err == (
        "styrning: okänd process 'avfal' – menade du 'avfall'? (id:t är filnamnet utan .yaml; "
        "alla id:n visas med styrning status --format json)\n"
    )
    code, _, err = run("log", "zzz", "--root", str(repo))
    assert code == 2
    assert err == (
        "styrning: okänd process 'zzz' (id:t är filnamnet utan .yaml; alla id:n visas med "
        "styrning status --format json)\n"
    )


# ---------------------------------------------------------------------------- property

IDS = ("avfall", "bad", "cykel")
FOLDERS = ("riktlinjer", "avslutade")

# One step per commit: for each id, what happens to it (nothing, created, edited, moved to
# the other folder, removed); a step that cannot apply (edit what is not there) is skipped.
ACTIONS = ("", "create", "edit", "move", "remove")
steps = st.lists(st.tuples(*(st.sampled_from(ACTIONS) for _ in IDS)), min_size=1, max_size=5)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=steps)
def test_log_lists_exactly_the_commits_that_touched_the_id(plan: list[tuple[str, ...]]) -> None:
    """For any history of template-made files: `log ID` lists the commits that created,
    edited, moved or removed ID's file, newest first, and no other commit."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = init(Path(tmp) / "arkiv")
        git(repo, "config", "diff.renames", "copies")
        commit(repo, {"timeline.yaml": TIMELINE}, "Tidslinjen", "2022-01-01T09:00:00+01:00")
        where: dict[str, str] = {}  # id → folder, for the ids that exist
        touched: dict[str, list[str]] = {pid: [] for pid in IDS}
        version = 0
        for n, step in enumerate(plan):
            files: dict[str, str | None] = {}
            done: list[str] = []
            for pid, action in zip(IDS, step, strict=True):
                version += 1
                month = f"{2022 + version // 12}-{version % 12 + 1:02d}"  # never the same twice
                if action == "create" and pid not in where:
                    where[pid] = FOLDERS[0]
                    files[f"processes/{FOLDERS[0]}/{pid}.yaml"] = riktlinje("Riktlinjer", month)
                elif action == "edit" and pid in where:
                    files[f"processes/{where[pid]}/{pid}.yaml"] = riktlinje("Riktlinjer", month)
                elif action == "move" and pid in where:
                    old = where[pid]
                    new = FOLDERS[1] if old == FOLDERS[0] else FOLDERS[0]
                    content = (repo / f"processes/{old}/{pid}.yaml").read_text(encoding="utf-8")
                    files[f"processes/{old}/{pid}.yaml"] = None
                    files[f"processes/{new}/{pid}.yaml"] = content
                    where[pid] = new
                elif action == "remove" and pid in where:
                    files[f"processes/{where.pop(pid)}/{pid}.yaml"] = None
                else:
                    continue
                done.append(pid)
            if not files:
                continue
            short = commit(repo, files, f"Steg {n}", f"2022-02-{n + 1:02d}T09:00:00+01:00")
            for pid in done:
                touched[pid].insert(0, short)
        for pid in IDS:
            code, out, err = run("log", pid, "--root", str(repo), "--format", "json")
            if not touched[pid]:
                assert code == 2, out
                assert f"okänd process '{pid}'" in err
                continue
            assert code == 0, err
            data = json.loads(out)
            assert [c["commit"] for c in data["commits"]] == touched[pid]
            if pid in where:
                assert data["removed"] is None
            else:
                assert data["removed"]["commit"] == touched[pid][0]
                assert data["commits"][0]["summary"].startswith("Process borttagen: ")
