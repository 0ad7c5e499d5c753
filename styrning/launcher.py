"""The console script: answers `--version` before anything is imported, then hands over to the CLI.

`styrning --version` is what scripts and CI logs ask first; it needs neither
Typer nor the commands, so it costs the interpreter's start and no more.
"""

from __future__ import annotations

import sys

from styrning import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"styrning {__version__}\n")
        return
    from styrning.cli import main as cli_main

    cli_main()
