"""`styrning new`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from styrning.commands.common import RootOption, fail_usage, resolve_root


class Typ(StrEnum):
    """The choices of TYP: `model.ProcessType`'s values (a test keeps them equal).

    Repeated here because importing the model means importing pydantic, and this
    module is imported on every start, even for `styrning --version`.
    """

    uppdrag = "uppdrag"
    policy = "policy"
    program = "program"
    plan = "plan"
    strategi = "strategi"
    riktlinje = "riktlinje"
    regler = "regler"


def new(
    typ: Annotated[
        Typ,
        typer.Argument(
            metavar="TYP",
            help="Processens typ: uppdrag, riktlinje, program ... Exempel: program",
            show_default=False,
        ),
    ],
    titel: Annotated[
        str,
        typer.Argument(
            metavar="TITEL",
            help=(
                "Processens titel, inom citattecken; en titel som börjar med - skrivs efter --. "
                "Exempel: 'Program för social hållbarhet'"
            ),
            show_default=False,
        ),
    ],
    process_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help=(
                "Id och filnamn i stället för det som görs av titeln: små bokstäver a–z, siffror "
                "och bindestreck. Exempel: --id social-hallbarhet"
            ),
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Skapa en ny processfil från mallen för typen, i typens mapp under processes/.

    Filens namn (processens id) görs av titeln: å, ä → a, ö → o, mellanslag → -.
    Filen klarar styrning validate direkt; en befintlig fil skrivs aldrig över.
    Skriver ut sökvägen till den nya filen.

    Exempel: styrning new program "Program för social hållbarhet" ·
    styrning new uppdrag "Dialog och demokratiutveckling" --id dialog
    """
    import os
    import unicodedata

    from styrning.core.model import ProcessType
    from styrning.core.schema import FILES, SchemaKind
    from styrning.read.loader import process_id as id_of
    from styrning.read.tree import PROCESSES, WorkingTree
    from styrning.write.atomic import WriteRefused, write_file
    from styrning.write.scaffold import SLUG_MAX, is_slug, process_file, slugify

    if not titel.strip():
        fail_usage('TITEL är tom – skriv titeln inom citattecken, t.ex. "Plan för vatten"')
    if any(unicodedata.category(c) == "Cc" for c in titel):
        fail_usage("TITEL innehåller radbrytningar eller kontrolltecken – skriv den på en rad")
    if process_id is None:
        pid = slugify(titel)
        if not pid:
            fail_usage(
                f"titeln '{titel}' ger inget id – ange ett med --id, t.ex. --id plan-for-vatten"
            )
    else:
        pid = process_id
        if not is_slug(pid) or len(pid) > 100:
            suggestion = slugify(pid, SLUG_MAX) or "plan-for-vatten"
            fail_usage(
                f"--id '{pid}' är inget giltigt id: använd små bokstäver a–z, siffror och "
                f"bindestreck, t.ex. --id {suggestion}"
            )
    data_root = resolve_root(root)
    for name in WorkingTree(data_root).names():
        if name.startswith(PROCESSES + "/") and id_of(name) == pid:
            fail_usage(
                f"id '{pid}' finns redan: {name} – välj ett annat med --id (filen skrivs inte över)"
            )
    process_type = ProcessType(typ.value)
    folder = data_root / PROCESSES / process_type.folder
    target = folder / f"{pid}.yaml"
    processes = (data_root / PROCESSES).resolve()
    # the id is a slug, so this holds; checked anyway because a folder may be a link
    if folder.exists() and not folder.resolve().is_relative_to(processes):
        fail_usage(f"{folder} leder utanför {processes} – skriver inte där")
    folder.mkdir(parents=True, exist_ok=True)
    schema_file = data_root / FILES[SchemaKind.process]
    text = process_file(
        process_type, titel.strip(), os.path.relpath(schema_file, folder).replace(os.sep, "/")
    )
    try:
        write_file(target, text)
    except WriteRefused as exc:
        fail_usage(str(exc))
    typer.echo(target.relative_to(data_root).as_posix())
    if not schema_file.is_file():
        typer.echo(
            f"obs: {FILES[SchemaKind.process]} saknas, så redigeraren hittar inget schema – "
            f"skapa det med: styrning schema -o {FILES[SchemaKind.process]}",
            err=True,
        )
