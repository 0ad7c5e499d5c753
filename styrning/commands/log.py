"""`styrning log`."""

from __future__ import annotations

from typing import Annotated

import typer

from styrning.commands.common import (
    ChangesFormat,
    ChangesFormatOption,
    ForceOption,
    OutputOption,
    RootOption,
    complete_process_id,
    emit,
    fail_usage,
    pick_format,
    resolve_root,
)


def log(
    process: Annotated[
        str,
        typer.Argument(
            metavar="PROCESS",
            help="Processens id: filnamnet utan .yaml, t.ex. social-hallbarhet.",
            autocompletion=complete_process_id,
            show_default=False,
        ),
    ],
    root: RootOption = None,
    output_format: ChangesFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Historiken för en process: varje commit som ändrat dess fil (även flyttad till en
    annan mapp), med datum, författare, meddelande och vad som ändrades i data. En fil
    med ett annat namn är en annan process.

    Exempel: styrning log social-hallbarhet · styrning log agarstyrning --format json ·
    styrning log social-hallbarhet -o historik.md
    """
    from styrning.history.git import HistoryError, process_log
    from styrning.render.changes import LOG

    data_root = resolve_root(root)
    fmt = pick_format(output_format, output, ChangesFormat, ChangesFormat.text).value
    try:
        result = process_log(data_root, process.strip(), lambda m: typer.echo(m, err=True))
    except HistoryError as exc:
        fail_usage(str(exc))
    emit(LOG[fmt](result), output, force)
