"""Writing files safely: never over an existing file unless asked, never half a file.

Every file the tool writes (`-o FILE`, `init`, `new`) goes through
`write_file`: the bytes go to a temporary file in the same folder, are
flushed to disk, and replace the target with one atomic rename. An
interrupted write leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The target exists (and `force` was not given) or cannot be written; message in Swedish."""


def write_file(path: Path, data: bytes | str, *, force: bool = False) -> None:
    """Write `data` to `path` atomically; refuse an existing file unless `force`."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    # lexists: a link, even one that points nowhere, is something to overwrite
    if os.path.lexists(path) and not force:
        raise WriteRefused(f"{path} finns redan – ange --force för att skriva över den")
    if path.is_dir():
        raise WriteRefused(f"{path} är en mapp")
    folder = path.parent
    if not folder.is_dir():
        raise WriteRefused(f"mappen {folder} finns inte")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
