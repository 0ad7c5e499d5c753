"""A plain document (title, sections of paragraphs, bullets and tables) in every output format.

The briefing pack is computed into a `Document`; these renderers only lay it
out: terminal text, Markdown, a self-contained HTML page (inline CSS, nothing
loaded from the network, every string escaped), JSON and Word (python-docx,
with real headings, lists and tables so that officials can paste it into the
municipality's own template).
"""

from __future__ import annotations

import dataclasses
import html
import io
import json
from typing import TYPE_CHECKING

from styrning.core.text import markdown
from styrning.views.document import Document, Section, Table

if TYPE_CHECKING:  # python-docx is imported only when a Word file is written
    from docx.document import Document as WordDocument


def render_text(doc: Document) -> str:
    out = [doc.title, "=" * len(doc.title), *doc.subtitle, ""]
    if doc.data_errors:
        out += [*doc.data_errors.lines(), ""]
    for section in doc.sections:
        out += [section.title, "-" * len(section.title)]
        if section.is_empty:
            out.append(section.empty)
        out += section.paragraphs
        out += ["• " + b.replace("\n", "\n  ") for b in section.bullets]
        if section.table and section.table.rows:
            out += _text_table(section.table)
        out.append("")
    out += doc.provenance
    return "\n".join(out) + "\n"


def _text_table(table: Table) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in table.rows)) for i, h in enumerate(table.headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(table.headers, widths, strict=True))
    rows = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table.rows
    ]
    return [line.rstrip(), "  ".join("-" * w for w in widths), *rows]


def render_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    out += [f"{line}  " for line in doc.subtitle]
    out.append("")
    if doc.data_errors:
        from styrning.render.report_markdown import notice

        out += notice(doc.data_errors.lines())
    for section in doc.sections:
        out += [f"## {section.title}", ""]
        if section.is_empty:
            out += [f"*{section.empty}*", ""]
        for p in section.paragraphs:
            out += [p, ""]
        if section.bullets:
            out += ["- " + b.replace("\n", "  \n  ") for b in section.bullets]
            out.append("")
        if section.table and section.table.rows:
            out.append("| " + " | ".join(markdown(h) for h in section.table.headers) + " |")
            out.append("|" + "---|" * len(section.table.headers))
            out += ["| " + " | ".join(markdown(c) for c in r) + " |" for r in section.table.rows]
            out.append("")
    out += ["---", ""]
    out += [f"{line}  " for line in doc.provenance]
    return "\n".join(out).rstrip() + "\n"


def render_json(doc: Document) -> str:
    return json.dumps(dataclasses.asdict(doc), ensure_ascii=False, indent=2) + "\n"


# The document pages share the report's look; these rules add what only they use.
_EXTRA_CSS = """
p.empty { color: var(--muted); font-style: italic; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; background: var(--accent-soft); color: var(--accent); font-weight: 600; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; vertical-align: top; }
@media print { table, tr { break-inside: avoid; } }
"""


def render_html(doc: Document) -> str:
    from styrning.render.report_html import CSS, notice

    e = html.escape
    org, *meta = doc.subtitle or [""]
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(doc.title)}</title>",
        f"<style>{CSS}{_EXTRA_CSS}</style>",
        "</head>",
        "<body>",
        '<header class="masthead"><div class="page">',
        f'<p class="org">{e(org)}</p>' if org else "",
        f"<h1>{e(doc.title)}</h1>",
        ('<p class="meta">' + "".join(f"<span>{e(m)}</span>" for m in meta) + "</p>")
        if meta
        else "",
        '</div></header><main class="page">',
        notice(doc.data_errors.reader_lines()) if doc.data_errors else "",
    ]
    for section in doc.sections:
        out.append(f'<section class="card"><h2>{e(section.title)}</h2>')
        if section.is_empty:
            out.append(f'<p class="empty">{e(section.empty)}</p>')
        out += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        if section.bullets:
            items = "".join(f"<li>{e(b).replace(chr(10), '<br>')}</li>" for b in section.bullets)
            out.append(f"<ul>{items}</ul>")
        if section.table and section.table.rows:
            head = "".join(f"<th>{e(h)}</th>" for h in section.table.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                for row in section.table.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        out.append("</section>")
    out.append("<footer>" + "".join(f"<p>{e(line)}</p>" for line in doc.provenance) + "</footer>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(line for line in out if line) + "\n"


def _docx_bullets(word: WordDocument, bullets: list[str]) -> None:
    for b in bullets:
        item = word.add_paragraph(style="List Bullet")
        for i, line in enumerate(b.split("\n")):
            if i:
                item.add_run().add_break()  # a line break inside the same list item
            item.add_run(line)


def _docx_table(word: WordDocument, source: Table) -> None:
    table = word.add_table(rows=1, cols=len(source.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, source.headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in source.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _docx_section(word: WordDocument, section: Section) -> None:
    word.add_heading(section.title, level=1)
    if section.is_empty:
        word.add_paragraph(section.empty).runs[0].italic = True
    for p in section.paragraphs:
        word.add_paragraph(p)
    _docx_bullets(word, section.bullets)
    if section.table and section.table.rows:
        _docx_table(word, section.table)


def render_docx(doc: Document) -> bytes:
    """A Word document with built-in heading, list and table styles."""
    import docx

    word = docx.Document()
    word.core_properties.title = doc.title
    word.core_properties.language = "sv-SE"
    word.add_heading(doc.title, level=0)
    for line in doc.subtitle:
        word.add_paragraph(line)
    if doc.data_errors:
        word.add_heading("Obs: fel i underlaget", level=1)
        for line in doc.data_errors.reader_lines():
            word.add_paragraph(line).runs[0].bold = True
    for section in doc.sections:
        _docx_section(word, section)
    word.add_paragraph()
    for line in doc.provenance:
        word.add_paragraph(line).runs[0].font.size = docx.shared.Pt(8)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
