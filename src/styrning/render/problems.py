"""Validation problems as text, JSON and GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from styrning.problems import Problem, Severity

ProblemRenderer = Callable[[Sequence[Problem], Callable[[str], str]], str]


def summary(problems: Sequence[Problem], files: int) -> str:
    """`2 fel och 1 varning i 7 filer`, or `inga problem i 7 filer`."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    where = f"{files} {'fil' if files == 1 else 'filer'}"
    if not problems:
        return f"inga problem i {where}"
    parts = []
    if errors:
        parts.append(f"{errors} fel")
    if warnings:
        parts.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
    return f"{' och '.join(parts)} i {where}"


def render_text(problems: Sequence[Problem], relpath: Callable[[str], str]) -> str:
    return "".join(
        f"{relpath(p.path)}:{p.line}:{p.col}: {p.severity} {p.code} {p.message}\n" for p in problems
    )


def render_json(problems: Sequence[Problem], relpath: Callable[[str], str]) -> str:
    items = [
        {
            "path": relpath(p.path),
            "line": p.line,
            "column": p.col,
            "severity": str(p.severity),
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    errors = sum(1 for p in problems if p.is_error)
    doc = {"problems": items, "fel": errors, "varningar": len(problems) - errors}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: Sequence[Problem], relpath: Callable[[str], str]) -> str:
    """GitHub Actions workflow commands: one `::error`/`::warning` line per problem."""
    lines = []
    for p in problems:
        level = "error" if p.severity is Severity.ERROR else "warning"
        props = ",".join(
            (
                f"file={_escape_property(relpath(p.path))}",
                f"line={p.line}",
                f"col={p.col}",
                f"title={_escape_property(p.code)}",
            )
        )
        lines.append(f"::{level} {props}::{_escape_data(p.message)}\n")
    return "".join(lines)


def render_step_summary(
    problems: Sequence[Problem], relpath: Callable[[str], str], files: int
) -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY: GitHub shows only ten annotations a step."""
    out = [f"### styrning validate: {summary(problems, files)}\n"]
    if problems:
        out.append("\n| plats | allvarlighet | kod | meddelande |\n|---|---|---|---|\n")
        for p in problems:
            message = p.message.replace("|", "\\|")
            out.append(
                f"| `{relpath(p.path)}:{p.line}:{p.col}` | {p.severity} | {p.code} | {message} |\n"
            )
    return "".join(out)


RENDERERS: dict[str, ProblemRenderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
