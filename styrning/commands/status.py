"""`styrning status`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from styrning.commands.common import (
    AsOfOption,
    AtOption,
    ForceOption,
    OutputOption,
    RootOption,
    complete_body_id,
    emit,
    fail_usage,
    note_data_errors,
    parse_day,
    pick_format,
    read_data,
    resolve_body,
    resolve_root,
)

if TYPE_CHECKING:
    pass


class StatusFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


def status(
    root: RootOption = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--typ",
            help=(
                "Bara processer av den typen, eller i den typmappen (kan upprepas). "
                "Exempel: --typ riktlinje --typ program · --typ riktlinjer"
            ),
            show_default=False,
        ),
    ] = None,
    organ: Annotated[
        str | None,
        typer.Option(
            "--organ",
            help=(
                "Bara processer som nämner organet (i händelser, uppdragsgivare eller ansvarig); "
                "id eller kortnamn, oavsett skiftläge. Exempel: --organ ks"
            ),
            autocompletion=complete_body_id,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        StatusFormat | None,
        typer.Option(
            "--format", "-f", help="text, md eller json. Exempel: -f md", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Var varje process står en viss dag: status, fas, senaste och nästa händelse.

    Under tabellen: planerade händelser som är försenade och styrdokument som
    ska aktualitetsprövas. Status härleds ur daterade händelser; där inga finns
    visas status från filen med '(angiven)'.

    Exempel: styrning status · styrning status --as-of 2022-04-15 --typ program ·
    styrning status --format md -o status.md
    """
    import dataclasses
    import sys

    from styrning.core.model import ProcessType
    from styrning.render import status as render
    from styrning.state.status import compute_status

    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of", at)
    fmt = pick_format(output_format, output, StatusFormat, StatusFormat.text)
    wanted: set[ProcessType] = set()
    for kind in kinds or []:
        named = ProcessType.named(kind)
        if named is None:
            fail_usage(
                f"okänd processtyp '{kind}' – välj bland {', '.join(t.value for t in ProcessType)}"
                " (eller mappnamnen: riktlinjer, policyer ...)"
            )
        wanted.add(named)
    dataset, prov = read_data(data_root, at, day)
    organ = resolve_body(dataset, organ)
    result = compute_status(dataset, day)
    rows = [
        row
        for row in result.rows
        if (not wanted or row.kind in wanted) and (organ is None or organ in row.bodies)
    ]
    result = dataclasses.replace(result, rows=rows)
    errors = note_data_errors(dataset)
    if fmt is StatusFormat.json:
        text = render.render_json(result, prov, data_errors=errors)
    elif fmt is StatusFormat.md:
        text = render.render_markdown(result, prov, data_errors=errors)
    else:
        tty = output is None and sys.stdout.isatty()
        width = None
        if tty:
            import shutil

            width = shutil.get_terminal_size().columns
        text = render.render_text(result, prov, color=tty, width=width, data_errors=errors)
    emit(text, output, force)
