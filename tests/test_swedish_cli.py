"""Click's and Typer's own words come out in Swedish: help pages and usage errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app
from styrning.commands.swedish import swedish_message

runner = CliRunner()

# Every command the app has, as Typer builds them (a new one is checked when added).
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


# What Click and Typer write in English, in their help pages and usage errors.
ENGLISH = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "and exit",
    "Error",
    "Try '",
    "for help",
    "Missing",
    "Invalid value",
    "No such",
    "Did you mean",
    "Possible options",
    "required",
    "env var",
    "default:",
    "dynamic",
    "Install completion",
    "Show completion",
    "current shell",
    "[OPTIONS]",
    "COMMAND",
    "[ARGS]",
    "<str>",
    "<path>",
    "<int>",
    "list[",
    "Value error",
    "is not one of",
    "unexpected extra",
    "requires an argument",
    "does not take a value",
    "Aborted",
]


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def test_every_command_s_help_is_swedish() -> None:
    assert len(COMMANDS) >= 11
    for args in [[], *([c] for c in COMMANDS)]:
        for flag in ("--help", "-h"):
            result = runner.invoke(app, [*args, flag])
            assert result.exit_code == 0, (args, result.output)
            assert english_in(result.stdout) == [], (args, result.stdout)
            assert result.stdout.startswith(f"Användning: styrning {' '.join(args)}".rstrip())
            assert "-h, --help" in result.stdout
            assert "Visa den här hjälpen och avsluta." in result.stdout


def test_the_top_level_help_names_its_sections_in_swedish() -> None:
    result = runner.invoke(app, ["--help"])
    assert "Användning: styrning [FLAGGOR] KOMMANDO [ARGUMENT]..." in result.stdout
    assert "\nFlaggor:\n" in result.stdout
    assert "\nKommandon:\n" in result.stdout
    assert "Installera tabbkomplettering" in result.stdout


def test_a_command_s_help_has_its_arguments_and_types_in_swedish() -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert "Användning: styrning report [FLAGGOR] {PERIOD}" in result.stdout
    assert "\nArgument:\n" in result.stdout
    assert "PERIOD <text>" in result.stdout
    assert "[krävs]" in result.stdout
    assert "-o, --output <sökväg>" in result.stdout
    assert "[miljövariabel: STYRNING_ROOT]" in result.stdout


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        # missing argument: the usage line shows what is wanted
        (["report"], "styrning report [FLAGGOR] {PERIOD}", "Fel: Argumentet 'PERIOD' saknas."),
        # missing option
        (["changes"], "styrning changes [FLAGGOR]", "Fel: Flaggan '--since' saknas."),
        # unknown option, with the close ones
        (
            ["status", "--as-o", "2022-04-15"],
            "styrning status [FLAGGOR]",
            "Fel: Okänd flagga: --as-o. Menade du --as-of eller --at?",
        ),
        (
            ["validate", "--bogus"],
            "styrning validate [FLAGGOR] [SÖKVÄG]...",
            "Fel: Okänd flagga: --bogus.",
        ),
        # unknown command, with the close one
        (
            ["stauts"],
            "styrning [FLAGGOR] KOMMANDO [ARGUMENT]...",
            "Fel: Okänt kommando 'stauts'. Menade du 'status'?",
        ),
        # invalid choice: the choices
        (
            ["new", "projekt", "Titel"],
            "styrning new [FLAGGOR] {TYP} {TITEL}",
            "Fel: Ogiltigt värde för 'TYP': 'projekt' är inget giltigt val – välj bland "
            "'uppdrag', 'policy', 'program', 'plan', 'strategi', 'riktlinje' eller 'regler'.",
        ),
        (
            ["status", "--format", "pdf"],
            "styrning status [FLAGGOR]",
            "Fel: Ogiltigt värde för '--format' / '-f': 'pdf' är inget giltigt val – välj bland "
            "'text', 'md' eller 'json'.",
        ),
        # an extra argument
        (
            ["explain", "S001", "S002"],
            "styrning explain [FLAGGOR] {KOD}",
            "Fel: Oväntat extra argument: S002 (kommandot tar inte fler).",
        ),
    ],
)
def test_usage_errors_are_swedish_and_exit_2(args: list[str], usage: str, error: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"Användning: {usage}"
    assert re.fullmatch(r"Se 'styrning( \w+)? -h' för hjälp\.", lines[1]), lines[1]
    assert lines[-1] == error
    assert english_in(result.stderr) == []
    assert result.stdout == ""


def test_a_missing_option_value_says_what_it_wants() -> None:
    result = runner.invoke(app, ["status", "--as-of"])
    assert result.exit_code == 2
    assert result.stderr == "Fel: Flaggan '--as-of' behöver ett värde, t.ex. --as-of VÄRDE.\n"


def test_a_flag_given_a_value_says_to_write_it_alone() -> None:
    result = runner.invoke(app, ["status", "--root", str(PROJECT), "--force=ja"])
    assert result.exit_code == 2
    assert result.stderr.endswith("Fel: Flaggan '--force' tar inget värde – skriv bara --force.\n")


def test_an_invalid_date_is_swedish_and_exit_2() -> None:
    result = runner.invoke(app, ["status", "--root", str(PROJECT), "--as-of", "2022-13-01"])
    assert result.exit_code == 2
    assert result.stderr == (
        "styrning: --as-of väntar ett datum som 2022-04-15, inte '2022-13-01'\n"
    )


def test_messages_it_does_not_know_pass_through_unchanged() -> None:
    assert swedish_message("okänd kod 'X999'") == "okänd kod 'X999'"
    assert swedish_message("Missing argument 'A'.") == "Argumentet 'A' saknas."
    assert swedish_message("Got unexpected extra arguments (a b)") == (
        "Oväntat extra argument: a b (kommandot tar inte fler)."
    )
    assert swedish_message("Option '-n' requires 2 arguments.") == "Flaggan '-n' behöver 2 värden."


def _run(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd
    )


LAUNCH = "import sys\nfrom styrning.launcher import main\nsys.argv[0] = 'styrning'\nmain()"


def test_the_launcher_s_fast_path_and_its_hand_over_are_swedish() -> None:
    from styrning import __version__

    done = _run(LAUNCH, "--version")
    assert (done.returncode, done.stdout) == (0, f"styrning {__version__}\n")
    done = _run(LAUNCH, "report")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "Fel: Argumentet 'PERIOD' saknas."
    done = _run(LAUNCH, "-h")
    assert done.returncode == 0
    assert done.stdout.startswith("Användning: styrning [FLAGGOR] KOMMANDO [ARGUMENT]...")


def test_typer_s_rich_panels_are_swedish_when_they_load() -> None:
    code = (
        "import sys\nimport styrning.cli\n"
        "assert 'typer.rich_utils' not in sys.modules\n"
        "import typer.rich_utils as r\n"
        "print(r.OPTIONS_PANEL_TITLE, r.ARGUMENTS_PANEL_TITLE, r.COMMANDS_PANEL_TITLE,"
        " r.ERRORS_PANEL_TITLE, r.REQUIRED_LONG_STRING, r._('Error'), sep='|')"
    )
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Flaggor|Argument|Kommandon|Fel|[krävs]|Fel\n"
