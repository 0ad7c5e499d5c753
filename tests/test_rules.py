"""The rules of derived status, proven over generated municipalities (see tests/realistic.py).

Each property is one rule of the README's status section, checked over about 30 processes of
every type on any day of four years: nothing stated about a day depends on a later event.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from realistic import FIRST, LAST, Municipality, cut, generate, had_facts_after
from styrning.core.dates import PartialDate, add_months, add_years
from styrning.core.model import ProcessStatus, ProcessType
from styrning.core.periods import Period
from styrning.core.provenance import Provenance
from styrning.state.status import (
    REVIEW_NOTICE_MONTHS,
    ProcessStatusRow,
    StateSource,
    compute_status,
)
from styrning.views.report import build_report
from styrning.views.timeline import compute_timeline

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
DAYS = st.dates(min_value=FIRST - dt.timedelta(days=60), max_value=LAST + dt.timedelta(days=60))
RULES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _what_the_day_says(row: ProcessStatusRow) -> tuple[object, ...]:
    review = row.review and (row.review.due, row.review.reason, row.review.coming)
    latest = row.latest and (row.latest.date, row.latest.kind)
    overdue = [(e.date, e.kind) for e in row.overdue]
    return (
        row.state,
        row.state_source,
        row.state_reason,
        row.phase,
        row.replaced_by,
        review,
        latest,
        overdue,
        row.contradicted,
    )


def _rows(town: Municipality, day: dt.date) -> dict[str, ProcessStatusRow]:
    return {row.id: row for row in compute_status(town.load(), day).rows}


@RULES
@given(seed=SEEDS, day=DAYS)
def test_nothing_after_the_day(seed: int, day: dt.date) -> None:
    """Rule 1: a process's state on a day equals its state from the events up to that day."""
    town = generate(seed)
    whole = _rows(town, day)
    known = _rows(cut(town, day), day)
    assert whole.keys() == known.keys()
    for pid in whole:
        assert _what_the_day_says(whole[pid]) == _what_the_day_says(known[pid]), pid


@RULES
@given(seed=SEEDS, day=DAYS)
def test_no_event_after_the_day_is_shown_as_done(seed: int, day: dt.date) -> None:
    """Rule 1 in the timeline and the report: an event after the day is not a fact on it."""
    ds = generate(seed).load()
    timeline = compute_timeline(ds, day)
    assert all(e.planned or e.date.start <= day for e in timeline.entries)
    period = Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year))
    report = build_report(ds, period, day, Provenance(day))
    shown = [*report.background, *report.during, *report.coming, *report.timeline]
    for a in report.assignments:
        shown += [m.event for m in a.milestones]
    for d in report.documents:
        shown += [m.event for m in d.milestones]
    assert all(e.planned or e.date.start <= day for e in shown)
    assert report.hidden_later == timeline.hidden_later


@RULES
@given(seed=SEEDS, day=DAYS)
def test_a_written_status_describes_the_present(seed: int, day: dt.date) -> None:
    """Rule 2: before the last dated fact the written status is not the answer."""
    town = generate(seed)
    rows = _rows(town, day)
    for pid, row in rows.items():
        if had_facts_after(town, pid, day):
            assert row.state_source is not StateSource.STATED, pid
            assert row.contradicted is None, pid


@RULES
@given(seed=SEEDS, day=DAYS)
def test_nothing_has_begun_before_its_first_fact(seed: int, day: dt.date) -> None:
    """Rules 2 and 3: before any dated fact a document is not adopted, an assignment not
    started and in no phase, whatever the file says of the present."""
    town = generate(seed)
    empty = cut(town, day)
    rows = _rows(town, day)
    for pid, row in rows.items():
        data = empty.processes[pid]
        own = [e for e in data["händelser"] if not e.get("planerad", False)]
        own += [e for e in empty.timeline.get("händelser", []) if e.get("process") == pid]
        dated_phases = any("start" in ph or "slut" in ph for ph in data.get("faser", []))
        replaced = row.replaced_by is not None  # a fact of its own: the new version's adoption
        if own or dated_phases or replaced or not had_facts_after(town, pid, day):
            continue
        if row.kind is ProcessType.UPPDRAG:
            assert (row.state, row.phase) == (ProcessStatus.EJ_PABORJAD, None), pid
        else:
            assert row.state is None, pid
            assert row.replaced_by is None and row.review is None, pid


@RULES
@given(seed=SEEDS, day=DAYS)
@example(seed=160, day=dt.date(2025, 1, 1))  # a review in the month of the decision
def test_a_review_done_is_done(seed: int, day: dt.date) -> None:
    """Rule 5: within `aktualitetsprövning_år` of a review no review is due, and a review
    is coming only in the REVIEW_NOTICE_MONTHS before it is due."""
    town = generate(seed)
    years = town.timeline["aktualitetsprövning_år"]
    for pid, row in _rows(town, day).items():
        if row.review is None:
            continue
        assert row.state is ProcessStatus.GALLANDE, pid
        due = row.review.due.start
        if row.review.coming:
            assert add_months(due, -REVIEW_NOTICE_MONTHS) <= day < due, pid
        else:
            assert due <= day, pid
        reviews = [
            e
            for e in town.processes[pid]["händelser"]
            if e["typ"] == "aktualitetsprövning" and not e.get("planerad", False)
        ]
        done = [PartialDate.parse(e["datum"]) for e in reviews]
        done = [d for d in done if d.start <= day]
        decided = [
            PartialDate.parse(e["datum"])
            for e in town.processes[pid]["händelser"]
            if e["typ"] == "beslut" and not e.get("planerad", False)
        ]
        # a review counts from its own date when it lies wholly after every decision; one
        # in the decision's own month is checked by hand (test_rules_by_hand.py)
        if done and all(done[-1].start > d.end for d in decided if d.start <= day):
            assert row.review.due == add_years(done[-1], years), pid
