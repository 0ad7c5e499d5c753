"""The published site as files: HTML pages, a style sheet, the search index, the calendar, JSON.

Every link is relative and every page sits in one folder, so the site works opened
from disk (`file://`), under any sub-path of a web server and on Pages. Nothing is
loaded from the network. Pages read with scripts off; only the search page needs
its script, and it reads the index from `search-index.js` (a script that sets a
global), since `fetch()` of a JSON file fails under `file://`. Every string from the
data goes through `html.escape`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from styrning.core.model import Conformance, ProcessType
from styrning.history.diff import LogEntry
from styrning.render.ics import render_ics
from styrning.render.report_html import CSS as REPORT_CSS
from styrning.render.report_html import StepItems, contacts_html, e, list_html, report_body
from styrning.render.status import event_text
from styrning.views.site import (
    BodyPage,
    ProcessPage,
    Ref,
    ReportPage,
    Site,
)
from styrning.views.timeline import TimelineEntry

MARKER = ".styrning-site"
DRAWN_EVENTS = 150  # a report page draws its timeline up to this many events
SEARCH_PAGE = "sok.html"
TIMELINE_PAGE = "tidslinje.html"
ACCESSIBILITY_PAGE = "tillganglighet.html"
CALENDAR_FILE = "kalender.ics"
DATA_FILE = "data.json"

SITE_CSS = """
.skip { position: absolute; left: 8px; top: -60px; background: #fff; color: var(--accent);
        padding: 8px 14px; border: 2px solid var(--accent); border-radius: 4px; z-index: 10;
        font-weight: 600; }
.skip:focus { top: 8px; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, main:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
           overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.masthead { padding: 14px 0 10px; margin-bottom: 20px; }
header.masthead a { color: #fff; }
header.masthead a:focus-visible { outline-color: #ffd166; }
.site-name { font-size: 20px; font-weight: 600; margin: 2px 0 8px; }
.site-name a { text-decoration: none; }
nav.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
              gap: 4px 18px; }
nav.site li { margin: 0; }
nav.site a { text-decoration: underline; text-underline-offset: 3px; }
nav.site a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
main h1 { color: var(--ink); font-size: 28px; margin: 0 0 6px; overflow-wrap: anywhere; }
main .meta { opacity: 1; color: var(--muted); margin: 0 0 18px; }
main { overflow-wrap: break-word; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px;
         border-bottom: 1px solid var(--line); }
thead th { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
dl.facts { display: grid; grid-template-columns: 200px 1fr; gap: 6px 16px; margin: 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.events { list-style: none; padding: 0; margin: 0; }
.events li { padding: 8px 0; border-bottom: 1px solid #eef1f5; }
.events li:last-child { border-bottom: 0; }
.events .what { font-weight: 600; }
.events .more { margin: 4px 0 0; font-size: 14px; }
.history li { margin-bottom: 10px; }
.history .changes { margin: 4px 0 0; font-size: 14px; }
.year-svg svg { width: 100%; height: auto; display: block; margin-bottom: 10px; }
form.search { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end;
              margin-bottom: 12px; }
form.search label { flex-basis: 100%; font-weight: 600; }
form.search input { font: inherit; padding: 6px 10px; border: 1px solid #5b6676; border-radius: 4px;
                    flex: 1 1 200px; min-width: 0; }
form.search button { font: inherit; padding: 6px 16px; border: 1px solid var(--accent);
                     background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
.results li { margin-bottom: 12px; }
.results .kind { font-size: 12px; color: var(--muted); margin-left: 6px; }
.results p { margin: 2px 0 0; font-size: 14px; }
.problems li { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px;
               overflow-wrap: anywhere; }
footer.site { border-top: 1px solid var(--line); padding: 14px 0 24px; margin-top: 12px; }
footer.site .page { padding-bottom: 0; }
footer.site ul { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap;
                 gap: 4px 18px; }
@media (max-width: 640px) {
  .page { padding: 0 14px 24px; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: 8px; }
  table.status thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
                       clip: rect(0 0 0 0); }
  table.status, table.status tbody, table.status tr, table.status td, table.status th {
    display: block; width: 100%; }
  table.status tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.status td, table.status th { border: 0; padding: 2px 0; }
  table.status td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  main h1 { font-size: 24px; }
}
@media print {
  .skip, nav.site, form.search { display: none; }
  header.masthead { color: #000; background: #fff; border-bottom: 2px solid #000; }
  header.masthead a { color: #000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; }
}
"""

SITE_JS = """(function () {
  "use strict";
  var form = document.getElementById("sok-form");
  var index = window.STYRNING_SOK;
  if (!form || !index) { return; }
  var input = document.getElementById("q");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-resultat");
  form.hidden = false;
  function norm(s) { return s.toLocaleLowerCase("sv"); }
  function snippet(text, word) {
    var at = norm(text).indexOf(word);
    if (at < 0) { return text.slice(0, 160); }
    var from = Math.max(0, at - 60);
    return (from > 0 ? "…" : "") + text.slice(from, at + 100) + "…";
  }
  function run(query) {
    var words = norm(query).split(/\\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    index.forEach(function (d) {
      var title = norm(d.title), all = title + " " + norm(d.text);
      if (!words.every(function (w) { return all.indexOf(w) >= 0; })) { return; }
      var score = words.filter(function (w) { return title.indexOf(w) >= 0; }).length;
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.d.url;
      a.textContent = h.d.title;
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = h.d.kind;
      li.appendChild(kind);
      var p = document.createElement("p");
      p.textContent = snippet(h.d.text, words[0]);
      li.appendChild(p);
      list.appendChild(li);
    });
    var n = hits.length;
    status.textContent = n === 0 ? "Inga träffar för \\u201d" + query + "\\u201d."
      : n + (n === 1 ? " träff" : " träffar") + " för \\u201d" + query + "\\u201d.";
  }
  input.addEventListener("input", function () { run(input.value); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(input.value); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
"""

_KIND_HEADINGS = {t: t.folder.capitalize() for t in ProcessType}

NAV = (
    ("index.html", "Start"),
    (TIMELINE_PAGE, "Tidslinje"),
    (SEARCH_PAGE, "Sök"),
    (ACCESSIBILITY_PAGE, "Tillgänglighet"),
)


def _link(ref: Ref) -> str:
    if ref.href is None:
        return e(ref.text)
    return f'<a href="{e(ref.href)}">{e(ref.text)}</a>'


def _links(refs: list[Ref]) -> str:
    return ", ".join(_link(r) for r in refs)


def _notice(site: Site) -> str:
    parts = []
    if site.problems:
        shown = site.problems[:200]
        more = len(site.problems) - len(shown)
        parts.append(
            '<section class="card notice" role="alert"><h2>Fel i datafilerna</h2>'
            "<p>Sidan visar det som gick att läsa. Rätta felen i filerna; sidan laddas om "
            'av sig själv.</p><ul class="problems">'
            + "".join(f"<li>{e(p.text())}</li>" for p in shown)
            + (f"<li>och {more} till</li>" if more else "")
            + "</ul></section>"
        )
    elif site.data_errors is not None:
        parts.append(
            '<section class="card notice" role="note"><h2>Obs: fel i underlaget</h2>'
            + "".join(f"<p>{e(line)}</p>" for line in site.data_errors.reader_lines())
            + "</section>"
        )
    return "".join(parts)


def page(
    site: Site,
    file: str,
    title: str,
    body: str,
    *,
    meta: list[str] | None = None,
    scripts: tuple[str, ...] = (),
    provenance: list[str] | None = None,
) -> str:
    """One page: skip link, masthead with the site's navigation, h1, content, footer."""
    nav = "".join(
        f'<li><a href="{href}"'
        + (' aria-current="page"' if href == file else "")
        + f">{e(name)}</a></li>"
        for href, name in NAV
    )
    org = f'<p class="org">{e(site.organisation)}</p>' if site.organisation else ""
    meta_html = (
        '<p class="meta">' + "".join(f"<span>{e(m)}</span>" for m in meta) + "</p>" if meta else ""
    )
    lines = provenance if provenance is not None else site.provenance
    foot = (
        '<footer class="site"><div class="page"><ul>'
        f'<li><a href="{CALENDAR_FILE}">Kalender (.ics)</a></li>'
        f'<li><a href="{DATA_FILE}">Öppna data (JSON)</a></li>'
        f'<li><a href="{ACCESSIBILITY_PAGE}">Tillgänglighetsredogörelse</a></li>'
        "</ul>" + "".join(f"<p>{e(line)}</p>" for line in lines) + "</div></footer>"
    )
    script_tags = "".join(f'<script src="{s}"></script>' for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)} – {e(site.title)}</title>\n"
        '<link rel="stylesheet" href="site.css">\n</head>\n<body>\n'
        '<a class="skip" href="#innehall">Hoppa till innehållet</a>\n'
        '<header class="masthead"><div class="page">'
        f'{org}<p class="site-name"><a href="index.html">{e(site.title)}</a></p>'
        f'<nav class="site" aria-label="Webbplatsen"><ul>{nav}</ul></nav>'
        "</div></header>\n"
        f'<main id="innehall" class="page" tabindex="-1">\n<h1>{e(title)}</h1>\n{meta_html}\n'
        f"{_notice(site)}\n{body}\n</main>\n{foot}\n{script_tags}\n</body>\n</html>\n"
    )


def _card(heading: str, content: str, *, hid: str | None = None) -> str:
    ident = f' id="{hid}"' if hid else ""
    return f'<section class="card"{ident}><h2>{e(heading)}</h2>{content}</section>'


def _label(t: TimelineEntry) -> str:
    """ "Beslut: Program för social hållbarhet", or the heading of an event of no process."""
    kind = str(t.kind).capitalize()
    if t.process_title:
        return f"{kind}: {t.process_title}"
    if t.heading:
        return (
            t.heading if t.heading.casefold().startswith(t.kind.value) else f"{kind}: {t.heading}"
        )
    return kind


def _entry_what(t: TimelineEntry, *, with_process: bool) -> str:
    kind = str(t.kind).capitalize()
    if t.heading and not t.process_title and t.heading.casefold().startswith(t.kind.value):
        return e(t.heading)
    if with_process and t.process_id is not None and t.process_title is not None:
        what = f'{e(kind)}: <a href="process-{e(t.process_id)}.html">{e(t.process_title)}</a>'
        return what + (f" – {e(t.heading)}" if t.heading else "")
    return e(kind) + (f" – {e(t.heading)}" if t.heading else "")


def _events(entries: list[TimelineEntry], *, with_process: bool, empty: str) -> str:
    if not entries:
        return f"<p>{e(empty)}</p>"
    items = []
    for t in entries:
        note = t.note
        cls = "note late" if t.overdue else "note"
        head = (
            f'<span class="date">{e(t.date.swedish())}</span> '
            f'<span class="what">{_entry_what(t, with_process=with_process)}</span>'
        )
        if t.body:
            body = e(t.body)
            if t.body_id:
                body = f'<a href="organ-{e(t.body_id)}.html">{body}</a>'
            head += f' <span class="body">{body}</span>'
        if note:
            head += f' <span class="{cls}">({e(note)})</span>'
        more = []
        if t.description:
            more.append(e(t.description))
        if t.reply_by:
            more.append(f"Svar senast {e(t.reply_by.swedish())}.")
        text = "".join(f'<p class="more">{m}</p>' for m in more)
        items.append(f"<li>{head}{text}</li>")
    return '<ul class="events">' + "".join(items) + "</ul>"


# --- start page ---------------------------------------------------------------------------


def _status_tables(site: Site) -> str:
    groups: dict[ProcessType, list[ProcessPage]] = {}
    for p in site.processes:
        groups.setdefault(p.row.kind, []).append(p)
    out = []
    headers = ("Titel", "Status", "Fas", "Senast", "Nästa")
    for kind, pages in groups.items():
        name = _KIND_HEADINGS[kind]
        rows = []
        for p in pages:
            r = p.row
            cells = [
                r.state_text,
                r.phase or "–",
                event_text(r.latest),
                event_text(r.next),
            ]
            rows.append(
                f'<tr><th scope="row" data-label="Titel"><a href="{e(p.file)}">{e(r.title)}</a>'
                "</th>"
                + "".join(
                    f'<td data-label="{h}">{e(c)}</td>'
                    for h, c in zip(headers[1:], cells, strict=True)
                )
                + "</tr>"
            )
        out.append(
            f"<h3>{e(name)}</h3>"
            f'<table class="status"><caption class="sr-only">{e(name)}: status per '
            f"{e(site.as_of.isoformat())}</caption><thead><tr>"
            + "".join(f'<th scope="col">{h}</th>' for h in headers)
            + "</tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
    if not out:
        return "<p>Inga processer ännu.</p>"
    return "".join(out)


def start_page(site: Site) -> str:
    s = site.status
    body = [
        _card(
            f"Status per {site.as_of.isoformat()}",
            "<p>Alla uppdrag och styrdokument som styrberedningen följer, med status, fas, "
            "senaste och nästa händelse. Statusen härleds ur de daterade händelserna; "
            "'(angiven)' betyder att den kommer från filen.</p>" + _status_tables(site),
        )
    ]
    late = [
        f'<li><a href="process-{e(row.id)}.html">{e(row.title)}</a> – {e(str(ev.kind))} '
        f"{e(ev.kind.agree('planerad', 'planerat'))} {e(ev.date.swedish())}, inget registrerat "
        "sedan</li>"
        for row, ev in s.overdue()
    ]
    body.append(
        _card("Försenat", "<ul>" + "".join(late) + "</ul>" if late else "<p>Inget är försenat.</p>")
    )
    reviews = []
    for row in s.review_due() + s.review_coming():
        assert row.review is not None
        when = "snart: " if row.review.coming else ""
        reviews.append(
            f'<li><a href="process-{e(row.id)}.html">{e(row.title)}</a> – {when}senast '
            f"{e(row.review.due.swedish())} ({e(row.review.reason)})</li>"
        )
    body.append(
        _card(
            "Aktualitetsprövning",
            "<ul>" + "".join(reviews) + "</ul>"
            if reviews
            else "<p>Inget styrdokument ska aktualitetsprövas nu eller inom kort.</p>",
        )
    )
    coming = [t for t in site.timeline.entries if not t.happened][:12]
    body.append(
        _card(
            "Det som händer härnäst",
            _events(coming, with_process=True, empty="Inget planerat."),
        )
    )
    if site.reports:
        items = "".join(
            f'<li><a href="{e(r.file)}">{e(r.report.title)}</a></li>'
            for r in reversed(site.reports)
        )
        body.append(_card("Rapporter per halvår", f"<ul>{items}</ul>"))
    if site.bodies:
        items = "".join(f'<li><a href="{e(b.file)}">{e(b.body.name)}</a></li>' for b in site.bodies)
        body.append(_card("Organ", f"<ul>{items}</ul>"))
    if site.contacts:
        body.append(_card("Kontakt", contacts_html(site.contacts)))
    body.append(
        _card(
            "Ladda ned",
            f'<ul><li><a href="{CALENDAR_FILE}">Kalender med alla händelser och sammanträden '
            "(.ics, för Outlook m.fl.)</a></li>"
            f'<li><a href="{DATA_FILE}">Alla uppgifter som öppna data (JSON)</a></li></ul>',
        )
    )
    title = f"{site.title} – status"
    return page(site, "index.html", title, "\n".join(body), meta=[f"per {site.as_of.isoformat()}"])


# --- process page -------------------------------------------------------------------------


def _facts(p: ProcessPage) -> str:
    proc, row = p.process, p.row
    facts: list[tuple[str, str]] = [
        ("Typ", e(str(proc.kind))),
        ("Status", e(row.state_text) + (f" ({e(row.state_reason)})" if row.state_reason else "")),
    ]
    if row.phase:
        facts.append(("Fas", e(row.phase)))
    if proc.status is not None:
        facts.append(("Status i filen", e(str(proc.status))))
    if p.clients:
        facts.append(("Uppdragsgivare", _links(p.clients)))
    if p.responsible:
        facts.append(("Ansvarig", _link(p.responsible)))
    if p.adopted_by:
        facts.append(("Beslutande", _link(p.adopted_by)))
    if proc.case_number:
        facts.append(("Diarienummer", e(proc.case_number)))
    if proc.validity:
        facts.append(("Giltighet", e(proc.validity)))
    if row.review is not None:
        facts.append(
            (
                "Aktualitetsprövning",
                f"senast {e(row.review.due.swedish())} ({e(row.review.reason)})",
            )
        )
    elif proc.review_due is not None:
        facts.append(("Aktualitetsprövning", e(proc.review_due.swedish())))
    if p.replaces:
        facts.append(("Ersätter", _links(p.replaces)))
    if p.replaced_by:
        facts.append(("Ersätts av", _links(p.replaced_by)))
    facts.append(("Senast", e(event_text(row.latest))))
    facts.append(("Nästa", e(event_text(row.next))))
    facts.append(("Fil", e(p.path)))
    return '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"


def _history(p: ProcessPage) -> str:
    if p.history is None:
        return f"<p>Historiken visas inte: {e(p.history_note or 'ingen git-historik')}.</p>"
    if not p.history:
        return "<p>Ingen commit har ännu rört filen.</p>"
    items = []
    for entry in p.history:
        items.append(_history_item(entry))
    return '<ol class="history">' + "".join(items) + "</ol>"


def _history_item(entry: LogEntry) -> str:
    c = entry.commit
    head = (
        f'<span class="date">{e(c.date)}</span> {e(c.author)} '
        f'<span class="body">{e(c.short)}</span> – {e(c.subject)}'
    )
    if entry.changes:
        changes = (
            '<ul class="changes">'
            + "".join(f"<li>{e(ch.text)}</li>" for ch in entry.changes)
            + "</ul>"
        )
    else:
        changes = f'<p class="changes">{e(entry.summary)}</p>'
    return f"<li>{head}{changes}</li>"


def _phases(p: ProcessPage) -> str:
    """The phases in order, the current one marked, with their dates and descriptions."""
    items = []
    for ph in p.process.phases:
        current = ph.name == p.row.phase
        bits = [e(ph.name)]
        if current:
            bits.append(" <strong>(pågår nu)</strong>")
        elif ph.status is not None:
            bits.append(f" ({e(str(ph.status))})")
        when = " – ".join(d.swedish() for d in (ph.start, ph.end) if d is not None)
        if when:
            bits.append(f"<br>{e(when)}")
        if ph.description:
            bits.append(f"<br>{e(ph.description)}")
        cls = ' class="current"' if current else ""
        items.append(f"<li{cls}>{''.join(bits)}</li>")
    return '<ol class="phases">' + "".join(items) + "</ol>"


def process_page(site: Site, p: ProcessPage) -> str:
    proc = p.process
    parts = [_card("Uppgifter", _facts(p))]
    if proc.subtitle:
        parts.insert(0, f'<p class="subtitle">{e(proc.subtitle)}</p>')
    for heading, text in (
        ("Syfte", proc.purpose),
        ("Sammanhang", proc.context),
        ("Beskrivning", proc.description),
        ("Omfattning", proc.scope),
    ):
        if text:
            parts.append(_card(heading, f"<p>{e(text)}</p>"))
    if proc.boundaries:
        parts.append(_card("Avgränsning", list_html(proc.boundaries)))
    if proc.focus:
        parts.append(_card(f"{len(proc.focus)} huvudfokus", list_html(proc.focus)))
    if proc.goals:
        parts.append(
            _card(
                "Inriktningsmål",
                "".join(f'<div class="goal"><p>{e(g)}</p></div>' for g in proc.goals),
            )
        )
    if proc.phases:
        parts.append(_card(f"{len(proc.phases)} faser", _phases(p)))
    event_items = _events(p.events, with_process=False, empty="Inga daterade händelser.")
    extra = [
        f"<li>{e(ev.date.swedish())} {e(str(ev.kind))}: diarienummer {e(ev.case_number)}</li>"
        for ev in proc.events
        if ev.case_number
    ]
    if extra:
        event_items += "<h3>Diarienummer</h3><ul>" + "".join(extra) + "</ul>"
    parts.append(_card("Händelser", event_items))
    if proc.contacts:
        parts.append(_card("Kontakt", contacts_html(proc.contacts)))
    parts.append(_card("Historik", _history(p)))
    meta = [str(proc.kind), p.row.state_text]
    return page(site, p.file, proc.title, "\n".join(parts), meta=meta)


# --- body page ----------------------------------------------------------------------------


def body_page(site: Site, b: BodyPage) -> str:
    parts = []
    facts = [("Id", e(b.body.id))]
    if b.body.short:
        facts.append(("Kortnamn", e(b.body.short)))
    if b.parent:
        facts.append(("Under", _link(b.parent)))
    parts.append(
        '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"
    )
    parts.append(_card("Beslut", _events(b.decided, with_process=True, empty="Inga beslut.")))
    parts.append(
        _card("Det som kommer", _events(b.coming, with_process=True, empty="Inget planerat."))
    )
    if b.other:
        parts.append(_card("Övriga händelser", _events(b.other, with_process=True, empty="")))
    if b.meetings:
        parts.append(_card("Sammanträden", list_html([d.swedish() for d in b.meetings])))
    else:
        parts.append(_card("Sammanträden", "<p>Inga sammanträden angivna.</p>"))
    if b.assignments:
        parts.append(
            _card(
                "Uppdrag som organet gett",
                "<ul>" + "".join(f"<li>{_link(r)}</li>" for r in b.assignments) + "</ul>",
            )
        )
    if b.processes:
        parts.append(
            _card(
                "Processer som nämner organet",
                "<ul>" + "".join(f"<li>{_link(r)}</li>" for r in b.processes) + "</ul>",
            )
        )
    return page(site, b.file, b.body.name, "\n".join(parts), meta=["organ"])


# --- timeline -----------------------------------------------------------------------------

_SVG_W = 760
_SVG_LEFT = 20
_SVG_RIGHT = 740
_ROW = 22
_CHAR = 6.4  # average width of an 11.5px character, for cutting labels to fit


def year_svg(year: int, entries: list[TimelineEntry], as_of: dt.date) -> str:
    """One year drawn: months on an axis, one row per event, its label beside its dot."""
    lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = (hi - lo).days

    def x(d: dt.date) -> float:
        d = min(max(d, lo), hi)
        return _SVG_LEFT + (_SVG_RIGHT - _SVG_LEFT) * (d - lo).days / span

    top = 28
    height = top + _ROW * len(entries) + 10
    label = f"Tidslinje {year}: {len(entries)} händelser, listade i text under bilden"
    out = [
        f'<svg viewBox="0 0 {_SVG_W} {height}" role="img" aria-label="{e(label)}" '
        'font-family="Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif">'
    ]
    months = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    for m in range(12):
        mx = x(dt.date(year, m + 1, 1))
        out.append(
            f'<line x1="{mx:.1f}" y1="{top - 8}" x2="{mx:.1f}" y2="{height}" stroke="#e3e8ef"/>'
        )
        out.append(
            f'<text x="{mx + 4:.1f}" y="{top - 12}" font-size="11" fill="#5b6676">'
            f"{months[m]}</text>"
        )
    if lo <= as_of <= hi:
        ax = x(as_of)
        out.append(
            f'<line x1="{ax:.1f}" y1="{top - 8}" x2="{ax:.1f}" y2="{height}" stroke="#a4262c" '
            'stroke-dasharray="3 3"/>'
        )
    for i, t in enumerate(entries):
        y = top + _ROW * i + 10
        x0, x1 = x(t.date.start), x(t.date.end)
        fill = "#0b3d6e" if t.happened else "#ffffff"
        stroke = "#a4262c" if t.overdue else "#0b3d6e"
        if x1 - x0 > 12:
            out.append(
                f'<rect x="{x0:.1f}" y="{y - 5}" width="{x1 - x0:.1f}" height="10" rx="5" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
            )
        else:
            out.append(
                f'<circle cx="{(x0 + x1) / 2:.1f}" cy="{y}" r="5" fill="{fill}" stroke="{stroke}" '
                'stroke-width="2"/>'
            )
        text = _label(t)
        right_side = x1 < (_SVG_LEFT + _SVG_RIGHT) / 2
        tx = x1 + 10 if right_side else x0 - 10
        room = int(((_SVG_W - tx) if right_side else tx) / _CHAR) - 1
        if len(text) > room:
            text = text[: room - 1].rstrip() + "…"
        anchor = "start" if right_side else "end"
        out.append(
            f'<text x="{tx:.1f}" y="{y + 4}" font-size="11.5" fill="#1c2430" '
            f'text-anchor="{anchor}">{e(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def timeline_page(site: Site) -> str:
    by_year: dict[int, list[TimelineEntry]] = {}
    for t in site.timeline.entries:
        by_year.setdefault(t.date.start.year, []).append(t)
    parts = [
        "<p>Alla daterade händelser, samma som <code>styrning timeline</code> visar, år för år. "
        "Fylld punkt: genomfört. Ofylld: planerat. Röd kant: försenat. Streckad linje: "
        f"{e(site.as_of.isoformat())}. Under varje bild står samma händelser som text.</p>"
    ]
    if not by_year:
        parts.append("<p>Inga daterade händelser.</p>")
    for year, entries in sorted(by_year.items()):
        parts.append(
            f'<section class="card" id="ar-{year}"><h2>{year}</h2>'
            f'<div class="year-svg">{year_svg(year, entries, site.as_of)}</div>'
            + _events(entries, with_process=True, empty="")
            + "</section>"
        )
    return page(site, TIMELINE_PAGE, "Tidslinje", "\n".join(parts), meta=[f"per {site.as_of}"])


# --- reports, search, accessibility -------------------------------------------------------


def report_page(site: Site, r: ReportPage, made: StepItems | None = None) -> str:
    """The page of one report; `made`: the steps' items written for earlier reports."""
    rep = r.report
    note = ""
    if len(rep.timeline) > DRAWN_EVENTS:
        # Hundreds of labels make no readable drawing (and cost seconds to lay out); the
        # report's lists and the timeline page carry every event.
        note = (
            f"<p>Tidslinjen ritas inte här: {len(rep.timeline)} händelser är för många för en "
            f'bild. Alla finns i listorna nedan och på sidan <a href="{TIMELINE_PAGE}">'
            "Tidslinje</a>.</p>"
        )
        rep = dataclasses.replace(rep, timeline=[])
    # The report's own footer carries its provenance (period, as-of date).
    return page(
        site,
        r.file,
        r.report.title,
        note + report_body(rep, made).replace("<footer>", '<footer class="report">', 1),
        meta=[rep.period_label, f"per {rep.as_of.isoformat()}"],
        provenance=[],
    )


def search_page(site: Site) -> str:
    body = (
        '<form class="search" id="sok-form" role="search" action="sok.html" method="get">'
        '<label for="q">Sök bland titlar och texter</label>'
        '<input id="q" name="q" type="search" autocomplete="off">'
        '<button type="submit">Sök</button></form>'
        '<p id="sok-status" role="status" aria-live="polite"></p>'
        '<ul class="results" id="sok-resultat"></ul>'
        "<noscript><p>Sökningen behöver JavaScript. Utan den når du alla processer, organ och "
        'rapporter från <a href="index.html">startsidan</a>.</p></noscript>'
    )
    return page(site, SEARCH_PAGE, "Sök", body, scripts=("search-index.js", "site.js"))


# How far the site complies with lag (2018:1937), in the words of DIGG's model statement.
_CONFORMANCE = {
    Conformance.HELT: "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital "
    "offentlig service.",
    Conformance.DELVIS: "Webbplatsen är delvis förenlig med lagen om tillgänglighet till "
    "digital offentlig service, på grund av de brister som beskrivs nedan.",
    Conformance.INTE: "Webbplatsen är inte förenlig med lagen om tillgänglighet till digital "
    "offentlig service. De brister vi känner till beskrivs nedan.",
}

# What the program itself knows the pages lack, whatever the organisation adds.
_OWN_SHORTCOMINGS = (
    "Tidslinjens bilder blir små på en smal skärm. Samma händelser finns som lista under "
    "varje bild.",
    "Sökningen fungerar inte utan JavaScript.",
)


def accessibility_page(site: Site) -> str:
    org = site.organisation or "Organisationen"
    given = site.accessibility
    contacts = (given.contacts if given is not None else []) or site.contacts
    contact = (
        "<p>Om du upptäcker problem som inte beskrivs här, eller om du behöver innehållet i "
        "en annan form, kontakta oss:</p>" + contacts_html(contacts)
        if contacts
        else "<p>Om du upptäcker problem som inte beskrivs här, eller om du behöver innehållet "
        "i en annan form, kontakta den som ansvarar för styrberedningens arbete.</p>"
    )
    conformance = ""
    if given is not None and given.conformance is not None:
        conformance = f"<p>{e(_CONFORMANCE[given.conformance])}</p>"
    shortcomings = [*(given.shortcomings if given is not None else []), *_OWN_SHORTCOMINGS]
    assessment = ""
    if given is not None and given.statement:
        assessment += f"<p>{e(given.statement)}</p>"
    if given is not None and given.assessed is not None:
        day = given.assessed
        # den 15 september 2026, i september 2026, under 2026
        when = "den" if day.day is not None else "i" if day.month is not None else "under"
        assessment += (
            f"<p>{e(org)} bedömde senast webbplatsens tillgänglighet {when} {e(day.swedish())}.</p>"
        )
    parts = [
        f"<p>{e(org)} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna "
        "använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om "
        "tillgänglighet till digital offentlig service, kända brister och hur du kan "
        "rapportera problem.</p>",
        _card(
            "Hur tillgänglig är webbplatsen?",
            conformance
            + "<p>Webbplatsen är gjord för att uppfylla WCAG 2.1 nivå AA (EN 301 549). Alla sidor "
            "går att använda med tangentbord, har rubriker i ordning, en länk för att hoppa "
            "till innehållet och fungerar i 320 pixlars bredd. Tidslinjens bilder har samma "
            "händelser som text under sig. Sidorna läses utan JavaScript; bara sökningen "
            "behöver det, och allt den hittar nås också från startsidan.</p>",
        ),
        _card("Kända brister", list_html(shortcomings)),
        _card("Vad kan du göra om du inte kan använda delar av webbplatsen?", contact),
        _card(
            "Tillsyn",
            "<p>Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen. "
            "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta DIGG "
            "(www.digg.se) och påtala det.</p>",
        ),
        _card(
            "Hur vi testat webbplatsen",
            assessment
            + "<p>Webbplatsen byggs av programmet styrning ur samma data som rapporterna. Varje "
            "sidtyp granskas automatiskt med axe-core i webbläsaren Chromium (WCAG 2.1 A och "
            "AA) i 1 280 och 320 pixlars bredd varje gång programmet ändras. Automatiska test "
            "hittar inte alla brister; hör av dig om du hittar fler.</p>"
            f"<p>Redogörelsen uppdaterades {e(site.as_of.isoformat())}, när webbplatsen "
            "senast byggdes.</p>",
        ),
    ]
    return page(site, ACCESSIBILITY_PAGE, "Tillgänglighetsredogörelse", "\n".join(parts))


def search_index_js(site: Site) -> str:
    entries = [
        {"url": s.url, "title": s.title, "kind": s.kind, "text": s.text}
        for s in site.search_entries()
    ]
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    # `</script>` in data cannot end anything here (a separate file), but `<` stays escaped.
    return "window.STYRNING_SOK = " + data.replace("<", "\\u003c") + ";\n"


def render_site(site: Site) -> dict[str, str]:
    """Every file of the site: its name (relative to the site's folder) and its text."""
    files: dict[str, str] = {
        "index.html": start_page(site),
        TIMELINE_PAGE: timeline_page(site),
        SEARCH_PAGE: search_page(site),
        ACCESSIBILITY_PAGE: accessibility_page(site),
        "site.css": REPORT_CSS + SITE_CSS,
        "site.js": SITE_JS,
        "search-index.js": search_index_js(site),
        CALENDAR_FILE: render_ics(site.calendar, name=site.calendar_name, stamp=site.as_of),
        DATA_FILE: json.dumps(
            {"per": site.as_of.isoformat(), "källa": site.provenance, **site.data},
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        MARKER: "Den här mappen är skriven av styrning site och skrivs över nästa gång.\n",
    }
    for p in site.processes:
        files[p.file] = process_page(site, p)
    for b in site.bodies:
        files[b.file] = body_page(site, b)
    made: StepItems = {}  # most steps read alike in every half-year's report: written once
    for r in site.reports:
        files[r.file] = report_page(site, r, made)
    return files
