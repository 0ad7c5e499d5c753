"""`styrning report PERIOD`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from styrning.commands.common import (
    AtOption,
    ForceOption,
    OutputOption,
    RootOption,
    as_of_option,
    emit,
    format_option,
    load_input,
    pick_format,
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
    output_format: Annotated[ReportFormat | None, format_option(ReportFormat, "-f html")] = None,
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

    from styrning.render import report_html, report_json, report_markdown, report_text
    from styrning.views.report import build_report, default_as_of

    fmt = pick_format(output_format, output, ReportFormat, ReportFormat.text)
    # Relative periods ("i år", "mandatperioden") are read on --as-of when it is given,
    # else on the day --at names, else today.
    data = load_input(root, as_of, at, period=period, day_in_period=default_as_of)
    assert data.period is not None
    result = build_report(data.dataset, data.period, data.day, data.provenance)
    result = dataclasses.replace(result, data_errors=data.errors)
    renderers = {
        ReportFormat.text: report_text.render_text,
        ReportFormat.md: report_markdown.render_markdown,
        ReportFormat.html: report_html.render_html,
        ReportFormat.json: report_json.render_json,
    }
    emit(renderers[fmt](result), output, force)
