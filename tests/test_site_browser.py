"""The site of the project's data opened in Chromium: from disk, under a sub-path, with scripts
off; every page crawled, every page type checked with axe-core (WCAG 2.1 A/AA) at 1280 and
320 px, and the search used as a reader uses it."""

from __future__ import annotations

import functools
import http.server
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from typer.testing import CliRunner

from browser import Opened, axe_violations, describe, horizontal_overflow, open_file
from conftest import PROJECT
from styrning.cli import app

runner = CliRunner()

# One page of every type the site has.
PAGE_TYPES = {
    "start": "index.html",
    "process (uppdrag)": "process-dialog-och-demokratiutveckling.html",
    "process (program)": "process-social-hallbarhet.html",
    "organ": "organ-ks.html",
    "tidslinje": "tidslinje.html",
    "rapport": "rapport-2022-vt.html",
    "sök": "sok.html?q=social+hållbarhet",
    "tillgänglighet": "tillganglighet.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Under a sub-path, so that the same folder serves the sub-path test as well.
    out = tmp_path_factory.mktemp("served") / "sub" / "path"
    out.parent.mkdir(parents=True)
    result = runner.invoke(
        app, ["site", "--root", str(PROJECT), "-o", str(out), "--as-of", "2022-04-15"]
    )
    assert result.exit_code == 0, result.output
    return out


def _open(browser: Any, url: str, width: int = 1280, scripts: bool = True) -> Opened:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="sv-SE", java_script_enabled=scripts
    )
    page = context.new_page()
    opened = Opened(page)
    page.on(
        "console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: opened.console_errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.goto(url, wait_until="load")
    return opened


def _links(page: Any) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return hrefs


def test_every_page_loads_clean_and_every_link_resolves(browser: Any, site: Path) -> None:
    start = (site / "index.html").resolve().as_uri()
    base = site.resolve().as_uri() + "/"
    seen: set[str] = set()
    todo = [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        opened = _open(browser, url)
        try:
            assert opened.console_errors == [], (url, opened.console_errors)
            assert opened.outside(site) == [], url
            for link in _links(opened.page):
                target, fragment = urldefrag(link)
                if not target.startswith("file:"):
                    assert target.startswith(("mailto:", "https://www.digg.se")), (url, link)
                    continue
                assert target.startswith(base), (url, link)
                name = urlsplit(target).path.rsplit("/", 1)[1]
                assert (site / name).is_file(), (url, link)
                if fragment:
                    assert f'id="{fragment}"' in (site / name).read_text(encoding="utf-8")
                if name.endswith(".html"):
                    todo.append(target)
        finally:
            opened.page.context.close()
    pages = {p.name for p in site.glob("*.html")}
    assert {urlsplit(u).path.rsplit("/", 1)[1] for u in seen} == pages  # all reachable


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_type_has_no_wcag_violation(browser: Any, site: Path, kind: str, width: int) -> None:
    name, _, query = PAGE_TYPES[kind].partition("?")
    url = (site / name).resolve().as_uri() + (f"?{query}" if query else "")
    opened = _open(browser, url, width=width)
    try:
        # Before axe runs: axe itself asks for the style sheet, which file:// refuses.
        assert opened.console_errors == []
        assert horizontal_overflow(opened.page) <= 0
        violations = axe_violations(opened.page)
        assert violations == [], describe(violations)
    finally:
        opened.page.context.close()


def test_search_finds_social_hallbarhet(browser: Any, site: Path) -> None:
    opened = open_file(browser, site / "sok.html")
    page = opened.page
    try:
        page.fill("#q", "")
        page.locator("#q").press_sequentially("social hållbarhet")
        results = page.locator("#sok-resultat li a").all_inner_texts()
        assert results[0] == "Program för social hållbarhet"
        status = page.locator("#sok-status").inner_text()
        assert status.startswith(f"{len(results)} träff")
        page.fill("#q", "ingenting-sådant")
        page.locator("#q").dispatch_event("input")
        assert page.locator("#sok-resultat li").count() == 0
        assert "Inga träffar" in page.locator("#sok-status").inner_text()
        # Keyboard: the result is a link that Enter follows.
        page.fill("#q", "ägarstyrning")
        page.locator("#q").press("Enter")
        page.locator("#sok-resultat li a").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/process-agarstyrning.html")
        assert opened.console_errors == []
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    root = site.parent.parent

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_works_under_a_sub_path(browser: Any, site: Path, server: str) -> None:
    base = f"{server}/sub/path/"
    for name in ("index.html", "process-social-hallbarhet.html", "sok.html"):
        opened = _open(browser, urljoin(base, name))
        page = opened.page
        try:
            assert opened.console_errors == []
            assert all(u.startswith(base) for u in opened.requests), opened.requests
            # The style sheet came: the masthead has its colour.
            color = page.eval_on_selector(
                "header.masthead", "e => getComputedStyle(e).backgroundColor"
            )
            assert color == "rgb(11, 61, 110)"
            for link in _links(page):
                if link.startswith(server):
                    response = page.request.get(urldefrag(link)[0])
                    assert response.status == 200, link
                    assert link.startswith(base), link
            if name == "sok.html":
                page.locator("#q").press_sequentially("social hållbarhet")
                first = page.locator("#sok-resultat li a").first
                assert first.inner_text() == "Program för social hållbarhet"
        finally:
            page.context.close()


def test_readable_with_scripts_off(browser: Any, site: Path) -> None:
    opened = _open(
        browser, (site / "process-social-hallbarhet.html").resolve().as_uri(), scripts=False
    )
    try:
        text = opened.page.inner_text("main")
        assert "Umeå ska växa hållbart" in text and "Remissversion" in text
    finally:
        opened.page.context.close()
    opened = _open(browser, (site / "sok.html").resolve().as_uri(), scripts=False)
    try:
        text = opened.page.inner_text("main")
        assert "Sökningen behöver JavaScript" in text
        assert opened.page.locator("main a[href='index.html']").count() == 1
    finally:
        opened.page.context.close()


def test_skip_link_and_visible_focus(browser: Any, site: Path) -> None:
    opened = open_file(browser, site / "index.html")
    page = opened.page
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "Hoppa till innehållet"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        assert top >= 0  # shown when focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "innehall"
        headings = page.eval_on_selector_all(
            "h1, h2, h3", "els => els.map(e => Number(e.tagName[1]))"
        )
        assert headings.count(1) == 1 and headings[0] == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(headings))
    finally:
        page.context.close()
