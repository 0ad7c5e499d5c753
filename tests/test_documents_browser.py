"""The HTML documents opened in Chromium as their readers open them, checked with axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from browser import axe_violations, describe, horizontal_overflow, open_file
from conftest import PROJECT
from styrning.cli import app

runner = CliRunner()

# The documents of the project's own data, as an official would make them.
DOCUMENTS = {
    "report": ["report", "våren 2022", "--as-of", "2022-04-15"],
    "brief": ["brief", "--organ", "ks", "--meeting", "2022-05-17"],
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("documents")
    made = {}
    for name, args in DOCUMENTS.items():
        out = folder / f"{name}.html"
        result = runner.invoke(app, [*args, "--root", str(PROJECT), "-o", str(out)])
        assert result.exit_code == 0, result.output
        made[name] = out
    return made


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_has_no_wcag_violation(
    browser: Any, documents: dict[str, Path], name: str, width: int
) -> None:
    opened = open_file(browser, documents[name], width=width)
    try:
        violations = axe_violations(opened.page)
        assert violations == [], describe(violations)
        assert opened.console_errors == []
        assert opened.outside(documents[name].parent) == []
        assert horizontal_overflow(opened.page) <= 0
    finally:
        opened.page.context.close()
