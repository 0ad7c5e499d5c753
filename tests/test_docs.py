"""The README's console examples are run against the project's data and must match, and
every link between the documents leads to a file that exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app

DOCS = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]


def console_examples(path: Path) -> list[tuple[str, str]]:
    """(command line, expected output) for every ```console block with one command."""
    text = path.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        first, _, output = block.partition("\n")
        if first.startswith("$ styrning ") and "\n$ " not in output:
            found.append((first.removeprefix("$ "), output))
    return found


README_EXAMPLES = console_examples(PROJECT / "README.md")


def test_the_readme_is_the_short_entry() -> None:
    assert len((PROJECT / "README.md").read_text(encoding="utf-8").splitlines()) <= 200
    assert len(README_EXAMPLES) >= 3


@pytest.mark.parametrize(("command", "expected"), README_EXAMPLES)
def test_a_readme_example_prints_what_it_shows(
    command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    # what a terminal shows (stdout and stderr); the commit the data was read at changes
    # with every commit, so the examples leave that line out
    printed = [line for line in result.output.splitlines() if not line.startswith("Källa: ")]
    assert printed == expected.splitlines()


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_links_between_documents_lead_somewhere(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" in target:
            continue
        assert (path.parent / target).exists(), f"{path.name}: {target}"
