"""A cache of parsed files outside the repository: what a warm run need not parse again.

An entry holds what parsing one file gives (its values, its problems, its line
count and whether it has a node tree: the same that a worker process sends
back, see `reading.py`), keyed by the file's path and content. The content is
named by its git blob id, which a revision in git already has without reading
a byte and which is cheap to compute for a file on disk. The styrning, Python
and PyYAML versions are part of the key, so another version never reads an
entry it did not write.

It is never wrong, only slower when it fails:

- one SQLite database (stdlib; WAL, so readers never wait for a writer, and
  each run's new entries go in one atomic transaction; two processes writing
  at once are serialised by SQLite);
- every value carries a digest of itself: a truncated, garbled or foreign
  value is ignored, the file is parsed, and the entry is written anew;
- a database SQLite cannot read is removed and started afresh; any other
  failure (a folder that cannot be written, a database locked for long)
  turns the cache off for the run, never into an error;
- the values in it are bounded (`STYRNING_CACHE_MAX_MB`, default 256 MiB):
  the entries used longest ago are dropped first.

Where: `STYRNING_CACHE_DIR`, else the user's cache folder
(`$XDG_CACHE_HOME/styrning` or `~/.cache/styrning`; `%LOCALAPPDATA%\\styrning\\Cache`
on Windows; `~/Library/Caches/styrning` on macOS), never the data folder.
`STYRNING_NO_CACHE=1` or `--no-cache` bypasses it.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from styrning import __version__

if TYPE_CHECKING:
    import sqlite3

DIR_ENV = "STYRNING_CACHE_DIR"
OFF_ENV = "STYRNING_NO_CACHE"
MAX_ENV = "STYRNING_CACHE_MAX_MB"
DEFAULT_MAX_MB = 256
FILE = "parsed-v1.sqlite3"
_MAGIC = b"SP1"
_DIGEST = 16
_CHUNK = 500  # keys per SELECT, well under SQLite's limit of bound values

# Set by `--no-cache` for this invocation (the CLI sets it on every invocation).
bypass = False


def folder() -> Path:
    """The folder the cache lives in."""
    given = os.environ.get(DIR_ENV, "").strip()
    if given:
        return Path(given)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "styrning" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "styrning"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "styrning"


def enabled() -> bool:
    return not bypass and os.environ.get(OFF_ENV, "").strip() not in ("1", "true", "yes")


def blob_id(raw: bytes) -> str:
    """The git blob id of these bytes (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def _salt() -> bytes:
    import yaml

    py = sys.version_info
    return f"{__version__}\0{py.major}.{py.minor}\0{yaml.__version__}\0".encode()


def key_of(path: str, blob: str) -> bytes:
    """The key of one file: its path, its content's blob id and the versions that parse it."""
    return hashlib.blake2b(
        _SALT + path.encode("utf-8", "surrogateescape") + b"\0" + blob.encode("ascii"),
        digest_size=20,
    ).digest()


def _digest(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_DIGEST, key=key[:64]).digest()


def seal(key: bytes, payload: bytes) -> bytes:
    """A value as stored: a mark, a digest of the key and payload, the payload."""
    return _MAGIC + _digest(key, payload) + payload


def unseal(key: bytes, value: object) -> bytes | None:
    """The payload of a stored value, or None when it is not one this version wrote whole
    for this key (a value moved to another key does not pass either)."""
    if not isinstance(value, bytes) or not value.startswith(_MAGIC):
        return None
    start = len(_MAGIC) + _DIGEST
    payload = value[start:]
    if _digest(key, payload) != value[len(_MAGIC) : start]:
        return None
    return payload


class Store:
    """The open cache: reads at once, writes kept until `flush` (one transaction)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.pending: dict[bytes, bytes] = {}
        self.touched: set[bytes] = set()
        self.today = int(time.time() // 86400)
        self.pruned = False

    def get_many(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """The payloads found whole for these keys; the rest are misses."""
        import sqlite3

        out: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                part = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(part))
                rows = self.db.execute(
                    f"SELECT key, value, used FROM parsed WHERE key IN ({marks})", part
                ).fetchall()
                for key, value, used in rows:
                    payload = unseal(key, value)
                    if payload is None:
                        continue  # a miss: parsed again and written anew
                    out[key] = payload
                    if used != self.today:
                        self.touched.add(key)
        except sqlite3.Error as exc:
            _close(broken=not isinstance(exc, sqlite3.OperationalError))
            return {}
        return out

    def put(self, key: bytes, payload: bytes) -> None:
        self.pending[key] = seal(key, payload)

    def flush(self) -> None:
        """Write what is pending in one transaction; on any failure, write nothing."""
        import sqlite3

        if not self.pending and not self.touched:
            return
        pending, self.pending = self.pending, {}
        touched, self.touched = self.touched, set()
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO parsed (key, value, used) VALUES (?, ?, ?)",
                    [(k, v, self.today) for k, v in pending.items()],
                )
                self.db.executemany(
                    "UPDATE parsed SET used = ? WHERE key = ?",
                    [(self.today, k) for k in touched - pending.keys()],
                )
            if pending and not self.pruned:
                self.pruned = True
                self._prune()
        except sqlite3.Error:
            _close(broken=False)

    def _prune(self) -> None:
        """Drop the entries used longest ago while the values exceed the bound."""
        limit = _max_bytes()
        (total,) = self.db.execute("SELECT coalesce(sum(length(value)), 0) FROM parsed").fetchone()
        if total <= limit:
            return
        goal = total - int(limit * 0.8)  # room for a while, so pruning is rare
        dropped = 0
        doomed: list[bytes] = []
        for key, size in self.db.execute(
            "SELECT key, length(value) FROM parsed ORDER BY used, key"
        ).fetchall():
            if dropped >= goal:
                break
            doomed.append(key)
            dropped += size
        with self.db:
            self.db.executemany("DELETE FROM parsed WHERE key = ?", [(k,) for k in doomed])


def _max_bytes() -> int:
    given = os.environ.get(MAX_ENV, "").strip()
    mb = float(given) if given.replace(".", "", 1).isdigit() else DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


_SALT = b""
_STORE: Store | None = None
_WHERE: Path | None = None  # the folder of _STORE, or of the last failure
_FAILED = False
_REGISTERED: list[bool] = []


def store() -> Store | None:
    """The cache of this process, opened on first use; None when off or unusable."""
    global _STORE, _FAILED, _SALT, _WHERE
    if not enabled():
        return None
    where = folder()
    if where != _WHERE:  # moved (STYRNING_CACHE_DIR): another cache
        reset()
        _WHERE = where
    if _FAILED:
        return None
    if _STORE is not None:
        return _STORE
    if not _SALT:
        _SALT = _salt()
    db = _connect(where / FILE)
    if db is None:
        _FAILED = True
        return None
    _STORE = Store(db)
    if not _REGISTERED:
        _REGISTERED.append(True)
        atexit.register(close)
    return _STORE


def _connect(path: Path) -> sqlite3.Connection | None:
    import sqlite3

    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
            db.isolation_level = "DEFERRED"
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS parsed "
                "(key BLOB PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID"
            )
            db.execute("SELECT count(*) FROM parsed WHERE key = x''").fetchone()
            return db
        except sqlite3.DatabaseError:
            # not a database (truncated or overwritten): start afresh, once
            if attempt:
                return None
            for suffix in ("", "-wal", "-shm"):
                try:
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                except OSError:
                    return None
        except (sqlite3.Error, OSError):
            return None
    return None


def flush() -> None:
    """Write the entries made so far (each command's reading calls this when it is done)."""
    if _STORE is not None:
        _STORE.flush()


def close() -> None:
    """Write what is pending and close; the next use opens the cache again."""
    global _STORE
    found, _STORE = _STORE, None
    if found is not None:
        found.flush()
        with contextlib.suppress(Exception):  # closing a broken database: nothing to lose
            found.db.close()


def _close(*, broken: bool) -> None:
    """Give up on the cache for this process after a failure (a broken file is removed)."""
    global _STORE, _FAILED
    found, _STORE = _STORE, None
    _FAILED = True
    if found is None:
        return
    with contextlib.suppress(Exception):  # a broken database may fail to close
        found.db.close()
    if broken and _WHERE is not None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{_WHERE / FILE}{suffix}").unlink(missing_ok=True)


def reset() -> None:
    """Forget this process's state (tests: another folder, or the cache back on)."""
    global _FAILED, _WHERE
    close()
    _FAILED = False
    _WHERE = None


__all__ = ["Store", "blob_id", "close", "enabled", "flush", "folder", "key_of", "reset", "store"]
