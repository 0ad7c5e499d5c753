"""Every command and every option is documented, with an example (as the README promises)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_with_examples(name: str) -> None:
    command = COMMANDS[name]
    assert "Exempel" in (command.help or ""), f"styrning {name} saknar exempel i hjälptexten"
    for param in command.params:
        text = getattr(param, "help", None) or ""
        assert text, f"styrning {name} {param.name}: ingen hjälptext"
        if not getattr(param, "is_flag", False):
            assert "Exempel" in text or "t.ex." in text, (
                f"styrning {name} {param.opts}: inget exempel"
            )
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Exempel" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_a_section_in_the_command_reference(name: str) -> None:
    reference = (PROJECT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert f"## `styrning {name}" in reference, f"docs/commands.md saknar styrning {name}"
