"""`styrning init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from styrning.commands.common import fail_usage, force_option


def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="MAPP",
            help=(
                "Mappen för det nya dataförrådet; skapas om den inte finns. Exempel: styrning-data"
            ),
            show_default=False,
        ),
    ],
    organisation: Annotated[
        str,
        typer.Option(
            "--organisation",
            help="Organisationens namn i timeline.yaml. Exempel: --organisation 'Umeå kommun'",
        ),
    ] = "Kommunen",
    force: Annotated[
        bool,
        force_option("Skriv även i en mapp som inte är tom. Filer som redan finns lämnas orörda."),
    ] = False,
) -> None:
    """Starta ett nytt dataförråd: timeline.yaml, processes/, schema, pre-commit och CI.

    Det nya förrådet klarar styrning validate direkt. Skriver timeline.yaml (organisationen,
    KF, KS och en styrberedning under KS, att ändra), en tom mapp per processtyp under
    processes/, schema/ för redigerare, .pre-commit-config.yaml, .github/workflows/styrning.yml,
    .gitlab-ci.yml och en kort README.md.

    Exempel: styrning init styrdata --organisation "Umeå kommun"
    """
    import importlib.metadata
    import json

    from styrning.write.atomic import WriteRefused, write_file
    from styrning.write.scaffold import repository_files

    if folder.exists() and not folder.is_dir():
        fail_usage(f"{folder} är en fil, inte en mapp")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        fail_usage(
            f"{folder} är inte tom – välj en ny mapp, eller ange --force för att lägga till "
            "filerna där (befintliga filer lämnas orörda)"
        )
    if not organisation.strip():
        fail_usage("--organisation behöver ett namn, t.ex. --organisation 'Umeå kommun'")
    try:
        direct_url = json.loads(
            importlib.metadata.distribution("styrning").read_text("direct_url.json") or "null"
        )
    except (importlib.metadata.PackageNotFoundError, ValueError):
        direct_url = None
    direct_url = _with_local_git(direct_url)
    written: list[str] = []
    kept: list[str] = []
    for name, text in repository_files(organisation.strip(), direct_url).items():
        path = folder / name
        if path.exists():
            kept.append(name)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, text)
        except (WriteRefused, OSError) as exc:
            fail_usage(f"kan inte skriva {path}: {exc}")
        written.append(name)
    for name in written:
        typer.echo(f"skrev {folder / name}")
    for name in kept:
        typer.echo(f"fanns redan, orörd: {folder / name}")
    typer.echo(
        f"\nNästa steg: cd {folder} && git init && styrning validate\n"
        'Ny process: styrning new uppdrag "Titel på uppdraget"'
    )


def _with_local_git(direct_url: dict[str, object] | None) -> dict[str, object] | None:
    """For styrning installed from a local checkout, its git remote and commit, when known.

    Then the CI files install the very commit that is running here.
    """
    if not direct_url or "vcs_info" in direct_url:
        return direct_url
    url = direct_url.get("url")
    if not isinstance(url, str) or not url.startswith("file://"):
        return direct_url
    from urllib.parse import unquote, urlparse

    from styrning.history.git import remote_and_head

    found = remote_and_head(Path(unquote(urlparse(url).path)))
    if found is None:
        return direct_url
    remote, commit = found
    return {"url": remote, "vcs_info": {"vcs": "git", "commit_id": commit}}
