"""`styrning changes` and `styrning log` as text, Markdown and JSON.

Only formatting: the reports are computed in `history.py` and `diff.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from styrning.core.text import markdown
from styrning.history.diff import ChangeReport, CommitInfo, ProcessLog, ScopeChanges

NO_CHANGES = "Inga ändringar i data."


def _heading(g: ScopeChanges) -> str:
    if g.path is None or g.scope == g.title:
        return g.title
    return f"{g.title} ({g.scope})" if g.scope != "timeline.yaml" else g.title


def _by(commit: CommitInfo | None) -> str:
    return (
        commit.line()
        if commit
        else "ingen enskild commit (en sammanslagning eller avkortad historik)"
    )


def changes_text(report: ChangeReport) -> str:
    out = [f"Ändringar från {report.since} till {report.until}", ""]
    if not report.groups:
        out += [NO_CHANGES, ""]
    for g in report.groups:
        out.append(_heading(g))
        for a in g.changes:
            out.append(f"  {a.change.text}")
            out.append(f"      {_by(a.commit)}")
        out.append("")
    out += report.provenance_lines
    return "\n".join(out) + "\n"


def changes_md(report: ChangeReport) -> str:
    out = [f"# Ändringar från {markdown(report.since)} till {markdown(report.until)}", ""]
    if not report.groups:
        out += [NO_CHANGES, ""]
    for g in report.groups:
        out += [f"## {markdown(_heading(g))}", ""]
        for a in g.changes:
            by = (
                f"`{a.commit.short}` {a.commit.date} {markdown(a.commit.author)}: "
                f"{markdown(a.commit.subject)}"
                if a.commit
                else markdown(_by(None))
            )
            out.append(f"- {markdown(a.change.text)} — {by}")
        out.append("")
    out += [f"{markdown(line)}  " for line in report.provenance_lines]
    return "\n".join(out) + "\n"


def changes_json(report: ChangeReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def log_text(log: ProcessLog) -> str:
    out = [f"Historik för {log.title} ({log.id})", ""]
    for e in log.entries:
        out.append(e.commit.line())
        out.append(f"    {e.summary}")
    if log.entries:
        out.append("")
    out += log.provenance_lines
    return "\n".join(out) + "\n"


def log_md(log: ProcessLog) -> str:
    out = [f"# Historik för {markdown(log.title)} ({log.id})", ""]
    if log.entries:
        out += ["| commit | datum | av | meddelande | ändring |", "|---|---|---|---|---|"]
        for e in log.entries:
            c = e.commit
            out.append(
                f"| `{c.short}` | {c.date} | {markdown(c.author)} | {markdown(c.subject)} | "
                f"{markdown(e.summary)} |"
            )
        out.append("")
    out += [f"{markdown(line)}  " for line in log.provenance_lines]
    return "\n".join(out) + "\n"


def log_json(log: ProcessLog) -> str:
    return json.dumps(log.as_dict(), ensure_ascii=False, indent=2) + "\n"


CHANGES: dict[str, Callable[[ChangeReport], str]] = {
    "text": changes_text,
    "md": changes_md,
    "json": changes_json,
}
LOG: dict[str, Callable[[ProcessLog], str]] = {"text": log_text, "md": log_md, "json": log_json}
