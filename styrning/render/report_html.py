"""The status report as one self-contained HTML file, to mail or print to PDF on A4.

Inline CSS and an inline SVG timeline; no script, no font, image or style
sheet from anywhere else. Every string from the data goes through
`html.escape`, so a title can hold `<` or `&` and stay text.
"""

from __future__ import annotations

from html import escape

from styrning.core.model import Contact
from styrning.render.timeline_svg import legend_dot, svg_timeline, timeline_list
from styrning.views.report import (
    Milestone,
    Report,
    ReportAssignment,
    ReportDocument,
    day_text,
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
.kicker { font-size: 12px; letter-spacing: .08em; text-transform: uppercase;
          color: var(--muted); font-weight: 600; margin: 0 0 2px; break-after: avoid; }
.kicker + h2 { border-bottom: 0; padding-bottom: 0; margin-bottom: 4px; }
.status { margin: 0 0 12px; padding-bottom: 8px; border-bottom: 2px solid var(--accent-soft); }
.status .state { margin-left: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
           white-space: nowrap; }
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
.timeline .drawing { overflow-x: auto; }
.timeline svg { display: block; max-width: none; }
.legend { font-size: 13px; color: var(--muted); margin: 8px 0 0; display: flex; flex-wrap: wrap;
          align-items: center; gap: 4px 16px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.legend i { display: inline-block; }
.legend .asof { width: 0; height: 14px; border-left: 1.5px dashed var(--warn); }
.legend .band { width: 16px; height: 12px; background: var(--accent-soft); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; font-size: 13px; font-weight: 600; color: var(--muted);
          padding: 12px 0 4px; }
th { text-align: left; background: var(--accent-soft); color: var(--accent); font-weight: 600; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; vertical-align: top; }
td.late { color: var(--warn); font-weight: 600; }
.tl-list td.date { white-space: nowrap; }
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
  .timeline svg { width: 100%; height: auto; }
  .timeline .drawing { overflow: visible; }
  .tl-list { display: none; }  /* on paper the drawing is whole: its labels are the list */
  h2, h3, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  footer { break-before: avoid; }
}
@media (max-width: 640px) {
  .grid { grid-template-columns: 1fr; }
  .phases { flex-direction: column; }
  .steps li { grid-template-columns: 1fr; gap: 0; }
  .page { padding: 0 10px 24px; }
  section.card { padding: 14px 12px; }
  th, td { padding: 6px 4px; }
  .tl-list td.date { white-space: normal; }
  .tl-list { font-size: 13px; }
  td + td:not(:last-child) { overflow-wrap: anywhere; }  /* only the text column, if needed */
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


def _step(ev: TimelineEntry) -> str:
    body = f'<span class="body">{e(ev.body)}</span>' if ev.body else ""
    return (
        f'<li><span class="date">{e(ev.date_text)}</span>'
        f"<span>{e(ev.text)}{body}{_note(ev)}</span></li>"
    )


# The list item of each step, by the step: reports of several periods (the site's) tell
# most steps alike, and a step's item depends on the step alone.
StepItems = dict[TimelineEntry, str]


def _steps(events: list[TimelineEntry], empty: str, made: StepItems | None = None) -> str:
    if not events:
        return f"<p>{e(empty)}</p>"
    if made is None:
        items = [_step(ev) for ev in events]
    else:
        items = []
        for ev in events:
            item = made.get(ev)
            if item is None:
                item = made[ev] = _step(ev)
            items.append(item)
    return '<ul class="steps">' + "".join(items) + "</ul>"


def list_html(items: list[str]) -> str:
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


def contacts_html(contacts: list[Contact]) -> str:
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


def _head(kicker: str, title: str, state: str) -> str:
    """A card's heading: the kicker and the state stay outside the h2, so that a screen
    reader's list of headings holds the titles alone."""
    return (
        f'<p class="kicker">{e(kicker)}</p><h2>{e(title)}</h2>'
        f'<p class="status"><span class="sr-only">Status: </span>'
        f'<span class="state">{e(state)}</span></p>'
    )


def _document(heading: str, d: ReportDocument) -> str:
    parts = [
        '<section class="card"><div class="lead">'
        + _head(f"{heading} · {d.kind}", d.title, d.state)
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
        parts.append("<h3>Kontakt</h3>" + contacts_html(d.contacts))
    parts.append("</section>")
    return "".join(parts)


def _timeline_section(report: Report, svg: str) -> str:
    legend = (
        '<p class="legend">'
        f"<span>{legend_dot(True, False)} genomfört</span>"
        f"<span>{legend_dot(False, False)} planerat eller kommande</span>"
        + (
            f"<span>{legend_dot(False, True)} försenat</span>"
            if any(ev.overdue for ev in report.timeline)
            else ""
        )
        + f'<span><i class="asof"></i> rapportdagen {e(day_text(report.as_of))}</span>'
        f'<span><i class="band"></i> {e(report.period.text)}</span></p>'
    )
    return (
        '<section class="card timeline"><h2>Tidslinje</h2>'
        '<div class="drawing" tabindex="0" role="region" aria-label="Tidslinjen som bild">'
        f"{svg}</div>{legend}{timeline_list(report)}</section>"
    )


def _masthead(report: Report) -> list[str]:
    """From the doctype to the masthead."""
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
        f'<p class="meta"><span>{e(report.period_words)}</span>'
        f"<span>läget per {e(day_text(report.as_of))}</span></p>"
    )
    out.append('</div></header><main class="page">')
    return out


def _assignment(a: ReportAssignment) -> str:
    parts = [
        f'<section class="card"><div class="lead">{_head("Uppdrag", a.title, a.state)}'
        '<div class="grid"><div>'
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
        parts.append("<h3>Avgränsning</h3>" + list_html(a.boundaries))
    if a.focus:
        parts.append(f"<h3>{len(a.focus)} huvudfokus</h3>" + list_html(a.focus))
    if a.phases:
        items = "".join(
            ('<li class="current">' if p.current else "<li>")
            + e(p.name)
            + (" <strong>(pågår nu)</strong>" if p.current else "")
            + "</li>"
            for p in a.phases
        )
        parts.append(
            f'<h3>Detta sker genom {len(a.phases)} faser</h3><ol class="phases">{items}</ol>'
        )
    parts.append(_milestones(a.milestones))
    if a.contacts:
        parts.append("<h3>Kontakt</h3>" + contacts_html(a.contacts))
    parts.append("</section>")
    return "".join(parts)


def render_html(report: Report) -> str:
    out = _masthead(report)
    if report.data_errors:
        out.append(notice(report.data_errors.reader_lines()))
    out.append(report_body(report))
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def report_body(report: Report, made: StepItems | None = None) -> str:
    """The report's content inside `<main>` (after the notice of data errors), footer
    included; shared with the site's report pages. `made`: the steps' items already
    written, for a caller writing many reports (filled as it goes)."""
    out = []
    svg = svg_timeline(report)
    if svg:
        out.append(_timeline_section(report, svg))
    out.append(
        '<section class="card"><h2>Bakgrund</h2>'
        + _steps(report.background, "Inga tidigare steg.", made)
        + "</section>"
    )
    if report.during:
        out.append(
            f'<section class="card"><h2>Under perioden ({e(report.period.text)})</h2>'
            + _steps(report.during, "", made)
            + "</section>"
        )
    out += [_assignment(a) for a in report.assignments]
    for heading, documents in report.document_groups:
        out += [_document(heading, d) for d in documents]
    out += _closing(report, made)
    return "\n".join(out)


def _closing(report: Report, made: StepItems | None = None) -> list[str]:
    """What comes next, the warnings, the contacts and the footer, to the end of the page."""
    out = [
        '<section class="card keep"><h2>Det som händer härnäst</h2>'
        + _steps(report.coming, "Inget planerat.", made)
        + "</section>"
    ]
    if report.warnings:
        out.append(
            '<section class="card keep warnings"><h2>Att uppmärksamma</h2>'
            + list_html(report.warnings)
            + "</section>"
        )
    if report.contacts:
        out.append(
            '<section class="card keep"><h2>Kontakt</h2><p>Frågor och kommentarer:</p>'
            + contacts_html(report.contacts)
            + "</section>"
        )
    lines = [report.hidden_note] if report.hidden_note else []
    lines += report.provenance
    out.append("<footer>" + "".join(f"<p>{e(line)}</p>" for line in lines) + "</footer>")
    return out
