"""`styrning timeline`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

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


class TimelineFormat(StrEnum):
    """Output formats; a calendar format slots in as one more member and one more renderer."""

    text = "text"
    md = "md"
    json = "json"
    ics = "ics"


def timeline(
    root: RootOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Bara händelser som överlappar perioden. Exempel: --period 'våren 2022'",
            show_default=False,
        ),
    ] = None,
    organ: Annotated[str | None, organ_option("Bara händelser i organet")] = None,
    kinds: Annotated[
        list[str] | None,
        typ_option("Bara händelser av typen", "--typ beslut --typ remiss"),
    ] = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    output_format: Annotated[
        TimelineFormat | None,
        format_option(TimelineFormat, "-f ics", notes={"ics": "kalender för Outlook m.fl."}),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Alla daterade händelser i datumordning: datum, typ, organ, process och rubrik.

    Planerade händelser märks '(planerad)', de som passerat utan att ha registrerats
    '(planerad, försenad)'.

    Exempel: styrning timeline · styrning timeline --period 'våren 2022' --typ beslut ·
    styrning timeline --organ ks --format json -o tidslinje.json ·
    styrning timeline --format ics -o styrning.ics

    Kalendern (ics) har varje händelse och sammanträde som heldagshändelse; en händelse
    angiven med månad sträcker sig över månaden. UID:n är stabila, så att en ny import
    uppdaterar i stället för att dubblera.
    """
    from styrning.core.model import EventType
    from styrning.render import timeline as render
    from styrning.views.timeline import compute_timeline

    fmt = pick_format(output_format, output, TimelineFormat, TimelineFormat.text)
    wanted: set[EventType] = set()
    for kind in kinds or []:
        try:
            wanted.add(EventType(kind.strip().lower()))
        except ValueError:
            fail_usage(
                f"okänd händelsetyp '{kind}' – välj bland {', '.join(t.value for t in EventType)}"
            )
    data = load_input(root, as_of, at, period=period, organ=organ)
    dataset, day, errors = data.dataset, data.day, data.errors
    result = compute_timeline(dataset, day, period=data.period, body=data.organ, kinds=wanted)
    if fmt is TimelineFormat.ics:
        from styrning.render.ics import render_ics
        from styrning.views.calendar import calendar_entries, calendar_name

        entries = calendar_entries(result, dataset, meetings=not wanted)
        emit(render_ics(entries, name=calendar_name(dataset), stamp=day), output, force)
        return
    renderers = {
        TimelineFormat.text: render.render_text,
        TimelineFormat.md: render.render_markdown,
        TimelineFormat.json: render.render_json,
    }
    emit(renderers[fmt](result, data.provenance, data_errors=errors), output, force)
