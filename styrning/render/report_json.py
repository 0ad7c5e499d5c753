"""The status report as JSON: the same facts as the other formats, for programs."""

from __future__ import annotations

import json
from typing import Any

from styrning.core.model import Contact
from styrning.views.report import Milestone, Report
from styrning.views.timeline import TimelineEntry


def _event(e: TimelineEntry) -> dict[str, Any]:
    return {
        "date": e.date.iso(),
        "date_text": e.date_text,
        "type": str(e.kind),
        "body": e.body,
        "process": e.process_id,
        "process_title": e.process_title,
        "heading": e.heading,
        "description": e.description,
        "text": e.text,
        "planned": e.planned,
        "happened": e.happened,
        "overdue": e.overdue,
        "note": e.note or None,
    }


def _milestone(m: Milestone) -> dict[str, Any]:
    return {"text": m.text, "event": _event(m.event)}


def _contact(c: Contact) -> dict[str, Any]:
    return {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email}


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "title": report.title,
        "organisation": report.organisation,
        "period": {
            "text": report.period.text,
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
            "label": report.period_label,
        },
        "as_of": report.as_of.isoformat(),
        "background": [_event(e) for e in report.background],
        "during": [_event(e) for e in report.during],
        "assignments": [
            {
                "id": a.id,
                "title": a.title,
                "state": a.state,
                "purpose": a.purpose,
                "clients": a.clients,
                "clients_text": a.clients_text,
                "scope": a.scope,
                "boundaries": a.boundaries,
                "focus": a.focus,
                "phases": [
                    {
                        "name": p.name,
                        "status": p.status,
                        "current": p.current,
                        "start": p.start.iso() if p.start else None,
                        "end": p.end.iso() if p.end else None,
                    }
                    for p in a.phases
                ],
                "milestones": [_milestone(m) for m in a.milestones],
                "contacts": [_contact(c) for c in a.contacts],
            }
            for a in report.assignments
        ],
        "documents": [
            {
                "id": d.id,
                "type": d.kind,
                "title": d.title,
                "state": d.state,
                "subtitle": d.subtitle,
                "context": d.context,
                "description": d.description,
                "goals": d.goals,
                "milestones": [_milestone(m) for m in d.milestones],
                "contacts": [_contact(c) for c in d.contacts],
            }
            for d in report.documents
        ],
        "coming": [_event(e) for e in report.coming],
        "warnings": report.warnings,
        "contacts": [_contact(c) for c in report.contacts],
        "hidden_later": report.hidden_later,
        "hidden_note": report.hidden_note,
        "data_errors": report.data_errors.as_dict() if report.data_errors else None,
        "provenance": report.provenance,
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
