"""The generic document renderers: exact Markdown, escaped self-contained HTML, Word read back."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import docx
from docx.text.paragraph import Paragraph

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
