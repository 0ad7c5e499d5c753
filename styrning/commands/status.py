"""`styrning status`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from styrning.commands.common import (
    AsOfOption,
    AtOption,
    ForceOption,
    OutputOption,
    RootOption,
    emit,
    fail_usage,
    format_option,
    load_input,
    organ_option,
    pick_format,
    typ_option,
)


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
        typ_option(
            "Bara processer av den typen, eller i den typmappen",
            "--typ riktlinje --typ program · --typ riktlinjer",
        ),
    ] = None,
    organ: Annotated[
        str | None,
        organ_option(
            "Bara processer som nämner organet (i händelser, uppdragsgivare eller ansvarig)"
        ),
    ] = None,
    output_format: Annotated[StatusFormat | None, format_option(StatusFormat, "-f md")] = None,
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
    data = load_input(root, as_of, at, organ=organ)
    result = compute_status(data.dataset, data.day)
    rows = [
        row
        for row in result.rows
        if (not wanted or row.kind in wanted) and (data.organ is None or data.organ in row.bodies)
    ]
    result = dataclasses.replace(result, rows=rows)
    prov, errors = data.provenance, data.errors
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
