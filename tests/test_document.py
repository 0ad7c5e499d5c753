"""The generic document renderers: exact Markdown, escaped self-contained HTML, Word read back."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from styrning.render.document import (
    render_docx,
    render_html,
    render_json,
    render_markdown,
    render_text,
)
from styrning.views.document import Document, Section, Table

DOC = Document(
    title="Inför sammanträde <KS>",
    subtitle=["Sammanträde: 17 maj 2022"],
    sections=[
        Section("Beslut", bullets=["Beslut juni 2022: Program | social hållbarhet"]),
        Section("Försenat", empty="Inget är försenat."),
        Section("Remisser", table=Table(["Dokument", "Svar senast"], [["P", "30 april 2022"]])),
    ],
    provenance=["Källa: commit abc1234", "Per: 2022-05-17"],
)


def test_markdown_exact() -> None:
    assert render_markdown(DOC) == (
        "# Inför sammanträde <KS>\n\n"
        "Sammanträde: 17 maj 2022  \n\n"
        "## Beslut\n\n"
        "- Beslut juni 2022: Program | social hållbarhet\n\n"
        "## Försenat\n\n"
        "*Inget är försenat.*\n\n"
        "## Remisser\n\n"
        "| Dokument | Svar senast |\n"
        "|---|---|\n"
        "| P | 30 april 2022 |\n\n"
        "---\n\n"
        "Källa: commit abc1234  \n"
        "Per: 2022-05-17\n"
    )


def test_text_says_empty_sections_in_one_line() -> None:
    text = render_text(DOC)
    assert "Försenat\n--------\nInget är försenat.\n" in text
    assert "• Beslut juni 2022" in text
    assert text.rstrip().endswith("Per: 2022-05-17")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_escaped_and_self_contained() -> None:
    evil = Document(
        title="<script>alert(1)</script>",
        subtitle=[],
        sections=[Section('<img src="http://x/y.png">', bullets=["<a href='https://e'>x</a>"])],
        provenance=[],
    )
    page = render_html(evil)
    parser = _Collect()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert "script" not in tags and "img" not in tags and "a" not in tags and "link" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@import" not in page and "url(" not in page
    for _, attrs in parser.tags:
        for value in attrs.values():
            assert not (value or "").startswith(("http:", "https:", "//"))
    assert "@page { size: A4" in page
    assert '<header class="masthead">' in page  # the same look as the report


def test_json_round_trips() -> None:
    data = json.loads(render_json(DOC))
    assert data["title"] == DOC.title
    assert data["sections"][2]["table"]["rows"] == [["P", "30 april 2022"]]


def _style(p: Paragraph) -> str:
    assert p.style is not None, p.text  # python-docx gives every paragraph a style
    name = p.style.name
    assert isinstance(name, str)
    return name


def test_word_has_headings_lists_and_tables() -> None:
    word = docx.Document(io.BytesIO(render_docx(DOC)))
    headings = [
        (_style(p), p.text) for p in word.paragraphs if _style(p).startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "Inför sammanträde <KS>"),
        ("Heading 1", "Beslut"),
        ("Heading 1", "Försenat"),
        ("Heading 1", "Remisser"),
    ]
    bullets = [p.text for p in word.paragraphs if _style(p) == "List Bullet"]
    assert bullets == ["Beslut juni 2022: Program | social hållbarhet"]
    (table,) = word.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Dokument", "Svar senast"],
        ["P", "30 april 2022"],
    ]


def test_word_is_a4_in_swedish_with_its_own_properties() -> None:
    from docx.oxml.ns import qn

    dated = Document(
        title="Inför sammanträdet i Kommunstyrelsen 17 maj 2022",
        subtitle=["Testkommun"],
        sections=DOC.sections,
        provenance=["Läget per 17 maj 2022."],
        organisation="Testkommun",
        day=dt.date(2022, 5, 17),
    )
    word = docx.Document(io.BytesIO(render_docx(dated)))
    section = word.sections[0]
    width, height = section.page_width, section.page_height
    left, right = section.left_margin, section.right_margin
    assert width is not None and height is not None and left is not None and right is not None
    assert round(width.cm, 1) == 21.0 and round(height.cm, 1) == 29.7
    assert round(left.cm, 2) == round(right.cm, 2) == 2.5
    langs = word.styles.element.findall(".//" + qn("w:lang"))
    assert langs and {lang.get(qn("w:val")) for lang in langs} == {"sv-SE"}
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "sv-SE"
    props = word.core_properties
    assert props.title == "Inför sammanträdet i Kommunstyrelsen 17 maj 2022"
    assert props.author == "Testkommun" and props.last_modified_by == "Testkommun"
    assert props.created is not None and props.created.date() == dt.date(2022, 5, 17)
    assert props.language == "sv-SE"
    assert "python-docx" not in f"{props.comments}{props.author}{props.keywords}"
    app_xml = next(
        p.blob for p in word.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml"
    )
    assert b"Microsoft" not in app_xml
    # The title keeps its date on one line: no-break spaces inside it.
    (title,) = [p for p in word.paragraphs if p.style is not None and p.style.name == "Title"]
    assert title.text.endswith("17\u00a0maj\u00a02022")


def test_word_table_repeats_its_header_and_the_footer_numbers_pages() -> None:
    from docx.oxml.ns import qn

    word = docx.Document(io.BytesIO(render_docx(DOC)))
    (table,) = word.tables
    first, second = table.rows[0]._tr, table.rows[1]._tr
    header_row = first.find(qn("w:trPr"))
    assert header_row is not None and header_row.find(qn("w:tblHeader")) is not None
    second_row = second.find(qn("w:trPr"))
    assert second_row is None or second_row.find(qn("w:tblHeader")) is None
    t_pr = table._tbl.tblPr
    padding = t_pr.find(qn("w:tblCellMar")).find(qn("w:left")).get(qn("w:w"))
    assert int(padding) > 0  # padded cells
    # Indented by the padding, so that the left border sits on the margin, not in it.
    assert t_pr.find(qn("w:tblInd")).get(qn("w:w")) == padding
    footer = word.sections[0].footer._element
    codes = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    text = "\n".join(p.text for p in word.sections[0].footer.paragraphs)
    assert "Källa: commit abc1234" in text  # the provenance sits in the footer of every page
    body = "\n".join(p.text for p in word.paragraphs)
    assert "Källa" not in body


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_long_word_table_repeats_its_header_on_every_page_in_libreoffice(tmp_path: Path) -> None:
    rows = [[f"Dokument nummer {i}", f"{i % 28 + 1} april 2022"] for i in range(1, 121)]
    long = Document(
        title="Inför sammanträdet",
        subtitle=[],
        sections=[Section("Remisser", table=Table(["Dokument", "Svar senast"], rows))],
        provenance=["Läget per 17 maj 2022."],
    )
    source = tmp_path / "lang.docx"
    source.write_bytes(render_docx(long))
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "lang.pdf").pages]
    # 120 rows of one line each, about 40 to a page of A4 with 2.5 cm margins
    assert 3 <= len(pages) <= 5
    for number, page in enumerate(pages, start=1):
        assert "Dokument Svar senast" in page  # the header row, on every page
        assert f"Sida {number} av {len(pages)}" in page
    assert "Dokument nummer 120" in pages[-1]
