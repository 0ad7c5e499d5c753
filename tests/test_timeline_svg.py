"""The timeline drawing's label placement, as a rule over many generated timelines.

The browser test (test_documents_browser.py) checks the project's report as Chromium lays
it out; this checks the placement itself on random events: no label overlaps another
label, a leader line crosses no label, and every label stays inside the drawing.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from styrning.core.dates import PartialDate
from styrning.core.model import EventType
from styrning.render import timeline_svg as svg
from styrning.views.timeline import TimelineEntry

WORDS = ["Beslut", "om", "riktlinjer", "för", "styrning", "och", "uppföljning", "Umeå", "kommun"]
WORDS += ["Stadsledningskontoret", "medborgardialog", "remiss", "av", "programmet"]


@st.composite
def events(draw: st.DrawFn) -> TimelineEntry:
    year = draw(st.integers(2018, 2024))
    month = draw(st.integers(1, 12))
    day = draw(st.one_of(st.none(), st.integers(1, 28)))
    heading = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=24)))
    happened = draw(st.booleans())
    return TimelineEntry(
        date=PartialDate(year, month, day),
        kind=draw(st.sampled_from(list(EventType))),
        body_id=None,
        body=None,
        process_id=None,
        process_title=None,
        heading=heading,
        description=None,
        planned=not happened,
        happened=happened,
        overdue=False,
        path="processes/p.yaml",
        reply_by=None,
        uid="p/beslut/x@styrning",
    )


def _box(g: svg.Group) -> tuple[float, float, float, float]:
    return (g.left, g.right, g.offset, g.offset + g.height)


@settings(max_examples=80, deadline=None)
@given(st.lists(events(), min_size=1, max_size=30))
def test_labels_never_overlap_and_lines_never_cross_labels(evs: list[TimelineEntry]) -> None:
    scale = svg._Scale(min(e.date.start for e in evs), max(e.date.end for e in evs))
    groups = svg._groups(evs)
    for g in groups:
        g.x = scale.x(g.date.start + (g.date.end - g.date.start) / 2)
        svg._measure(g)
    years = [box for _, _, box in svg._year_labels(scale)]
    svg.place(groups, years)
    for g in groups:
        left, right, near, far = _box(g)
        assert left >= 0 and right <= svg.WIDTH
        assert near >= 14
        assert max(svg.text_width(line, 12) for line in g.lines) <= right - left
        for other in groups:
            if other is g or other.above != g.above:
                continue
            o_left, o_right, o_near, o_far = _box(other)
            # Boxes apart, by at least a hair in one direction.
            assert right <= o_left or o_right <= left or far <= o_near or o_far <= near
            # g's leader line runs from the axis to `near` at x: not through the other label.
            assert not (o_left < g.x < o_right and o_near < near)
        if not g.above:
            for y in years:
                assert right <= y.left or y.right <= left or far <= y.near or y.far <= near


def test_a_long_heading_wraps_whole_at_word_boundaries() -> None:
    text = "Beslut i Kommunstyrelsen att ge Stadsledningskontoret i uppdrag att genomföra analys"
    lines = svg.wrap(text, 12, 200)
    assert " ".join(lines) == text  # nothing cut, no "…"
    assert len(lines) >= 3
    assert all(svg.text_width(line, 12) <= 200 for line in lines if " " in line)


def test_measured_widths_follow_the_font_not_the_character_count() -> None:
    # "iiii" and "MMMM" have the same length but not the same width.
    assert svg.text_width("MMMM", 12) > 3 * svg.text_width("iiii", 12)
    assert svg.text_width("mars 2022", 11, bold=True) > svg.text_width("mars 2022", 11)
    assert re.fullmatch(r"[\d.]+", f"{svg.text_width('Umeå', 12):.1f}")


def test_same_day_events_share_one_label() -> None:
    ev = TimelineEntry(
        PartialDate(2021, 3),
        EventType.BESLUT,
        None,
        None,
        "a",
        "A",
        None,
        None,
        False,
        True,
        False,
        "processes/a.yaml",
        None,
        "a/beslut/x@styrning",
    )
    groups = svg._groups([ev, ev.__class__(**{**ev.__dict__, "process_title": "B"})])
    assert len(groups) == 1 and len(groups[0].events) == 2
    assert dt.date(2021, 3, 1) == groups[0].date.start
