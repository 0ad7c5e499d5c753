"""Which data files there are, and their bytes: the working tree on disk.

`FileSet` is what the loader reads through: the working tree here, a git
revision in `history/git.py`, files in memory in tests. Walking the folder
is kept apart from loading what it finds.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from styrning.core.problems import START, Problem, one_line
from styrning.read.source import MAX_FILE_BYTES

TIMELINE = "timeline.yaml"
PROCESSES = "processes"


class FileSet(Protocol):
    """Where the data files come from: names relative to the root, with '/'."""

    def names(self) -> list[str]: ...

    def read(self, name: str) -> bytes: ...


@dataclass
class WorkingTree:
    """The files under a root folder on disk.

    Links that lead outside the root are reported, never read; so are links
    that lead nowhere or in a circle, and anything that is not a regular file
    (a named pipe would make a read wait forever). A file is read only up to
    just past the size limit.
    """

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def names(self) -> list[str]:
        names: list[str] = []
        real_root = self.root.resolve()
        if os.path.lexists(self.root / TIMELINE) and self._readable(TIMELINE, real_root):
            names.append(TIMELINE)
        base = self.root / PROCESSES
        if base.is_symlink() and not _inside(base, real_root):
            self._outside(base)
            return names
        if not base.is_dir():
            return names
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            here = Path(dirpath)
            dirnames.sort()
            for d in list(dirnames):
                target = here / d
                if target.is_symlink() and not _inside(target, real_root):
                    dirnames.remove(d)
                    self._outside(target)
            for name in sorted(filenames):
                if not name.endswith((".yaml", ".yml")):
                    continue
                rel = (here / name).relative_to(self.root).as_posix()
                if one_line(rel) != rel:
                    # a line break or terminal escape in a name would break every output
                    self._unreadable(
                        one_line(rel), "filnamnet innehåller kontrolltecken – byt namn"
                    )
                elif self._readable(rel, real_root):
                    names.append(rel)
        return names

    def _readable(self, rel: str, real_root: Path) -> bool:
        """Whether `rel` is a regular file inside the root; if not, say why once."""
        path = self.root / rel
        if path.is_symlink():
            # outside first: nothing out there is looked at, not even whether it exists
            try:
                outside = not _inside(path, real_root, loops=True)
            except RuntimeError:
                return self._unreadable(rel, _LOOP)
            if outside:
                self._outside(path)
                return False
            try:
                os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return self._unreadable(rel, _LOOP)
                return self._unreadable(rel, "länken pekar på en fil som inte finns")
        if not path.is_file():
            return self._unreadable(
                rel, "är ingen vanlig fil (en mapp, enhet eller namngiven pipe)"
            )
        return True

    def _unreadable(self, rel: str, why: str) -> bool:
        self.problems.append(Problem.at(rel, START, "Y009", f"filen läses inte: {why}"))
        return False

    def _outside(self, path: Path) -> None:
        rel = one_line(path.relative_to(self.root).as_posix())
        self.problems.append(
            Problem.at(rel, START, "Y008", "länken pekar utanför datamappen och läses inte")
        )

    def read(self, name: str) -> bytes:
        # Past the limit the size no longer matters: never hold a huge file in memory.
        with (self.root / name).open("rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)


_LOOP = "länkarna går i cirkel och leder aldrig till en fil"


def _inside(path: Path, real_root: Path, *, loops: bool = False) -> bool:
    """Whether `path`, links followed, is under `real_root`; with `loops`, a loop raises."""
    try:
        path.resolve().relative_to(real_root)
    except RuntimeError:
        if loops:
            raise
        return False
    except (ValueError, OSError):
        return False
    return True


def find_root(start: Path) -> Path | None:
    """The first folder from `start` upwards that holds timeline.yaml."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / TIMELINE).is_file():
            return folder
    return None
