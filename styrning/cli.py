"""The command line: the Typer app, its global options and the entry point.

Kept thin and quick to import: each command lives in `commands/` and imports
what it needs when it runs, so `styrning --version` and a pre-commit hook
never pay for GitPython, rich tables or the report code.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from styrning import __version__
from styrning.commands import (
    brief,
    changes,
    explain,
    init,
    log,
    new,
    record,
    report,
    schema,
    site,
    status,
    timeline,
    validate,
)
from styrning.commands.common import EXIT_INTERNAL
from styrning.commands.swedish import install as install_swedish

install_swedish()  # Click's and Typer's own words (help, usage errors) in Swedish

app = typer.Typer(
    name="styrning",
    help=(
        "Styrberedningens uppdrag, styrdokument och beslut som YAML under versionshantering: "
        "validera, se status, skriv rapporter och följ historiken.\n\n"
        "Exempel: styrning validate · styrning status · styrning explain S001"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=(
                "Läs och tolka varje fil utan cachen av tolkade filer "
                "(samma som STYRNING_NO_CACHE=1). Exempel: styrning validate --no-cache"
            ),
        ),
    ] = False,
) -> None:
    """Styrberedningens processer som data."""
    from styrning.read import cache

    cache.bypass = no_cache


app.command()(validate.validate)
app.command()(status.status)
app.command()(explain.explain)
app.command()(timeline.timeline)
app.command()(report.report)
app.command()(brief.brief)
app.command()(changes.changes)
app.command()(log.log)
app.command()(schema.schema)
app.command()(init.init)
app.command()(new.new)
app.command()(record.registrera)
app.command()(record.flytta)
app.command()(record.fas)
app.command()(site.site)
app.command()(site.serve)


def main() -> None:
    """Entry point: an unexpected error prints one line and exits 70, without --debug.

    With --debug the trace is printed, and the exit code is still 70, so that
    a script never reads an internal error as "problems found" (1). Ctrl-C
    exits 130, the shell's code for an interrupt, with one line.
    """
    from styrning.commands.common import EXIT_INTERRUPTED
    from styrning.core.console import fit_streams

    fit_streams()  # a console that is not UTF-8 gets plain stand-ins, never an error
    _global_last("--no-cache")
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except SystemExit as exc:
        # typer turns a KeyboardInterrupt inside a command into a silent exit 130
        if exc.code == EXIT_INTERRUPTED:
            typer.echo(_INTERRUPTED, err=True)
        raise
    except KeyboardInterrupt:
        typer.echo(_INTERRUPTED, err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        else:
            typer.echo(
                f"styrning: internt fel ({type(exc).__name__}: {exc}) – kör igen med --debug och "
                "rapportera utskriften till projektet",
                err=True,
            )
        sys.exit(EXIT_INTERNAL)


_INTERRUPTED = "styrning: avbrutet (Ctrl-C)"


def _global_last(option: str) -> None:
    """A global option written after the command (`styrning validate --no-cache`) is
    moved before it, where the app takes it; after `--` everything is an argument."""
    args = sys.argv[1:]
    end = args.index("--") if "--" in args else len(args)
    if option in args[1:end]:
        args.remove(option)
        sys.argv[1:] = [option, *args]
