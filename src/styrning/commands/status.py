"""`styrning status`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from styrning.cliutil import (
    AsOfOption,
    AtOption,
    ForceOption,
    OutputOption,
    RootOption,
    complete_body_id,
    emit,
    fail_usage,
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
            help="Bara processer av den typen (kan upprepas). Exempel: --typ riktlinje --typ program",
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

    from styrning.model import ProcessType
    from styrning.render import status as render
    from styrning.status import compute_status

    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of", at)
    fmt = pick_format(output_format, output, StatusFormat, StatusFormat.text)
    wanted: set[ProcessType] = set()
    for kind in kinds or []:
        try:
            wanted.add(ProcessType(kind.strip().lower()))
        except ValueError:
            fail_usage(
                f"okänd processtyp '{kind}' – välj bland {', '.join(t.value for t in ProcessType)}"
            )
    dataset, prov = read_data(data_root, at, day)
    organ = resolve_body(dataset, organ)
    result = compute_status(dataset, day)
    rows = [
        row
        for row in result.rows
        if (not wanted or row.kind in wanted) and (organ is None or organ in row.bodies)
    ]
    result = dataclasses.replace(result, rows=rows)
    errors = [p for p in dataset.problems if p.is_error]
    if errors:
        typer.echo(
            f"obs: {len(errors)} fel i data – processer med fel saknas nedan; kör styrning validate",
            err=True,
        )
    if fmt is StatusFormat.json:
        text = render.render_json(result, prov)
    elif fmt is StatusFormat.md:
        text = render.render_markdown(result, prov)
    else:
        tty = output is None and sys.stdout.isatty()
        width = None
        if tty:
            import shutil

            width = shutil.get_terminal_size().columns
        text = render.render_text(result, prov, color=tty, width=width)
    emit(text, output, force)
