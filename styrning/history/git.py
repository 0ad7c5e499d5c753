"""Git history: the only room in styrning that talks to git.

Everything read from history comes straight from the object database through
GitPython, which keeps one long-lived `git cat-file --batch` process for
blobs and trees: never a process per file, never a checkout, never a write to
the index or the working tree. Listings that git does fastest in C (which
files each commit changed) are one `git log` call each, without git's rename
guessing: a process is followed by its id (its file name), never by content.
Where git cannot answer (no repository, no commits, a shallow clone, an
unknown revision) a `HistoryError` carries a Swedish message saying what
would work; the commands turn it into exit 2.

Imported only inside command bodies, so `styrning --version` never pays for it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import posixpath
import re
import subprocess
import threading
import typing
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Without git on PATH, GitPython refuses to import; say so at the first call instead.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git

from styrning.core.model import Timeline
from styrning.core.problems import START, Problem
from styrning.core.provenance import Provenance
from styrning.history.diff import (
    TIMELINE_SCOPE,
    AttributedChange,
    Change,
    ChangeReport,
    CommitInfo,
    LogEntry,
    ProcessLog,
    Removal,
    ScopeChanges,
    diff_datasets,
    diff_loaded,
    diff_timeline,
    one_line,
)
from styrning.read.loader import Dataset, LoadedProcess, load, process_id
from styrning.read.source import MAX_FILE_BYTES
from styrning.read.tree import PROCESSES, TIMELINE, WorkingTree

Warn = Callable[[str], None]

SHALLOW_HELP = (
    "hämta hela historiken med git fetch --unshallow "
    "(GitHub Actions: fetch-depth: 0 i actions/checkout; GitLab CI: GIT_DEPTH: 0)"
)
NOT_IN_GIT = (
    "ligger inte i ett git-arkiv – historiken (--at, changes, log) kräver git; "
    "övriga kommandon fungerar utan"
)
REVISION_HELP = (
    "ange en commit, gren eller tagg som git känner (se git log --oneline) "
    "eller ett datum som 2022-04-15"
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINK_MODE = 0o120000
_YAML = (".yaml", ".yml")
# Our `git log` output: each commit starts with this byte and its full hash.
_RECORD = b"\x1e"
_RECORD_START = re.compile(rb"[0-9a-f]{40}\0")
_FORMAT = "--format=%x1e%H%x00%an%x00%aI%x00%s"
_NULL_SHA = "0" * 40
_BATCH_MIN = 8


class HistoryError(Exception):
    """Git cannot answer the question; the message is Swedish and says what would work."""


class NotInGit(HistoryError):
    """The folder is not in a git repository."""


class NoCommits(HistoryError):
    """The repository has no commits yet."""


@dataclass
class History:
    """An open repository, with the data root's place in it."""

    repo: git.Repo
    prefix: str  # the data root relative to the work tree, '/'-separated; "" at the top
    shallow: frozenset[str]  # the commits where a shallow clone's history is cut
    _parsed: dict[tuple[str, str], Dataset] = field(default_factory=dict)
    _data: dict[str, bytes] = field(default_factory=dict)
    _abbrev: int = 0

    def prefetch(self, shas: Iterable[str]) -> None:
        """Read these blobs ahead, in one pipelined batch (see `read_blobs`)."""
        todo = {s for s in shas if s not in self._data}
        self._data.update(read_blobs(self.repo, todo))

    def abbrev(self) -> int:
        """How many hex digits git shows in a short hash here (7, or more in a big repository)."""
        if not self._abbrev:
            self._abbrev = len(self.repo.git.rev_parse("--short", "HEAD"))
        return self._abbrev

    def repo_path(self, name: str) -> str:
        """A data-root-relative name as a path in the repository."""
        return f"{self.prefix}/{name}" if self.prefix else name

    def data_name(self, repo_path: str) -> str | None:
        """A repository path as a data-root-relative name, or None when it is no data file."""
        if self.prefix:
            if not repo_path.startswith(self.prefix + "/"):
                return None
            repo_path = repo_path[len(self.prefix) + 1 :]
        if repo_path == TIMELINE or (
            repo_path.startswith(PROCESSES + "/") and repo_path.endswith(_YAML)
        ):
            return repo_path
        return None

    def short(self, commit: git.Commit) -> str:
        return commit.hexsha[: self.abbrev()]

    def resolve(self, text: str, option: str, *, before_start: bool = False) -> git.Commit | None:
        """The commit `text` names, or the last one on HEAD's line on or before a date.

        A date before the first commit gives None when `before_start` (the
        history starts after it), else a HistoryError.
        """
        text = text.strip()
        if _DATE.fullmatch(text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise HistoryError(f"{option}: '{text}' är inget giltigt datum") from None
            # --before compares committer dates, like `git log --before`; the end of the day
            # counts, so that a commit made during a meeting day is part of that day.
            sha = self.repo.git.rev_list("-1", f"--before={day.isoformat()} 23:59:59", "HEAD")
            if sha:
                return self.repo.commit(sha)
            first = self._first_commit()
            when = first.committed_datetime.date().isoformat()
            if self.shallow:
                raise HistoryError(
                    f"{option} {text}: historiken är avkortad (grund klon) och börjar {when} – "
                    + SHALLOW_HELP
                )
            if before_start:
                return None
            raise HistoryError(
                f"{option} {text}: det finns ingen commit den dagen eller tidigare – den första "
                f"({self.short(first)}) är från {when}; välj ett senare datum"
            )
        if not text or text.startswith("-"):
            raise HistoryError(f"{option}: '{text}' är ingen revision – {REVISION_HELP}")
        try:
            sha = self.repo.git.rev_parse("--verify", "--quiet", f"{text}^{{commit}}")
        except git.GitCommandError:
            sha = ""
        if not sha:
            cut = (
                f" (historiken är avkortad i den här grunda klonen – {SHALLOW_HELP})"
                if self.shallow
                else ""
            )
            raise HistoryError(f"{option}: okänd revision '{text}' – {REVISION_HELP}{cut}")
        return self.repo.commit(sha)

    def _first_commit(self) -> git.Commit:
        roots = self.repo.git.rev_list("--max-parents=0", "HEAD").split()
        return min((self.repo.commit(r) for r in roots), key=lambda c: c.committed_date)

    def label(self, text: str | None, commit: git.Commit | None) -> str:
        """`2022-04-15 = commit abc1234 (2022-03-10)`, for the lines that say what was compared."""
        if commit is None:
            return f"{text} = före första commit (hela historiken)"
        when = commit.committed_datetime.date().isoformat()
        if text and commit.hexsha.startswith(text.lower()):
            return f"commit {self.short(commit)} ({when})"  # a hash needs no repeating
        return f"{text or 'HEAD'} = commit {self.short(commit)} ({when})"

    def files(self, commit: git.Commit) -> GitTree:
        return GitTree(self.repo, commit, self.prefix)

    def parsed(self, name: str, sha: str) -> Dataset:
        """One file's version, parsed once: the same blob at the same path is never parsed twice."""
        key = (name, sha)
        found = self._parsed.get(key)
        if found is None:
            data = self._data.get(sha)
            if data is None:
                data = git.Blob(self.repo, bytes.fromhex(sha)).data_stream.read()
            found = load(_OneFile(name, data, sha))
            self._parsed[key] = found
        return found

    def partial(self, files: dict[str, str]) -> Dataset:
        """A dataset of some files only (name → blob sha), from the parse cache."""
        timeline: Timeline | None = None
        processes: dict[str, LoadedProcess] = {}
        for name, sha in files.items():
            ds = self.parsed(name, sha)
            if name == TIMELINE:
                timeline = ds.timeline
                continue
            pid = process_id(name)
            if pid in ds.processes and pid not in processes:
                processes[pid] = ds.processes[pid]
        return Dataset(timeline, None, processes, [], list(files))

    def dirty(self) -> bool:
        """Uncommitted changes (untracked files included) to the data under the root."""
        out = self.repo.git.status(
            "--porcelain",
            "-z",
            "--untracked-files=all",
            "--",
            self.repo_path(TIMELINE),
            self.repo_path(PROCESSES),
        )
        return bool(out)


@dataclass
class _OneFile:
    name: str
    data: bytes
    sha: str = ""

    def names(self) -> list[str]:
        return [self.name]

    def blob_ids(self) -> dict[str, str]:
        return {self.name: self.sha} if self.sha else {}

    def read(self, name: str) -> bytes:
        return self.data


@dataclass
class GitTree:
    """A `FileSet` over the data files of one commit, read from the object database.

    The data root may be a sub-folder of the repository (`prefix`). Names come
    in the same order as `WorkingTree` gives them, so that a duplicate id is
    reported against the same file in both.
    """

    repo: git.Repo
    commit: git.Commit
    prefix: str
    problems: list[Problem] = field(default_factory=list)
    _blobs: dict[str, git.Blob] | None = None
    _data: dict[str, bytes] | None = None

    def names(self) -> list[str]:
        return list(self.blobs())

    def blob_ids(self) -> dict[str, str]:
        """Each file's blob id: what the parse cache knows a file by, without reading it."""
        return {name: blob.hexsha for name, blob in self.blobs().items()}

    def want(self, names: list[str]) -> None:
        """Only these files will be read (the rest are in the parse cache): fetch just them."""
        shas = {self.blobs()[n].hexsha for n in names}
        self._data = {**(self._data or {}), **read_blobs(self.repo, shas)}

    def read(self, name: str) -> bytes:
        if self._data is None:
            # The loader reads every name: fetch them all in one pipelined batch.
            self._data = read_blobs(self.repo, {b.hexsha for b in self.blobs().values()})
        blob = self.blobs()[name]
        found = self._data.get(blob.hexsha)
        if found is None:
            stream = blob.data_stream
            found = _bounded_read(stream, stream.size)
        return found

    def blobs(self) -> dict[str, git.Blob]:
        if self._blobs is None:
            self._blobs = self._list()
        return self._blobs

    def _list(self) -> dict[str, git.Blob]:
        out: dict[str, git.Blob] = {}
        root = _subtree(self.commit.tree, self.prefix)
        if root is None:
            return out
        for item in root:
            if item.type == "blob" and item.name == TIMELINE:
                self._add(out, root, TIMELINE, item)
        for item in root:
            if item.type == "tree" and item.name == PROCESSES:
                self._walk(out, root, item, PROCESSES)
        return out

    def _walk(self, out: dict[str, git.Blob], root: git.Tree, tree: git.Tree, rel: str) -> None:
        # Files first, then sub-folders, each sorted: the order os.walk gives WorkingTree.
        items = sorted(tree, key=lambda i: i.name)
        for item in items:
            if item.type == "blob" and item.name.endswith(_YAML):
                self._add(out, root, f"{rel}/{item.name}", item)
        for item in items:
            if item.type == "tree":
                self._walk(out, root, item, f"{rel}/{item.name}")

    def _add(self, out: dict[str, git.Blob], root: git.Tree, name: str, blob: git.Blob) -> None:
        if blob.mode != _LINK_MODE:
            out[name] = blob
            return
        # A committed link: read what it points to when that is a file inside the data root.
        target = blob.data_stream.read().decode("utf-8", "replace")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
        found = None
        if not target.startswith("/") and not joined.startswith(".."):
            try:
                found = root / joined
            except KeyError:
                found = None
        if found is None or found.type != "blob" or found.mode == _LINK_MODE:
            self.problems.append(
                Problem.at(name, START, "Y008", "länken pekar utanför datamappen och läses inte")
            )
            return
        out[name] = found


def read_blobs(repo: git.Repo, shas: Collection[str]) -> dict[str, bytes]:
    """The contents of many blobs through one `git cat-file --batch`, pipelined.

    GitPython's long-lived reader asks for one object and waits for it before
    the next; here all names go in at once (from a thread, so that neither
    side can block the other on a full pipe) and the answers stream back.
    A few blobs are not worth a process: those are left to the long-lived reader.
    """
    if len(shas) < _BATCH_MIN:
        return {}
    order = sorted(shas)
    proc = repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    stdin = proc.stdin

    def feed() -> None:
        try:
            stdin.write("".join(f"{s}\n" for s in order).encode("ascii"))
        finally:
            stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out: dict[str, bytes] = {}
    try:
        for _ in order:
            header = proc.stdout.readline().split()
            if len(header) != 3:  # "<sha> missing": left to the long-lived reader
                continue
            size = int(header[2])
            out[header[0].decode("ascii")] = _bounded_read(proc.stdout, size)
            proc.stdout.read(1)  # the newline after each object
    finally:
        writer.join()
        proc.stdout.close()
        proc.wait()
    return out


def _bounded_read(stream: typing.IO[bytes], size: int) -> bytes:
    """A blob's bytes, but never more than the loader accepts: the rest is read and dropped.

    The loader only needs to see that a file is too large (`source.decode`), so a
    huge committed file costs a pass over the pipe, not its size in memory.
    """
    keep = min(size, MAX_FILE_BYTES + 1)
    data = stream.read(keep)
    left = size - keep
    while left > 0:
        left -= len(stream.read(min(left, 1 << 20)))
    return data


def _subtree(tree: git.Tree, prefix: str) -> git.Tree | None:
    if not prefix:
        return tree
    try:
        found = tree / prefix
    except KeyError:
        return None
    return found if found.type == "tree" else None


@contextmanager
def open_history(root: Path) -> Iterator[History]:
    """The repository holding `root`, with at least one commit; closed (its git processes
    ended) on the way out. Raises HistoryError when git cannot serve."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotInGit(f"{root} {NOT_IN_GIT}") from None
    except git.GitCommandNotFound:
        raise HistoryError("git-programmet hittas inte – installera git") from None
    with repo:
        try:
            if repo.working_tree_dir is None:
                raise HistoryError(f"{root} ligger i ett git-arkiv utan arbetsmapp (bare)")
            # Read-only promise: `git status` may otherwise refresh and rewrite the index.
            # Pathspecs are our own literal paths, never patterns.
            repo.git.update_environment(GIT_OPTIONAL_LOCKS="0", GIT_LITERAL_PATHSPECS="1")
            top = Path(repo.working_tree_dir).resolve()
            try:
                prefix = root.resolve().relative_to(top).as_posix()
            except ValueError:  # GIT_DIR/GIT_WORK_TREE point elsewhere
                raise HistoryError(f"{root} ligger utanför git-arkivets arbetsmapp {top}") from None
            if not repo.head.is_valid():
                raise NoCommits(
                    "git-arkivet har inga commits ännu – checka in filerna först "
                    "(git add . && git commit)"
                )
            yield History(repo, "" if prefix == "." else prefix, _shallow_commits(repo))
        except git.GitCommandNotFound:
            raise HistoryError("git-programmet hittas inte – installera git") from None
        except git.GitCommandError as exc:
            detail = (exc.stderr or "").strip().splitlines()
            said = detail[-1].removeprefix("stderr: ").strip("' ") if detail else str(exc.status)
            raise HistoryError(f"git svarade med ett fel: {said}") from None


def _shallow_commits(repo: git.Repo) -> frozenset[str]:
    # The list git itself keeps of where a shallow clone is cut: read, not a process.
    path = Path(repo.common_dir) / "shallow"
    try:
        return frozenset(path.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


# ---------------------------------------------------------------------------------------
# --at and provenance


@contextmanager
def files_at(root: Path, at: str) -> Iterator[tuple[GitTree, str]]:
    """The data files as committed at `at` (a revision or a date), and the commit's short hash."""
    with open_history(root) as h:
        commit = h.resolve(at, "--at")
        assert commit is not None
        tree = h.files(commit)
        if not tree.names():
            when = commit.committed_datetime.date().isoformat()
            where = f"datamappen {h.prefix}" if h.prefix else "datafilerna"
            raise HistoryError(
                f"--at {at}: {where} fanns inte i commit {h.short(commit)} ({when}) – "
                "välj en senare revision eller ett senare datum"
            )
        yield tree, h.short(commit)


def read_at(
    root: Path, at: str, as_of: dt.date, period: str | None = None
) -> tuple[Dataset, Provenance]:
    """The dataset as committed at `at`, and provenance naming that commit."""
    with files_at(root, at) as (tree, short):
        ds = load(tree)
        ds.problems.extend(tree.problems)
    return ds, Provenance(as_of=as_of, commit=short, revision=at, period=period)


def working_tree_state(root: Path) -> tuple[str | None, bool | None, str | None]:
    """(short HEAD, uncommitted data changes, note) for the working tree under `root`.

    Never raises: a report made outside git, or where git fails, still says why.
    """
    try:
        with open_history(root) as h:
            commit = h.short(h.repo.head.commit)
            note = "grund klon: historiken är avkortad" if h.shallow else None
            return commit, h.dirty(), note
    except NotInGit:
        return None, None, "inte i ett git-arkiv"
    except NoCommits:
        return None, None, "git-arkivet har inga commits ännu"
    except HistoryError as exc:
        return None, None, str(exc)


def for_working_tree(root: Path, as_of: dt.date, period: str | None = None) -> Provenance:
    """The provenance of data read from the working tree under `root`: HEAD's short hash and
    whether the data had uncommitted changes, or a note saying why git could not tell."""
    commit, dirty, note = working_tree_state(root)
    return Provenance(as_of=as_of, commit=commit, dirty=dirty, period=period, note=note)


# ---------------------------------------------------------------------------------------
# changes and log


@dataclass
class _Entry:
    """One file a commit changed (a name under the data root), with its blob before and after."""

    name: str
    old: str | None
    new: str | None


@dataclass
class _Commit:
    sha: str
    info: CommitInfo
    entries: list[_Entry]


def _log(h: History, *args: str) -> list[_Commit]:
    """`git log --raw` in one process, parsed: each commit with the data files it changed.

    Always without rename and copy guessing (`--no-renames`, whatever the user's
    `diff.renames` says): two small files made from the same template look like
    one file renamed, so a file is followed by its name (the process id), never by
    its content. A move is a removal and an addition of the same name.
    """
    raw = h.repo.git.log(
        "--raw", "-z", "--no-abbrev", "--no-renames", _FORMAT, *args, stdout_as_string=False
    )
    assert isinstance(raw, bytes)
    commits: list[_Commit] = []
    records: list[bytes] = []
    for piece in raw.split(_RECORD)[1:]:
        if records and not _RECORD_START.match(piece):
            records[-1] += _RECORD + piece  # the byte was in a subject, not a new commit
        else:
            records.append(piece)
    for record in records:
        tokens = record.split(b"\0")
        sha, author, date, subject = (t.decode("utf-8", "replace") for t in tokens[:4])
        commit = _Commit(sha, CommitInfo(sha[: h.abbrev()], author, date[:10], subject), [])
        rest = tokens[4:]
        i = 0
        while i < len(rest):
            meta = rest[i].lstrip(b"\n")
            i += 1
            if not meta.startswith(b":"):
                continue
            _, _, old, new, status = meta[1:].decode("ascii").split(" ")
            paths = [p.decode("utf-8", "surrogateescape") for p in rest[i : i + 1]]
            i += 1
            if status[0] in "RC":
                paths.append(rest[i].decode("utf-8", "surrogateescape"))
                i += 1
            name = h.data_name(paths[-1])
            if name is None:
                continue
            commit.entries.append(
                _Entry(name, None if old == _NULL_SHA else old, None if new == _NULL_SHA else new)
            )
        commits.append(commit)
    return commits


def _blob_shas(tree: GitTree) -> dict[str, str]:
    return {name: blob.hexsha for name, blob in tree.blobs().items()}


def changes(root: Path, since: str, until: str | None, warn: Warn) -> ChangeReport:
    """What changed in the data from `since` to `until` (default HEAD), by process, with the
    commit, author and date that made each change."""
    with open_history(root) as h:
        start = h.resolve(since, "--since", before_start=True)
        end = h.resolve(until or "HEAD", "--until")
        assert end is not None
        if start is not None and start != end and h.repo.is_ancestor(end, start):
            raise HistoryError(
                f"--since {since} ligger efter --until {until or 'HEAD'} – byt plats på dem"
            )
        if until is None and h.dirty():
            warn(
                "obs: arbetsmappen har ändringar i data som inte är incheckade – de ingår inte "
                "(checka in dem, eller se dem med git diff)"
            )
        old_files = _blob_shas(h.files(start)) if start is not None else {}
        new_files = _blob_shas(h.files(end))
        # Only files whose content or place differs are parsed: the rest cannot have changed.
        changed = {
            n for n in old_files.keys() | new_files.keys() if old_files.get(n) != new_files.get(n)
        }
        h.prefetch(
            [s for n, s in old_files.items() if n in changed]
            + [s for n, s in new_files.items() if n in changed]
        )
        old = h.partial({n: s for n, s in old_files.items() if n in changed})
        new = h.partial({n: s for n, s in new_files.items() if n in changed})
        net = diff_datasets(old, new)
        span = f"{start.hexsha}..{end.hexsha}" if start is not None else end.hexsha
        commits = _log(h, span, "--", h.repo_path(TIMELINE), h.repo_path(PROCESSES))
        by_key, by_scope = _attribute(h, commits, net, warn)
        groups: list[ScopeChanges] = []
        for scope, items in net.items():
            title, path = _title_of(scope, old, new)
            groups.append(
                ScopeChanges(
                    scope,
                    title,
                    path,
                    [AttributedChange(c, by_key.get(c.key) or by_scope.get(scope)) for c in items],
                )
            )
        groups.sort(key=lambda g: (g.scope != TIMELINE_SCOPE, g.title.casefold(), g.scope))
        lines = [f"Från: {h.label(since, start)}", f"Till: {h.label(until, end)}"]
        if h.shallow:
            lines.append("Obs: grund klon – historiken är avkortad")
        return ChangeReport(
            since=h.label(since, start),
            until=h.label(until, end),
            commits=len([c for c in commits if c.entries]),
            groups=groups,
            provenance_lines=lines,
        )


def _title_of(scope: str, old: Dataset, new: Dataset) -> tuple[str, str | None]:
    if scope == TIMELINE_SCOPE:
        return "Tidslinjen och organisationen", TIMELINE
    lp = new.processes.get(scope) or old.processes.get(scope)
    if lp is not None:
        return lp.process.title, lp.path
    path = next((p for p in [*new.paths, *old.paths] if process_id(p) == scope), None)
    return scope, path


def _attribute(
    h: History, commits: list[_Commit], net: dict[str, list[Change]], warn: Warn
) -> tuple[dict[tuple[str, ...], CommitInfo], dict[str, CommitInfo]]:
    """Which commit last made each change of `net` (by key), and last touched each scope.

    Walks from the newest commit back and stops looking at a process once each
    of its changes has its commit, so a long history costs what the recent
    edits cost. Additions, removals and moves are read off the file lists
    without parsing anything.
    """
    pending = {scope: {c.key for c in changes} for scope, changes in net.items()}
    h.prefetch(
        sha
        for commit in commits
        for e in commit.entries
        if _scope_of(e.name) in pending
        for sha in (e.old, e.new)
        if sha is not None
    )
    by_key: dict[tuple[str, ...], CommitInfo] = {}
    by_scope: dict[str, CommitInfo] = {}
    cut = False
    for commit in commits:  # newest first: the first maker found is the last one
        if not any(pending.values()):
            break
        if commit.sha in h.shallow:
            cut = True  # its parent is missing: its diff would show every file as new
            continue
        old, new = _by_scope(commit, set(pending))
        for scope in old.keys() | new.keys():
            by_scope.setdefault(scope, commit.info)
            wanted = pending[scope]
            if not wanted:
                continue
            if all(k[1] in _STRUCTURAL for k in wanted):
                found = _structural(scope, old.get(scope, {}), new.get(scope, {}))
            else:
                found = _diff_versions(h, scope, old.get(scope, {}), new.get(scope, {}))
            for c in found:
                if c.key in wanted:
                    by_key[c.key] = commit.info
                    wanted.discard(c.key)
    if cut:
        warn(
            "obs: historiken är avkortad (grund klon), så alla ändringar kan inte knytas till "
            "sin commit – " + SHALLOW_HELP
        )
    return by_key, by_scope


# Changes a commit's file list tells without parsing a file.
_STRUCTURAL = ("process_added", "process_removed", "file_moved", "timeline_added")


def _structural(scope: str, old: dict[str, str], new: dict[str, str]) -> list[Change]:
    """Additions, removals and moves, told by which files a commit changed."""
    out: list[Change] = []
    kind = "timeline_added" if scope == TIMELINE_SCOPE else "process_added"
    if new and not old:
        out.append(Change(scope, kind, "", (scope, kind)))
    elif old and not new:
        out.append(Change(scope, "process_removed", "", (scope, "process_removed")))
    elif old and new and next(iter(old)) != next(iter(new)):
        name = next(iter(new))
        out.append(Change(scope, "file_moved", "", (scope, "file_moved", name)))
    return out


def _scope_of(name: str) -> str:
    return TIMELINE_SCOPE if name == TIMELINE else process_id(name)


def _by_scope(
    commit: _Commit, scopes: set[str] | None
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The files one commit changed, before and after (name → blob), by scope."""
    old: dict[str, dict[str, str]] = {}
    new: dict[str, dict[str, str]] = {}
    for e in commit.entries:
        scope = _scope_of(e.name)
        if scopes is not None and scope not in scopes:
            continue
        if e.old is not None:
            old.setdefault(scope, {})[e.name] = e.old
        if e.new is not None:
            new.setdefault(scope, {})[e.name] = e.new
    return old, new


def _diff_versions(
    h: History, scope: str, old: dict[str, str], new: dict[str, str]
) -> list[Change]:
    """The semantic changes between two versions of one scope's files."""
    before = h.partial(old)
    after = h.partial(new)
    if scope == TIMELINE_SCOPE:
        return diff_timeline(before.timeline, after.timeline)
    new_path = next(iter(new), None)
    return diff_loaded(scope, before.processes.get(scope), after.processes.get(scope), new_path)


def process_log(root: Path, pid: str, warn: Warn) -> ProcessLog:
    """Every commit on HEAD's line that touched a file of process `pid`, newest first, each
    with a one-line summary of what changed in its data.

    A process is its id, its file name: a move to another folder keeps it and is
    followed; a file with another name is another process, however alike the two are.
    A process whose file is gone says in which commit it was removed.
    """
    with open_history(root) as h:
        here = _working_ids(root)
        commits = _log(h, "HEAD", "--", h.repo_path(PROCESSES))
        mine = [(c, [e for e in c.entries if process_id(e.name) == pid]) for c in commits]
        mine = [(c, entries) for c, entries in mine if entries]
        if pid not in here and not mine:
            raise HistoryError(_unknown_process(pid, here.keys() | _ids_in_log(commits)))
        h.prefetch(sha for _, es in mine for e in es for sha in (e.old, e.new) if sha is not None)
        entries: list[LogEntry] = []
        title = pid
        for commit, changed in mine:
            old = {e.name: e.old for e in changed if e.old is not None}
            new = {e.name: e.new for e in changed if e.new is not None}
            path = next(iter(new), None) or next(iter(old))
            if commit.sha in h.shallow:
                entries.append(
                    LogEntry(
                        commit.info,
                        path,
                        "här börjar den avkortade historiken (grund klon) – äldre commits saknas",
                        [],
                    )
                )
                continue
            old_lp = h.partial(old).processes.get(pid)
            new_lp = h.partial(new).processes.get(pid)
            if new_lp is not None and title == pid:
                title = new_lp.process.title
            elif old_lp is not None and title == pid and not entries:
                title = old_lp.process.title  # removed: its last title
            changes = diff_loaded(pid, old_lp, new_lp, next(iter(new), None))
            entries.append(LogEntry(commit.info, path, one_line(changes), changes))
        if h.shallow:
            warn("obs: historiken är avkortad (grund klon) – äldre commits saknas; " + SHALLOW_HELP)
        lines = [f"Källa: {h.label('HEAD', h.repo.head.commit)}"]
        removed = None
        if pid not in here and entries and not any(n for n in _names_after(mine[0][1])):
            last = entries[0]
            removed = Removal(pid, last.path, last.commit)
            lines.insert(0, removed.sentence())
        if not entries:
            lines.insert(0, f"Ingen commit har ännu rört {here[pid]} – filen är inte incheckad")
        return ProcessLog(pid, title, entries, lines, removed)


def _names_after(entries: list[_Entry]) -> list[str]:
    """The names a commit left in place (its additions and edits)."""
    return [e.name for e in entries if e.new is not None]


def _working_ids(root: Path) -> dict[str, str]:
    """Process id → file name, in the working tree."""
    here: dict[str, str] = {}
    for name in WorkingTree(root).names():
        if name != TIMELINE:
            here.setdefault(process_id(name), name)
    return here


def _ids_in_log(commits: list[_Commit]) -> set[str]:
    return {process_id(e.name) for c in commits for e in c.entries if e.name != TIMELINE}


def _unknown_process(pid: str, known: Collection[str]) -> str:
    near = difflib.get_close_matches(pid, sorted(known), n=3, cutoff=0.5)
    hint = f" – menade du {' eller '.join(repr(n) for n in near)}?" if near else ""
    return (
        f"okänd process '{pid}'{hint} (id:t är filnamnet utan .yaml; "
        "alla id:n visas med styrning status --format json)"
    )


def removed_processes(root: Path, ids: Collection[str], at: str | None) -> dict[str, Removal]:
    """Of these ids, those whose file history shows removed: the newest removal of each.

    Read on the line of `at` (a revision or a date), else of HEAD. An id whose
    newest change there added it still exists in that commit (a removal not yet
    committed is not one). Empty where git cannot tell (no repository, no commits,
    an unknown revision): the caller then says what it would have said without history.
    """
    wanted = set(ids)
    seen: set[str] = set()
    found: dict[str, Removal] = {}
    try:
        with open_history(root) as h:
            start = h.resolve(at, "--at") if at is not None else h.repo.head.commit
            assert start is not None
            commits = _log(h, "--diff-filter=AD", start.hexsha, "--", h.repo_path(PROCESSES))
            for commit in commits:  # newest first: the first change of an id decides
                added = {process_id(e.name) for e in commit.entries if e.new is not None}
                for e in commit.entries:
                    pid = process_id(e.name)
                    if pid in wanted and pid not in seen and pid not in added:
                        found[pid] = Removal(pid, e.name, commit.info)
                seen |= added | {process_id(e.name) for e in commit.entries}
    except HistoryError:
        return {}
    return found


def remote_and_head(folder: Path) -> tuple[str, str] | None:
    """The `origin` remote's address and the HEAD commit of the repository at `folder`.

    None when `folder` is not in git, has no commit or no `origin`.
    """
    try:
        with open_history(folder) as h:
            origin = next((r for r in h.repo.remotes if r.name == "origin"), None)
            if origin is None:
                return None
            return next(iter(origin.urls)), h.repo.head.commit.hexsha
    except (HistoryError, StopIteration, ValueError):
        return None


def process_logs(root: Path, warn: Warn, at: str | None = None) -> dict[str, list[LogEntry]]:
    """The history of every process at once (as `process_log` gives one): process id →
    the commits on HEAD's line that touched its file, newest first, each with its changes.

    One `git log` for the whole tree, and each blob parsed once, so a site of thousands
    of processes costs one walk of the history, not one per process. With `at` (a
    revision or a date, as `--at` takes) the history ends there.
    """
    with open_history(root) as h:
        tip = h.resolve(at, "--at") if at is not None else None
        rev = tip.hexsha if tip is not None else "HEAD"
        commits = _log(h, rev, "--", h.repo_path(PROCESSES))
        h.prefetch(
            sha for c in commits for e in c.entries for sha in (e.old, e.new) if sha is not None
        )
        out: dict[str, list[LogEntry]] = {}
        for commit in commits:
            by_id: dict[str, list[_Entry]] = {}
            for entry in commit.entries:
                by_id.setdefault(process_id(entry.name), []).append(entry)
            for pid, changed in by_id.items():
                old = {e.name: e.old for e in changed if e.old is not None}
                new = {e.name: e.new for e in changed if e.new is not None}
                path = next(iter(new), None) or next(iter(old))
                if commit.sha in h.shallow:
                    summary = (
                        "här börjar den avkortade historiken (grund klon) – äldre commits saknas"
                    )
                    out.setdefault(pid, []).append(LogEntry(commit.info, path, summary, []))
                    continue
                old_lp = h.partial(old).processes.get(pid)
                new_lp = h.partial(new).processes.get(pid)
                changes = diff_loaded(pid, old_lp, new_lp, next(iter(new), None))
                out.setdefault(pid, []).append(
                    LogEntry(commit.info, path, one_line(changes), changes)
                )
        if h.shallow:
            warn("obs: historiken är avkortad (grund klon) – äldre commits saknas; " + SHALLOW_HELP)
        return out
