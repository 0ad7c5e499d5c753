"""`styrning changes`."""

from __future__ import annotations

from typing import Annotated

import typer

from styrning.commands.common import (
    ChangesFormat,
    ChangesFormatOption,
    ForceOption,
    OutputOption,
    RootOption,
    emit,
    fail_usage,
    pick_format,
    resolve_root,
)


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
            help=(
                "Till denna revision eller detta datum (standard: HEAD). Exempel: "
                "--until 2022-06-30"
            ),
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: ChangesFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Vad som ändrats i data sedan en revision eller ett datum, per process, med commit,
    författare och datum för varje ändring.

    Exempel: styrning changes --since 2022-04-15 · styrning changes --since v1.0 --until v1.1 ·
    styrning changes --since 2022-04-15 -o andringar.md
    """
    from styrning.history.git import HistoryError
    from styrning.history.git import changes as compute_changes
    from styrning.render.changes import CHANGES

    data_root = resolve_root(root)
    fmt = pick_format(output_format, output, ChangesFormat, ChangesFormat.text).value
    try:
        report = compute_changes(data_root, since, until, lambda m: typer.echo(m, err=True))
    except HistoryError as exc:
        fail_usage(str(exc))
    emit(CHANGES[fmt](report), output, force)
