"""`styrning timeline` output: aligned text, a Markdown table, JSON."""

from __future__ import annotations

import json

from styrning.core.problems import DataErrors
from styrning.core.provenance import Provenance
from styrning.core.text import markdown
from styrning.render.report_markdown import hard_lines, notice
from styrning.views.timeline import TimelineEntry, TimelineResult


def _note(e: TimelineEntry) -> str:
    planned = e.kind.agree("planerad", "planerat")
    if e.overdue:
        return f" ({planned}, {e.kind.agree('försenad', 'försenat')})"
    return f" ({planned})" if e.planned else ""


def _cells(e: TimelineEntry) -> tuple[str, str, str, str, str]:
    return (
        e.date.swedish(),
        str(e.kind),
        e.body or "–",
        e.process_title or "–",
        (e.heading or "–") + _note(e),
    )


def render_text(
    result: TimelineResult, prov: Provenance, *, data_errors: DataErrors | None = None
) -> str:
    rows = [_cells(e) for e in result.entries]
    if not rows:
        out = ["inga händelser"]
    else:
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        out = [
            "  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4]
            for r in rows
        ]
    if result.hidden_note:
        out += ["", result.hidden_note]
    if data_errors:
        out = [*data_errors.lines(), "", *out]
    return "\n".join([*out, "", *prov.lines()]) + "\n"


def render_markdown(
    result: TimelineResult, prov: Provenance, *, data_errors: DataErrors | None = None
) -> str:
    title = "Tidslinje"
    if result.period is not None:
        title += f" – {result.period.text}"
    out = [f"# {title}", "", *notice(data_errors.lines() if data_errors else [])]
    out += ["| Datum | Typ | Organ | Process | Rubrik |", "|---|---|---|---|---|"]
    out += ["| " + " | ".join(markdown(c) for c in _cells(e)) + " |" for e in result.entries]
    if result.hidden_note:
        out += ["", f"*{markdown(result.hidden_note)}*"]
    out += ["", "---", ""]
    out += hard_lines(prov.lines())
    return "\n".join(out).rstrip() + "\n"


def render_json(
    result: TimelineResult, prov: Provenance, *, data_errors: DataErrors | None = None
) -> str:
    doc = {
        "as_of": result.as_of.isoformat(),
        "period": (
            {
                "text": result.period.text,
                "start": result.period.start.isoformat(),
                "end": result.period.end.isoformat(),
            }
            if result.period is not None
            else None
        ),
        "events": [
            {
                "date": e.date.iso(),
                "start": e.date.start.isoformat(),
                "end": e.date.end.isoformat(),
                "type": str(e.kind),
                "body": e.body_id,
                "body_name": e.body,
                "process": e.process_id,
                "process_title": e.process_title,
                "heading": e.heading,
                "description": e.description,
                "planned": e.planned,
                "happened": e.happened,
                "overdue": e.overdue,
                "path": e.path,
            }
            for e in result.entries
        ],
        "hidden_later": result.hidden_later,
        "hidden_note": result.hidden_note,
        "data_errors": data_errors.as_dict() if data_errors else None,
        "provenance": prov.lines(),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
