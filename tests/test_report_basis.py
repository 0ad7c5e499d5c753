"""Reports that share their work (`ReportBasis`, as the site builds them) say exactly what
reports built one at a time say, whatever the order and the days."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJECT
from realistic import generate
from styrning.core.periods import Period, parse_period
from styrning.core.provenance import Provenance
from styrning.read.loader import Dataset, load
from styrning.read.tree import WorkingTree
from styrning.render.report_html import StepItems, report_body
from styrning.views.report import ReportBasis, build_report
from styrning.views.site import _timeline
from styrning.views.timeline import compute_timeline

TODAY = dt.date(2023, 6, 1)


def _half(year: int, spring: bool) -> Period:
    return parse_period(f"{'våren' if spring else 'hösten'} {year}", today=TODAY)


def _check(ds: Dataset, asked: list[tuple[Period, dt.date]]) -> None:
    basis = ReportBasis(ds)
    for period, day in asked:
        prov = Provenance(as_of=day)
        alone = build_report(ds, period, day, prov, TODAY)
        shared = build_report(ds, period, day, prov, TODAY, basis)
        assert shared == alone, (period.text, day)


def test_the_project_reports_are_the_same_shared_or_alone() -> None:
    ds = load(WorkingTree(PROJECT))
    # The day of the first report comes back later: the basis answers it from what it kept.
    days = [dt.date(2022, 6, 30), dt.date(2021, 12, 31), dt.date(2022, 6, 30), dt.date(2022, 3, 1)]
    periods = [_half(2022, True), _half(2021, False), _half(2021, True), _half(2022, True)]
    _check(ds, list(zip(periods, days, strict=True)))


@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    asked=st.lists(
        st.tuples(
            st.integers(2018, 2024),
            st.booleans(),
            st.dates(dt.date(2017, 1, 1), dt.date(2025, 12, 31)),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_generated_reports_are_the_same_shared_or_alone(
    seed: int, asked: list[tuple[int, bool, dt.date]]
) -> None:
    ds = generate(seed, size=12).load()
    _check(ds, [(_half(year, spring), day) for year, spring, day in asked])


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), day=st.dates(dt.date(2017, 1, 1), dt.date(2025, 12, 31)))
def test_the_site_timeline_is_the_timeline(seed: int, day: dt.date) -> None:
    ds = generate(seed, size=12).load()
    basis = ReportBasis(ds)
    basis.entries(dt.date(2020, 1, 1))  # entries of another day already kept
    assert _timeline(basis, day) == compute_timeline(ds, day)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000), day=st.dates(dt.date(2019, 1, 1), dt.date(2025, 12, 31)))
def test_report_pages_written_with_shared_steps_are_the_same(seed: int, day: dt.date) -> None:
    ds = generate(seed, size=12).load()
    basis = ReportBasis(ds)
    made: StepItems = {}
    for year in range(2018, 2025):
        for spring in (True, False):
            period = _half(year, spring)
            report = build_report(ds, period, min(period.end, day), Provenance(day), TODAY, basis)
            assert report_body(report, made) == report_body(report)
    assert made  # the items were kept, and the later reports were written from them
