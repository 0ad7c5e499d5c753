"""A console that is not UTF-8 (Windows cp1252, cp850): everything is printed, never an error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import PROJECT
from styrning.core.console import plain

COMMANDS = [
    ["status", "--as-of", "2026-06-30"],
    ["validate", "--as-of", "2026-06-30"],
    ["report", "2022"],
    ["timeline"],
    ["status", "--help"],
]


def run(args: list[str], root: Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "styrning", *args, "--root", str(root)],
        env=env,
        capture_output=True,
        check=False,
    )


def expected(text: str, encoding: str) -> str:
    """The UTF-8 output as the code page can write it: each missing character as its stand-in."""
    out = []
    for char in text:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            char = plain(char)
        out.append(char)
    return "".join(out)


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's data outside git: no commit in the provenance to change between runs."""
    root = tmp_path_factory.mktemp("projekt")
    shutil.copy(PROJECT / "timeline.yaml", root / "timeline.yaml")
    shutil.copytree(PROJECT / "processes", root / "processes")
    return root


@pytest.fixture(scope="module")
def bad_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("konsol")
    (root / "timeline.yaml").write_text(
        "organisation: Umeå kommun\norgan:\n  - id: ks\n    namn: Kommunstyrelsen\n",
        encoding="utf-8",
    )
    folder = root / "processes" / "uppdrag"
    folder.mkdir(parents=True)
    (folder / "ärende.yaml").write_text("typ: uppdrag\ntitel: Översyn – etapp 2\n", "utf-8")
    (folder / "fel.yaml").write_text("typ: uppdrag\ntitel: Åtgärd\nstatus: pågående\n", "utf-8")
    return root


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("where", ["project", "bad"])
def test_a_code_page_console_prints_everything_or_its_stand_in(
    encoding: str, args: list[str], where: str, bad_tree: Path, project_copy: Path
) -> None:
    root = project_copy if where == "project" else bad_tree
    # one right after the other: an output that names today is the same in both
    utf8 = run(args, root, "utf-8")
    got = run(args, root, encoding)
    assert got.returncode == utf8.returncode
    assert got.returncode in (0, 1), got.stderr.decode(encoding)
    for stream in ("stdout", "stderr"):
        text = getattr(got, stream).decode(encoding)
        assert "UnicodeEncodeError" not in text
        assert "Traceback" not in text
        assert text == expected(getattr(utf8, stream).decode("utf-8"), encoding)


def test_the_status_table_keeps_its_letters_and_gets_plain_borders() -> None:
    got = run(["status", "--as-of", "2026-06-30"], PROJECT, "cp1252")
    text = got.stdout.decode("cp1252")
    assert "Nästa" in text  # å, ä, ö are in the code page
    assert "Riktlinjer för" in text
    assert "┃" not in text and "━" not in text  # never in cp1252
    assert "| Typ " in text
    assert "+-" in text


def test_a_problem_names_its_file_with_slashes(bad_tree: Path) -> None:
    got = run(["validate", "--as-of", "2026-06-30"], bad_tree, "cp850")
    assert got.returncode == 1
    text = got.stdout.decode("cp850")
    assert "processes/uppdrag/fel.yaml:3:" in text
    assert "\\" not in text


@pytest.mark.parametrize(
    ("char", "stand_in"),
    [("–", "-"), ("—", "-"), ("…", "..."), ("→", "->"), ("━", "-"), ("┃", "|"), ("╇", "+")],
)
def test_stand_ins(char: str, stand_in: str) -> None:
    assert plain(char) == stand_in


@given(st.text())
def test_any_text_can_be_written_in_these_code_pages(text: str) -> None:
    for encoding in ("cp1252", "cp850", "ascii"):
        written = text.encode(encoding, errors="styrning-plain").decode(encoding)
        # what the code page has is kept as it is, the rest is its plain stand-in
        assert written == expected(text, encoding)
        assert all(plain(c).isascii() for c in text)
