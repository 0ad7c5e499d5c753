"""What every command shares: options, the data root, dates, usage errors, exit codes.

Imports nothing heavy: commands import their computation when they run.
"""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from styrning.loader import Dataset, FileSet
    from styrning.provenance import Provenance

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


class UsageProblem(typer.BadParameter):
    """A wrong invocation or nothing to read: exit 2 with a message."""

    exit_code = EXIT_USAGE

    def show(self, file: typing.IO[typing.Any] | None = None) -> None:
        typer.echo(f"styrning: {self.message}", err=True)


def fail_usage(message: str) -> NoReturn:
    raise UsageProblem(message)


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        envvar="STYRNING_ROOT",
        help="Datamappen (den som har timeline.yaml). Standard: närmaste uppåt från arbetsmappen.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Dagen data bedöms per, ÅÅÅÅ-MM-DD (standard: i dag). Exempel: --as-of 2022-04-15",
        show_default=False,
    ),
]


def resolve_root(root: Path | None) -> Path:
    """The data root: --root/STYRNING_ROOT, else the nearest folder upwards with timeline.yaml."""
    from styrning.loader import TIMELINE, find_root

    if root is not None:
        if not root.is_dir():
            fail_usage(f"datamappen {root} finns inte")
        if not (root / TIMELINE).is_file():
            fail_usage(f"{root} har ingen timeline.yaml – ange mappen som har den med --root")
        return root.resolve()
    found = find_root(Path.cwd())
    if found is None:
        fail_usage(
            "hittar ingen timeline.yaml i arbetsmappen eller mappar ovanför – "
            "gå till datamappen, ange --root MAPP eller sätt STYRNING_ROOT "
            "(en ny datamapp skapas med styrning init MAPP)"
        )
    return found


def parse_day(text: str | None, option: str) -> dt.date:
    """A full date from an option; today when not given (the only clock read)."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        fail_usage(f"{option} väntar ett datum som 2022-04-15, inte '{text}'")


def working_tree(root: Path) -> FileSet:
    from styrning.loader import WorkingTree

    return WorkingTree(root)


AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help=(
            "Läs filerna som de var incheckade vid en revision eller ett datum (sista commit den "
            "dagen eller före), utan att röra arbetsmappen. Exempel: --at 2022-05-01 · --at v1.2"
        ),
        show_default=False,
    ),
]


def read_data(
    root: Path, at: str | None, as_of: dt.date, period: str | None = None
) -> tuple[Dataset, Provenance]:
    """The dataset from the working tree (or, with `at`, from git history) and its provenance."""
    from styrning.loader import load
    from styrning.provenance import for_working_tree

    if at is not None:
        fail_usage("--at kräver git-historik, som inte finns i den här versionen")
    return load(working_tree(root)), for_working_tree(root, as_of, period)
