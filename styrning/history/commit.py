"""Committing one recorded change: the only place styrning writes to git.

`registrera --commit` and its siblings commit just the file they edited, as
the repository's configured git user, and never a file that already had
changes of someone else's: `check_clean` is asked before the edit,
`commit_file` after it. Other staged changes stay staged and out of the commit.

Imported only inside command bodies, so `styrning --version` never pays for it.
"""

from __future__ import annotations

import os
from pathlib import Path

# Without git on PATH, GitPython refuses to import; say so at the first call instead.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git


class CommitRefused(Exception):
    """The file cannot be committed; the message is Swedish and says what would work."""


def _open(path: Path) -> tuple[git.Repo, str]:
    try:
        repo = git.Repo(path.parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise CommitRefused(
            f"{path.parent} ligger inte i ett git-arkiv – --commit kräver git "
            "(kör utan --commit, eller git init först)"
        ) from None
    except git.GitCommandNotFound:
        raise CommitRefused("git-programmet hittas inte – installera git") from None
    if repo.working_tree_dir is None:
        raise CommitRefused(f"{path.parent} ligger i ett git-arkiv utan arbetsmapp (bare)")
    top = Path(repo.working_tree_dir).resolve()
    try:
        rel = path.resolve().relative_to(top).as_posix()
    except ValueError:
        raise CommitRefused(f"{path} ligger utanför git-arkivets arbetsmapp {top}") from None
    repo.git.update_environment(GIT_LITERAL_PATHSPECS="1")
    return repo, rel


def _git_error(exc: git.GitCommandError) -> CommitRefused:
    detail = (exc.stderr or "").strip().splitlines()
    said = detail[-1].removeprefix("stderr: ").strip("' ") if detail else str(exc.status)
    if "tell me who you are" in (exc.stderr or "").lower() or "user.email" in (exc.stderr or ""):
        said = (
            "git vet inte vem du är – ange namn och e-post med git config user.name 'Namn' "
            "och git config user.email namn@example.se"
        )
    return CommitRefused(f"git svarade med ett fel: {said}")


def check_clean(root: Path, path: Path) -> None:
    """Refuse unless `path` is in a git repository with commits and has no uncommitted change
    (in the work tree or staged) and is tracked."""
    repo, rel = _open(path)
    with repo:
        try:
            if not repo.head.is_valid():
                raise CommitRefused(
                    "git-arkivet har inga commits ännu – checka in filerna först "
                    "(git add . && git commit)"
                )
            status = repo.git.status("--porcelain", "--untracked-files=all", "--", rel)
        except git.GitCommandError as exc:
            raise _git_error(exc) from None
    if status.strip():
        state = status.strip()[:2]
        why = "är inte incheckad" if state == "??" else "har ändringar som inte är incheckade"
        raise CommitRefused(
            f"{rel} {why} – checka in eller återställ dem först (git status, git diff -- {rel}), "
            "så att en commit aldrig bär någon annans halvfärdiga ändring"
        )


def commit_file(root: Path, path: Path, message: str) -> str:
    """Commit just `path`, as the repository's configured user; the new commit's short hash."""
    repo, rel = _open(path)
    with repo:
        try:
            # `--only` with the path: this file's content, whatever else is staged
            repo.git.commit("--quiet", "--only", "-m", message, "--", rel)
            return str(repo.git.rev_parse("--short", "HEAD"))
        except git.GitCommandError as exc:
            raise _git_error(exc) from None
