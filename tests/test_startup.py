"""Start-up stays cheap: the CLI module and `--version` import nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT

HEAVY_PREFIXES = (
    "git",
    "rich",
    "styrning.views.report",
    "styrning.render.report",
    "styrning.history.git",
)


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith(HEAVY_PREFIXES))


def test_importing_the_cli_imports_nothing_heavy() -> None:
    modules = modules_after("import styrning.cli")
    assert "styrning.cli" in modules
    assert heavy(modules) == []
    # not even the models, the YAML parser or the checks: only commands that run need them
    assert {"pydantic", "yaml", "styrning.core.model", "styrning.checks.rules"}.isdisjoint(modules)


def test_version_imports_no_models() -> None:
    modules = modules_after(
        "import sys\n"
        "sys.argv = ['styrning', '--version']\n"
        "from styrning.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    assert heavy(modules) == []
    assert {"pydantic", "yaml", "styrning.core.model", "styrning.read.loader"}.isdisjoint(modules)


def test_validate_imports_neither_git_nor_the_report_code() -> None:
    modules = modules_after(
        "import sys\n"
        f"sys.argv = ['styrning', 'validate', '--root', {str(PROJECT)!r}]\n"
        "from styrning.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert "styrning.checks.validation" in modules
    assert heavy(modules) == []


def test_the_console_script_answers_version_without_typer() -> None:
    modules = modules_after(
        "import sys\n"
        "sys.argv = ['styrning', '--version']\n"
        "from styrning.launcher import main\n"
        "main()\n"
    )
    assert "typer" not in modules and "styrning.cli" not in modules


def test_the_console_script_hands_everything_else_to_the_cli() -> None:
    modules = modules_after(
        "import sys\n"
        "sys.argv = ['styrning', '--help']\n"
        "from styrning.launcher import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    assert "styrning.cli" in modules
