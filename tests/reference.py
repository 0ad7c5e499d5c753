"""The generated references in docs/: every command from the app itself, every code from the
code table. `tests/test_reference.py` fails when the files are stale; to write them again:

    .venv/bin/python tests/reference.py
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

import typer.main

PROJECT = Path(__file__).resolve().parent.parent
COMMANDS_FILE = PROJECT / "docs" / "kommandon.md"
CODES_FILE = PROJECT / "docs" / "koder.md"

GENERATED = (
    "<!-- Skapad av tests/reference.py ur programmet självt; ändra inte för hand. "
    "Ett test fallerar när filen är inaktuell. -->"
)


def _param_row(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{(param.metavar or param.name or '').upper()}`"
    else:
        name = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
    help_text = " ".join((getattr(param, "help", None) or "").split()).replace("|", "\\|")
    return f"| {name} | {help_text} |"


def _command_section(path: str, command: Any) -> list[str]:
    ctx = command.context_class(command, info_name=path)
    lines = [f"## `{path}`", ""]
    usage = command.get_usage(ctx).partition(":")[2].strip()  # without "Användning:"
    lines += ["```text", usage, "```", ""]
    if command.help:
        lines += [command.help.strip(), ""]
    params = [p for p in command.params if not getattr(p, "hidden", False)]
    if params:
        lines += ["| Argument eller flagga | Betydelse |", "|---|---|"]
        lines += [_param_row(p) for p in params]
        lines.append("")
    return lines


def commands_reference() -> str:
    """Every command of the app, its usage, help text and parameters, in the app's order."""
    from styrning.cli import app

    # Typer carries its own copy of Click: the objects are used by what they do, not by class
    root: Any = typer.main.get_command(app)
    lines = [
        "# Kommandoreferens",
        "",
        GENERATED,
        "",
        "Alla kommandon med sina argument och flaggor, som `styrning KOMMANDO --help` visar "
        "dem. Exempel och förklaringar finns i [kommandona](commands.md).",
        "",
    ]
    ctx = root.context_class(root, info_name="styrning")
    for name in root.list_commands(ctx):
        command = root.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        lines += _command_section(f"styrning {name}", command)
    return "\n".join(lines).rstrip() + "\n"


def codes_reference() -> str:
    """Every validation code with its severity, title and explanation, as `explain` prints."""
    from styrning.checks.rules import all_codes

    lines = [
        "# Koder",
        "",
        GENERATED,
        "",
        "Varje kod som `styrning validate` kan ge, med vad den betyder och ett felaktigt och "
        "ett rätt exempel. `styrning explain KOD` visar samma sak.",
        "",
        "| Kod | Allvar | Betydelse |",
        "|---|---|---|",
    ]
    codes = all_codes()
    lines += [f"| [{c}](#{c.lower()}) | {e.severity} | {e.title} |" for c, e in codes.items()]
    for code, entry in codes.items():
        lines += ["", f"## {code}", "", f"**{entry.severity}**: {entry.title}", ""]
        lines += ["```text", inspect.cleandoc(entry.doc), "```"]
    return "\n".join(lines) + "\n"


def main() -> None:
    COMMANDS_FILE.write_text(commands_reference(), encoding="utf-8")
    CODES_FILE.write_text(codes_reference(), encoding="utf-8")
    print(f"skrev {COMMANDS_FILE.relative_to(PROJECT)} och {CODES_FILE.relative_to(PROJECT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(PROJECT))
    main()
