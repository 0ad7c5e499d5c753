"""`styrning report PERIOD`."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer

from styrning.commands.common import (
    AtOption,
    ForceOption,
    OutputOption,
    RootOption,
    default_day,
    emit,
    fail_usage,
    note_data_errors,
    parse_day,
    pick_format,
    read_data,
    resolve_root,
)


class ReportFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


def report(
    period: Annotated[
        str,
        typer.Argument(
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
        typer.Option(
            "--as-of",
            help=(
                "Dagen data bedöms per, ÅÅÅÅ-MM-DD (standard: periodens sista dag, eller i dag "
                "om perioden inte är slut); 'i år' och 'mandatperioden' räknas från den, "
                "annars från i dag. Exempel: --as-of 2022-04-15"
            ),
            show_default=False,
        ),
    ] = None,
    at: AtOption = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, md, html eller json (standard: text, eller filändelsen i -o). Exempel: -f html",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Statusrapporten för en period, upplagd som 'Styrberedningen – status våren 2022'.

    Bakgrund (varje steg före perioden), pågående uppdrag, styrdokument under
    arbete med milstolpar, det som händer härnäst och kontakt. Inget som hänt
    efter rapportdagen (--as-of) visas som gjort. HTML-filen är fristående och
    kan mejlas eller skrivas ut (A4).

    Exempel: styrning report 'våren 2022' · styrning report 'vt 2022' -o status.html ·
    styrning report 'hösten 2019' --format md
    """
    import dataclasses

    from styrning.core.periods import PeriodError, parse_period
    from styrning.render import report_html, report_json, report_markdown, report_text
    from styrning.views.report import build_report, default_as_of

    data_root = resolve_root(root)
    # Relative periods ("i år", "mandatperioden") are read on --as-of when it is given,
    # else on the day --at names, else today.
    today = parse_day(as_of, "--as-of") if as_of is not None else default_day(at)
    try:
        resolved = parse_period(period, today=today)
    except PeriodError as err:
        fail_usage(str(err))
    fmt = pick_format(output_format, output, ReportFormat, ReportFormat.text)
    day = today if as_of is not None else default_as_of(resolved, today)
    dataset, prov = read_data(data_root, at, day, resolved.label())
    errors = note_data_errors(dataset)
    result = dataclasses.replace(
        build_report(dataset, resolved, day, prov, dt.date.today()), data_errors=errors
    )
    renderers = {
        ReportFormat.text: report_text.render_text,
        ReportFormat.md: report_markdown.render_markdown,
        ReportFormat.html: report_html.render_html,
        ReportFormat.json: report_json.render_json,
    }
    emit(renderers[fmt](result), output, force)
