"""Open pages in a real Chromium (Debian's `chromium`, driven by Playwright) and run axe-core.

The documents and the site are checked in the program their readers use. Tests take the
`browser` fixture from conftest.py; without Chromium or Playwright they skip with a reason
that names the program, which `.ci/run` (STYRNING_REQUIRE_PROGRAMS=1) turns into a failure.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

# The WCAG 2.1 A and AA rules, as axe-core tags them.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def axe_script() -> str:
    """axe-core's own script, as shipped in the axe-playwright-python package."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@dataclass
class Opened:
    """A page opened in Chromium, with what the page said and asked for while loading."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def outside(self, folder: Path) -> list[str]:
        """Requests for anything but files in `folder` (network, or other places on disk)."""
        prefix = folder.resolve().as_uri()
        return [
            url
            for url in self.requests
            if not url.startswith(prefix) and not url.startswith(("data:", "about:"))
        ]


def _browser_session() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            # no background traffic: the machines that run the tests have a closed network
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


def open_file(browser: Any, path: Path, width: int = 1280, height: int = 900) -> Opened:
    """Open a file at a viewport width, and wait until it has loaded."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="sv-SE", java_script_enabled=True
    )
    page = context.new_page()
    opened = Opened(page)
    page.on(
        "console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: opened.console_errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return opened


def axe_violations(page: Any, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict[str, Any]]:
    """The axe-core violations of the page for the given rule tags (WCAG 2.1 A/AA)."""
    page.evaluate(axe_script())
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations in a form a failing assertion can show: rule, impact, first targets."""
    lines = []
    for v in violations:
        targets = [n["target"] for n in v.get("nodes", [])][:3]
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} at {targets}")
    return "\n".join(lines)


def horizontal_overflow(page: Any) -> int:
    """How many pixels the page is wider than its viewport (0 when it fits)."""
    overflow: int = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow
