"""`styrning validate`."""

from __future__ import annotations

import os
import sys
import typing
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from styrning.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    AsOfOption,
    AtOption,
    RootOption,
    fail_usage,
    format_option,
    parse_day,
    resolve_root,
    working_tree,
)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"
    junit = "junit"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SÖKVÄG",
            help=(
                "Filer eller mappar att rapportera (standard: alla); hela trädet läses alltid. "
                "Exempel: processes/program"
            ),
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        ValidateFormat | None,
        format_option(
            ValidateFormat,
            "--format gitlab > gl-code-quality-report.json",
            notes={
                "github": "väljs själv när GITHUB_ACTIONS=true",
                "gitlab": "Code Quality",
                "sarif": "GitHub code scanning, Azure DevOps",
            },
            from_output=False,
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
    from styrning.checks.rules import explain_removed, unknown_process_ids
    from styrning.checks.validation import validate as run_validation
    from styrning.render.problems import (
        FILE_RENDERERS,
        RENDERERS,
        render_step_summary,
        summary,
    )

    data_root = resolve_root(root)
    today = parse_day(as_of, "--as-of", at)
    only = None if not paths else [_relative_to_root(p, data_root) for p in paths]
    if at is None:
        result = run_validation(working_tree(data_root), today, only)
    else:
        from styrning.history.git import HistoryError, files_at

        try:
            with files_at(data_root, at) as (tree, _commit):
                result = run_validation(tree, today, only)
                # Committed links that lead out of the data root, said like on disk.
                result.problems.extend(tree.problems)
        except HistoryError as exc:
            fail_usage(str(exc))
    gone = unknown_process_ids(result.dataset)
    if gone:  # only then is history read (and git imported): a removed process says when
        from styrning.history.git import removed_processes

        removed = {
            pid: (r.commit.date, r.commit.short)
            for pid, r in removed_processes(data_root, gone, at).items()
        }
        result.problems = explain_removed(result.problems, result.dataset, removed)
    fmt = output_format.value if output_format else _default_format()
    relpath = _relpath_for(fmt, data_root)
    if fmt in FILE_RENDERERS:
        checked = [p for p in result.dataset.paths if only is None or _under(p, only)]
        sys.stdout.write(FILE_RENDERERS[fmt](result.problems, relpath, checked))
    else:
        sys.stdout.write(RENDERERS[fmt](result.problems, relpath))
    files = len(result.dataset.paths)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as fh:
            fh.write(render_step_summary(result.problems, relpath, files))
    typer.echo(summary(result.problems, files), err=True)
    raise typer.Exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


# Where each CI system checks out the repository; its reports want paths from there.
_WORKSPACE_VARS = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BUILD_SOURCESDIRECTORY")


def _relpath_for(fmt: str, data_root: Path) -> typing.Callable[[str], str]:
    """Paths relative to the data root; for the CI formats, relative to the checkout."""
    if fmt in ("text", "json"):
        return lambda p: p
    workspace = next((os.environ[v] for v in _WORKSPACE_VARS if os.environ.get(v)), None)
    base = Path(workspace or Path.cwd()).resolve()

    def rel(p: str) -> str:
        try:
            return (data_root / p).relative_to(base).as_posix()
        except ValueError:
            return p

    return rel


def _under(path: str, only: list[str]) -> bool:
    return any(path == o or o in ("", ".") or path.startswith(o.rstrip("/") + "/") for o in only)


def _relative_to_root(path: Path, data_root: Path) -> str:
    full = path if path.is_absolute() else Path.cwd() / path
    if not full.exists():
        fail_usage(f"{path} finns inte")
    try:
        return full.resolve().relative_to(data_root).as_posix()
    except ValueError:
        fail_usage(f"{path} ligger utanför datamappen {data_root}")
