"""The status report as plain text, for the terminal or a .txt file."""

from __future__ import annotations

import textwrap

from styrning.core.model import Contact
from styrning.views.report import Milestone, Report
from styrning.views.timeline import TimelineEntry

WIDTH = 100
DATE_WIDTH = 16  # "November 2018" and a gap


def _wrap(text: str, indent: int, bullet: str = "") -> list[str]:
    first = " " * indent + bullet
    rest = " " * (indent + len(bullet))
    return textwrap.wrap(
        " ".join(text.split()), WIDTH, initial_indent=first, subsequent_indent=rest
    ) or [first.rstrip()]


def _event_lines(e: TimelineEntry, indent: int = 2) -> list[str]:
    text = e.text
    if e.body:
        text += f" ({e.body})"
    if e.note:
        text += f" – {e.note}"
    lines = textwrap.wrap(" ".join(text.split()), WIDTH - indent - DATE_WIDTH) or [""]
    first = " " * indent + e.date_text.ljust(DATE_WIDTH) + lines[0]
    return [first, *(" " * (indent + DATE_WIDTH) + line for line in lines[1:])]


def _field(name: str, value: str | None, indent: int) -> list[str]:
    if not value:
        return []
    return [" " * indent + name, *_wrap(value, indent + 2)]


def _bullets(name: str, items: list[str], indent: int) -> list[str]:
    if not items:
        return []
    out = [" " * indent + name]
    for item in items:
        out += _wrap(item, indent + 2, "• ")
    return out


def _milestones(items: list[Milestone], indent: int) -> list[str]:
    if not items:
        return []
    out = [" " * indent + "Milstolpar"]
    for m in items:
        line = m.text
        if m.event.heading:
            line += f": {m.event.heading}"
        out += _wrap(line, indent + 2, "• ")
        if m.event.description:
            out += _wrap(m.event.description, indent + 4)
    return out


def _contacts(contacts: list[Contact], indent: int) -> list[str]:
    out: list[str] = []
    for c in contacts:
        out.append(" " * indent + c.name + (f", {c.role}" if c.role else ""))
        if c.phone:
            out.append(" " * indent + f"Telefon: {c.phone}")
        if c.email:
            out.append(" " * indent + f"E-post: {c.email}")
    return out


def render_text(report: Report) -> str:
    out = [report.title, "=" * len(report.title)]
    sub = f"{report.organisation} · " if report.organisation else ""
    out += [f"{sub}{report.period_label} · per {report.as_of.isoformat()}", ""]
    if report.data_errors:
        out += [line for text in report.data_errors.lines() for line in _wrap(text, 0)]
        out.append("")

    out += ["BAKGRUND", ""]
    out += [line for e in report.background for line in _event_lines(e)] or ["  –"]

    if report.during:
        out += ["", f"UNDER PERIODEN ({report.period.text})", ""]
        out += [line for e in report.during for line in _event_lines(e)]

    for a in report.assignments:
        out += ["", f"UPPDRAG: {a.title}", f"  Status: {a.state}", ""]
        out += _field("Syfte", a.purpose, 2)
        out += _field("Uppdragsgivare/beställare", a.clients_text, 2)
        out += _field("Omfattning", a.scope, 2)
        out += _bullets("Avgränsning", a.boundaries, 2)
        out += _bullets("Huvudfokus", a.focus, 2)
        phases = [p.name + (" (pågår nu)" if p.current else "") for p in a.phases]
        out += _bullets("Faser", phases, 2)
        out += _milestones(a.milestones, 2)
        out += _contacts(a.contacts, 2)

    if report.documents:
        out += ["", "STYRDOKUMENT UNDER ARBETE"]
        for d in report.documents:
            out += ["", f"  {d.title}", f"    {d.kind} · {d.state}"]
            if d.subtitle:
                out += _wrap(d.subtitle, 4)
            out += _field("Sammanhang", d.context, 4)
            out += _field("Beskrivning", d.description, 4)
            out += _bullets("Inriktningsmål", d.goals, 4)
            out += _milestones(d.milestones, 4)
            out += _contacts(d.contacts, 4)

    out += ["", "DET SOM HÄNDER HÄRNÄST", ""]
    out += [line for e in report.coming for line in _event_lines(e)] or ["  inget planerat"]

    if report.warnings:
        out += ["", "ATT UPPMÄRKSAMMA", ""]
        out += [line for w in report.warnings for line in _wrap(w, 2, "! ")]

    if report.contacts:
        out += ["", "KONTAKT", ""]
        out += _contacts(report.contacts, 2)

    if report.hidden_note:
        out += ["", *_wrap(report.hidden_note, 0)]
    out += ["", *report.provenance]
    return "\n".join(out) + "\n"
