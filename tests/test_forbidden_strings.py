"""Words a reader should never see, checked in every document format the tool writes.

The documents are made from the project's own data, as an official would make them: the
status report (text, Markdown, HTML; JSON's strings), the briefing pack (text, Markdown,
HTML, JSON, Word with its footer) and the calendar. None may hold a command-line hint, the
terminal's "(angiven)", a bare commit line as provenance, English words, or an ISO date
(the readers' style is "17 maj 2022"; JSON keeps ISO dates in its date fields).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import icalendar
import pytest
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app

runner = CliRunner()

REPORT = ["report", "våren 2022"]
MANDATE = ["report", "mandatperiod 2019–2022"]
BRIEF = ["brief", "--organ", "ks", "--meeting", "2022-05-17"]
BRIEF_NO_BODY = ["brief", "--meeting", "2022-05-17"]

ENGLISH = ["planned", "late", "overdue", "commit", "None", "True", "False", "null", "draft"]
ENGLISH += ["decision", "since", "done", "unknown", "TODO"]  # "status" is Swedish too
BARE_COMMIT = re.compile(r"^\s*(Källa:\s*)?commit [0-9a-f]{7,40}\s*$", re.MULTILINE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
WRONG_AGREEMENT = [
    "beslut planerad",
    "beslut försenad",
    "remiss planerat",
    "remiss försenat",
    "Fas avancerad",
]


class _Text(HTMLParser):
    """The text a browser shows, with <style> left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag == "style"
        for name, value in attrs:
            if name in ("aria-label", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _run(args: list[str], out: Path | None = None) -> str:
    extra = ["-o", str(out)] if out is not None else []
    result = runner.invoke(app, [*args, "--root", str(PROJECT), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _docx_text(path: Path) -> str:
    word = docx.Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in word.paragraphs]
    parts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    for section in word.sections:
        parts += [p.text for p in section.footer.paragraphs]
        parts += [p.text for p in section.header.paragraphs]
    props = word.core_properties
    parts += [props.title or "", props.author or "", props.comments or "", props.subject or ""]
    return "\n".join(parts)


def _ics_text() -> str:
    cal = icalendar.Calendar.from_ical(_run(["timeline", "--format", "ics"]))
    parts = [str(cal["X-WR-CALNAME"])]
    for event in cal.walk("VEVENT"):
        parts += [str(event.get("SUMMARY", "")), str(event.get("DESCRIPTION", ""))]
    return "\n".join(parts)


def _html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "\n".join(parser.parts)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("docs")
    made: dict[str, str] = {}
    for name, args in (("report", REPORT), ("mandate", MANDATE), ("brief", BRIEF)):
        made[f"{name}.text"] = _run([*args, "--format", "text"])
        made[f"{name}.md"] = _run([*args, "--format", "md"])
        made[f"{name}.html"] = _html_text(_run([*args, "--format", "html"]))
    made["brief-no-body.text"] = _run([*BRIEF_NO_BODY, "--format", "text"])
    made["brief.json"] = "\n".join(
        s
        for s in _strings(json.loads(_run([*BRIEF, "--format", "json"])))
        if not ISO_DATE.fullmatch(s)  # the "day" field is for machines
    )
    made["report.json"] = "\n".join(
        s
        for s in _strings(json.loads(_run([*REPORT, "--format", "json"])))
        if not ISO_DATE.fullmatch(s) and " = " not in s  # ISO fields are for machines
    )
    _run(BRIEF, folder / "brief.docx")
    made["brief.docx"] = _docx_text(folder / "brief.docx")
    made["calendar.ics"] = _ics_text()
    return made


NAMES = [
    "report.text",
    "report.md",
    "report.html",
    "report.json",
    "mandate.text",
    "mandate.md",
    "mandate.html",
    "brief.text",
    "brief.md",
    "brief.html",
    "brief.json",
    "brief.docx",
    "brief-no-body.text",
    "calendar.ics",
]


@pytest.mark.parametrize("name", NAMES)
def test_no_command_line_words_in_documents(documents: dict[str, str], name: str) -> None:
    text = documents[name]
    assert text.strip()
    assert "--" not in re.sub(r"-{3,}|\|[-|]+\|", "", text)  # no option; rules are fine
    assert "(angiven)" not in text
    assert BARE_COMMIT.search(text) is None
    assert "Källa: commit" not in text


@pytest.mark.parametrize("name", NAMES)
def test_no_english_and_no_iso_dates_in_documents(documents: dict[str, str], name: str) -> None:
    text = documents[name]
    words = set(re.findall(r"[A-Za-zÅÄÖåäö]+", text))
    assert [w for w in ENGLISH if w in words] == []
    if not name.endswith(".md"):  # the Mermaid theme's colours are hex, not dates
        assert ISO_DATE.findall(text) == []
    else:
        assert ISO_DATE.findall(text.split("```")[0] + text.split("```")[-1]) == []
    folded = text.casefold()
    assert [w for w in WRONG_AGREEMENT if w.casefold() in folded] == []


@pytest.mark.parametrize("name", [n for n in NAMES if n != "calendar.ics"])
def test_provenance_is_said_in_words(documents: dict[str, str], name: str) -> None:
    text = documents[name]
    assert re.search(
        r"Underlaget hämtat ur versionshanteringen \d{1,2} [a-zäö]+ \d{4}, version [0-9a-f]{7,}",
        text,
    ) or re.search(r"Underlaget hämtat ur arbetsmappen \d{1,2} [a-zäö]+ \d{4}", text)
    assert re.search(r"Läget per \d{1,2} [a-zäö]+ \d{4}\.", text)


def test_calendar_name_says_what_it_is(documents: dict[str, str]) -> None:
    assert documents["calendar.ics"].splitlines()[0] == "Umeå kommun – styrning"
