"""Writing a whole folder at once (the site): into a temporary sibling, then swapped in.

A reader of the folder (a web server, a colleague on a share) sees the old site or
the new one, never half of each. A folder is replaced only when it is empty or holds
an earlier site (its marker file), unless the caller forces it; the data itself is
never replaced, forced or not.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from styrning.write.atomic import WriteRefused


def check_target(target: Path, marker: str, *, force: bool, protect: Path | None = None) -> None:
    """Refuse a target that is a file, that holds (or is) `protect`, or that holds anything
    but an earlier site without `force`."""
    if target.exists() and not target.is_dir():
        raise WriteRefused(f"{target} är en fil, inte en mapp")
    if protect is not None:
        here, kept = target.resolve(), protect.resolve()
        data = kept / "processes"
        if here in (kept, data) or here in kept.parents or data in here.parents:
            raise WriteRefused(
                f"{target} innehåller datamappen {protect} – välj en annan mapp, t.ex. -o public"
            )
    if target.is_dir() and not force and any(target.iterdir()) and not (target / marker).is_file():
        raise WriteRefused(
            f"{target} finns redan och innehåller annat än en webbplats från styrning site "
            "– välj en tom mapp eller ange --force för att ersätta innehållet"
        )


def write_folder(
    target: Path,
    files: Mapping[str, str | bytes],
    marker: str,
    *,
    force: bool = False,
    protect: Path | None = None,
) -> None:
    """Write `files` (relative names) as the whole content of folder `target`."""
    check_target(target, marker, force=force, protect=protect)
    parent = target.resolve().parent
    if not parent.is_dir():
        raise WriteRefused(f"mappen {parent} finns inte")
    old: Path | None = None
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=parent))
    try:
        for name, data in files.items():
            path = fresh / name
            path.parent.mkdir(parents=True, exist_ok=True)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            path.write_bytes(raw)
        os.chmod(fresh, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.rmdir(old)
            os.replace(target, old)
        os.replace(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old is not None and old.exists() and not target.exists():
            os.replace(old, target)  # put the earlier site back
        raise
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)
