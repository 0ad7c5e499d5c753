"""The pre-commit hook, for real: `pre-commit try-repo` installs styrning and runs it.

The hook repository is a fresh git copy of this project's package files, so the
test sees the working tree as it is, committed or not. pre-commit builds its own
environment with pip (about 20 s, once for the module).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Testsson",
    "GIT_AUTHOR_EMAIL": "test@example.se",
    "GIT_AUTHOR_DATE": "2022-04-01T10:00:00+02:00",
    "GIT_COMMITTER_NAME": "Test Testsson",
    "GIT_COMMITTER_EMAIL": "test@example.se",
    "GIT_COMMITTER_DATE": "2022-04-01T10:00:00+02:00",
}


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hookrepo")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(PROJECT / name, repo / name)
    shutil.copytree(
        PROJECT / "styrning",
        repo / "styrning",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "styrning")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def data_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "data"
    repo.mkdir()
    shutil.copy(PROJECT / "timeline.yaml", repo / "timeline.yaml")
    shutil.copytree(PROJECT / "processes", repo / "processes")
    shutil.copytree(PROJECT / "schema", repo / "schema")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "data")
    return repo


def try_repo(data: Path, hook: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)}
    for var in ("GITHUB_ACTIONS", "STYRNING_ROOT", "PRE_COMMIT_COLOR"):
        env.pop(var, None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook), "styrning-validate", *args],
        cwd=data,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_passes_on_clean_data(data_repo: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    result = try_repo(data_repo, hook_repo, pre_commit_home, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "styrning validate" in result.stdout and "Passed" in result.stdout


def test_hook_fails_on_broken_data_and_names_the_problem(
    data_repo: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    prog = data_repo / "processes/program/social-hallbarhet.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("titel:", "titell:"), encoding="utf-8")
    git(data_repo, "add", "-A")
    result = try_repo(data_repo, hook_repo, pre_commit_home)  # the staged change only
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert (
        "processes/program/social-hallbarhet.yaml:3:1: fel S001 okänd nyckel 'titell' – "
        "menade du 'titel'?" in result.stdout
    )


def test_hook_runs_when_only_a_deletion_is_staged(
    data_repo: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    # a staged deletion lists no file for `files` to match: always_run runs the check anyway
    git(data_repo, "rm", "-q", "timeline.yaml")
    result = try_repo(data_repo, hook_repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "hittar ingen timeline.yaml" in result.stdout
