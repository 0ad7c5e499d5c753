"""`styrning explain`."""

from __future__ import annotations

from typing import Annotated

import typer

from styrning.commands.common import fail_usage


def explain(
    code: Annotated[
        str, typer.Argument(metavar="KOD", help="En kod från styrning validate, t.ex. S001.")
    ],
) -> None:
    """Förklara en valideringskod, med ett felaktigt och ett rätt exempel.

    Exempel: styrning explain S001 · styrning explain R001
    """
    import inspect

    from styrning.checks.rules import all_codes

    codes = all_codes()
    entry = codes.get(code.strip().upper())
    if entry is None:
        fail_usage(f"okänd kod '{code}' – kända koder: {', '.join(codes)}")
    typer.echo(f"{entry.code} ({entry.severity}): {entry.title}\n")
    typer.echo(inspect.cleandoc(entry.doc))
