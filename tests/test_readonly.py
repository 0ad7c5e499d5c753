"""Read-only is read-only: no command except those that write changes a byte in the tree or in .git.

The list of commands comes from the Typer app itself, so a command added
later is covered as soon as it is registered: it needs sample arguments in
`SAMPLES` (or a place in `WRITERS`), or `test_every_command_is_classified`
fails and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app

runner = CliRunner()

# Arguments each read-only command runs with, on a copy of the project's own data.
SAMPLES: dict[str, list[str]] = {
    "validate": [],
    "status": [],
    "explain": ["S001"],
    "report": ["våren 2022"],
    "timeline": [],
    "brief": ["--meeting", "2022-06-15"],
    "changes": ["--since", "HEAD"],
    "log": ["social-hallbarhet"],
    "schema": [],
    # the recording commands write; with --dry-run they must not
    "registrera": ["social-hallbarhet", "beslut", "2022-06-14", "--organ", "kf", "--dry-run"],
    "flytta": ["social-hallbarhet", "beslut", "2022-09", "--dry-run"],
    "fas": ["dialog-och-demokratiutveckling", "--start", "2022-09-01", "--dry-run"],
}
# Commands whose purpose is to write; `test_writes.py` covers how they write.
WRITERS = {"init", "new", "site"}
# Commands that run until stopped; test_site.py starts `serve` and checks what it serves.
SERVERS = {"serve"}

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Testsson",
    "GIT_AUTHOR_EMAIL": "test@example.se",
    "GIT_AUTHOR_DATE": "2022-04-01T10:00:00+02:00",
    "GIT_COMMITTER_NAME": "Test Testsson",
    "GIT_COMMITTER_EMAIL": "test@example.se",
    "GIT_COMMITTER_DATE": "2022-04-01T10:00:00+02:00",
}


def registered() -> dict[str, Any]:
    group = typer.main.get_command(app)
    commands: dict[str, Any] = group.commands  # type: ignore[attr-defined]
    return commands


def has_option(name: str, option: str) -> bool:
    return any(option in getattr(p, "opts", []) for p in registered()[name].params)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the project's data, committed."""
    return make_repo(tmp_path / "repo", monkeypatch)


def make_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's data committed in a new git repository at `root`, with fixed dates."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(root.parent))  # no global git config of the machine
    shutil.copytree(PROJECT / "processes", root / "processes")
    shutil.copy(PROJECT / "timeline.yaml", root / "timeline.yaml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Data")
    return root


def make_dirty(root: Path) -> None:
    """An uncommitted edit, and a file touched without a change: the index is stale.

    `git status` rewrites .git/index in this state; a command that asks git
    whether the tree is dirty must do so without writing.
    """
    prog = root / "processes/program/social-hallbarhet.yaml"
    prog.write_text(prog.read_text(encoding="utf-8") + "# en kommentar\n", encoding="utf-8")
    agar = root / "processes/riktlinjer/agarstyrning.yaml"
    stat = agar.stat()
    os.utime(agar, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def snapshot(root: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file (bytes and mtime) and folder (None) under `root`, .git included."""
    found: dict[str, tuple[bytes, int] | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for d in dirnames:
            found[(here / d).relative_to(root).as_posix() + "/"] = None
        for f in filenames:
            path = here / f
            found[path.relative_to(root).as_posix()] = (
                path.read_bytes(),
                path.lstat().st_mtime_ns,
            )
    return found


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    return [f"+ {k}" for k in added] + [f"- {k}" for k in removed] + [f"~ {k}" for k in changed]


def test_every_command_is_classified() -> None:
    unknown = sorted(set(registered()) - set(SAMPLES) - WRITERS - SERVERS)
    assert not unknown, (
        f"new command(s) {unknown}: add sample arguments to SAMPLES in tests/test_readonly.py "
        "(or the name to WRITERS if the command's purpose is to write files)"
    )


def test_the_snapshot_sees_an_index_refresh(repo: Path) -> None:
    """The check below can fail: `git status` in a stale tree rewrites .git/index."""
    make_dirty(repo)
    before = snapshot(repo)
    git(repo, "status", "--porcelain")
    assert "~ .git/index" in changes(before, snapshot(repo))


@pytest.mark.parametrize("state", ["clean", "dirty"])
@pytest.mark.parametrize("name", sorted(set(registered()) - WRITERS - SERVERS))
def test_read_only_command_changes_nothing(
    name: str, state: str, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if name not in SAMPLES:
        pytest.fail(f"{name}: add sample arguments to SAMPLES in tests/test_readonly.py")
    if state == "dirty":
        make_dirty(repo)
    monkeypatch.chdir(repo)
    args = [name, *SAMPLES[name]]
    if has_option(name, "--root"):
        args += ["--root", str(repo)]
    before = snapshot(repo)

    result = runner.invoke(app, args)

    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert changes(before, snapshot(repo)) == []
