"""`styrning report PERIOD`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from styrning.commands.common import (
    EXIT_PROBLEMS,
    AtOption,
    ForceOption,
    OutputOption,
    RootOption,
    as_of_option,
    emit,
    fail_usage,
    format_option,
    load_input,
    pick_format,
)

if TYPE_CHECKING:
    from styrning.views.report import Report


class ReportFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    pptx = "pptx"


def report(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help=(
                "Perioden, som man säger den. Exempel: 'våren 2022', 'vt-23', 'T1 2023', "
                "'3:e kvartalet 2023', 'mars–maj 2022', 'mandatperiod 2019–2022', 'i år'"
            ),
            show_default=False,
        ),
    ],
    root: RootOption = None,
    as_of: Annotated[
        str | None,
        as_of_option(
            "periodens sista dag, eller i dag om perioden inte är slut; 'i år' och "
            "'mandatperioden' räknas från den, annars från i dag"
        ),
    ] = None,
    at: AtOption = None,
    output_format: Annotated[
        ReportFormat | None,
        format_option(ReportFormat, "-f html", notes={"pptx": "PowerPoint, kräver -o"}),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    mall: Annotated[
        Path | None,
        typer.Option(
            "--mall",
            help=(
                "Organisationens PowerPoint-mall (.pptx eller .potx) för bildspelet: dess "
                "layouter och färger används. Exempel: --mall umea.potx"
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Statusrapporten för en period, upplagd som 'Styrberedningen – status våren 2022'.

    Bakgrund (varje steg före perioden), pågående uppdrag, styrdokument under
    arbete med milstolpar, det som händer härnäst och kontakt. Inget som hänt
    efter rapportdagen (--as-of) visas som gjort. HTML-filen är fristående och
    kan mejlas eller skrivas ut (A4).

    Med -o status.pptx blir rapporten bildspelet som visas på sammanträdet, med
    redigerbara bilder, i organisationens egen mall med --mall.

    Exempel: styrning report 'våren 2022' · styrning report 'vt 2022' -o status.html ·
    styrning report 'hösten 2019' --format md · styrning report 'våren 2022' -o status.pptx
    """
    import dataclasses

    from styrning.render import report_html, report_json, report_markdown, report_text
    from styrning.views.report import build_report, default_as_of

    fmt = pick_format(output_format, output, ReportFormat, ReportFormat.text)
    # Relative periods ("i år", "mandatperioden") are read on --as-of when it is given,
    # else on the day --at names, else today.
    if fmt is ReportFormat.pptx and output is None:
        fail_usage("PowerPoint-formatet skrivs till en fil – ange -o status.pptx")
    if mall is not None and fmt is not ReportFormat.pptx:
        fail_usage("--mall gäller bildspelet – ange -o FIL.pptx eller --format pptx")
    template = _read_template(mall) if mall is not None else None
    data = load_input(root, as_of, at, period=period, day_in_period=default_as_of)
    assert data.period is not None
    result = build_report(data.dataset, data.period, data.day, data.provenance)
    result = dataclasses.replace(result, data_errors=data.errors)
    if fmt is ReportFormat.pptx:
        _write_deck(result, template, mall, output, force)
        return
    renderers = {
        ReportFormat.text: report_text.render_text,
        ReportFormat.md: report_markdown.render_markdown,
        ReportFormat.html: report_html.render_html,
        ReportFormat.json: report_json.render_json,
    }
    emit(renderers[fmt](result), output, force)


def _read_template(path: Path) -> bytes:
    """The template's bytes; a path that is no file is a usage error (exit 2)."""
    if path.suffix.lower() not in (".pptx", ".potx"):
        fail_usage(f"--mall tar en PowerPoint-mall (.pptx eller .potx), inte {path.name}")
    if not path.exists():
        fail_usage(f"mallen {path} finns inte")
    if path.is_dir():
        fail_usage(f"mallen {path} är en mapp")
    try:
        return path.read_bytes()
    except OSError as exc:
        fail_usage(f"kan inte läsa mallen {path}: {exc.strerror or exc}")


def _write_deck(
    result: Report, template: bytes | None, mall: Path | None, output: Path | None, force: bool
) -> None:
    """Build the deck (warnings about the template on stderr) and write it; a template
    that is no presentation is bad input: exit 1 with why."""
    from styrning.render.report_pptx import TemplateError, build_deck

    try:
        deck, warnings = build_deck(result, template)
    except TemplateError as exc:
        typer.echo(f"styrning: mallen {mall}: {exc}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    for warning in warnings:
        typer.echo(f"varning: {warning}", err=True)
    emit(deck, output, force)
