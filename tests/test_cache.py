"""The parse cache: outputs with it are those without it, byte for byte, whatever happens to it."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import realistic
from conftest import PROJECT
from gitrepo import commit, init
from styrning.cli import app
from styrning.read import cache

sys.path.insert(0, str(PROJECT / "bench"))
import generate  # bench/generate.py

FORMATS = ["text", "json", "github", "gitlab", "sarif", "junit"]
AS_OF = "2026-06-30"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache of this test's own, closed afterwards."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_ENV, str(where))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    cache.reset()
    yield where
    cache.reset()


def outputs(root: Path, *more: str) -> list[tuple[int, str]]:
    """validate in every format and status as text and JSON: exit codes and stdout."""
    runs = [["validate", "--format", f, "--as-of", AS_OF] for f in FORMATS]
    runs += [["status", "--as-of", AS_OF], ["status", "--format", "json", "--as-of", AS_OF]]
    got = []
    for args in runs:
        result = CliRunner().invoke(app, [*more, *args, "--root", str(root)])
        assert result.exit_code in (0, 1), result.output
        got.append((result.exit_code, result.stdout))
    return got


def rows(where: Path) -> list[tuple[bytes, bytes, int]]:
    cache.close()  # what is pending is written
    with sqlite3.connect(where / cache.FILE) as db:
        return db.execute("SELECT key, value, used FROM parsed ORDER BY key").fetchall()


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


# An edit of a file between two runs: what it does to the bytes.
EDITS = ["title", "truncate", "garbage", "delete", "copy-to-new", "swap", "tab", "date"]


def apply_edit(root: Path, kind: str, rng: random.Random) -> None:
    files = sorted(p for p in (root / "processes").rglob("*.yaml"))
    if not files:
        return
    path = rng.choice(files)
    raw = path.read_bytes()
    if kind == "title":
        path.write_bytes(raw.replace(b"titel: ", b"titel: Ny ", 1))
    elif kind == "truncate":
        path.write_bytes(raw[: rng.randrange(len(raw) + 1)])
    elif kind == "garbage":
        at = rng.randrange(len(raw) + 1)
        path.write_bytes(raw[:at] + bytes(rng.randrange(256) for _ in range(5)) + raw[at:])
    elif kind == "delete":
        path.unlink()
    elif kind == "copy-to-new":
        # the same bytes under another name: an id of its own, and a duplicate title
        (path.parent / f"kopia-{rng.randrange(1000)}.yaml").write_bytes(raw)
    elif kind == "swap":
        other = rng.choice(files)
        other_raw = other.read_bytes()
        other.write_bytes(raw)
        path.write_bytes(other_raw)
    elif kind == "tab":
        path.write_bytes(raw.replace(b"\n  ", b"\n\t", 1))
    elif kind == "date":
        path.write_bytes(raw.replace(b"datum: 20", b"datum: 19", 1))


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=4),
)
def test_outputs_with_the_cache_are_those_without_it(
    cache_dir: Path, tmp_path_factory: pytest.TempPathFactory, seed: int, edits: list[str]
) -> None:
    root = tmp_path_factory.mktemp("kommun")
    write_tree(root, dict(realistic.generate(seed, size=12).files()))
    rng = random.Random(seed)
    first = outputs(root)  # fills the cache (entries from earlier examples may be hit)
    assert first == outputs(root, "--no-cache")
    assert first == outputs(root)  # warm: every file from the cache
    for kind in edits:
        apply_edit(root, kind, rng)
        assert outputs(root) == outputs(root, "--no-cache")
    assert outputs(root) == outputs(root, "--no-cache")


def garble(value: bytes, how: str, rng: random.Random) -> bytes:
    if how == "truncate":
        return value[: rng.randrange(len(value))]
    if how == "flip":
        at = rng.randrange(len(value))
        return value[:at] + bytes([value[at] ^ (1 + rng.randrange(255))]) + value[at + 1 :]
    if how == "random":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    if how == "empty":
        return b""
    return value[len(value) // 2 :] + value[: len(value) // 2]  # "rotate"


@pytest.mark.parametrize("how", ["truncate", "flip", "random", "empty", "rotate", "moved"])
def test_garbled_entries_change_no_output_and_are_written_anew(
    cache_dir: Path, tmp_path: Path, how: str
) -> None:
    root = tmp_path / "data"
    write_tree(root, dict(realistic.generate(3, size=15).files()))
    (root / "processes" / "uppdrag" / "trasig.yaml").write_bytes(b"typ: uppdrag\ntitel: [\n")
    clean = outputs(root, "--no-cache")
    assert outputs(root) == clean
    before = rows(cache_dir)
    assert len(before) == 16 + 1  # every process file and timeline.yaml
    rng = random.Random(how)
    with sqlite3.connect(cache_dir / cache.FILE) as db:
        if how == "moved":
            # each value under another file's key: whole, but not this file's
            values = [v for _, v, _ in before]
            for (key, _, _), value in zip(before, values[1:] + values[:1], strict=True):
                db.execute("UPDATE parsed SET value = ? WHERE key = ?", (value, key))
        else:
            for key, value, _ in before:
                db.execute(
                    "UPDATE parsed SET value = ? WHERE key = ?", (garble(value, how, rng), key)
                )
    assert outputs(root) == clean
    assert rows(cache_dir) == before  # each entry was ignored and written anew
    assert outputs(root) == clean


@pytest.mark.parametrize("how", ["garbage", "truncated", "empty"])
def test_a_broken_database_file_is_started_afresh(
    cache_dir: Path, tmp_path: Path, how: str
) -> None:
    root = tmp_path / "data"
    write_tree(root, dict(realistic.generate(4, size=10).files()))
    clean = outputs(root, "--no-cache")
    assert outputs(root) == clean
    path = cache_dir / cache.FILE
    cache.close()
    raw = path.read_bytes()
    broken = {"garbage": os.urandom(len(raw)), "truncated": raw[:1000], "empty": b""}[how]
    path.write_bytes(broken)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    cache.reset()
    assert outputs(root) == clean
    assert len(rows(cache_dir)) == 11
    assert outputs(root) == clean


def test_a_cache_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    write_tree(root, dict(realistic.generate(5, size=6).files()))
    blocked = tmp_path / "fil"
    blocked.write_text("en fil, ingen mapp\n", encoding="utf-8")
    monkeypatch.setenv(cache.DIR_ENV, str(blocked / "cache"))
    cache.reset()
    try:
        assert outputs(root) == outputs(root, "--no-cache")
    finally:
        cache.reset()


def test_another_version_never_reads_an_entry(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    write_tree(root, dict(realistic.generate(6, size=5).files()))
    outputs(root)
    keys = {k for k, _, _ in rows(cache_dir)}
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    monkeypatch.setattr(cache, "_SALT", cache._salt())
    outputs(root)
    now = {k for k, _, _ in rows(cache_dir)}
    assert keys < now
    assert len(now) == 2 * len(keys)  # the other version's entries beside this one's


def test_the_cache_is_bounded_and_drops_the_entries_used_longest_ago(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old"
    write_tree(old, dict(realistic.generate(7, size=20).files()))
    outputs(old)
    old_rows = rows(cache_dir)
    old_size = sum(len(v) for _, v, _ in old_rows)
    with sqlite3.connect(cache_dir / cache.FILE) as db:
        db.execute("UPDATE parsed SET used = used - 30")  # a month ago
    new = tmp_path / "new"
    write_tree(new, dict(realistic.generate(8, size=20).files()))
    # room for a little more than one tree's entries
    monkeypatch.setenv(cache.MAX_ENV, str(old_size * 1.3 / 1024 / 1024))
    cache.reset()
    clean = outputs(new, "--no-cache")
    assert outputs(new) == clean
    left = rows(cache_dir)
    assert sum(len(v) for _, v, _ in left) <= old_size * 1.3
    today = int(dt.datetime.now(dt.UTC).timestamp() // 86400)
    assert sum(1 for _, _, used in left if used == today) >= 21  # the new tree's, all kept
    assert len(left) < len(old_rows) + 21  # old ones were dropped
    assert outputs(new) == clean


def test_no_cache_and_the_environment_bypass_it(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    write_tree(root, dict(realistic.generate(9, size=4).files()))
    outputs(root, "--no-cache")
    assert not cache_dir.exists()
    monkeypatch.setenv(cache.OFF_ENV, "1")
    outputs(root)
    assert not cache_dir.exists()
    monkeypatch.delenv(cache.OFF_ENV)
    outputs(root)
    assert (cache_dir / cache.FILE).is_file()


def test_the_cache_folder_follows_the_platform_and_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "här"))
    assert cache.folder() == tmp_path / "här"
    monkeypatch.delenv(cache.DIR_ENV)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "styrning"
    monkeypatch.setenv("XDG_CACHE_HOME", "relativ")  # not absolute: ignored, as the spec says
    monkeypatch.setenv("HOME", str(tmp_path / "hem"))
    assert cache.folder() == tmp_path / "hem" / ".cache" / "styrning"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert cache.folder() == tmp_path / "local" / "styrning" / "Cache"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache.folder() == tmp_path / "hem" / "Library" / "Caches" / "styrning"


def test_nothing_is_written_in_the_data_folder(cache_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_tree(root, dict(realistic.generate(10, size=5).files()))
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    outputs(root)
    outputs(root)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert (cache_dir / cache.FILE).is_file()


def test_two_processes_filling_the_cache_at_once(cache_dir: Path, tmp_path: Path) -> None:
    # enough files to parse in workers, both writing their entries at the same moment
    root = tmp_path / "korpus"
    generate.generate(root, 300)
    env = {**os.environ, cache.DIR_ENV: str(cache_dir), "STYRNING_JOBS": "2"}
    argv = [sys.executable, "-m", "styrning", "validate", "--as-of", AS_OF, "--root", str(root)]
    clean = subprocess.run([*argv, "--no-cache"], env=env, capture_output=True, check=False)
    assert clean.returncode == 1
    both = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate()[0] for p in both]
    assert [p.returncode for p in both] == [1, 1]
    assert outs == [clean.stdout, clean.stdout]
    with sqlite3.connect(cache_dir / cache.FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM parsed").fetchone() == (301,)
    warm = subprocess.run(argv, env=env, capture_output=True, check=False)
    assert warm.stdout == clean.stdout


def test_a_revision_in_git_reads_only_the_files_the_cache_lacks(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from styrning.history.git import GitTree

    repo = init(tmp_path / "repo")
    files = dict(realistic.generate(11, size=12).files())
    commit(repo, dict(files), "första", "2022-01-10T10:00:00+01:00")
    first = sorted(files)[1]
    commit(
        repo,
        {first: files[first].replace("titel: ", "titel: Ändrad ", 1)},
        "andra",
        "2022-02-10T10:00:00+01:00",
    )
    wanted: list[list[str]] = []
    real_want = GitTree.want

    def want(self: GitTree, names: list[str]) -> None:
        wanted.append(list(names))
        real_want(self, names)

    monkeypatch.setattr(GitTree, "want", want)
    args = ["status", "--as-of", AS_OF, "--root", str(repo)]
    at_first = CliRunner().invoke(app, [*args, "--at", "2022-01-15"])
    assert len(wanted) == 1 and sorted(wanted[0]) == sorted(files)  # a cold cache
    wanted.clear()
    at_second = CliRunner().invoke(app, [*args, "--at", "2022-02-15"])
    assert wanted == [[first]]  # the one file changed since; the rest came from the cache
    assert at_second.stdout != at_first.stdout
    assert "Ändrad" in at_second.stdout
    clean = CliRunner().invoke(app, ["--no-cache", *args, "--at", "2022-02-15"])
    assert at_second.stdout == clean.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_cache_is_taken_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "cache"
    env = {**os.environ, cache.DIR_ENV: str(folder)}
    env.pop(cache.OFF_ENV, None)
    args = ["validate", "--root", str(PROJECT)]
    args = ["--no-cache", *args] if where == "before" else [*args, "--no-cache"]
    done = subprocess.run(
        [sys.executable, "-m", "styrning", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not folder.exists()
    again = subprocess.run(
        [sys.executable, "-m", "styrning", "validate", "--root", str(PROJECT)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.stdout == done.stdout
    assert (folder / cache.FILE).is_file()
