"""The calendar feed: valid RFC 5545, one event per dated event, stable unique UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.cli import app
from styrning.read.loader import load
from styrning.read.tree import WorkingTree
from styrning.render.ics import render_ics
from styrning.views.calendar import calendar_entries
from styrning.views.timeline import compute_timeline

STAMP = dt.date(2026, 11, 27)


def _calendar(root: object) -> icalendar.Calendar:
    ds = load(WorkingTree(root))  # type: ignore[arg-type]
    entries = calendar_entries(compute_timeline(ds, STAMP), ds)
    text = render_ics(entries, name="Test", stamp=STAMP)
    assert all(line.endswith("\r") or line == "" for line in text.split("\n"))
    assert all(len(line.encode()) <= 76 for line in text.split("\n"))  # 75 octets + CR
    return icalendar.Calendar.from_ical(text)


def _day(event: icalendar.cal.Component, name: str) -> object:
    """The value of a DTSTART or DTEND property: a date, or a datetime if one slipped in."""
    prop = event[name]
    assert isinstance(prop, icalendar.vDDDTypes)
    return prop.dt


def test_project_calendar_has_every_event_once() -> None:
    cal = _calendar(PROJECT)
    events = cal.walk("VEVENT")
    ds = load(WorkingTree(PROJECT))
    assert ds.timeline is not None
    expected = len(ds.timeline.events) + sum(len(lp.process.events) for lp in ds.processes.values())
    assert len(events) == expected == 10
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.isascii() for uid in uids)
    decision = next(e for e in events if str(e["UID"]) == "social-hallbarhet/beslut/1@styrning")
    assert _day(decision, "DTSTART") == dt.date(2022, 6, 1)
    assert _day(decision, "DTEND") == dt.date(2022, 7, 1)  # a month spans its month
    assert str(decision["SUMMARY"]) == "Beslut: Program för social hållbarhet (planerat)"
    assert str(decision["STATUS"]) == "TENTATIVE"


def test_uids_survive_moves_and_insertions(make_tree: TreeMaker) -> None:
    before = """\
    typ: program
    titel: P
    händelser:
      - datum: 2022-06
        typ: beslut
        planerad: true
    """
    after = """\
    typ: program
    titel: P, med komma; och semikolon
    händelser:
      - datum: 2022-03-15
        typ: remiss
        svar_senast: 2022-04-30
      - datum: 2022-09
        typ: beslut
        planerad: true
    """
    first = _calendar(make_tree({"processes/program/p.yaml": before}))
    second = _calendar(make_tree({"processes/program/p.yaml": after}))
    (old,) = first.walk("VEVENT")
    moved = next(e for e in second.walk("VEVENT") if e["UID"] == old["UID"])
    assert _day(moved, "DTSTART") == dt.date(2022, 9, 1)
    remiss = next(e for e in second.walk("VEVENT") if "remiss" in str(e["UID"]))
    assert _day(remiss, "DTSTART") == dt.date(2022, 3, 15)
    assert _day(remiss, "DTEND") == dt.date(2022, 3, 16)
    assert str(remiss["SUMMARY"]) == "Remiss: P, med komma; och semikolon"
    assert "Svar senast: 30 april 2022" in str(remiss["DESCRIPTION"])


def test_meetings_are_events(make_tree: TreeMaker) -> None:
    timeline = """\
    organisation: X
    organ:
      - id: ks
        namn: Kommunstyrelsen
    sammanträden:
      ks: [2022-05-17, 2022-06-14]
    """
    cal = _calendar(make_tree({"timeline.yaml": timeline}))
    meetings = [
        e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Sammanträde: Kommunstyrelsen"
    ]
    assert [_day(m, "DTSTART") for m in meetings] == [dt.date(2022, 5, 17), dt.date(2022, 6, 14)]
    assert str(meetings[0]["UID"]) == "sammantrade/ks/2022-05-17@styrning"


def test_timeline_format_ics_writes_a_calendar(tmp_path: Path) -> None:
    out = tmp_path / "styrning.ics"
    result = CliRunner().invoke(
        app, ["timeline", "--root", str(PROJECT), "--as-of", "2026-11-27", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 10
    assert str(cal["X-WR-CALNAME"]) == "Umeå kommun"
    period = CliRunner().invoke(
        app, ["timeline", "--root", str(PROJECT), "-f", "ics", "--period", "våren 2022"]
    )
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(period.stdout).walk("VEVENT")
    ]
    assert summaries == [
        "Remiss: Program för social hållbarhet",
        "Beslut: Program för social hållbarhet (planerat)",
    ]
