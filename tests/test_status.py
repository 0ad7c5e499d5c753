"""The status engine: states from dated events, partial dates, overdue, review due, phases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import PROJECT, TreeMaker
from styrning.core.dates import PartialDate
from styrning.core.model import Event, ProcessStatus
from styrning.read.loader import Dataset, load
from styrning.read.tree import WorkingTree
from styrning.state.events import has_happened, is_coming, is_overdue
from styrning.state.status import ProcessStatusRow, StateSource, add_years, compute_status

D = dt.date.fromisoformat


def project() -> Dataset:
    return load(WorkingTree(PROJECT))


def row(ds: Dataset, pid: str, day: str) -> ProcessStatusRow:
    result = compute_status(ds, D(day))
    return next(r for r in result.rows if r.id == pid)


def tree(make_tree: TreeMaker, files: dict[str, str]) -> Dataset:
    root: Path = make_tree(files)
    ds = load(WorkingTree(root))
    assert ds.problems == []
    return ds


# --- the project's own data: the done-when scenarios ------------------------------------------


def test_programme_is_on_remiss_on_15_april_2022() -> None:
    r = row(project(), "social-hallbarhet", "2022-04-15")
    assert r.state is ProcessStatus.PA_REMISS
    assert r.state_source is StateSource.DERIVED
    assert r.state_reason == "remiss mars 2022"
    assert r.latest is not None and r.latest.date == PartialDate(2022, 3)
    assert r.next is not None and r.next.date == PartialDate(2022, 6) and r.next.planned
    assert r.overdue == []


def test_today_the_june_decision_is_overdue_and_four_guidelines_due_for_review() -> None:
    result = compute_status(project(), D("2026-11-27"))
    assert [(r.title, ev.date.iso()) for r, ev in result.overdue()] == [
        ("Program för social hållbarhet", "2022-06")
    ]
    assert {r.id: r.review.due.iso() for r in result.review_due() if r.review} == {
        "budget-och-investeringsprocess": "2024-03",
        "agarstyrning": "2025-03",
        "aktiverande-styrning": "2025-03",
        "styrning-och-uppfoljning-externa-utforare": "2025-10",
    }
    warnings = result.warnings()
    assert (
        "försenad: Program för social hållbarhet – beslut planerat juni 2022, "
        "inget registrerat sedan"
    ) in warnings
    assert (
        "aktualitetsprövning: Riktlinjer för ny budget- och investeringsprocess – "
        "senast mars 2024 (beslutad mars 2020 + 4 år)"
    ) in warnings
    assert len(warnings) == 5


def test_the_assignment_status_is_stated_not_derived() -> None:
    r = row(project(), "dialog-och-demokratiutveckling", "2022-04-15")
    assert r.state is ProcessStatus.PAGAR
    assert r.state_source is StateSource.STATED
    assert r.state_text == "pågår (angiven)"
    assert r.phase is None  # the seed does not say which phase is current


def test_guidelines_are_in_force_after_their_decision_month_begins() -> None:
    ds = project()
    # Nothing after the day: the March decision is not known in February.
    before = row(ds, "agarstyrning", "2021-02-28")
    assert (before.state, before.state_reason) == (None, "ingen händelse till och med 2021-02-28")
    assert row(ds, "agarstyrning", "2021-03-01").state is ProcessStatus.GALLANDE
    assert row(ds, "agarstyrning", "2021-03-01").state_reason == "beslut mars 2021"


# --- partial dates: before, inside and after ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "state", "overdue", "next_is_decision"),
    [
        ("2022-02-28", None, False, False),  # before the remiss month: nothing known yet
        ("2022-03-01", ProcessStatus.PA_REMISS, False, True),  # the remiss month has begun
        ("2022-05-31", ProcessStatus.PA_REMISS, False, True),
        ("2022-06-01", ProcessStatus.PA_REMISS, False, True),  # inside June: not overdue
        ("2022-06-15", ProcessStatus.PA_REMISS, False, True),
        ("2022-06-30", ProcessStatus.PA_REMISS, False, True),
        ("2022-07-01", ProcessStatus.PA_REMISS, True, False),  # June wholly past: overdue
    ],
)
def test_planned_june_decision_around_its_month(
    day: str, state: ProcessStatus | None, overdue: bool, next_is_decision: bool
) -> None:
    r = row(project(), "social-hallbarhet", day)
    assert r.state is state
    assert bool(r.overdue) is overdue
    assert (r.next is not None and r.next.kind == "beslut") is next_is_decision


def test_year_precision_plan_is_overdue_only_after_the_whole_year(make_tree: TreeMaker) -> None:
    ds = tree(
        make_tree,
        {
            "processes/planer/p.yaml": """\
                typ: plan
                titel: Plan
                händelser:
                  - datum: 2023
                    typ: beslut
                    planerad: true
                """
        },
    )
    assert row(ds, "p", "2023-12-31").overdue == []
    assert [e.date.iso() for e in row(ds, "p", "2024-01-01").overdue] == ["2023"]


def test_day_precision_plan_is_overdue_the_day_after(make_tree: TreeMaker) -> None:
    ds = tree(
        make_tree,
        {
            "processes/planer/p.yaml": """\
                typ: plan
                titel: Plan
                händelser:
                  - datum: 2023-05-10
                    typ: beslut
                    planerad: true
                """
        },
    )
    assert row(ds, "p", "2023-05-10").overdue == []
    assert len(row(ds, "p", "2023-05-11").overdue) == 1


# --- documents ------------------------------------------------------------------------------------

OLD_AND_NEW = {
    "processes/policyer/gammal.yaml": """\
        typ: policy
        titel: Gammal policy
        status: ersatt
        händelser:
          - datum: 2015-02
            typ: beslut
        """,
    "processes/policyer/ny.yaml": """\
        typ: policy
        titel: Ny policy
        ersätter: gammal
        händelser:
          - datum: 2020-01-15
            typ: remiss
            svar_senast: 2020-03-01
          - datum: 2020-05-20
            typ: beslut
        """,
}


def test_replaced_document_is_ersatt_from_the_new_decision(make_tree: TreeMaker) -> None:
    ds = tree(make_tree, OLD_AND_NEW)
    before = row(ds, "gammal", "2020-05-19")
    assert before.state is ProcessStatus.GALLANDE  # derived: the stated 'ersatt' is today's word
    after = row(ds, "gammal", "2020-05-20")
    assert after.state is ProcessStatus.ERSATT
    assert after.replaced_by == "ny"
    assert after.state_reason == "ersatt av ny 20 maj 2020"
    assert after.review is None  # a replaced document is not reviewed


def test_remiss_then_awaiting_decision_then_in_force(make_tree: TreeMaker) -> None:
    ds = tree(make_tree, OLD_AND_NEW)
    assert row(ds, "ny", "2020-01-14").state is None  # the remiss of the 15th is not known yet
    assert row(ds, "ny", "2020-01-15").state is ProcessStatus.PA_REMISS
    assert row(ds, "ny", "2020-03-01").state is ProcessStatus.PA_REMISS  # reply day itself
    waiting = row(ds, "ny", "2020-03-02")
    assert waiting.state is ProcessStatus.FOR_BESLUT
    assert waiting.state_reason == "remisstiden gick ut 1 mars 2020"
    assert row(ds, "ny", "2020-05-20").state is ProcessStatus.GALLANDE


def test_revoked_document(make_tree: TreeMaker) -> None:
    ds = tree(
        make_tree,
        {
            "processes/policyer/p.yaml": """\
                typ: policy
                titel: P
                händelser:
                  - datum: 2010-03
                    typ: beslut
                  - datum: 2019-09-01
                    typ: upphävande
                """
        },
    )
    assert row(ds, "p", "2019-08-31").state is ProcessStatus.GALLANDE
    revoked = row(ds, "p", "2019-09-01")
    assert revoked.state is ProcessStatus.UPPHAVD
    assert revoked.review is None


def test_review_interval_from_timeline_and_explicit_date(make_tree: TreeMaker) -> None:
    from conftest import TIMELINE

    ds = tree(
        make_tree,
        {
            "timeline.yaml": TIMELINE + "aktualitetsprövning_år: 2\n",
            "processes/policyer/a.yaml": """\
                typ: policy
                titel: A
                händelser:
                  - datum: 2020-02-29
                    typ: beslut
                """,
            "processes/policyer/b.yaml": """\
                typ: policy
                titel: B
                aktualitetsprövning: 2021-06
                händelser:
                  - datum: 2020-02
                    typ: beslut
                """,
        },
    )
    # Six months ahead the review is coming; from its day it is due.
    assert row(ds, "a", "2021-08-27").review is None
    soon = row(ds, "a", "2021-08-28").review
    assert soon is not None and soon.coming and soon.due == PartialDate(2022, 2, 28)
    soon = row(ds, "a", "2022-02-27").review
    assert soon is not None and soon.coming
    due = row(ds, "a", "2022-02-28").review
    assert due is not None and not due.coming and due.due == PartialDate(2022, 2, 28)
    assert due.reason == "beslutad 29 februari 2020 + 2 år"
    soon = row(ds, "b", "2021-05-31").review
    assert soon is not None and soon.coming and soon.due == PartialDate(2021, 6)
    stated = row(ds, "b", "2021-06-01").review
    assert stated is not None and not stated.coming
    assert stated.reason == "angiven aktualitetsprövning"


def test_a_review_restarts_the_clock(make_tree: TreeMaker) -> None:
    ds = tree(
        make_tree,
        {
            "processes/policyer/p.yaml": """\
                typ: policy
                titel: P
                händelser:
                  - datum: 2010-03
                    typ: beslut
                  - datum: 2014-02
                    typ: aktualitetsprövning
                """
        },
    )
    assert row(ds, "p", "2017-07-31").review is None
    soon = row(ds, "p", "2018-01-31").review
    assert soon is not None and soon.coming and soon.due == PartialDate(2018, 2)
    due = row(ds, "p", "2018-02-01").review
    assert due is not None and not due.coming and due.reason == "prövad februari 2014 + 4 år"


def test_timeline_event_tied_to_a_process_counts(make_tree: TreeMaker) -> None:
    from conftest import TIMELINE

    ds = tree(
        make_tree,
        {
            "timeline.yaml": TIMELINE
            + "händelser:\n  - datum: 2021-04\n    typ: beslut\n    organ: kf\n    process: p\n",
            "processes/policyer/p.yaml": "typ: policy\ntitel: P\n",
        },
    )
    r = row(ds, "p", "2021-05-01")
    assert r.state is ProcessStatus.GALLANDE
    assert r.bodies == frozenset({"kf"})


def test_no_events_no_status_is_unknown(make_tree: TreeMaker) -> None:
    ds = tree(make_tree, {"processes/policyer/p.yaml": "typ: policy\ntitel: P\n"})
    r = row(ds, "p", "2021-05-01")
    assert r.state is None and r.state_source is StateSource.UNKNOWN and r.state_text == "–"


# --- assignments and phases -----------------------------------------------------------------------

ASSIGNMENT = """\
    typ: uppdrag
    titel: U
    status: pågår
    uppdragsgivare: ks
    faser:
      - namn: Fas I
        start: 2021-09
        slut: 2022-03
      - namn: Fas II
        start: 2022-04
      - namn: Fas III
    händelser:
      - datum: 2021-09-01
        typ: start
      - datum: 2023-06
        typ: avslut
    """


@pytest.mark.parametrize(
    ("day", "state", "phase"),
    [
        ("2021-08-31", ProcessStatus.EJ_PABORJAD, None),
        ("2021-09-01", ProcessStatus.PAGAR, "Fas I"),
        ("2022-03-31", ProcessStatus.PAGAR, "Fas I"),
        ("2022-04-01", ProcessStatus.PAGAR, "Fas II"),
        ("2023-05-31", ProcessStatus.PAGAR, "Fas II"),
        ("2023-06-01", ProcessStatus.AVSLUTAD, "Fas II"),
    ],
)
def test_assignment_state_and_phase_by_dates(
    make_tree: TreeMaker, day: str, state: ProcessStatus, phase: str | None
) -> None:
    ds = tree(make_tree, {"processes/uppdrag/u.yaml": ASSIGNMENT})
    r = row(ds, "u", day)
    assert r.state is state
    assert r.state_source is StateSource.DERIVED
    assert r.phase == phase
    assert r.bodies == frozenset({"ks"})


def test_phase_from_stated_phase_status_when_no_dates(make_tree: TreeMaker) -> None:
    ds = tree(
        make_tree,
        {
            "processes/uppdrag/u.yaml": """\
                typ: uppdrag
                titel: U
                faser:
                  - namn: Fas I
                    status: avslutad
                  - namn: Fas II
                    status: pågår
                  - namn: Fas III
                    status: ej påbörjad
                """
        },
    )
    r = row(ds, "u", "2022-01-01")
    assert (r.state, r.phase, r.state_reason) == (ProcessStatus.PAGAR, "Fas II", "faserna")


def test_add_years_keeps_precision_and_leap_days() -> None:
    assert add_years(PartialDate(2020, 3), 4) == PartialDate(2024, 3)
    assert add_years(PartialDate(2020), 4) == PartialDate(2024)
    assert add_years(PartialDate(2020, 2, 29), 1) == PartialDate(2021, 2, 28)


# --- properties of the date rules -----------------------------------------------------------------


partial_dates = st.builds(
    PartialDate,
    st.integers(2018, 2024),
    st.one_of(st.none(), st.integers(1, 12)),
).flatmap(
    lambda d: (
        st.one_of(st.just(d), st.integers(1, 28).map(lambda day: PartialDate(d.year, d.month, day)))
        if d.month is not None
        else st.just(d)
    )
)


@given(partial_dates, st.booleans(), st.dates(dt.date(2017, 1, 1), dt.date(2025, 12, 31)))
def test_every_event_is_exactly_one_of_happened_coming_overdue(
    date: PartialDate, planned: bool, day: dt.date
) -> None:
    ev = Event.model_validate({"datum": date.iso(), "typ": "beslut", "planerad": planned})
    states = [has_happened(ev, day), is_coming(ev, day), is_overdue(ev, day)]
    assert states.count(True) == 1
    if is_overdue(ev, day):
        assert planned and not date.contains(day) and date.end < day
    if date.contains(day):
        assert not is_overdue(ev, day)  # inside a partial date nothing is late yet


def test_document_with_work_begun_is_a_draft(make_tree: TreeMaker) -> None:
    ds = tree(
        make_tree,
        {
            "processes/planer/p.yaml": """\
                typ: plan
                titel: P
                händelser:
                  - datum: 2021-10-05
                    typ: uppdrag
                    organ: ks
                """
        },
    )
    before = row(ds, "p", "2021-10-04")
    # Before its first dated event a document has not begun: nothing is known of it yet.
    assert (before.state, before.state_reason) == (None, "ingen händelse till och med 2021-10-04")
    draft = row(ds, "p", "2021-10-05")
    assert (draft.state, draft.state_reason) == (ProcessStatus.UTKAST, "uppdrag 5 oktober 2021")
