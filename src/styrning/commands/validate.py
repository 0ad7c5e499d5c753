"""`styrning validate`."""

from __future__ import annotations

import os
import sys
import typing
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from styrning.cliutil import (
    EXIT_OK,
    EXIT_PROBLEMS,
    AsOfOption,
    AtOption,
    RootOption,
    fail_usage,
    parse_day,
    resolve_root,
    working_tree,
)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Filer eller mappar att rapportera (standard: alla). Hela trädet läses alltid.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json eller github (väljs själv när GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Låt varningar också ge slutkod 1.")
    ] = False,
    as_of: AsOfOption = None,
    at: AtOption = None,
) -> None:
    """Kontrollera alla filer: syntax, schema, referenser, datum och styrregler.

    Varje problem skrivs som 'fil:rad:kolumn: fel|varning KOD meddelande'.
    Slutkod 0 utan fel, 1 med fel (eller varningar med --strict), 2 vid fel anrop.

    Exempel: styrning validate · styrning validate processes/program --strict ·
    styrning validate --format json · styrning validate --at v1.0
    """
    from styrning.render.problems import RENDERERS, render_step_summary, summary
    from styrning.validation import validate as run_validation

    data_root = resolve_root(root)
    today = parse_day(as_of, "--as-of")
    only = None if not paths else [_relative_to_root(p, data_root) for p in paths]
    if at is None:
        result = run_validation(working_tree(data_root), today, only)
    else:
        from styrning.history import HistoryError, files_at

        try:
            with files_at(data_root, at) as (tree, _commit):
                result = run_validation(tree, today, only)
                # Committed links that lead out of the data root, said like on disk.
                result.problems.extend(tree.problems)
        except HistoryError as exc:
            fail_usage(str(exc))
    fmt = output_format.value if output_format else _default_format()
    relpath = _relpath_for(fmt, data_root)
    sys.stdout.write(RENDERERS[fmt](result.problems, relpath))
    files = len(result.dataset.paths)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as fh:
            fh.write(render_step_summary(result.problems, relpath, files))
    typer.echo(summary(result.problems, files), err=True)
    raise typer.Exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _relpath_for(fmt: str, data_root: Path) -> typing.Callable[[str], str]:
    """Paths relative to the data root; for GitHub, relative to the workspace."""
    if fmt != "github":
        return lambda p: p
    base = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()

    def rel(p: str) -> str:
        try:
            return (data_root / p).relative_to(base).as_posix()
        except ValueError:
            return p

    return rel


def _relative_to_root(path: Path, data_root: Path) -> str:
    full = path if path.is_absolute() else Path.cwd() / path
    if not full.exists():
        fail_usage(f"{path} finns inte")
    try:
        return full.resolve().relative_to(data_root).as_posix()
    except ValueError:
        fail_usage(f"{path} ligger utanför datamappen {data_root}")
