"""The status report as Markdown, with a Mermaid timeline that GitHub and GitLab draw."""

from __future__ import annotations

from styrning.core.model import Contact
from styrning.core.text import markdown as md
from styrning.views.report import (
    Milestone,
    Report,
    ReportAssignment,
    ReportDocument,
    short_month,
)
from styrning.views.timeline import TimelineEntry


def hard_lines(lines: list[str]) -> list[str]:
    """Lines kept apart in one paragraph: a backslash break after all but the last."""
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def notice(lines: list[str]) -> list[str]:
    """A note that must not be missed (the data had errors), as a quoted block and a blank."""
    if not lines:
        return []
    return [*(f"> {line}" for line in hard_lines([md(line) for line in lines])), ""]


def _mermaid_text(text: str) -> str:
    # Mermaid's timeline splits on ':' and reads '#' and ';' as syntax; a backtick
    # could close the fenced block.
    for char, repl in ((":", " "), ("#", ""), (";", ","), ("`", "'")):
        text = text.replace(char, repl)
    return " ".join(text.split())


def mermaid(report: Report) -> list[str]:
    """A Mermaid `timeline`: before the period, the period itself, what comes after."""
    sections: list[tuple[str, list[TimelineEntry]]] = [
        ("Före perioden", [e for e in report.timeline if e.date.is_before(report.period.start)]),
        (
            report.period.text,
            [
                e
                for e in report.timeline
                if not e.date.is_before(report.period.start)
                and not e.date.is_after(report.period.end)
            ],
        ),
        ("Därefter", [e for e in report.timeline if e.date.is_after(report.period.end)]),
    ]
    out = ["```mermaid", "timeline", f"    title {_mermaid_text(report.title)}"]
    for name, events in sections:
        if not events:
            continue
        out.append(f"    section {_mermaid_text(name)}")
        groups: dict[str, list[str]] = {}
        for e in events:
            label = e.label + (f" ({e.note})" if e.note else "")
            groups.setdefault(short_month(e.date), []).append(_mermaid_text(label))
        for date, labels in groups.items():
            out.append(f"        {date} : " + " : ".join(labels))
    out.append("```")
    return out


def _event(e: TimelineEntry) -> str:
    line = f"- **{md(e.date_text)}** – {md(e.text)}"
    if e.body:
        line += f" *({md(e.body)})*"
    if e.note:
        line += f" – *{md(e.note)}*"
    return line


def _milestones(items: list[Milestone]) -> list[str]:
    if not items:
        return []
    out = ["**Milstolpar**", ""]
    for m in items:
        line = f"- **{md(m.text)}**"
        if m.event.heading:
            line += f": {md(m.event.heading)}"
        out.append(line)
        if m.event.description:
            out += ["", f"  {md(m.event.description)}", ""]
    return [*out, ""]


def _contacts(contacts: list[Contact]) -> list[str]:
    out = []
    for c in contacts:
        lines = [f"**{md(c.name)}**" + (f", {md(c.role)}" if c.role else "")]
        if c.phone:
            lines.append(f"Telefon: {md(c.phone)}")
        if c.email:
            lines.append(f"E-post: {md(c.email)}")
        out += [*hard_lines(lines), ""]
    return out


def _bullets(name: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"**{name}**", "", *(f"- {md(i)}" for i in items), ""]


def _assignment(a: ReportAssignment) -> list[str]:
    out = [f"## Uppdrag: {md(a.title)}", "", f"Status: {md(a.state)}", ""]
    if a.purpose:
        out += ["**Syfte**", "", md(a.purpose), ""]
    if a.clients:
        out += ["**Uppdragsgivare/beställare**", "", md(a.clients_text), ""]
    if a.scope:
        out += ["**Omfattning**", "", md(a.scope), ""]
    out += _bullets("Avgränsning", a.boundaries)
    out += _bullets("Huvudfokus", a.focus)
    out += _bullets("Faser", [p.name + (" (pågår nu)" if p.current else "") for p in a.phases])
    out += _milestones(a.milestones)
    out += _contacts(a.contacts)
    return out


def _document(d: ReportDocument) -> list[str]:
    out = [f"### {md(d.title)}", "", f"*{md(d.kind)} · {md(d.state)}*", ""]
    if d.subtitle:
        out += [f"**{md(d.subtitle)}**", ""]
    if d.context:
        out += [md(d.context), ""]
    if d.description:
        out += [md(d.description), ""]
    out += _bullets("Inriktningsmål", d.goals)
    out += _milestones(d.milestones)
    out += _contacts(d.contacts)
    return out


def render_markdown(report: Report) -> str:
    out = [f"# {md(report.title)}", ""]
    sub = f"{md(report.organisation)} · " if report.organisation else ""
    out += [f"{sub}{md(report.period_label)} · per {report.as_of.isoformat()}", ""]
    out += notice(report.data_errors.lines() if report.data_errors else [])
    out += [*mermaid(report), ""]

    out += ["## Bakgrund", ""]
    out += [_event(e) for e in report.background] or ["Inga tidigare steg."]
    out.append("")

    if report.during:
        out += [f"## Under perioden ({md(report.period.text)})", ""]
        out += [*(_event(e) for e in report.during), ""]

    for a in report.assignments:
        out += _assignment(a)

    if report.documents:
        out += ["## Styrdokument under arbete", ""]
        for d in report.documents:
            out += _document(d)

    out += ["## Det som händer härnäst", ""]
    out += [_event(e) for e in report.coming] or ["Inget planerat."]
    out.append("")

    if report.warnings:
        out += ["## Att uppmärksamma", "", *(f"- {md(w)}" for w in report.warnings), ""]

    if report.contacts:
        out += ["## Kontakt", "", *_contacts(report.contacts)]

    if report.hidden_note:
        out += [f"*{md(report.hidden_note)}*", ""]
    out += ["---", "", *hard_lines([md(line) for line in report.provenance])]
    return "\n".join(out).rstrip() + "\n"
