"""The status report as one self-contained HTML file, to mail or print to PDF on A4.

Inline CSS and an inline SVG timeline; no script, no font, image or style
sheet from anywhere else. Every string from the data goes through
`html.escape`, so a title can hold `<` or `&` and stay text.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from styrning.core.model import Contact
from styrning.core.text import truncate
from styrning.views.report import (
    Milestone,
    Report,
    ReportAssignment,
    ReportDocument,
    short_month,
)
from styrning.views.timeline import TimelineEntry

ACCENT = "#0b3d6e"

CSS = """
:root { --accent: #0b3d6e; --accent-soft: #e8eef6; --ink: #1c2430; --muted: #5b6676;
        --line: #d8dee8; --warn: #a4262c; --paper: #ffffff; --bg: #f2f4f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 15px/1.55 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.page { max-width: 960px; margin: 0 auto; padding: 0 24px 32px; }
header.masthead { background: var(--accent); color: #fff; padding: 28px 0 24px; margin-bottom: 24px;
                  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header.masthead .page { padding-bottom: 0; }
.org { font-size: 13px; letter-spacing: .08em; text-transform: uppercase; opacity: .85; margin: 0; }
h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 10px; font-weight: 600; }
.meta { margin: 0; font-size: 14px; opacity: .92; }
.meta span + span::before { content: "·"; margin: 0 8px; opacity: .7; }
section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
               padding: 20px 24px; margin: 0 0 18px; box-shadow: 0 1px 2px rgba(16,24,40,.05); }
h2 { font-size: 19px; color: var(--accent); margin: 0 0 12px; font-weight: 600;
     padding-bottom: 8px; border-bottom: 2px solid var(--accent-soft); break-after: avoid; }
h2 .kicker { display: block; font-size: 12px; letter-spacing: .08em; text-transform: uppercase;
             color: var(--muted); font-weight: 600; margin-bottom: 2px; }
h3 { font-size: 13px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted);
     margin: 16px 0 6px; font-weight: 600; break-after: avoid; }
p { margin: 0 0 8px; }
ul { margin: 0 0 8px; padding-left: 20px; }
li { margin: 0 0 4px; break-inside: avoid; }
.state { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 10px;
         border-radius: 999px; background: var(--accent-soft); color: var(--accent);
         vertical-align: middle; margin-left: 6px; }
.subtitle { font-size: 16px; font-weight: 600; margin-bottom: 6px; }
.grid { display: grid; grid-template-columns: 2fr 1fr; gap: 0 28px; }
.steps { list-style: none; padding: 0; margin: 0; }
.steps li { display: grid; grid-template-columns: 128px 1fr; gap: 12px; padding: 6px 0;
            border-bottom: 1px solid #eef1f5; }
.steps li:last-child { border-bottom: 0; }
.date { font-weight: 600; color: var(--accent); white-space: nowrap; }
.body { display: inline-block; font-size: 12px; color: var(--muted); border: 1px solid var(--line);
        border-radius: 4px; padding: 0 6px; margin-left: 6px; white-space: nowrap; }
.note { font-size: 12px; font-weight: 600; color: var(--accent); margin-left: 6px; }
.note.late { color: var(--warn); }
.goal { background: var(--accent-soft); border-left: 4px solid var(--accent); padding: 10px 14px;
        margin: 6px 0 10px; border-radius: 0 4px 4px 0; }
.goal p { margin: 0; }
.phases { list-style: none; padding: 0; margin: 4px 0 8px; display: flex; gap: 8px; }
.phases li { flex: 1; background: var(--accent-soft); border-radius: 4px; padding: 8px 12px;
             font-size: 14px; border-top: 3px solid var(--accent); }
.phases li.current { background: var(--accent); color: #fff; }
.milestones { list-style: none; padding: 0; margin: 4px 0 0; }
.milestones li { position: relative; padding: 2px 0 8px 26px; }
.milestones li::before { content: ""; position: absolute; left: 4px; top: 7px; width: 10px;
                         height: 10px; border-radius: 50%; background: var(--accent);
                         border: 2px solid var(--accent); }
.milestones li.planned::before { background: #fff; }
.milestones li.late::before { border-color: var(--warn); }
.milestones .what { font-weight: 600; }
.milestones .text { margin-top: 4px; color: var(--ink); font-size: 14px; }
.warnings li { color: var(--warn); }
.notice { border-left: 4px solid var(--warn); background: #fdf3f3; }
.notice h2 { color: var(--warn); border-bottom-color: #f3d6d7; }
.contact { display: flex; flex-wrap: wrap; gap: 8px 32px; }
.contact .name { font-weight: 600; font-size: 16px; }
.contact a { color: var(--accent); text-decoration: none; }
.timeline svg { width: 100%; height: auto; display: block; }
.legend { font-size: 12px; color: var(--muted); margin: 8px 0 0; display: flex; flex-wrap: wrap;
          align-items: center; gap: 4px 6px; }
.legend span { display: inline-block; margin-left: 10px; }
.legend span:first-child { margin-left: 0; }
.legend .dot { width: 10px; height: 10px; border-radius: 50%; background: var(--accent);
               border: 2px solid var(--accent); }
.legend .dot.open { background: #fff; }
.legend .dot.late { border-color: var(--warn); }
.legend .asof { width: 0; height: 12px; border-left: 1.5px dashed var(--warn); }
.legend .band { width: 16px; height: 10px; background: var(--accent-soft); }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
         padding-top: 10px; margin-top: 8px; }
footer p { margin: 0; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  header.masthead { margin: 0 0 14px; padding: 16px 18px; border-radius: 4px; }
  header.masthead .page { padding: 0; }
  section.card { box-shadow: none; border-color: #c9d1dc; padding: 12px 16px; margin-bottom: 12px; }
  section.card.keep { break-inside: avoid; }
  .steps li, .milestones li, .phases, .goal, .contact { break-inside: avoid; }
  .lead { break-inside: avoid; }
  a { color: inherit; }
}
@media (max-width: 640px) {
  .grid { grid-template-columns: 1fr; }
  .phases { flex-direction: column; }
  .steps li { grid-template-columns: 1fr; gap: 0; }
}
"""


def e(text: str | None) -> str:
    """Data text as HTML text: escaped, quotes included."""
    return escape(text or "", quote=True)


def _note(ev: TimelineEntry) -> str:
    if not ev.note:
        return ""
    cls = "note late" if ev.overdue else "note"
    return f'<span class="{cls}">{e(ev.note)}</span>'


def _steps(events: list[TimelineEntry], empty: str) -> str:
    if not events:
        return f"<p>{e(empty)}</p>"
    items = []
    for ev in events:
        body = f'<span class="body">{e(ev.body)}</span>' if ev.body else ""
        items.append(
            f'<li><span class="date">{e(ev.date_text)}</span>'
            f"<span>{e(ev.text)}{body}{_note(ev)}</span></li>"
        )
    return '<ul class="steps">' + "".join(items) + "</ul>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def _milestones(items: list[Milestone]) -> str:
    if not items:
        return ""
    out = []
    for m in items:
        ev = m.event
        cls = "late" if ev.overdue else ("planned" if not ev.happened else "")
        head = f'<span class="what">{e(m.text)}</span>'
        if ev.heading:
            head += f" – {e(ev.heading)}"
        text = f'<div class="text">{e(ev.description)}</div>' if ev.description else ""
        out.append(f'<li class="{cls}">{head}{text}</li>')
    return '<h3>Milstolpar</h3><ul class="milestones">' + "".join(out) + "</ul>"


def notice(lines: list[str]) -> str:
    """A note that must not be missed (the data had errors), first on the page."""
    if not lines:
        return ""
    return (
        '<section class="card keep notice" role="note"><h2>Obs: fel i underlaget</h2>'
        + "".join(f"<p>{e(line)}</p>" for line in lines)
        + "</section>"
    )


def _contacts(contacts: list[Contact]) -> str:
    out = []
    for c in contacts:
        parts = [f'<div class="name">{e(c.name)}</div>']
        if c.role:
            parts.append(f"<div>{e(c.role)}</div>")
        if c.phone:
            parts.append(f"<div>Telefon: {e(c.phone)}</div>")
        if c.email:
            parts.append(f'<div>E-post: <a href="mailto:{e(c.email)}">{e(c.email)}</a></div>')
        out.append("<div>" + "".join(parts) + "</div>")
    return '<div class="contact">' + "".join(out) + "</div>"


# --- the SVG timeline --------------------------------------------------------------------

_W = 760
_LEFT = 30
_RIGHT = 730
_CHAR = 6.2  # average width of an 11.5px character, for keeping labels apart


def _svg_label(ev: TimelineEntry) -> str:
    if ev.process_title:
        title = truncate(ev.process_title, 34, flat=True, at_word=True)
        return f"{str(ev.kind).capitalize()} · {title}"
    return truncate(ev.text, 40, flat=True, at_word=True)


def svg_timeline(report: Report) -> str:
    """The events on a time axis: the period shaded, the as-of day marked, labels in lanes."""
    events = report.timeline
    if not events:
        return ""
    first = min(ev.date.start for ev in events)
    last = max(max(ev.date.end for ev in events), report.period.end, report.as_of)
    lo = dt.date(first.year, 1, 1)
    hi = dt.date(last.year, 12, 31)
    span = (hi - lo).days or 1

    def x(d: dt.date) -> float:
        return _LEFT + (_RIGHT - _LEFT) * (d - lo).days / span

    # Greedy lanes, alternating above and below the axis, so that no two labels overlap.
    lanes: list[float] = []  # right edge of the last label in each lane
    placed: list[tuple[TimelineEntry, float, int, str]] = []
    for ev in events:
        mid = ev.date.start + (ev.date.end - ev.date.start) / 2
        cx = x(mid)
        label = _svg_label(ev)
        width = max(len(label), 9) * _CHAR
        left = min(max(cx - 6, _LEFT - 20), _W - width - 4)
        lane = next((i for i, edge in enumerate(lanes) if edge + 10 < left), len(lanes))
        if lane == len(lanes):
            lanes.append(0.0)
        lanes[lane] = left + width
        placed.append((ev, cx, lane, label))
    above = (len(lanes) + 1) // 2
    below = len(lanes) // 2
    step = 36
    top = 26  # room for the period's name above the labels
    axis = top + 24 + above * step
    height = axis + 30 + below * step

    parts = [
        f'<svg viewBox="0 0 {_W} {height}" role="img" '
        f'aria-label="{e("Tidslinje: " + report.title)}" font-family="Segoe UI, Helvetica Neue, '
        'Arial, Liberation Sans, sans-serif">'
    ]
    px0, px1 = x(max(report.period.start, lo)), x(min(report.period.end, hi))
    parts.append(
        f'<rect x="{px0:.1f}" y="{top - 4}" width="{max(px1 - px0, 2):.1f}" '
        f'height="{height - top}" fill="#e8eef6" rx="3"/>'
    )
    parts.append(
        f'<text x="{min((px0 + px1) / 2, _W - 40):.1f}" y="{top - 10}" font-size="10.5" '
        f'fill="{ACCENT}" text-anchor="middle" font-weight="600">{e(report.period.text)}</text>'
    )
    parts.append(
        f'<line x1="{_LEFT - 10}" y1="{axis}" x2="{_RIGHT + 10}" y2="{axis}" stroke="#9aa6b5" '
        'stroke-width="1.5"/>'
    )
    for year in range(lo.year, hi.year + 2):
        yx = x(dt.date(year, 1, 1)) if year <= hi.year else _RIGHT
        parts.append(
            f'<line x1="{yx:.1f}" y1="{axis - 4}" x2="{yx:.1f}" y2="{axis + 4}" stroke="#9aa6b5"/>'
        )
        if year <= hi.year:
            mid_year = x(dt.date(year, 7, 1))
            parts.append(
                f'<text x="{mid_year:.1f}" y="{axis + 16}" font-size="11" fill="#5b6676" '
                f'text-anchor="middle">{year}</text>'
            )
    ax = x(report.as_of)
    parts.append(
        f'<line x1="{ax:.1f}" y1="{top - 4}" x2="{ax:.1f}" y2="{height}" stroke="#a4262c" '
        'stroke-dasharray="3 3" stroke-width="1"/>'
    )
    for ev, cx, lane, label in placed:
        up = lane % 2 == 0
        level = lane // 2
        ty = axis - 22 - level * step if up else axis + 34 + level * step
        width = max(len(label), 9) * _CHAR
        left = min(max(cx - 6, _LEFT - 20), _W - width - 4)
        y_end = ty + 4 if up else ty - 12
        parts.append(
            f'<line x1="{cx:.1f}" y1="{axis}" x2="{cx:.1f}" y2="{y_end}" stroke="#c3ccd8"/>'
        )
        fill = ACCENT if ev.happened else "#ffffff"
        stroke = "#a4262c" if ev.overdue else ACCENT
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{axis}" r="5" fill="{fill}" stroke="{stroke}" '
            'stroke-width="2"/>'
        )
        date = short_month(ev.date) + (f" ({ev.note})" if ev.note else "")
        parts.append(
            f'<text x="{left:.1f}" y="{ty - 13 if up else ty}" font-size="10.5" font-weight="600" '
            f'fill="{ACCENT}">{e(date)}</text>'
        )
        parts.append(
            f'<text x="{left:.1f}" y="{ty if up else ty + 13}" font-size="11.5" fill="#1c2430">'
            f"{e(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _head_html(report: Report) -> list[str]:
    """From the doctype to the masthead, and the notice of data errors."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="masthead"><div class="page">',
    ]
    if report.organisation:
        out.append(f'<p class="org">{e(report.organisation)}</p>')
    out.append(f"<h1>{e(report.title)}</h1>")
    out.append(
        f'<p class="meta"><span>{e(report.period_label)}</span>'
        f"<span>per {e(report.as_of.isoformat())}</span></p>"
    )
    out.append('</div></header><main class="page">')
    if report.data_errors:
        out.append(notice(report.data_errors.reader_lines()))
    return out


def _timeline_html(report: Report) -> list[str]:
    """The drawn timeline with its legend; nothing when there is nothing to draw."""
    svg = svg_timeline(report)
    if not svg:
        return []
    legend = (
        '<p class="legend"><span class="dot"></span>genomfört'
        '<span class="dot open"></span>planerat'
        + (
            '<span class="dot open late"></span>försenat'
            if any(ev.overdue for ev in report.timeline)
            else ""
        )
        + f'<span class="asof"></span>rapportdagen {e(report.as_of.isoformat())}'
        f'<span class="band"></span>{e(report.period.text)}</p>'
    )
    return [f'<section class="card keep timeline"><h2>Tidslinje</h2>{svg}{legend}</section>']


def _assignment_html(a: ReportAssignment) -> str:
    parts = [
        f'<section class="card"><div class="lead"><h2><span class="kicker">Uppdrag</span>'
        f'{e(a.title)}<span class="state">{e(a.state)}</span></h2><div class="grid"><div>'
    ]
    if a.purpose:
        parts.append(f"<h3>Syfte</h3><p>{e(a.purpose)}</p>")
    parts.append("</div><div>")
    if a.clients:
        parts.append(f"<h3>Uppdragsgivare/beställare</h3><p>{e(a.clients_text)}</p>")
    parts.append("</div></div></div>")
    if a.scope:
        parts.append(f"<h3>Omfattning</h3><p>{e(a.scope)}</p>")
    if a.boundaries:
        parts.append("<h3>Avgränsning</h3>" + _list(a.boundaries))
    if a.focus:
        parts.append(f"<h3>{len(a.focus)} huvudfokus</h3>" + _list(a.focus))
    if a.phases:
        items = "".join(
            f'<li class="{"current" if p.current else ""}">{e(p.name)}'
            + (" <strong>(pågår nu)</strong>" if p.current else "")
            + "</li>"
            for p in a.phases
        )
        parts.append(
            f'<h3>Detta sker genom {len(a.phases)} faser</h3><ol class="phases">{items}</ol>'
        )
    parts.append(_milestones(a.milestones))
    if a.contacts:
        parts.append("<h3>Kontakt</h3>" + _contacts(a.contacts))
    parts.append("</section>")
    return "".join(parts)


def _document_html(d: ReportDocument) -> str:
    parts = [
        f'<section class="card"><div class="lead"><h2><span class="kicker">Styrdokument '
        f'under arbete · {e(d.kind)}</span>{e(d.title)}<span class="state">{e(d.state)}'
        "</span></h2>"
    ]
    if d.subtitle:
        parts.append(f'<p class="subtitle">{e(d.subtitle)}</p>')
    if d.context:
        parts.append(f"<p>{e(d.context)}</p>")
    parts.append("</div>")
    if d.description:
        parts.append(f"<p>{e(d.description)}</p>")
    if d.goals:
        parts.append(
            "<h3>Inriktningsmål</h3>"
            + "".join(f'<div class="goal"><p>{e(g)}</p></div>' for g in d.goals)
        )
    parts.append(_milestones(d.milestones))
    if d.contacts:
        parts.append("<h3>Kontakt</h3>" + _contacts(d.contacts))
    parts.append("</section>")
    return "".join(parts)


def _closing_html(report: Report) -> list[str]:
    """What comes next, the warnings, the contacts and the footer, to the end of the page."""
    out = [
        '<section class="card keep"><h2>Det som händer härnäst</h2>'
        + _steps(report.coming, "Inget planerat.")
        + "</section>"
    ]
    if report.warnings:
        out.append(
            '<section class="card keep warnings"><h2>Att uppmärksamma</h2>'
            + _list(report.warnings)
            + "</section>"
        )
    if report.contacts:
        out.append(
            '<section class="card keep"><h2>Kontakt</h2><p>Frågor och kommentarer:</p>'
            + _contacts(report.contacts)
            + "</section>"
        )
    lines = [report.hidden_note] if report.hidden_note else []
    lines += report.provenance
    out.append("<footer>" + "".join(f"<p>{e(line)}</p>" for line in lines) + "</footer>")
    return out


def render_html(report: Report) -> str:
    out = _head_html(report)
    out.append(report_body(report))
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def report_body(report: Report) -> str:
    """The report's content inside `<main>` (after the notice), shared with the site's pages."""
    out = _timeline_html(report)
    out.append(
        '<section class="card"><h2>Bakgrund</h2>'
        + _steps(report.background, "Inga tidigare steg.")
        + "</section>"
    )
    if report.during:
        out.append(
            f'<section class="card"><h2>Under perioden ({e(report.period.text)})</h2>'
            + _steps(report.during, "")
            + "</section>"
        )
    out += [_assignment_html(a) for a in report.assignments]
    out += [_document_html(d) for d in report.documents]
    out += _closing_html(report)
    return "\n".join(out)
