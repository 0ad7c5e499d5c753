"""`styrning status` output: a rich table for people, Markdown, JSON for programs.

Only formats a computed `StatusResult`; nothing here decides a state.
"""

from __future__ import annotations

import io
import json
from typing import Any

from styrning.core.model import Event
from styrning.core.problems import DataErrors
from styrning.core.provenance import Provenance
from styrning.core.text import markdown
from styrning.render.report_markdown import hard_lines, notice
from styrning.state.status import ProcessStatusRow, StatusResult

HEADERS = ("Typ", "Titel", "Id", "Status", "Fas", "Senast", "Nästa")
# The terminal table has no room for an id column: the id goes under the title.
TEXT_HEADERS = tuple(h for h in HEADERS if h != "Id")


def event_text(ev: Event | None) -> str:
    """ "mars 2022 remiss", "juni 2022 beslut (planerat)" or "–"."""
    if ev is None:
        return "–"
    text = f"{ev.date.swedish()} {ev.kind}"
    return text + f" ({ev.kind.agree('planerad', 'planerat')})" if ev.planned else text


def _cells(row: ProcessStatusRow) -> tuple[str, ...]:
    return (
        str(row.kind),
        row.title,
        row.id,
        row.state_text,
        row.phase or "–",
        event_text(row.latest),
        event_text(row.next),
    )


def render_text(
    result: StatusResult,
    prov: Provenance,
    *,
    color: bool,
    width: int | None,
    data_errors: DataErrors | None = None,
) -> str:
    """A note on errors in the data, a table, then the warnings, then where the data came from."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        width=width or 120,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    if data_errors:
        for line in data_errors.lines():
            console.print(Text(line, style="bold red"), soft_wrap=True)
        console.print()
    table = Table(title=f"Status per {result.as_of.isoformat()}", title_justify="left")
    show_phase = any(row.phase for row in result.rows)
    for name in TEXT_HEADERS:
        if name == "Fas" and not show_phase:
            continue
        table.add_column(name, overflow="fold")
    for row in result.rows:
        kind, title, pid, *rest = _cells(row)
        cells = [Text(kind), Text.assemble(title, "\n", (pid, "dim")), *map(Text, rest)]
        if not show_phase:
            del cells[TEXT_HEADERS.index("Fas")]
        style = ""
        if row.overdue:
            style = "red"
        elif row.review is not None and not row.review.coming:
            style = "yellow"
        table.add_row(*cells, style=style)
    console.print(table)
    for line in result.warnings():
        style = "bold red" if line.startswith("försenad") else "yellow"
        # One line per warning, never wrapped, so that grep and CI logs see it whole.
        console.print(Text(line, style=style), soft_wrap=True)
    console.print()
    for line in prov.lines():
        console.print(Text(line, style="dim"), soft_wrap=True)
    if color:
        return buf.getvalue()
    # rich pads lines to the full width; plain output should not carry trailing blanks.
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


def render_markdown(
    result: StatusResult, prov: Provenance, *, data_errors: DataErrors | None = None
) -> str:
    out = [f"# Status per {result.as_of.isoformat()}", ""]
    out += notice(data_errors.lines() if data_errors else [])
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|" + "---|" * len(HEADERS))
    for row in result.rows:
        out.append("| " + " | ".join(markdown(c) for c in _cells(row)) + " |")
    warnings = result.warnings()
    if warnings:
        out += ["", "## Varningar", ""]
        out += [f"- {markdown(w)}" for w in warnings]
    out += ["", "---", ""]
    out += hard_lines(prov.lines())
    return "\n".join(out).rstrip() + "\n"


def event_json(ev: Event | None) -> dict[str, Any] | None:
    if ev is None:
        return None
    return {
        "date": ev.date.iso(),
        "type": str(ev.kind),
        "body": ev.body,
        "heading": ev.heading,
        "planned": ev.planned,
    }


def render_json(
    result: StatusResult, prov: Provenance, *, data_errors: DataErrors | None = None
) -> str:
    doc = {
        "as_of": result.as_of.isoformat(),
        "processes": [
            {
                "id": row.id,
                "path": row.path,
                "type": str(row.kind),
                "title": row.title,
                "state": str(row.state) if row.state is not None else None,
                "state_source": str(row.state_source),
                "state_reason": row.state_reason,
                "phase": row.phase,
                "latest": event_json(row.latest),
                "next": event_json(row.next),
                "overdue": [event_json(ev) for ev in row.overdue],
                "review_due": (
                    {
                        "due": row.review.due.iso(),
                        "reason": row.review.reason,
                        "coming": row.review.coming,
                    }
                    if row.review is not None
                    else None
                ),
                "replaced_by": row.replaced_by,
                "bodies": sorted(row.bodies),
            }
            for row in result.rows
        ],
        "warnings": result.warnings(),
        "data_errors": data_errors.as_dict() if data_errors else None,
        "provenance": prov.lines(),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
