"""Files outside the tree.

Links under processes/ are followed only where they stay inside the root.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TIMELINE
from styrning.cli import app

runner = CliRunner()

VALID = "typ: program\ntitel: Program för test\n"
SECRET = "HEMLIGT-INNEHÅLL-7731"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "processes/program").mkdir(parents=True)
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (root / "processes/program/eget.yaml").write_text(VALID, encoding="utf-8")
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the data root, with a file that must never be read."""
    folder = tmp_path / "utanfor"
    folder.mkdir()
    # a syntax error and an unknown key: if the file were read, either would show
    (folder / "hemlig.yaml").write_text(
        f"typ: program\ntitel: {SECRET}\n{SECRET}: [ej stängd\n", encoding="utf-8"
    )
    return folder


def validate(root: Path) -> tuple[int, list[str], str]:
    result = runner.invoke(app, ["validate", "--root", str(root), "--format", "text"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_link_to_a_file_outside_is_reported_not_read(tree: Path, outside: Path) -> None:
    (tree / "processes/program/ute.yaml").symlink_to(outside / "hemlig.yaml")
    code, lines, err = validate(tree)
    assert code == 1
    assert lines == [
        "processes/program/ute.yaml:1:1: fel Y008 länken pekar utanför datamappen och läses inte"
    ]
    assert SECRET not in "\n".join(lines) + err
    assert err.strip() == "1 fel i 2 filer"


def test_relative_link_climbing_out_is_reported(tree: Path, outside: Path) -> None:
    (tree / "processes/program/ute.yaml").symlink_to("../../../utanfor/hemlig.yaml")
    code, lines, _ = validate(tree)
    assert code == 1
    assert [ln.split(": ", 1)[1] for ln in lines] == [
        "fel Y008 länken pekar utanför datamappen och läses inte"
    ]
    assert not any("Y001" in ln for ln in lines)


def test_the_outside_file_is_never_opened(
    tree: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "processes/program/ute.yaml").symlink_to(outside / "hemlig.yaml")
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(str(self.resolve()))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy)
    validate(tree)
    assert str(outside / "hemlig.yaml") not in opened
    assert str((tree / "processes/program/eget.yaml").resolve()) in opened


def test_link_inside_the_tree_is_read(tree: Path) -> None:
    (tree / "processes/program/kopia.yaml").symlink_to("eget.yaml")
    code, lines, err = validate(tree)
    # read: the copy is a second process with the same title, a warning and nothing else
    assert (code, lines) == (
        0,
        [
            "processes/program/kopia.yaml:2:8: varning I004 titeln 'Program för test' finns "
            "redan i processes/program/eget.yaml – ge processerna olika titlar, eller ta bort "
            "den ena filen om de är samma process"
        ],
    )
    assert err.strip() == "1 varning i 3 filer"


def test_link_inside_the_tree_to_a_broken_file_reports_the_file(tree: Path) -> None:
    (tree / "processes/program/trasig.yaml").write_text("typ: program\ntitel: [\n")
    (tree / "processes/program/lank.yaml").symlink_to("trasig.yaml")
    code, lines, _ = validate(tree)
    assert code == 1
    assert {ln.split(":")[0] for ln in lines} == {
        "processes/program/lank.yaml",
        "processes/program/trasig.yaml",
    }


def test_dangling_link_is_a_clear_problem(tree: Path) -> None:
    (tree / "processes/program/borta.yaml").symlink_to("finns-inte.yaml")
    code, lines, _ = validate(tree)
    assert code == 1
    assert lines == [
        "processes/program/borta.yaml:1:1: fel Y009 filen läses inte: "
        "länken pekar på en fil som inte finns"
    ]


def test_linked_folder_outside_is_not_walked(tree: Path, outside: Path) -> None:
    (tree / "processes/extern").symlink_to(outside, target_is_directory=True)
    code, lines, err = validate(tree)
    assert code == 1
    assert lines == [
        "processes/extern:1:1: fel Y008 länken pekar utanför datamappen och läses inte"
    ]
    assert SECRET not in err


def test_linked_processes_folder_outside_is_not_walked(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (root / "processes").symlink_to(outside, target_is_directory=True)
    code, lines, _ = validate(root)
    assert code == 1
    assert lines == ["processes:1:1: fel Y008 länken pekar utanför datamappen och läses inte"]


def test_linked_timeline_outside_is_not_read(tree: Path, outside: Path) -> None:
    (outside / "timeline.yaml").write_text(TIMELINE + f"{SECRET}: 1\n", encoding="utf-8")
    (tree / "timeline.yaml").unlink()
    (tree / "timeline.yaml").symlink_to(outside / "timeline.yaml")
    code, lines, _ = validate(tree)
    assert code == 1
    assert "timeline.yaml:1:1: fel Y008 länken pekar utanför datamappen och läses inte" in lines
    assert SECRET not in "\n".join(lines)


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def test_link_loops_do_not_hang(tree: Path) -> None:
    folder = tree / "processes/program"
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    (folder / "djup").mkdir()
    (folder / "djup/upp").symlink_to("..", target_is_directory=True)
    (folder / "djup/rot").symlink_to(tree, target_is_directory=True)
    done = subprocess.run(
        [sys.executable, "-m", "styrning", "validate", "--root", str(tree)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=_cap,
        timeout=20,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "processes/program/a.yaml:1:1: fel Y009 filen läses inte: "
        "länkarna går i cirkel och leder aldrig till en fil",
        "processes/program/b.yaml:1:1: fel Y009 filen läses inte: "
        "länkarna går i cirkel och leder aldrig till en fil",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_named_pipe_is_not_read(tree: Path) -> None:
    os.mkfifo(tree / "processes/program/ror.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "styrning", "validate", "--root", str(tree)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=_cap,
        timeout=20,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "processes/program/ror.yaml:1:1: fel Y009 filen läses inte: "
        "är ingen vanlig fil (en mapp, enhet eller namngiven pipe)"
    ]


def test_link_outside_to_nothing_is_outside_not_missing(tree: Path, tmp_path: Path) -> None:
    """Nothing outside is looked at, not even whether it exists."""
    (tree / "processes/program/ute.yaml").symlink_to(tmp_path / "finns-inte" / "x.yaml")
    code, lines, _ = validate(tree)
    assert code == 1
    assert lines == [
        "processes/program/ute.yaml:1:1: fel Y008 länken pekar utanför datamappen och läses inte"
    ]


def test_control_characters_in_a_file_name_are_reported_escaped(tree: Path) -> None:
    (tree / "processes/program/rad\nbryt.yaml").write_text(VALID, encoding="utf-8")
    (tree / "processes/program/\x1b[2J.yaml").write_text(VALID, encoding="utf-8")
    code, lines, _ = validate(tree)
    assert code == 1
    assert lines == [
        "processes/program/\\u001b[2J.yaml:1:1: fel Y009 filen läses inte: "
        "filnamnet innehåller kontrolltecken – byt namn",
        "processes/program/rad\\nbryt.yaml:1:1: fel Y009 filen läses inte: "
        "filnamnet innehåller kontrolltecken – byt namn",
    ]


def test_unreadable_file_is_a_problem_in_swedish(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # root reads any file, so the refusal is simulated where the file is opened
    (tree / "processes/program/last.yaml").write_text(VALID, encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "last.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    code, lines, _ = validate(tree)
    assert code == 1
    assert lines == [
        "processes/program/last.yaml:1:1: fel Y009 filen läses inte: läsrättighet saknas"
    ]
