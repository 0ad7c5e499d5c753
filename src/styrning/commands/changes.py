"""`styrning changes`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from styrning.cliutil import RootOption, fail_usage, resolve_root


class ChangesFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


FormatOption = Annotated[
    ChangesFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="text, md eller json (standard: efter filändelsen i -o, annars text).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Skriv till en fil i stället för terminalen. Exempel: -o andringar.md",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Skriv över filen i -o om den redan finns.")
]


def pick_format(fmt: ChangesFormat | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's extension names, else text."""
    if fmt is not None:
        return fmt.value
    if output is not None:
        return {".md": "md", ".markdown": "md", ".json": "json"}.get(output.suffix.lower(), "text")
    return "text"


def emit(text: str, output: Path | None, force: bool) -> None:
    """Print, or write the file atomically (never over an existing one without --force)."""
    if output is None:
        typer.echo(text, nl=False)
        return
    from styrning.writes import WriteRefused, write_file

    try:
        write_file(output, text, force=force)
    except WriteRefused as exc:
        fail_usage(str(exc))
    typer.echo(f"skrev {output}", err=True)


def changes(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            help="Från denna revision eller detta datum (sista commit den dagen eller före). "
            "Exempel: --since 2022-04-15 · --since v1.0",
            show_default=False,
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Till denna revision eller detta datum (standard: HEAD). Exempel: --until 2022-06-30",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Vad som ändrats i data sedan en revision eller ett datum, per process, med commit,
    författare och datum för varje ändring.

    Exempel: styrning changes --since 2022-04-15 · styrning changes --since v1.0 --until v1.1 ·
    styrning changes --since 2022-04-15 -o andringar.md
    """
    from styrning.history import HistoryError
    from styrning.history import changes as compute_changes
    from styrning.render.changes import CHANGES

    data_root = resolve_root(root)
    fmt = pick_format(output_format, output)
    try:
        report = compute_changes(data_root, since, until, lambda m: typer.echo(m, err=True))
    except HistoryError as exc:
        fail_usage(str(exc))
    emit(CHANGES[fmt](report), output, force)
