"""Shared fixtures: small data trees written into temporary folders."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

PROJECT = Path(__file__).resolve().parent.parent

# Property tests judge the rules, not the machine: a loaded CI runner or a laptop on battery
# must not fail them for slowness (the examples themselves are the same).
settings.register_profile("styrning", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("styrning")

TIMELINE = """\
organisation: Testkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
  - id: ks
    namn: Kommunstyrelsen
"""

TreeMaker = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture
def make_tree(tmp_path: Path) -> TreeMaker:
    """Write files (text is dedented) under a fresh root; timeline.yaml defaults to TIMELINE."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        root = tmp_path / "data"
        root.mkdir(exist_ok=True)
        contents: dict[str, str | bytes] = {"timeline.yaml": TIMELINE, **files}
        for name, content in contents.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session", autouse=True)
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The tests never write to the user's parse cache: theirs is a fresh folder."""
    from styrning.read import cache

    before = os.environ.get(cache.DIR_ENV)
    os.environ[cache.DIR_ENV] = str(tmp_path_factory.mktemp("parse-cache"))
    cache.reset()
    yield
    cache.reset()
    if before is None:
        os.environ.pop(cache.DIR_ENV, None)
    else:
        os.environ[cache.DIR_ENV] = before


# In CI (`.ci/run` sets STYRNING_REQUIRE_PROGRAMS=1) the programs that check the outputs
# are installed: a test that skips for want of one of them fails instead.
_PROGRAMS = ("soffice", "libreoffice", "chromium", "playwright", "axe")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or not os.environ.get("STYRNING_REQUIRE_PROGRAMS"):
        return
    reason = str(report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr)
    if any(p in reason.lower() for p in _PROGRAMS):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where the program must be installed: {reason}"


@pytest.fixture(scope="session")
def browser() -> Any:
    """Chromium through Playwright, one for the whole run (see tests/browser.py)."""
    from browser import _browser_session

    yield from _browser_session()
