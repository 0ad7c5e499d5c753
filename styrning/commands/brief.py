"""`styrning brief`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    parse_day,
    pick_format,
)

if TYPE_CHECKING:
    from styrning.core.provenance import Provenance


class BriefFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    docx = "docx"


def brief(
    root: RootOption = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            help=(
                "Sammanträdesdagen, ÅÅÅÅ-MM-DD. Standard: organets nästa sammanträde i "
                "timeline.yaml (sammanträden). Exempel: --meeting 2022-05-17"
            ),
            show_default=False,
        ),
    ] = None,
    organ: Annotated[str | None, organ_option("Organet som sammanträder")] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help=(
                "Visa ändringar sedan ett datum eller en git-revision. Standard: föregående "
                "sammanträde. Exempel: --since 2022-04-12 · --since v2022-04"
            ),
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    output_format: Annotated[
        BriefFormat | None,
        format_option(BriefFormat, "-f md", notes={"docx": "Word; kräver -o"}),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Underlaget inför ett sammanträde: ändringar sedan förra mötet, beslut nu och framåt,
    remisser, förseningar, aktualitetsprövningar och pågående uppdrag.

    Läget bedöms per sammanträdesdagen, eller i dag om mötet ligger i framtiden.

    Exempel: styrning brief --meeting 2022-05-17 · styrning brief --organ ks -o underlag.docx ·
    styrning brief --meeting 2022-05-17 --since 2022-04-01 -f html -o underlag.html
    """
    from styrning.render import document
    from styrning.views.brief import BriefError, choose_meeting, compute_brief

    meeting_day = parse_day(meeting, "--meeting") if meeting is not None else None
    fmt = pick_format(output_format, output, BriefFormat, BriefFormat.text)
    if fmt is BriefFormat.docx and output is None:
        fail_usage("Word-formatet skrivs till en fil – ange -o underlag.docx")
    # The meeting is chosen on today (or the day --at names); --as-of judges the data only.
    data = load_input(root, None, at, organ=organ)
    dataset, today, prov = data.dataset, data.day, data.provenance
    try:
        chosen = choose_meeting(dataset, data.organ, meeting_day, today)
    except BriefError as exc:
        fail_usage(str(exc))
    day = parse_day(as_of, "--as-of") if as_of is not None else min(today, chosen.date)
    # A meeting in the past: its changes end with its day (the last commit on or before
    # the end of it), not with HEAD; --at says otherwise when given.
    until = at if at is not None or chosen.date >= today else chosen.date.isoformat()
    since_day, since_label, until_label, lines = _changes_since(
        data.root, since, until, chosen.previous, prov
    )
    pack = compute_brief(
        dataset,
        chosen,
        day,
        since=since_day,
        since_text=since_label,
        until_text=until_label,
        changes=lines,
        provenance=dataclasses.replace(prov, as_of=day).lines(),
    )
    pack = dataclasses.replace(pack, data_errors=data.errors)
    if fmt is BriefFormat.docx:
        emit(document.render_docx(pack), output, force)
        return
    renderers = {
        BriefFormat.text: document.render_text,
        BriefFormat.md: document.render_markdown,
        BriefFormat.html: document.render_html,
        BriefFormat.json: document.render_json,
    }
    emit(renderers[fmt](pack), output, force)


def _changes_since(
    data_root: Path,
    since: str | None,
    until: str | None,
    previous: dt.date | None,
    prov: Provenance,
) -> tuple[dt.date | None, str | None, str | None, list[str] | None]:
    """What the "changes" section starts from and ends with, and its lines when git
    history can tell them.

    With git: the semantic diff from `since` (or the previous meeting) to `until` (a
    revision or a date; None is HEAD), with who and when. Without git: no lines, and the
    brief lists the events dated since.
    """
    since_day: dt.date | None = None
    if since is not None:
        try:
            since_day = dt.date.fromisoformat(since.strip())
        except ValueError:
            since_day = None
    start = since or (previous.isoformat() if previous else None)
    if start is None:
        return None, None, None, None
    if prov.commit is None:
        if since is not None and since_day is None:
            fail_usage(
                f"--since {since} är en git-revision, men data ligger inte i git ({prov.note})"
            )
        return since_day or previous, None, None, None
    from styrning.history.git import HistoryError, changes

    try:
        report = changes(data_root, start, until, lambda m: typer.echo(m, err=True))
    except HistoryError as exc:
        fail_usage(str(exc))
    lines = [
        f"{group.title}: {item.change.text} ({item.commit.author}, {item.commit.date}, "
        f"{item.commit.short})"
        if item.commit
        else f"{group.title}: {item.change.text}"
        for group in report.groups
        for item in group.changes
    ]
    return since_day or previous, report.since, report.until if until else None, lines
