"""validate: an `ersätter` id whose process file was removed says when, not a look-alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TIMELINE
from gitrepo import commit, init
from styrning.cli import app

runner = CliRunner()

OLD = """\
typ: riktlinje
titel: Gamla riktlinjer
händelser:
  - datum: 2021-05
    typ: beslut
    organ: kf
"""

NEW = """\
typ: riktlinje
titel: Nya riktlinjer
ersätter: gamla-riktlinjer
händelser:
  - datum: 2022-02
    typ: beslut
    organ: kf
"""

# 'gamla-riktlinjer' is close enough to this id for the old message to suggest it.
LOOK_ALIKE = """\
typ: riktlinje
titel: Gamla riktlinjerna för bad
händelser:
  - datum: 2021-06
    typ: beslut
    organ: kf
"""

NEW_PATH = "processes/riktlinjer/nya-riktlinjer.yaml"
WHERE = f"{NEW_PATH}:3:11: fel R002"  # the id after `ersätter: ` on line 3


@pytest.fixture(autouse=True)
def swedish_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def history(repo: Path) -> dict[str, str]:
    """January: the old guideline and its look-alike. 3 March: the old one removed and the
    new one, replacing it, added."""
    init(repo)
    return {
        "jan": commit(
            repo,
            {
                "timeline.yaml": TIMELINE,
                "processes/riktlinjer/gamla-riktlinjer.yaml": OLD,
                "processes/riktlinjer/gamla-riktlinjerna.yaml": LOOK_ALIKE,
            },
            "Riktlinjerna",
            "2022-01-10T09:00:00+01:00",
        ),
        "mar": commit(
            repo,
            {"processes/riktlinjer/gamla-riktlinjer.yaml": None, NEW_PATH: NEW},
            "Nya riktlinjer ersätter de gamla",
            "2022-03-03T16:00:00+01:00",
        ),
    }


def test_a_removed_process_in_ersatter_says_when_it_was_removed(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = history(repo)
    code, out = run("validate", "--root", str(repo), "--as-of", "2022-06-01")
    assert code == 1
    assert out == (
        f"{WHERE} okänd process 'gamla-riktlinjer': den togs bort 2022-03-03 "
        f"(commit {c['mar']}) – ta bort id:t här eller återställ filen\n"
    )


def test_at_a_later_date_too_and_before_the_removal_nothing_is_wrong(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    c = history(repo)
    code, out = run("validate", "--root", str(repo), "--at", "2022-04-01", "--as-of", "2022-06-01")
    assert code == 1
    assert f"den togs bort 2022-03-03 (commit {c['mar']})" in out
    # On 2 March neither the new file nor the reference existed yet.
    code, out = run("validate", "--root", str(repo), "--at", "2022-03-02", "--as-of", "2022-06-01")
    assert (code, out) == (0, "")


def test_outside_git_the_old_message_with_its_suggestion(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    history(repo)
    plain = tmp_path / "kopia"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    code, out = run("validate", "--root", str(plain), "--as-of", "2022-06-01")
    assert code == 1
    assert out == f"{WHERE} okänd process 'gamla-riktlinjer' – menade du 'gamla-riktlinjerna'?\n"


def test_a_removal_not_yet_committed_is_not_dated(tmp_path: Path) -> None:
    # The file was removed in an older commit and added back; removed again only on disk,
    # history cannot say when: the old message.
    repo = tmp_path / "arkiv"
    history(repo)
    commit(
        repo,
        {"processes/riktlinjer/gamla-riktlinjer.yaml": OLD},
        "Tillbaka",
        "2022-03-10T09:00:00+01:00",
    )
    (repo / "processes/riktlinjer/gamla-riktlinjer.yaml").unlink()
    code, out = run("validate", "--root", str(repo), "--as-of", "2022-06-01")
    assert code == 1
    assert out == f"{WHERE} okänd process 'gamla-riktlinjer' – menade du 'gamla-riktlinjerna'?\n"


def test_an_id_that_never_existed_keeps_the_suggestion(tmp_path: Path) -> None:
    repo = tmp_path / "arkiv"
    history(repo)
    commit(
        repo,
        {NEW_PATH: NEW.replace("gamla-riktlinjer", "gamla-riktlinjerx")},
        "Stavfel",
        "2022-03-10T09:00:00+01:00",
    )
    code, out = run("validate", "--root", str(repo), "--as-of", "2022-06-01")
    assert code == 1
    assert out == f"{WHERE} okänd process 'gamla-riktlinjerx' – menade du 'gamla-riktlinjerna'?\n"
