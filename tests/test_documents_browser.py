"""The HTML documents opened in Chromium as their readers open them, checked with axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from browser import axe_violations, describe, horizontal_overflow, open_file
from conftest import PROJECT
from realistic import generate
from styrning.cli import app

runner = CliRunner()

# The documents of the project's own data, as an official would make them.
DOCUMENTS = {
    "report": ["report", "våren 2022", "--as-of", "2022-04-15"],
    "brief": ["brief", "--organ", "ks", "--meeting", "2022-05-17"],
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("documents")
    made = {}
    for name, args in DOCUMENTS.items():
        out = folder / f"{name}.html"
        result = runner.invoke(app, [*args, "--root", str(PROJECT), "-o", str(out)])
        assert result.exit_code == 0, result.output
        made[name] = out
    return made


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_has_no_wcag_violation(
    browser: Any, documents: dict[str, Path], name: str, width: int
) -> None:
    opened = open_file(browser, documents[name], width=width)
    try:
        violations = axe_violations(opened.page)
        assert violations == [], describe(violations)
        assert opened.console_errors == []
        assert opened.outside(documents[name].parent) == []
        assert horizontal_overflow(opened.page) <= 0
    finally:
        opened.page.context.close()


# The timeline drawing's geometry as the browser laid it out: every text's and line's box in
# page pixels, the drawing's own box, and each text's font size times the drawing's scale.
LAYOUT = """() => {
  const svg = document.querySelector('.timeline svg');
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const scale = svg.getScreenCTM().a;
  const texts = [...svg.querySelectorAll('text')].map(t => ({
    text: t.textContent, box: box(t.getBoundingClientRect()),
    size: Math.min(...[t, ...t.querySelectorAll('tspan')].map(
      n => parseFloat(getComputedStyle(n).fontSize))) * scale}));
  const lines = [...svg.querySelectorAll('line')].map(l => box(l.getBoundingClientRect()));
  return {svg: box(svg.getBoundingClientRect()), texts, lines};
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Two boxes share more than a hair (half a pixel) of area; a line is a box of width 0."""
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > -0.5
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
        and a["left"] < b["right"]
        and b["left"] < a["right"]
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_timeline_labels_overlap_nothing_and_stay_readable(
    browser: Any, documents: dict[str, Path], width: int
) -> None:
    opened = open_file(browser, documents["report"], width=width)
    try:
        layout = opened.page.evaluate(LAYOUT)
    finally:
        opened.page.context.close()
    texts = _check_layout(layout)
    labels = [t for t in texts if not t["text"].isdigit()]  # the year numbers sit on the axis
    assert len(labels) == 9  # ten events, the two of mars 2021 under one date
    assert min(t["size"] for t in texts) >= 11
    whole = " ".join(t["text"] for t in texts)
    assert "…" not in whole
    assert "Beslut om riktlinjer för ny budget- och investeringsprocess" not in whole  # wrapped
    assert "vidareutveckla vår egen." in whole  # the longest heading, whole, at its end


# Each heading (and the kicker above a title) with the first words of what follows it.
HEADINGS = """() => [...document.querySelectorAll('h2, h3, .kicker, caption')]
  .filter(h => h.offsetParent !== null)
  .map(h => {
    let next = h.nextElementSibling;
    while (next && (!next.innerText.trim() || next.offsetParent === null)) {
      next = next.nextElementSibling;
    }
    const shown = n => {  // the first printed words: not a screen-reader text, not a <title>
      const walk = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) {
        if (t.textContent.trim() && !t.parentElement.closest('.sr-only, title')) {
          return t.textContent.trim();
        }
      }
      return '';
    };
    return [h.innerText, next ? shown(next).split(/\\s+/).slice(0, 2).join(' ') : ''];
  })"""


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_printed_on_a4_no_heading_ends_a_page_and_no_page_is_only_footer(
    browser: Any, documents: dict[str, Path], name: str, tmp_path: Path
) -> None:
    opened = open_file(browser, documents[name])
    try:
        opened.page.emulate_media(media="print")
        headings = opened.page.evaluate(HEADINGS)
        pdf = tmp_path / f"{name}.pdf"
        opened.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    finally:
        opened.page.context.close()
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    pages = [_flat(page.extract_text()) for page in reader.pages]
    assert headings, "the document has headings"
    page = 0
    for heading, following in headings:
        heading = _flat(heading)
        page = next(i for i in range(page, len(pages)) if heading in pages[i])
        if following:  # what follows the heading starts on the heading's own page
            assert _flat(following) in pages[page], (heading, following, page + 1)
    footer = [line for line in reader.pages[-1].extract_text().splitlines() if line.strip()]
    body = [line for line in footer if not line.startswith(("Underlaget hämtat", "Läget per"))]
    assert body, "the last page holds only the footer"


def test_heading_list_holds_titles_alone_and_tables_are_labelled(
    browser: Any, documents: dict[str, Path]
) -> None:
    opened = open_file(browser, documents["report"])
    try:
        page = opened.page
        h2 = page.eval_on_selector_all("h2", "els => els.map(e => e.innerText)")
        tables = page.eval_on_selector_all(
            "table",
            "els => els.map(t => [t.caption ? t.caption.innerText : '', "
            "[...t.querySelectorAll('th')].every(th => th.scope === 'col')])",
        )
    finally:
        page.context.close()
    # As a screen reader lists them: the titles, no kicker, no state.
    assert h2 == [
        "Tidslinje",
        "Bakgrund",
        "Under perioden (våren 2022)",
        "Dialog och demokratiutveckling",
        "Program för social hållbarhet",
        "Det som händer härnäst",
        "Kontakt",
    ]
    assert tables == [["Tidslinjens händelser", True]]


def _check_layout(layout: dict[str, Any]) -> list[dict[str, Any]]:
    """No text over text, a line or the drawing's edge; no text under 11 px. The texts."""
    texts, lines, svg = layout["texts"], layout["lines"], layout["svg"]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not _overlap(a["box"], b["box"]), (a["text"], b["text"])
        for line in lines:
            assert not _overlap(a["box"], line), (a["text"], line)
        assert a["box"]["left"] >= svg["left"] and a["box"]["right"] <= svg["right"], a["text"]
        assert a["box"]["top"] >= svg["top"] and a["box"]["bottom"] <= svg["bottom"], a["text"]
    assert min(t["size"] for t in texts) >= 11
    return list(texts)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_dense_generated_timeline_is_laid_out_without_overlap(
    browser: Any, tmp_path: Path, width: int
) -> None:
    # A generated municipality: 20 events over three years, several in one month.
    town = generate(7, size=8)
    for name, text in town.files().items():
        path = tmp_path / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "rapport.html"
    result = runner.invoke(
        app, ["report", "våren 2023", "--root", str(tmp_path / "data"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    opened = open_file(browser, out, width=width)
    try:
        layout = opened.page.evaluate(LAYOUT)
    finally:
        opened.page.context.close()
    texts = _check_layout(layout)
    assert len([t for t in texts if not t["text"].isdigit()]) >= 15
