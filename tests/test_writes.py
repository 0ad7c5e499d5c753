"""Writes are safe: `write_file` and every command's `-o FILE`.

Never over an existing file without force, never half a file, never into a
folder; `-o` is found on each registered command by its options, so a
command added later is covered as soon as it has `-o`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from styrning.cli import app
from styrning.write.atomic import WriteRefused, write_file
from test_readonly import SAMPLES, WRITERS, make_repo, registered

runner = CliRunner()
OLD = "gammalt innehåll som inte får gå förlorat\n"


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_new_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    write_file(target, "# Rapport\nå ä ö\n")
    assert target.read_bytes() == "# Rapport\nå ä ö\n".encode()
    assert leftovers(tmp_path, {"rapport.md"}) == []


def test_existing_file_is_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(WriteRefused) as refused:
        write_file(target, "nytt")
    assert str(refused.value) == f"{target} finns redan – ange --force för att skriva över den"
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {"rapport.md"}) == []


def test_existing_file_is_replaced_with_force(tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    target.write_text(OLD, encoding="utf-8")
    write_file(target, b"nytt\n", force=True)
    assert target.read_bytes() == b"nytt\n"
    assert leftovers(tmp_path, {"rapport.md"}) == []


def test_dangling_link_counts_as_existing(tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    target.symlink_to(tmp_path / "finns-inte.md")
    with pytest.raises(WriteRefused, match="finns redan"):
        write_file(target, "nytt")
    assert not (tmp_path / "finns-inte.md").exists()


def test_link_is_replaced_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "annan.md"
    elsewhere.write_text(OLD, encoding="utf-8")
    target = tmp_path / "rapport.md"
    target.symlink_to(elsewhere)
    write_file(target, "nytt\n", force=True)
    assert elsewhere.read_text(encoding="utf-8") == OLD
    assert not target.is_symlink()
    assert target.read_text(encoding="utf-8") == "nytt\n"


@pytest.mark.parametrize("force", [False, True])
def test_folder_target_is_never_written_into(tmp_path: Path, force: bool) -> None:
    folder = tmp_path / "rapport.md"
    folder.mkdir()
    (folder / "inne.txt").write_text(OLD, encoding="utf-8")
    with pytest.raises(WriteRefused):
        write_file(folder, "nytt", force=force)
    assert sorted(p.name for p in folder.iterdir()) == ["inne.txt"]
    assert (folder / "inne.txt").read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {"rapport.md"}) == []


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused) as refused:
        write_file(tmp_path / "saknas" / "rapport.md", "nytt")
    assert str(refused.value) == f"mappen {tmp_path / 'saknas'} finns inte"


class Interrupted(Exception):
    pass


def test_interrupted_rename_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rapport.md"
    target.write_text(OLD, encoding="utf-8")

    def fail(*args: Any) -> None:
        raise Interrupted

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(Interrupted):
        write_file(target, "nytt " * 100_000, force=True)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {"rapport.md"}) == []


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
def test_interrupted_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    """A write that stops halfway (Ctrl-C, a full disk) never reaches the target."""
    target = tmp_path / "rapport.md"
    target.write_text(OLD, encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            raise error

        def __getattr__(self, name: str) -> Any:
            return getattr(self.fh, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(error):
        write_file(target, "nytt " * 100_000, force=True)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {"rapport.md"}) == []


# ---- -o FILE on every command that has it ----


def _params(name: str) -> list[Any]:
    return list(registered()[name].params)


def _opts(name: str) -> set[str]:
    return {o for p in _params(name) for o in getattr(p, "opts", [])}


def _extension(name: str) -> str:
    """A file extension the command's --format accepts, so -o alone picks a format."""
    for p in _params(name):
        if "--format" in getattr(p, "opts", []):
            kind = getattr(p, "type", None) or getattr(p, "type_descriptor", None)
            choices = [str(getattr(c, "value", c)) for c in getattr(kind, "choices", None) or []]
            for fmt, ext in (("text", ".txt"), ("md", ".md"), ("json", ".json"), ("ics", ".ics")):
                if fmt in choices:
                    return ext
    return ".txt"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's data in a git repository (history commands need one)."""
    root = make_repo(tmp_path / "data", monkeypatch)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("name", sorted(set(registered()) - WRITERS))
def test_output_option_refuses_to_overwrite(name: str, data: Path, tmp_path: Path) -> None:
    if "-o" not in _opts(name):
        pytest.skip(f"styrning {name} has no -o")
    target = tmp_path / f"ut{_extension(name)}"
    target.write_text(OLD, encoding="utf-8")
    args = [name, *SAMPLES.get(name, []), "-o", str(target)]
    if "--root" in _opts(name):
        args += ["--root", str(data)]

    refused = runner.invoke(app, args)

    assert refused.exit_code == 2, refused.output
    assert "finns redan" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {"data", target.name}) == []

    if "--force" not in _opts(name):
        pytest.fail(f"styrning {name} has -o but no --force to overwrite")
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") != OLD
    assert leftovers(tmp_path, {"data", target.name}) == []


# ---- init and new, once they are registered ----

HOSTILE_TITLES = ["../../../utanfor", "/tmp/absolut", "..", "a/../../b", "processes/../../c"]


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but those in .git (a writing command may stage its file)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".git" not in p.relative_to(folder).parts
    }


def _root_args(name: str, root: Path) -> list[str]:
    return ["--root", str(root)] if "--root" in _opts(name) else []


@pytest.mark.skipif("new" not in registered(), reason="styrning new is not registered yet")
@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_new_writes_only_inside_processes(title: str, data: Path, tmp_path: Path) -> None:
    before = files_under(tmp_path)
    elsewhere = set(Path("/tmp").glob("absolut*"))
    result = runner.invoke(app, ["new", "program", title, *_root_args("new", data)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    after = files_under(tmp_path)
    added = sorted(set(after) - set(before))
    assert all(name.startswith("data/processes/") for name in added), added
    assert all(after[name] == before[name] for name in before), "an existing file changed"
    assert set(Path("/tmp").glob("absolut*")) == elsewhere


@pytest.mark.skipif("new" not in registered(), reason="styrning new is not registered yet")
def test_new_never_overwrites_an_existing_process(data: Path, tmp_path: Path) -> None:
    before = files_under(data)
    first = runner.invoke(app, ["new", "program", "Samma titel", *_root_args("new", data)])
    assert first.exit_code == 0, first.output
    created = {k: v for k, v in files_under(data).items() if k not in before}
    assert len(created) == 1, created
    ((name, content),) = created.items()
    edited = content + "# ifylld av handläggaren\n".encode()
    (data / name).write_bytes(edited)
    runner.invoke(app, ["new", "program", "Samma titel", *_root_args("new", data)])
    assert (data / name).read_bytes() == edited


@pytest.mark.skipif("init" not in registered(), reason="styrning init is not registered yet")
def test_init_never_overwrites_existing_data(data: Path, tmp_path: Path) -> None:
    before = files_under(tmp_path)
    runner.invoke(app, ["init", str(data)])
    after = files_under(tmp_path)
    assert all(after[name] == before[name] for name in before), "init changed existing data"
    assert all(name.startswith("data/") for name in set(after) - set(before))
