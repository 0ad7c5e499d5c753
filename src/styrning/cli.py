"""The command line: parse options, call the computation, print, choose the exit code.

Kept thin and quick to import: every command imports what it needs when it
runs, so `styrning --version` and a pre-commit hook never pay for GitPython,
rich tables or the report code.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import typing
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from styrning import __version__

if TYPE_CHECKING:
    from styrning.loader import FileSet

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70

app = typer.Typer(
    name="styrning",
    help=(
        "Styrberedningens uppdrag, styrdokument och beslut som YAML under versionshantering: "
        "validera, se status, skriv rapporter och följ historiken.\n\n"
        "Exempel: styrning validate · styrning status · styrning explain S001"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class UsageProblem(typer.BadParameter):
    """A wrong invocation or nothing to read: exit 2 with a message."""

    exit_code = EXIT_USAGE

    def show(self, file: typing.IO[typing.Any] | None = None) -> None:
        typer.echo(f"styrning: {self.message}", err=True)


def fail_usage(message: str) -> NoReturn:
    raise UsageProblem(message)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"styrning {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Visa versionen och avsluta."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Visa hela spårningen vid ett internt fel.")
    ] = False,
) -> None:
    """Styrberedningens processer som data."""


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        envvar="STYRNING_ROOT",
        help="Datamappen (den som har timeline.yaml). Standard: närmaste uppåt från arbetsmappen.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Dagen data bedöms per, ÅÅÅÅ-MM-DD (standard: i dag). Exempel: --as-of 2022-04-15",
        show_default=False,
    ),
]


def resolve_root(root: Path | None) -> Path:
    """The data root: --root/STYRNING_ROOT, else the nearest folder upwards with timeline.yaml."""
    from styrning.loader import TIMELINE, find_root

    if root is not None:
        if not root.is_dir():
            fail_usage(f"datamappen {root} finns inte")
        if not (root / TIMELINE).is_file():
            fail_usage(f"{root} har ingen timeline.yaml – ange mappen som har den med --root")
        return root.resolve()
    found = find_root(Path.cwd())
    if found is None:
        fail_usage(
            "hittar ingen timeline.yaml i arbetsmappen eller mappar ovanför – "
            "gå till datamappen, ange --root MAPP eller sätt STYRNING_ROOT "
            "(en ny datamapp skapas med styrning init MAPP)"
        )
    return found


def parse_day(text: str | None, option: str) -> dt.date:
    """A full date from an option; today when not given (the only clock read)."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        fail_usage(f"{option} väntar ett datum som 2022-04-15, inte '{text}'")


def working_tree(root: Path) -> FileSet:
    from styrning.loader import WorkingTree

    return WorkingTree(root)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Filer eller mappar att rapportera (standard: alla). Hela trädet läses alltid.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json eller github (väljs själv när GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Låt varningar också ge slutkod 1.")
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Kontrollera alla filer: syntax, schema, referenser, datum och styrregler.

    Varje problem skrivs som 'fil:rad:kolumn: fel|varning KOD meddelande'.
    Slutkod 0 utan fel, 1 med fel (eller varningar med --strict), 2 vid fel anrop.

    Exempel: styrning validate · styrning validate processes/program --strict ·
    styrning validate --format json
    """
    from styrning.render.problems import RENDERERS, render_step_summary, summary
    from styrning.validation import validate as run_validation

    data_root = resolve_root(root)
    today = parse_day(as_of, "--as-of")
    only = None if not paths else [_relative_to_root(p, data_root) for p in paths]
    result = run_validation(working_tree(data_root), today, only)
    fmt = output_format.value if output_format else _default_format()
    relpath = _relpath_for(fmt, data_root)
    sys.stdout.write(RENDERERS[fmt](result.problems, relpath))
    files = len(result.dataset.paths)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as fh:
            fh.write(render_step_summary(result.problems, relpath, files))
    typer.echo(summary(result.problems, files), err=True)
    raise typer.Exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _relpath_for(fmt: str, data_root: Path) -> typing.Callable[[str], str]:
    """Paths relative to the data root; for GitHub, relative to the workspace."""
    if fmt != "github":
        return lambda p: p
    base = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()

    def rel(p: str) -> str:
        try:
            return (data_root / p).relative_to(base).as_posix()
        except ValueError:
            return p

    return rel


def _relative_to_root(path: Path, data_root: Path) -> str:
    full = path if path.is_absolute() else Path.cwd() / path
    if not full.exists():
        fail_usage(f"{path} finns inte")
    try:
        return full.resolve().relative_to(data_root).as_posix()
    except ValueError:
        fail_usage(f"{path} ligger utanför datamappen {data_root}")


@app.command()
def status(
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Var varje process står: typ, titel, senaste och nästa daterade händelse.

    Exempel: styrning status · styrning status --as-of 2022-04-15
    """
    from styrning.loader import load
    from styrning.status import compute_status

    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of")
    dataset = load(working_tree(data_root))
    result = compute_status(dataset, day)
    errors = [p for p in dataset.problems if p.is_error]
    if errors:
        typer.echo(
            f"obs: {len(errors)} fel i data – processer med fel saknas nedan; kör styrning validate",
            err=True,
        )
    typer.echo(f"Status per {day.isoformat()}")
    for row in result.rows:
        latest = f"{row.latest.date.swedish()} {row.latest.kind}" if row.latest else "–"
        upcoming = f"{row.next.date.swedish()} {row.next.kind}" if row.next else "–"
        if row.next is not None and row.next.planned:
            upcoming += " (planerad)"
        typer.echo(f"{row.kind:<10} {row.title}\n{'':10} senast: {latest} · nästa: {upcoming}")


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="En kod från styrning validate, t.ex. S001.")],
) -> None:
    """Förklara en valideringskod, med ett felaktigt och ett rätt exempel.

    Exempel: styrning explain S001 · styrning explain R001
    """
    import inspect

    from styrning.codes import all_codes

    codes = all_codes()
    entry = codes.get(code.strip().upper())
    if entry is None:
        fail_usage(f"okänd kod '{code}' – kända koder: {', '.join(codes)}")
    typer.echo(f"{entry.code} ({entry.severity}): {entry.title}\n")
    typer.echo(inspect.cleandoc(entry.doc))


def main() -> None:
    """Entry point: an unexpected error prints one line and exits 70, without --debug."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:
        if debug:
            raise
        typer.echo(
            f"styrning: internt fel ({type(exc).__name__}: {exc}) – kör igen med --debug och "
            "rapportera utskriften till projektet",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
