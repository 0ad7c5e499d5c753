"""A plain document (title, sections of paragraphs, bullets and tables) in every output format.

The briefing pack is computed into a `Document`; these renderers only lay it
out: terminal text, Markdown, a self-contained HTML page (inline CSS, nothing
loaded from the network, every string escaped), JSON and Word (python-docx,
with real headings, lists and tables so that officials can paste it into the
municipality's own template).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import json
import re
from typing import Any

from styrning.core.text import markdown
from styrning.views.document import Document, Section, Table


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
    data = dataclasses.asdict(doc)
    data["day"] = doc.day.isoformat() if doc.day else None  # ISO dates in JSON
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
            head = "".join(f'<th scope="col">{e(h)}</th>' for h in section.table.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                for row in section.table.rows
            )
            out.append(
                f'<table><caption class="sr-only">{e(section.title)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            )
        out.append("</section>")
    out.append("<footer>" + "".join(f"<p>{e(line)}</p>" for line in doc.provenance) + "</footer>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(line for line in out if line) + "\n"


_A4 = (21.0, 29.7)  # cm
_MARGINS = (2.5, 2.5, 2.5, 2.5)  # cm: top, right, bottom, left
_CELL_PAD = 85  # twips (1.5 mm) left and right inside a table cell
_DATE = re.compile(r"\b(\d{1,2}) (\w+) (\d{4})\b")
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>styrning</Application><DocSecurity>0</DocSecurity></Properties>"
)


def keep_dates(text: str) -> str:
    """Dates with no-break spaces ("17 maj 2022"), so that a line never breaks inside one."""
    return _DATE.sub(lambda m: "\u00a0".join(m.groups()), text)


def render_docx(doc: Document) -> bytes:
    """A Word document on A4 in Swedish, with built-in heading, list and table styles, the
    title, author and date set, and the provenance and page numbers in the footer."""
    import docx

    word = docx.Document()
    _set_up(word, doc)
    word.add_heading(keep_dates(doc.title), level=0)
    for line in doc.subtitle:
        word.add_paragraph(line)
    if doc.data_errors:
        word.add_heading("Obs: fel i underlaget", level=1)
        for line in doc.data_errors.reader_lines():
            word.add_paragraph(line).runs[0].bold = True
    for section in doc.sections:
        _docx_section(word, section)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _set_up(word: Any, doc: Document) -> None:
    """A4 with margins, Swedish proofing, the core properties, the footer."""
    from docx.shared import Cm

    for part in word.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":  # the template's "Microsoft ... Word"
            part._blob = _APP_XML.encode("utf-8")
    section = word.sections[0]
    section.page_width, section.page_height = Cm(_A4[0]), Cm(_A4[1])
    top, right, bottom, left = _MARGINS
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    _swedish(word)
    props = word.core_properties
    props.title = doc.title
    props.author = props.last_modified_by = doc.organisation or ""
    props.comments = props.keywords = props.category = props.subject = ""
    props.language = "sv-SE"
    if doc.day is not None:  # the day the data is judged on; never the template's 2013
        made = dt.datetime.combine(doc.day, dt.time(0, 0))
        props.created = props.modified = props.last_printed = made
    props.revision = 1
    _footer(section.footer, doc.provenance)


def _swedish(word: Any) -> None:
    """sv-SE as the language of the document's defaults and of every style that names one."""
    from docx.oxml.ns import qn

    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if r_pr.find(qn("w:lang")) is None:
        r_pr.append(r_pr.makeelement(qn("w:lang"), {}))
    for lang in styles.findall(".//" + qn("w:lang")):
        lang.set(qn("w:val"), "sv-SE")


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the program fills in when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1")):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run._r.append(instr)
        else:
            run.text = text
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _footer(footer: Any, provenance: list[str]) -> None:
    from docx.shared import Pt

    first = footer.paragraphs[0]
    lines = [*provenance, ""]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else footer.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if line:
            paragraph.add_run(line)
        else:
            paragraph.add_run("Sida ")
            _field(paragraph, "PAGE")
            paragraph.add_run(" av ")
            _field(paragraph, "NUMPAGES")
        for run in paragraph.runs:
            run.font.size = Pt(8)


def _docx_section(word: Any, section: Section) -> None:
    word.add_heading(section.title, level=1)
    if section.is_empty:
        word.add_paragraph(section.empty).runs[0].italic = True
    for p in section.paragraphs:
        word.add_paragraph(p)
    for b in section.bullets:
        item = word.add_paragraph(style="List Bullet")
        for i, line in enumerate(b.split("\n")):
            if i:
                item.add_run().add_break()  # a line break inside the same list item
            item.add_run(line)
    if section.table and section.table.rows:
        _docx_table(word, section.table)


def _docx_table(word: Any, table: Table) -> None:
    """A table inside the margins, its header row repeated on every page, cells padded."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    out = word.add_table(rows=1, cols=len(table.headers))
    out.style = "Table Grid"
    t_pr = out._tbl.tblPr
    # Indented by the cell's left padding: the border, not only the text, sits at the margin.
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(_CELL_PAD))
    indent.set(qn("w:type"), "dxa")
    t_pr.append(indent)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 57), ("left", _CELL_PAD), ("bottom", 57), ("right", _CELL_PAD)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(width))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    t_pr.append(margins)
    header = out.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, table.headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = out.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
