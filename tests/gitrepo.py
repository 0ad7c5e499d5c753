"""Temporary git repositories for the history tests, with fixed names and dates per commit."""

from __future__ import annotations

import hashlib
import os
import subprocess
import textwrap
from pathlib import Path

EMAILS = {"Anna Andersson": "anna@example.se", "Bertil Berg": "bertil@example.se"}


def git(
    repo: Path, *args: str, date: str = "2022-01-01T12:00:00+01:00", author: str = "Anna Andersson"
) -> str:
    """Run git in `repo` with the author and committer fixed: the same history on every run."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": EMAILS.get(author, "someone@example.se"),
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": EMAILS.get(author, "someone@example.se"),
        "GIT_COMMITTER_DATE": date,
        # The tester's own git settings must not change the history we build.
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    return repo


def commit(
    repo: Path,
    files: dict[str, str | None],
    message: str,
    date: str,
    author: str = "Anna Andersson",
) -> str:
    """Write (text is dedented) or delete (None) files, commit them all; the short hash."""
    for name, content in files.items():
        path = repo / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date, author=author)
    return git(repo, "rev-parse", "--short", "HEAD")


def snapshot(repo: Path) -> dict[str, str]:
    """A hash of every file in the work tree and in .git: any write shows as a difference."""
    out: dict[str, str] = {}
    for path in sorted(repo.rglob("*")):
        if path.is_file():
            out[path.relative_to(repo).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
