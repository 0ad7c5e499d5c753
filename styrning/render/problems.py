"""Validation problems as text, JSON, and the report formats of the CI systems.

GitHub workflow annotations, GitLab Code Quality, SARIF 2.1.0 (GitHub code
scanning, Azure DevOps) and JUnit XML (GitLab, Azure DevOps, Jenkins test tabs).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence

from styrning.core.problems import Problem, Severity
from styrning.core.text import markdown

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
            message = markdown(p.message)
            out.append(
                f"| `{relpath(p.path)}:{p.line}:{p.col}` | {p.severity} | {p.code} | {message} |\n"
            )
    return "".join(out)


def fingerprints(problems: Sequence[Problem], relpath: Callable[[str], str]) -> list[str]:
    """A stable id per problem: the same problem keeps it when lines above it move.

    Built from path, code and message; identical problems in one file are told
    apart by their order, so every id in a report is unique.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for p in problems:
        key = (relpath(p.path), p.code, p.message)
        index = seen[key]
        seen[key] += 1
        raw = "\0".join((*key, str(index))).encode("utf-8")
        result.append(hashlib.sha256(raw).hexdigest())
    return result


def render_gitlab(problems: Sequence[Problem], relpath: Callable[[str], str]) -> str:
    """GitLab Code Quality: a JSON array shown in the merge request widget."""
    items = [
        {
            "description": p.message,
            "check_name": p.code,
            "fingerprint": fingerprint,
            "severity": "major" if p.is_error else "minor",
            "location": {"path": relpath(p.path), "lines": {"begin": p.line}},
        }
        for p, fingerprint in zip(problems, fingerprints(problems, relpath), strict=True)
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def render_sarif(problems: Sequence[Problem], relpath: Callable[[str], str]) -> str:
    """SARIF 2.1.0 for GitHub code scanning and Azure DevOps: every code as a rule."""
    import inspect

    from styrning import __version__
    from styrning.checks.rules import all_codes

    codes = all_codes()
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for entry in codes.values():
        doc = inspect.cleandoc(entry.doc)
        rules.append(
            {
                "id": entry.code,
                "name": entry.code,
                "shortDescription": {"text": entry.title},
                "fullDescription": {"text": doc.split("\n\n")[0]},
                "help": {"text": doc},
                "defaultConfiguration": {"level": _level(entry.severity)},
            }
        )
    results = []
    for p, fingerprint in zip(problems, fingerprints(problems, relpath), strict=True):
        result: dict[str, object] = {
            "ruleId": p.code,
            "level": _level(p.severity),
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": relpath(p.path)},
                        "region": {"startLine": p.line, "startColumn": p.col},
                    }
                }
            ],
            "partialFingerprints": {"styrning/v1": fingerprint},
        }
        if p.code in index:
            result["ruleIndex"] = index[p.code]
        results.append(result)
    report = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "styrning",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render_junit(
    problems: Sequence[Problem], relpath: Callable[[str], str], files: Sequence[str]
) -> str:
    """JUnit XML: one test case per file checked, failed when the file has errors.

    The errors' lines are the failure text; warnings go to the case's output, so a
    file with only warnings passes, as in `styrning validate`.
    """
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.path, []).append(p)
    # a problem in a file that was not read (timeline.yaml missing) still needs a case
    names = list(dict.fromkeys([*files, *by_file]))
    failures = sum(1 for n in names if any(p.is_error for p in by_file.get(n, [])))
    counts = {"tests": str(len(names)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "styrning validate", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "styrning validate", **counts})
    for name in names:
        shown = relpath(name)
        case = ET.SubElement(
            suite, "testcase", {"classname": "styrning.validate", "name": shown, "file": shown}
        )
        found = by_file.get(name, [])
        errors = [p for p in found if p.is_error]
        warnings = [p for p in found if not p.is_error]
        if errors:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": f"{len(errors)} fel i {shown}", "type": "styrning.validate"},
            )
            failure.text = "".join(
                f"{shown}:{p.line}:{p.col}: {p.severity} {p.code} {p.message}\n" for p in errors
            )
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = "".join(
                f"{shown}:{p.line}:{p.col}: {p.severity} {p.code} {p.message}\n" for p in warnings
            )
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


RENDERERS: dict[str, ProblemRenderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "gitlab": render_gitlab,
    "sarif": render_sarif,
}

# Formats that also need the list of files read (a JUnit case per file, problem or not).
FileRenderer = Callable[[Sequence[Problem], Callable[[str], str], Sequence[str]], str]
FILE_RENDERERS: dict[str, FileRenderer] = {"junit": render_junit}
