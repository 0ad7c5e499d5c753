"""`styrning schema`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from styrning.commands.common import ForceOption, OutputOption, fail_usage


class Kind(StrEnum):
    process = "process"
    timeline = "timeline"


def schema(
    kind: Annotated[
        Kind | None,
        typer.Option(
            "--kind",
            "-k",
            help=(
                "process (en fil under processes/) eller timeline (timeline.yaml). Standard: "
                "timeline när -o-filens namn börjar med timeline, annars process. "
                "Exempel: --kind timeline"
            ),
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Skriv JSON Schema (draft 2020-12) för processfiler eller timeline.yaml.

    Redigerare som VS Code (med YAML-tillägget) fyller då i nycklar och förklarar dem
    när datafilen börjar med raden '# yaml-language-server: $schema=SÖKVÄG'.

    Exempel: styrning schema · styrning schema --kind timeline ·
    styrning schema -o schema/process.schema.json --force
    """
    from styrning.core.schema import SchemaKind, render
    from styrning.write.atomic import WriteRefused, write_file

    if kind is None:
        named_timeline = output is not None and output.name.startswith("timeline")
        kind = Kind.timeline if named_timeline else Kind.process
    text = render(SchemaKind(kind.value))
    if output is None:
        sys.stdout.write(text)
        return
    if output.is_dir():
        fail_usage(f"{output} är en mapp – ange en fil, t.ex. -o {output / 'process.schema.json'}")
    try:
        write_file(output, text, force=force)
    except WriteRefused as exc:
        fail_usage(str(exc))
    typer.echo(f"skrev {output}", err=True)
