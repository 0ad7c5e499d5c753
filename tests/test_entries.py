"""The report's steps and the timeline's rows are one type, made the same way."""

from __future__ import annotations

import datetime as dt

from conftest import PROJECT
from styrning.core.periods import parse_period
from styrning.core.provenance import Provenance
from styrning.read.loader import load
from styrning.read.tree import WorkingTree
from styrning.views.report import build_report
from styrning.views.timeline import TimelineEntry, compute_timeline


def test_the_report_tells_the_same_entries_as_the_timeline() -> None:
    ds = load(WorkingTree(PROJECT))
    day = dt.date(2022, 4, 15)
    period = parse_period("våren 2022", today=day)
    report = build_report(ds, period, day, Provenance(as_of=day))
    timeline = compute_timeline(ds, day)
    assert report.timeline
    assert all(type(e) is TimelineEntry for e in report.timeline)
    # Every step the report draws is the timeline's entry for that event, field for field.
    by_uid = {e.uid: e for e in timeline.entries}
    assert {e.uid for e in report.timeline} <= set(by_uid)
    for e in report.timeline:
        assert e == by_uid[e.uid]


def test_an_entry_says_its_state_in_agreeing_swedish() -> None:
    ds = load(WorkingTree(PROJECT))
    # Before the decision on the programme for social sustainability (June 2022).
    entries = compute_timeline(ds, dt.date(2022, 4, 15)).entries
    decision = next(
        e
        for e in entries
        if e.process_id == "social-hallbarhet" and str(e.kind) == "beslut" and e.planned
    )
    assert not decision.happened
    assert decision.note == "planerat"  # ett beslut: planerat
