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
    complete_body_id,
    emit,
    fail_usage,
    note_data_errors,
    parse_day,
    pick_format,
    read_data,
    resolve_body,
    resolve_root,
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
    organ: Annotated[
        str | None,
        typer.Option(
            "--organ",
            help=(
                "Bara händelser i organet (id eller kortnamn, oavsett skiftläge). "
                "Exempel: --organ ks"
            ),
            autocompletion=complete_body_id,
            show_default=False,
        ),
    ] = None,
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--typ",
            help="Bara händelser av typen (kan upprepas). Exempel: --typ beslut --typ remiss",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    output_format: Annotated[
        TimelineFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, md, json eller ics (kalender för Outlook m.fl.). Exempel: -f ics",
            show_default=False,
        ),
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
    from styrning.core.periods import PeriodError, parse_period
    from styrning.render import timeline as render
    from styrning.views.timeline import compute_timeline

    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of", at)
    fmt = pick_format(output_format, output, TimelineFormat, TimelineFormat.text)
    resolved = None
    if period is not None:
        try:
            resolved = parse_period(period, today=day)
        except PeriodError as err:
            fail_usage(str(err))
    wanted: set[EventType] = set()
    for kind in kinds or []:
        try:
            wanted.add(EventType(kind.strip().lower()))
        except ValueError:
            fail_usage(
                f"okänd händelsetyp '{kind}' – välj bland {', '.join(t.value for t in EventType)}"
            )
    dataset, prov = read_data(
        data_root, at, day, resolved.label() if resolved is not None else None
    )
    organ = resolve_body(dataset, organ)
    errors = note_data_errors(dataset)
    result = compute_timeline(dataset, day, period=resolved, body=organ, kinds=wanted)
    if fmt is TimelineFormat.ics:
        from styrning.render.ics import render_ics
        from styrning.views.calendar import calendar_entries

        owner = dataset.timeline.organisation if dataset.timeline else None
        name = f"{owner} – styrning" if owner else "styrning"
        entries = calendar_entries(result, dataset, meetings=not wanted)
        emit(render_ics(entries, name=name, stamp=day), output, force)
        return
    renderers = {
        TimelineFormat.text: render.render_text,
        TimelineFormat.md: render.render_markdown,
        TimelineFormat.json: render.render_json,
    }
    emit(renderers[fmt](result, prov, data_errors=errors), output, force)
