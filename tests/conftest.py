"""Shared fixtures: small data trees written into temporary folders."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

TIMELINE = """\
organisation: Testkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
  - id: ks
    namn: Kommunstyrelsen
"""

TreeMaker = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def make_tree(tmp_path: Path) -> TreeMaker:
    """Write files (text is dedented) under a fresh root; timeline.yaml defaults to TIMELINE."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "data"
        root.mkdir(exist_ok=True)
        contents: dict[str, str | bytes] = {"timeline.yaml": TIMELINE, **files}
        for name, content in contents.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return make
