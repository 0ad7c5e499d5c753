"""Tests for styrning.core.periods: Swedish period texts to inclusive date intervals."""

from __future__ import annotations

import calendar
import dataclasses
import functools
import json
import re
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import PROJECT
from styrning.cli import app
from styrning.core.periods import EXAMPLES, Period, PeriodError, mandate_period_of, parse_period

D = date

ACCEPTED: list[tuple[str, date, date]] = [
    # year
    ("2022", D(2022, 1, 1), D(2022, 12, 31)),
    # spring and autumn terms
    ("våren 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("vår 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("vt 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("vt22", D(2022, 1, 1), D(2022, 6, 30)),
    ("VT2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("Våren 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("hösten 2021", D(2021, 7, 1), D(2021, 12, 31)),
    ("höst 2021", D(2021, 7, 1), D(2021, 12, 31)),
    ("ht 2021", D(2021, 7, 1), D(2021, 12, 31)),
    ("ht21", D(2021, 7, 1), D(2021, 12, 31)),
    ("HÖSTEN 2021", D(2021, 7, 1), D(2021, 12, 31)),
    # quarters
    ("Q1 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("q1 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("2022Q1", D(2022, 1, 1), D(2022, 3, 31)),
    ("2022-Q1", D(2022, 1, 1), D(2022, 3, 31)),
    ("kv1 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("kvartal 1 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Q2 2022", D(2022, 4, 1), D(2022, 6, 30)),
    ("Q3 2022", D(2022, 7, 1), D(2022, 9, 30)),
    ("Q4 2022", D(2022, 10, 1), D(2022, 12, 31)),
    # tertials
    ("T1 2022", D(2022, 1, 1), D(2022, 4, 30)),
    ("t2 2022", D(2022, 5, 1), D(2022, 8, 31)),
    ("tertial 3 2022", D(2022, 9, 1), D(2022, 12, 31)),
    ("2022T1", D(2022, 1, 1), D(2022, 4, 30)),
    # half years
    ("H1 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("halvår 2 2022", D(2022, 7, 1), D(2022, 12, 31)),
    ("2022H2", D(2022, 7, 1), D(2022, 12, 31)),
    # month names, full and abbreviated, with or without a dot
    ("januari 2022", D(2022, 1, 1), D(2022, 1, 31)),
    ("februari 2022", D(2022, 2, 1), D(2022, 2, 28)),
    ("februari 2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("feb 2000", D(2000, 2, 1), D(2000, 2, 29)),
    ("feb 1900", D(1900, 2, 1), D(1900, 2, 28)),
    ("mars 2022", D(2022, 3, 1), D(2022, 3, 31)),
    ("april 2022", D(2022, 4, 1), D(2022, 4, 30)),
    ("maj 2022", D(2022, 5, 1), D(2022, 5, 31)),
    ("juni 2022", D(2022, 6, 1), D(2022, 6, 30)),
    ("juli 2022", D(2022, 7, 1), D(2022, 7, 31)),
    ("augusti 2022", D(2022, 8, 1), D(2022, 8, 31)),
    ("september 2022", D(2022, 9, 1), D(2022, 9, 30)),
    ("oktober 2022", D(2022, 10, 1), D(2022, 10, 31)),
    ("november 2022", D(2022, 11, 1), D(2022, 11, 30)),
    ("december 2022", D(2022, 12, 1), D(2022, 12, 31)),
    ("jan 2022", D(2022, 1, 1), D(2022, 1, 31)),
    ("feb 2022", D(2022, 2, 1), D(2022, 2, 28)),
    ("mar 2022", D(2022, 3, 1), D(2022, 3, 31)),
    ("mar. 2022", D(2022, 3, 1), D(2022, 3, 31)),
    ("apr 2022", D(2022, 4, 1), D(2022, 4, 30)),
    ("jun 2022", D(2022, 6, 1), D(2022, 6, 30)),
    ("jul 2022", D(2022, 7, 1), D(2022, 7, 31)),
    ("aug 2022", D(2022, 8, 1), D(2022, 8, 31)),
    ("sep 2022", D(2022, 9, 1), D(2022, 9, 30)),
    ("sept. 2022", D(2022, 9, 1), D(2022, 9, 30)),
    ("okt 2022", D(2022, 10, 1), D(2022, 10, 31)),
    ("nov. 2022", D(2022, 11, 1), D(2022, 11, 30)),
    ("dec 2022", D(2022, 12, 1), D(2022, 12, 31)),
    ("Mars 2022", D(2022, 3, 1), D(2022, 3, 31)),
    # ISO month and day
    ("2022-03", D(2022, 3, 1), D(2022, 3, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2022-03-15", D(2022, 3, 15), D(2022, 3, 15)),
    ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
    # ISO weeks, Monday to Sunday
    ("v12 2022", D(2022, 3, 21), D(2022, 3, 27)),
    ("vecka 12 2022", D(2022, 3, 21), D(2022, 3, 27)),
    ("2022-W12", D(2022, 3, 21), D(2022, 3, 27)),
    ("v1 2021", D(2021, 1, 4), D(2021, 1, 10)),
    ("v53 2020", D(2020, 12, 28), D(2021, 1, 3)),
    # ranges
    ("2022-01..2022-06", D(2022, 1, 1), D(2022, 6, 30)),
    ("mars–maj 2022", D(2022, 3, 1), D(2022, 5, 31)),
    ("mars 2022 – maj 2022", D(2022, 3, 1), D(2022, 5, 31)),
    ("mars 2022 - maj 2022", D(2022, 3, 1), D(2022, 5, 31)),
    ("mars 2022 — maj 2022", D(2022, 3, 1), D(2022, 5, 31)),
    ("mars 2022 till maj 2022", D(2022, 3, 1), D(2022, 5, 31)),
    ("2021..2022", D(2021, 1, 1), D(2022, 12, 31)),
    ("2019–2022", D(2019, 1, 1), D(2022, 12, 31)),
    ("2019-2022", D(2019, 1, 1), D(2022, 12, 31)),
    ("våren 2022..hösten 2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("2022-03-15..2022-04-02", D(2022, 3, 15), D(2022, 4, 2)),
    ("2022-03-15 – 2022-04-02", D(2022, 3, 15), D(2022, 4, 2)),
    ("jan-mar 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Q1–Q3 2022", D(2022, 1, 1), D(2022, 9, 30)),
    ("T1-T2 2022", D(2022, 1, 1), D(2022, 8, 31)),
    ("vt–ht 2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("hösten 2021 till våren 2022", D(2021, 7, 1), D(2022, 6, 30)),
    ("2022-Q1..2022-Q3", D(2022, 1, 1), D(2022, 9, 30)),
    ("v10–v12 2022", D(2022, 3, 7), D(2022, 3, 27)),
    ("mars–mars 2022", D(2022, 3, 1), D(2022, 3, 31)),
    # mandate periods of Kommunstyrelsen
    ("mandatperiod 2019–2022", D(2019, 1, 1), D(2022, 12, 31)),
    ("mandatperiod 2019-2022", D(2019, 1, 1), D(2022, 12, 31)),
    ("mandatperioden 2023–2026", D(2023, 1, 1), D(2026, 12, 31)),
    ("mp 2019-2022", D(2019, 1, 1), D(2022, 12, 31)),
    ("mandatperiod 2019", D(2019, 1, 1), D(2022, 12, 31)),
    ("mandatperiod 2015–2018", D(2015, 1, 1), D(2018, 12, 31)),
    ("Mandatperiod 2027..2030", D(2027, 1, 1), D(2030, 12, 31)),
    # whitespace tolerated
    ("  våren   2022  ", D(2022, 1, 1), D(2022, 6, 30)),
    ("\tQ1\u00a02022\n", D(2022, 1, 1), D(2022, 3, 31)),
    ("mars  –  maj   2022", D(2022, 3, 1), D(2022, 5, 31)),
]


@pytest.mark.parametrize(("text", "start", "end"), ACCEPTED)
def test_accepted_forms(text: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.text == text.strip()


REJECTED: list[tuple[str, str]] = [
    # (text, what the message must start with)
    ("", "okänd period ''"),
    ("   ", "okänd period ''"),
    ("våren", "okänd period 'våren' (årtal saknas)"),
    ("mars", "okänd period 'mars' (årtal saknas)"),
    ("fredag", "okänd period 'fredag'"),
    ("Q5 2022", "okänd period 'Q5 2022' (kvartal numreras 1–4)"),
    ("Q0 2022", "okänd period 'Q0 2022' (kvartal numreras 1–4)"),
    ("T4 2022", "okänd period 'T4 2022' (tertial numreras 1–3)"),
    ("H3 2022", "okänd period 'H3 2022' (halvår numreras 1–2)"),
    ("2022..", "okänd period '2022..'"),
    ("..2022", "okänd period '..2022'"),
    ("2022-3", "okänd period '2022-3' (skriv månaden med två siffror, t.ex. 2022-03)"),
    ("2022-3-5", "okänd period '2022-3-5' (skriv månad och dag med två siffror"),
    ("2022-06..2022-01", "okänd period '2022-06..2022-01' (slutet 2022-01-31 ligger före"),
    ("maj–mars 2022", "okänd period 'maj–mars 2022' (slutet 2022-03-31 ligger före"),
    ("2022-13", "2022-13 är ingen giltig månad"),
    ("2022-00", "2022-00 är ingen giltig månad"),
    ("2022-02-30", "2022-02-30 är inget giltigt datum"),
    ("2023-02-29", "2023-02-29 är inget giltigt datum"),
    ("2022-04-31", "2022-04-31 är inget giltigt datum"),
    ("2022-02-30..2022-03-05", "2022-02-30 är inget giltigt datum"),
    ("v53 2021", "vecka 53 2021 finns inte"),
    ("v0 2021", "vecka 0 2021 finns inte"),
    ("mandatperiod 2020–2023", "okänd period 'mandatperiod 2020–2023' (en mandatperiod löper"),
    ("mandatperiod 2019-2023", "okänd period 'mandatperiod 2019-2023' (en mandatperiod löper"),
    ("mandatperiod 2022", "okänd period 'mandatperiod 2022' (en mandatperiod löper"),
    ("mp 2018-2021", "okänd period 'mp 2018-2021' (en mandatperiod löper"),
    ("mandatperiod 1991-1994", "okänd period 'mandatperiod 1991-1994' (en mandatperiod löper"),
    ("mandatperiod", "okänd period 'mandatperiod'"),
    ("våren 22", "okänd period 'våren 22'"),
    ("2022-03-15-", "okänd period '2022-03-15-'"),
]


@pytest.mark.parametrize(("text", "start_of_message"), REJECTED)
def test_rejected_forms(text: str, start_of_message: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    message = str(info.value)
    assert message.startswith(start_of_message)
    assert "våren 2022" in message
    assert message.endswith(
        " – skriv t.ex. 2022, våren 2022, vt-22, hösten 2021, första halvåret 2022, Q1 2022, "
        "3:e kvartalet 2022, T1 2022, mars 2022, 2022-03, 2022-03-15, 2022-01..2022-06, "
        "mars–maj 2022, i år eller mandatperiod 2019–2022"
    )


def test_unknown_message_has_the_documented_shape() -> None:
    with pytest.raises(PeriodError) as info:
        parse_period("fredag")
    assert str(info.value) == (
        "okänd period 'fredag' – skriv t.ex. 2022, våren 2022, vt-22, hösten 2021, "
        "första halvåret 2022, Q1 2022, 3:e kvartalet 2022, T1 2022, mars 2022, 2022-03, "
        "2022-03-15, 2022-01..2022-06, mars–maj 2022, i år eller mandatperiod 2019–2022"
    )


def test_mandate_message_explains_the_rule() -> None:
    with pytest.raises(PeriodError) as info:
        parse_period("mandatperiod 2020–2023")
    assert "fyra år från 1 januari året efter ett valår" in str(info.value)
    assert "2019–2022 eller 2023–2026" in str(info.value)


def test_period_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_period("fredag")


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_in_the_message_parses(example: str) -> None:
    # "i år" is relative and is read with the day; its text then names the year it resolved to.
    period = parse_period(example, today=D(2022, 5, 4))
    assert period.text in (example, f"{example} (2022)")


def test_examples_are_the_documented_ones() -> None:
    assert EXAMPLES[0] == "2022"
    assert EXAMPLES[-1] == "mandatperiod 2019–2022"
    assert "våren 2022" in EXAMPLES


def test_label() -> None:
    assert parse_period(" våren 2022 ").label() == "våren 2022 = 2022-01-01 – 2022-06-30"


def test_contains_includes_both_ends() -> None:
    period = parse_period("mars 2022")
    assert period.contains(D(2022, 3, 1))
    assert period.contains(D(2022, 3, 31))
    assert not period.contains(D(2022, 2, 28))
    assert not period.contains(D(2022, 4, 1))


def test_period_is_frozen() -> None:
    period = parse_period("2022")
    with pytest.raises(dataclasses.FrozenInstanceError):
        period.start = D(2021, 1, 1)  # type: ignore[misc]


def test_period_refuses_an_end_before_its_start() -> None:
    with pytest.raises(ValueError):
        Period(D(2022, 2, 1), D(2022, 1, 31), "baklänges")


@pytest.mark.parametrize(
    ("day", "text", "start", "end"),
    [
        (D(2022, 3, 1), "mandatperiod 2019–2022", D(2019, 1, 1), D(2022, 12, 31)),
        (D(2019, 1, 1), "mandatperiod 2019–2022", D(2019, 1, 1), D(2022, 12, 31)),
        (D(2022, 12, 31), "mandatperiod 2019–2022", D(2019, 1, 1), D(2022, 12, 31)),
        (D(2023, 1, 1), "mandatperiod 2023–2026", D(2023, 1, 1), D(2026, 12, 31)),
        (D(2018, 9, 9), "mandatperiod 2015–2018", D(2015, 1, 1), D(2018, 12, 31)),
        (D(1995, 1, 1), "mandatperiod 1995–1998", D(1995, 1, 1), D(1998, 12, 31)),
    ],
)
def test_mandate_period_of(day: date, text: str, start: date, end: date) -> None:
    period = mandate_period_of(day)
    assert (period.start, period.end, period.text) == (start, end, text)
    assert period.contains(day)
    assert parse_period(period.text) == period


def test_mandate_period_of_before_four_year_terms() -> None:
    with pytest.raises(PeriodError) as info:
        mandate_period_of(D(1994, 12, 31))
    assert "våren 2022" in str(info.value)


def test_no_range_reading_is_ambiguous_for_iso_month() -> None:
    # "2022-03" is the month of March, never the range 2022 .. "03".
    assert parse_period("2022-03") == Period(D(2022, 3, 1), D(2022, 3, 31), "2022-03")


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))


@given(days)
def test_iso_day_and_month_read_back(d: date) -> None:
    assert parse_period(d.isoformat()) == Period(d, d, d.isoformat())
    assert parse_period(f"{d.year}-{d.month:02d}").contains(d)


@given(days)
def test_year_and_its_parts_each_contain_the_day_exactly_once(d: date) -> None:
    y = d.year
    assert parse_period(str(y)).contains(d)
    parts = {
        "H": [f"H{i} {y}" for i in (1, 2)],
        "Q": [f"Q{i} {y}" for i in (1, 2, 3, 4)],
        "T": [f"T{i} {y}" for i in (1, 2, 3)],
        "term": [f"vt {y}", f"ht {y}"],
    }
    for texts in parts.values():
        assert sum(parse_period(t).contains(d) for t in texts) == 1


@given(st.dates(min_value=D(1995, 1, 1), max_value=D(2100, 12, 31)))
def test_mandate_period_of_contains_the_day_and_parses_back(d: date) -> None:
    period = mandate_period_of(d)
    assert period.contains(d)
    assert period.end.year - period.start.year == 3
    assert parse_period(period.text) == period


MONTH_WORDS = (
    "januari",
    "feb",
    "mars",
    "apr.",
    "maj",
    "juni",
    "jul",
    "aug",
    "sept",
    "okt",
    "nov",
    "december",
)


@st.composite
def single_forms(draw: st.DrawFn) -> tuple[str, date, date]:
    """A text in one of the single (non-range) forms, with the interval it must give."""
    d = draw(days)
    y, m = d.year, d.month
    q, t, h = (m - 1) // 3 + 1, (m - 1) // 4 + 1, (m - 1) // 6 + 1
    iso_year, iso_week, _ = d.isocalendar()
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    sunday = date.fromisocalendar(iso_year, iso_week, 7)
    month = parse_period(f"{y}-{m:02d}")
    choices = [
        (str(y), D(y, 1, 1), D(y, 12, 31)),
        (f"{y}-{m:02d}", month.start, month.end),
        (f"{MONTH_WORDS[m - 1]} {y}", month.start, month.end),
        (d.isoformat(), d, d),
        (f"Q{q} {y}", D(y, 3 * q - 2, 1), parse_period(f"{y}-{3 * q:02d}").end),
        (f"{y}T{t}", D(y, 4 * t - 3, 1), parse_period(f"{y}-{4 * t:02d}").end),
        (f"H{h} {y}", D(y, 6 * h - 5, 1), parse_period(f"{y}-{6 * h:02d}").end),
        (f"{'vt' if h == 1 else 'hösten'} {y}", D(y, 6 * h - 5, 1), D(y, 6 * h, 30 + h - 1)),
        (f"{iso_year}-W{iso_week:02d}", monday, sunday),
        (f"vecka {iso_week} {iso_year}", monday, sunday),
    ]
    return draw(st.sampled_from(choices))


@given(
    single_forms(), single_forms(), st.sampled_from(["..", "-", " - ", "–", " – ", "—", " till "])
)
def test_any_two_forms_make_a_range(
    left: tuple[str, date, date], right: tuple[str, date, date], separator: str
) -> None:
    (left_text, left_start, _), (right_text, _, right_end) = left, right
    text = left_text + separator + right_text
    if right_end < left_start:
        with pytest.raises(PeriodError, match="ligger före början"):
            parse_period(text)
    else:
        period = parse_period(text)
        assert (period.start, period.end) == (left_start, right_end)


# --- issue 11: a period is read whole or refused -------------------------------------------

WHOLE: list[tuple[str, date, date]] = [
    # VT-2023 was read as all of 2023 and Q3-2023 as July–December; each is one form.
    ("VT-2023", D(2023, 1, 1), D(2023, 6, 30)),
    ("vt-23", D(2023, 1, 1), D(2023, 6, 30)),
    ("VT2023", D(2023, 1, 1), D(2023, 6, 30)),
    ("vt 2023", D(2023, 1, 1), D(2023, 6, 30)),
    ("VT–2023", D(2023, 1, 1), D(2023, 6, 30)),
    ("vt—23", D(2023, 1, 1), D(2023, 6, 30)),
    ("HT-23", D(2023, 7, 1), D(2023, 12, 31)),
    ("hösten -23", D(2023, 7, 1), D(2023, 12, 31)),
    ("hösten-23", D(2023, 7, 1), D(2023, 12, 31)),
    ("våren '23", D(2023, 1, 1), D(2023, 6, 30)),
    ("Q3-2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("Q3 2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("q3-23", D(2023, 7, 1), D(2023, 9, 30)),
    ("kv3 2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("kv3-2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("mars-23", D(2023, 3, 1), D(2023, 3, 31)),
    ("T2-2023", D(2023, 5, 1), D(2023, 8, 31)),
    # halves and quarters by ordinal
    ("första halvåret 2023", D(2023, 1, 1), D(2023, 6, 30)),
    ("andra halvåret 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("Första halvåret -23", D(2023, 1, 1), D(2023, 6, 30)),
    ("1:a kvartalet 2023", D(2023, 1, 1), D(2023, 3, 31)),
    ("2:a kvartalet 2023", D(2023, 4, 1), D(2023, 6, 30)),
    ("3:e kvartalet 2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("4:e kvartalet 2023", D(2023, 10, 1), D(2023, 12, 31)),
    ("första kvartalet 2023", D(2023, 1, 1), D(2023, 3, 31)),
    ("andra kvartalet 2023", D(2023, 4, 1), D(2023, 6, 30)),
    ("tredje kvartalet 2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("fjärde kvartalet 2023", D(2023, 10, 1), D(2023, 12, 31)),
    ("andra tertialet 2023", D(2023, 5, 1), D(2023, 8, 31)),
    ("3:e tertialet 2023", D(2023, 9, 1), D(2023, 12, 31)),
    # calendar years by another name
    ("budgetåret 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("verksamhetsåret 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Budgetår 2024", D(2024, 1, 1), D(2024, 12, 31)),
    # mandate periods: Kommunstyrelsen's four budget years and the council's term
    ("mandatperiod 2023–2026", D(2023, 1, 1), D(2026, 12, 31)),
    ("mandatperiod 2022–2026", D(2022, 10, 15), D(2026, 10, 14)),
    ("mandatperiod 2022-2026", D(2022, 10, 15), D(2026, 10, 14)),
    ("mandatperioden 2018–2022", D(2018, 10, 15), D(2022, 10, 14)),
    ("mandatperiod 2014..2018", D(2014, 10, 15), D(2018, 10, 14)),
    # ranges of the new forms; Swedish dashes and hyphens alike
    ("vt-23–ht-23", D(2023, 1, 1), D(2023, 12, 31)),
    ("första halvåret 2023 – andra halvåret 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("3:e kvartalet 2023 — 4:e kvartalet 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("mars–maj -23", D(2023, 3, 1), D(2023, 5, 31)),
    ("  VT-2023  ", D(2023, 1, 1), D(2023, 6, 30)),
]


@pytest.mark.parametrize(("text", "start", "end"), WHOLE)
def test_every_form_is_read_whole(text: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.text == text.strip()


REFUSED_WHOLE: list[tuple[str, str]] = [
    # (text, what the message must start with); before issue 11 some of these read a part.
    ("VT-2023x", "okänd period 'VT-2023x'"),
    ("x VT-2023", "okänd period 'x VT-2023'"),
    ("våren 2023 och hösten", "okänd period 'våren 2023 och hösten'"),
    ("Q5 2023", "okänd period 'Q5 2023' (kvartal numreras 1–4)"),
    ("Q3-2023-", "okänd period 'Q3-2023-'"),
    ("2023-13", "2023-13 är ingen giltig månad"),
    ("mandatperiod 2019–2021", "okänd period 'mandatperiod 2019–2021' (en mandatperiod löper"),
    ("mandatperiod 2021–2025", "okänd period 'mandatperiod 2021–2025' (en mandatperiod löper"),
    ("mandatperiod 2010–2014", "okänd period 'mandatperiod 2010–2014' (fullmäktiges"),
    # a year on its own, spaced off as a range, lends nothing to a year-less left side
    ("vt – 2023", "okänd period 'vt – 2023'"),
    ("mars – 2023", "okänd period 'mars – 2023'"),
    ("Q3 – 2023", "okänd period 'Q3 – 2023'"),
    ("5:e kvartalet 2023", "okänd period '5:e kvartalet 2023' (kvartal numreras 1–4)"),
    ("3:a kvartalet 2023", "okänd period '3:a kvartalet 2023' (skriv 3:e kvartalet)"),
    ("femte kvartalet 2023", "okänd period 'femte kvartalet 2023'"),
    ("tredje halvåret 2023", "okänd period 'tredje halvåret 2023' (halvår numreras 1–2)"),
    ("första kvartalet", "okänd period 'första kvartalet' (årtal saknas)"),
    ("budgetåret", "okänd period 'budgetåret'"),
    ("budgetåret 2024 x", "okänd period 'budgetåret 2024 x'"),
    ("vt-2", "okänd period 'vt-2'"),
    ("vt-202", "okänd period 'vt-202'"),
    ("vt-20233", "okänd period 'vt-20233'"),
    ("våren ٢٠٢٣", "okänd period 'våren ٢٠٢٣'"),
    ("i år 2023", "okänd period 'i år 2023'"),
    ("i år–nästa år", "okänd period 'i år–nästa år'"),
    ("mandatperioden x", "okänd period 'mandatperioden x'"),
]


@pytest.mark.parametrize(("text", "start_of_message"), REFUSED_WHOLE)
def test_partial_forms_are_refused(text: str, start_of_message: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text, today=D(2026, 12, 1))
    assert str(info.value).startswith(start_of_message)
    assert str(info.value).endswith("i år eller mandatperiod 2019–2022")


RELATIVE: list[tuple[str, date, str, date, date]] = [
    # (text, today, resulting text, start, end)
    ("i år", D(2026, 12, 1), "i år (2026)", D(2026, 1, 1), D(2026, 12, 31)),
    ("I år", D(2023, 1, 1), "I år (2023)", D(2023, 1, 1), D(2023, 12, 31)),
    ("innevarande år", D(2024, 2, 29), "innevarande år (2024)", D(2024, 1, 1), D(2024, 12, 31)),
    ("förra året", D(2026, 12, 1), "förra året (2025)", D(2025, 1, 1), D(2025, 12, 31)),
    ("förra året", D(2023, 1, 1), "förra året (2022)", D(2022, 1, 1), D(2022, 12, 31)),
    ("i fjol", D(2026, 6, 1), "i fjol (2025)", D(2025, 1, 1), D(2025, 12, 31)),
    ("nästa år", D(2026, 12, 31), "nästa år (2027)", D(2027, 1, 1), D(2027, 12, 31)),
    (
        "mandatperioden",
        D(2026, 12, 1),
        "mandatperioden (2023–2026)",
        D(2023, 1, 1),
        D(2026, 12, 31),
    ),
    ("mandatperioden", D(2023, 1, 1), "mandatperioden (2023–2026)", D(2023, 1, 1), D(2026, 12, 31)),
    (
        "mandatperioden",
        D(2022, 12, 31),
        "mandatperioden (2019–2022)",
        D(2019, 1, 1),
        D(2022, 12, 31),
    ),
    (
        "innevarande mandatperiod",
        D(2027, 3, 1),
        "innevarande mandatperiod (2027–2030)",
        D(2027, 1, 1),
        D(2030, 12, 31),
    ),
    (
        "förra mandatperioden",
        D(2026, 12, 1),
        "förra mandatperioden (2019–2022)",
        D(2019, 1, 1),
        D(2022, 12, 31),
    ),
    (
        "nästa mandatperiod",
        D(2026, 12, 1),
        "nästa mandatperiod (2027–2030)",
        D(2027, 1, 1),
        D(2030, 12, 31),
    ),
    ("  I  ÅR ", D(2026, 5, 5), "I  ÅR (2026)", D(2026, 1, 1), D(2026, 12, 31)),
]


@pytest.mark.parametrize(("text", "today", "shown", "start", "end"), RELATIVE)
def test_relative_forms_are_read_on_the_given_day(
    text: str, today: date, shown: str, start: date, end: date
) -> None:
    period = parse_period(text, today=today)
    assert (period.start, period.end, period.text) == (start, end, shown)
    assert period.label() == f"{shown} = {start.isoformat()} – {end.isoformat()}"


@pytest.mark.parametrize("text", ["i år", "förra året", "mandatperioden", " Nästa år "])
def test_a_relative_form_without_today_is_a_programming_error(text: str) -> None:
    with pytest.raises(TypeError, match="today"):
        parse_period(text)


def test_today_does_not_change_a_fixed_form() -> None:
    assert parse_period("vt-23", today=D(2030, 1, 1)) == parse_period("vt-23")


def test_relative_mandate_before_four_year_terms_is_a_period_error() -> None:
    with pytest.raises(PeriodError):
        parse_period("mandatperioden", today=D(1993, 5, 1))


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("VT-2023", "våren 2023"),
        ("första halvåret 2023", "våren 2023"),
        ("hösten -23", "hösten 2023"),
        ("3:e kvartalet 2023", "Q3 2023"),
        ("andra tertialet 2023", "T2 2023"),
        ("budgetåret 2024", "2024"),
        ("mars-23", "mars 2023"),
        ("jan–feb 2023", "januari–februari 2023"),
        ("2023-03-15", "2023-03-15"),
        ("v12 2022", "vecka 12 2022"),
        ("mp 2019", "mandatperiod 2019–2022"),
        ("mandatperiod 2022-2026", "mandatperiod 2022–2026"),
        ("2021..2022", "2021–2022"),
        ("mars 2022 – maj 2023", "mars 2022 – maj 2023"),
        ("2022-03-15..2022-04-02", "2022-03-15 – 2022-04-02"),
    ],
)
def test_canonical_text(text: str, canonical: str) -> None:
    period = parse_period(text)
    assert period.canonical == canonical
    again = parse_period(canonical)
    assert (again.start, again.end) == (period.start, period.end)


# --- properties: equivalent spellings, and nothing read from a part ------------------------
#
# SPELLINGS is written from the rules in the README, not from the parser: every period of a
# year with every spelling that must name it. "~" stands for a dash of any kind (- – —).

DASHES = ("-", "–", "—")
ORDINAL_WORDS = ("första", "andra", "tredje", "fjärde")
ORDINAL_DIGITS = ("1:a", "2:a", "3:e", "4:e")
MONTH_KEYS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}


def month_span(y: int, first: int, last: int) -> tuple[date, date]:
    return D(y, first, 1), D(y, last, calendar.monthrange(y, last)[1])


def years_after(y: int) -> list[str]:
    """Ways to write the year after a word: ' 2023', '2023', '~2023', ' ~2023', '~23', "'23"."""
    out = [f" {y:04d}", f"{y:04d}", f"~{y:04d}", f" ~{y:04d}"]
    if 2000 <= y <= 2099:
        yy = f"{y % 100:02d}"
        out += [f"~{yy}", f" ~{yy}", f"'{yy}", f" '{yy}"]
    return out


def spellings(y: int) -> list[tuple[tuple[date, date], list[str]]]:
    """Every single (non-range, non-relative) period named with year ``y``, and its spellings."""
    after = years_after(y)
    units: list[tuple[tuple[date, date], list[str]]] = []

    def words(*heads: str) -> list[str]:
        return [h + a for h in heads for a in after]

    units.append(
        (
            month_span(y, 1, 12),
            [f"{y:04d}", *words("budgetåret", "budgetår", "verksamhetsåret", "verksamhetsår")],
        )
    )
    for h in (1, 2):
        term_words = ("våren", "vår", "vt") if h == 1 else ("hösten", "höst", "ht")
        short = term_words[2]
        bare = [f"{short}{y % 100:02d}", f"{short} {y % 100:02d}"] if 2000 <= y <= 2099 else []
        halves = (
            f"h{h}",
            f"h {h}",
            f"halvår {h}",
            f"halvåret {h}",
            f"{ORDINAL_WORDS[h - 1]} halvåret",
        )
        units.append(
            (
                month_span(y, 6 * h - 5, 6 * h),
                [
                    *words(*term_words, *halves),
                    *bare,
                    f"{y:04d}h{h}",
                    f"{y:04d}-h{h}",
                    f"{y:04d} h{h}",
                ],
            )
        )
    for q in (1, 2, 3, 4):
        heads: tuple[str, ...] = (f"q{q}", f"q {q}", f"kv{q}", f"kv {q}", f"kvartal {q}")
        ordinals = (f"{ORDINAL_WORDS[q - 1]} kvartalet", f"{ORDINAL_DIGITS[q - 1]} kvartalet")
        units.append(
            (
                month_span(y, 3 * q - 2, 3 * q),
                [*words(*heads, *ordinals), f"{y:04d}q{q}", f"{y:04d}-q{q}", f"{y:04d} q{q}"],
            )
        )
    for t in (1, 2, 3):
        heads = (f"t{t}", f"t {t}", f"tertial {t}")
        ordinals = (f"{ORDINAL_WORDS[t - 1]} tertialet", f"{ORDINAL_DIGITS[t - 1]} tertialet")
        units.append(
            (
                month_span(y, 4 * t - 3, 4 * t),
                [*words(*heads, *ordinals), f"{y:04d}t{t}", f"{y:04d}-t{t}", f"{y:04d} t{t}"],
            )
        )
    for m in range(1, 13):
        names: Sequence[str] = [k for k, v in MONTH_KEYS.items() if v == m]
        units.append(
            (
                month_span(y, m, m),
                [*words(*names, *(n + "." for n in names)), f"{y:04d}-{m:02d}"],
            )
        )
    for n in range(366 if calendar.isleap(y) else 365):
        day = D(y, 1, 1) + timedelta(days=n)
        units.append(((day, day), [day.isoformat()]))
    for week in range(1, 54):
        try:
            monday, sunday = D.fromisocalendar(y, week, 1), D.fromisocalendar(y, week, 7)
        except ValueError:
            continue
        heads = (f"v{week}", f"v {week}", f"vecka{week}", f"vecka {week}")
        units.append(
            (
                (monday, sunday),
                [f"{h} {y:04d}" for h in heads] + [f"{y:04d}w{week:02d}", f"{y:04d}-w{week:02d}"],
            )
        )
    if 1995 <= y <= 9996 and (y - 1995) % 4 == 0:
        names = ("mandatperiod ", "mandatperioden ", "mp ", "mp", "mandatperiod")
        ends = ["", *(f"{s}{y + 3:04d}" for s in ("~", " ~ ", "..", " .. ", " till "))]
        units.append(
            ((D(y, 1, 1), D(y + 3, 12, 31)), [f"{n}{y:04d}{e}" for n in names for e in ends])
        )
    if 2014 <= y <= 9995 and (y - 2014) % 4 == 0:
        names = ("mandatperiod ", "mandatperioden ", "mp ")
        ends = [f"{s}{y + 4:04d}" for s in ("~", " ~ ", "..", " till ")]
        units.append(
            ((D(y, 10, 15), D(y + 4, 10, 14)), [f"{n}{y:04d}{e}" for n in names for e in ends])
        )
    return units


@functools.cache
def oracle(y: int) -> dict[str, tuple[date, date]]:
    """Every accepted single spelling with year ``y`` (normalised, dashes expanded)."""
    out: dict[str, tuple[date, date]] = {}
    for span, texts in spellings(y):
        for text in texts:
            for dash in DASHES:
                out[text.replace("~", dash)] = span
    return out


def normal(text: str) -> str:
    return " ".join(text.lower().split())


RELATIVE_TODAY = D(2026, 12, 1)
RELATIVE_ORACLE: dict[str, tuple[date, date]] = {
    "i år": month_span(2026, 1, 12),
    "innevarande år": month_span(2026, 1, 12),
    "förra året": month_span(2025, 1, 12),
    "föregående år": month_span(2025, 1, 12),
    "i fjol": month_span(2025, 1, 12),
    "nästa år": month_span(2027, 1, 12),
    "mandatperioden": (D(2023, 1, 1), D(2026, 12, 31)),
    "innevarande mandatperiod": (D(2023, 1, 1), D(2026, 12, 31)),
    "förra mandatperioden": (D(2019, 1, 1), D(2022, 12, 31)),
    "föregående mandatperiod": (D(2019, 1, 1), D(2022, 12, 31)),
    "nästa mandatperiod": (D(2027, 1, 1), D(2030, 12, 31)),
}


def single_oracle(text: str) -> tuple[date, date] | None:
    """The interval of ``text`` if it is exactly one accepted single form, else None."""
    norm = normal(text)
    if norm in RELATIVE_ORACLE:
        return RELATIVE_ORACLE[norm]
    years = {int(n) for n in re.findall(r"(?<!\d)\d{4}(?!\d)", norm)}
    years |= {2000 + int(n) for n in re.findall(r"(?<!\d)\d{2}(?!\d)", norm)}
    years |= {y - 3 for y in years} | {y - 4 for y in years}  # mandate periods named by end
    for y in years:
        if 1 <= y <= 9999 and norm in oracle(y):
            return oracle(y)[norm]
    return None


SEPARATORS = ("..", "-", "–", "—", " till ")


def range_oracle(text: str) -> set[tuple[date, date]]:
    """Readings of ``text`` as 'A sep B' with both sides accepted single forms; a year written
    only on the right (a part of a year: not a bare year) also serves a year-less left side."""
    norm = normal(text)
    readings: set[tuple[date, date]] = set()
    for sep in SEPARATORS:
        start = 0
        while (i := norm.find(sep, start)) >= 0:
            start = i + 1
            left, right = norm[:i].strip(), norm[i + len(sep) :].strip()
            right_span = single_oracle(right)
            if right_span is None or not left:
                continue
            left_span = single_oracle(left)
            # A year, budget year or mandate period is no part of a year and lends nothing.
            year_only = re.fullmatch(r"\d{4}", right) is not None or right.startswith(
                ("budget", "verksamhet", "mandat", "mp")
            )
            if left_span is None and not year_only:
                written = re.findall(r"\d{4}|(?<=[-–—' ])\d{2}$", right)
                if written:
                    y = int(written[-1]) if len(written[-1]) == 4 else 2000 + int(written[-1])
                    left_span = single_oracle(f"{left} {y:04d}")
            if left_span is not None and left_span[0] <= right_span[1]:
                readings.add((left_span[0], right_span[1]))
    return readings


years_ = st.integers(min_value=1995, max_value=2099)


@st.composite
def one_period(draw: st.DrawFn) -> tuple[tuple[date, date], list[str]]:
    """One period of a year and the spellings that must all name it."""
    y = draw(years_)
    span, texts = draw(st.sampled_from(spellings(y)))
    return span, texts


@st.composite
def respelled(draw: st.DrawFn, text: str) -> str:
    """``text`` with any dash kind for '~', random case, and any whitespace around and between."""
    text = "".join(draw(st.sampled_from(DASHES)) if c == "~" else c for c in text)
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    text = "".join(c.upper() if flip else c for c, flip in zip(text, flips, strict=True))
    space = st.sampled_from([" ", "  ", "\t", "\u00a0", " \n "])
    text = "".join(draw(space) if c == " " else c for c in text)
    return draw(st.sampled_from(["", " ", "\t"])) + text + draw(st.sampled_from(["", " ", "\n"]))


@given(one_period(), st.data())
def test_property_a_equivalent_spellings_give_the_same_interval(
    unit: tuple[tuple[date, date], list[str]], data: st.DataObject
) -> None:
    (start, end), texts = unit
    canonical = parse_period(texts[0].replace("~", "-"))
    assert (canonical.start, canonical.end) == (start, end)
    assert parse_period(canonical.canonical) == Period(start, end, canonical.canonical)
    for text in data.draw(st.lists(st.sampled_from(texts), min_size=1, max_size=4)):
        written = data.draw(respelled(text))
        period = parse_period(written)
        assert (period.start, period.end) == (start, end), written


@given(one_period(), one_period(), st.sampled_from(SEPARATORS[1:]), st.data())
def test_property_a_ranges_of_respelled_forms(
    left: tuple[tuple[date, date], list[str]],
    right: tuple[tuple[date, date], list[str]],
    separator: str,
    data: st.DataObject,
) -> None:
    (start, _), left_texts = left
    (_, end), right_texts = right
    # Mandate periods are themselves written with a dash; keep them out of ranges.
    left_text = data.draw(st.sampled_from(left_texts))
    right_text = data.draw(st.sampled_from(right_texts))
    assume(not any("mandat" in t or t.startswith("mp") for t in (left_text, right_text)))
    assume(start <= end)
    text = f"{data.draw(respelled(left_text))} {separator} {data.draw(respelled(right_text))}"
    period = parse_period(text)
    assert (period.start, period.end) == (start, end), text


JUNK_CHARS = st.sampled_from([*"x0123456789åöé-–.:' ?!,/", "\u200b"])
JUNK_WORDS = st.sampled_from(
    [
        " och hösten",
        " x",
        "x",
        " 2023",
        "s",
        ".",
        "-",
        " – ",
        ":e",
        " kvartalet",
        " år",
        " till ",
        "q",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid period text with junk appended, prepended or inserted, or a character replaced."""
    relative = draw(st.booleans())
    if relative:
        text = draw(st.sampled_from(sorted(RELATIVE_ORACLE)))
    else:
        _, texts = draw(one_period())
        text = draw(respelled(draw(st.sampled_from(texts))))
    junk = draw(st.one_of(JUNK_CHARS, JUNK_WORDS))
    how = draw(st.sampled_from(["append", "prepend", "insert", "replace", "split"]))
    if how == "append":
        return text + junk
    if how == "prepend":
        return junk + text
    spaces = [i for i, c in enumerate(text.rstrip()) if c.isspace() and i > 0]
    if how == "split" and spaces:
        # A range separator where a space was: "vt 2023" -> "vt – 2023", never våren–2023.
        i = draw(st.sampled_from(spaces))
        return text[:i] + draw(st.sampled_from([" – ", " - ", " .. ", " till "])) + text[i + 1 :]
    i = draw(st.integers(min_value=0, max_value=len(text) - 1))
    if how == "insert":
        return text[:i] + junk + text[i:]
    char: str = draw(JUNK_CHARS)
    return text[:i] + char + text[i + 1 :]


@settings(max_examples=300)
@given(mutated())
def test_property_b_nothing_is_read_from_a_part(text: str) -> None:
    single = single_oracle(text)
    readings = range_oracle(text) if single is None else set()
    try:
        period = parse_period(text, today=RELATIVE_TODAY)
    except PeriodError:
        # Refused: right unless the oracle knows it as exactly one reading.
        assert single is None and len(readings) != 1, text
        return
    got = (period.start, period.end)
    if single is not None:
        assert got == single, text
    else:
        assert readings == {got}, text


# --- the command line ------------------------------------------------------------------------

runner = CliRunner()


def period_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, [*args, "--root", str(PROJECT), "--format", "json"])
    assert result.exit_code == 0, result.output
    period = json.loads(result.stdout)["period"]
    assert isinstance(period, dict)
    return period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("VT-2023", "2023-01-01", "2023-06-30"),
        ("vt-23", "2023-01-01", "2023-06-30"),
        ("Q3-2023", "2023-07-01", "2023-09-30"),
        ("3:e kvartalet 2023", "2023-07-01", "2023-09-30"),
        ("mandatperiod 2022–2026", "2022-10-15", "2026-10-14"),
    ],
)
def test_report_states_the_interval_it_resolved(text: str, start: str, end: str) -> None:
    period = period_json("report", text)
    assert (period["text"], period["start"], period["end"]) == (text, start, end)
    assert period["label"] == f"{text} = {start} – {end}"


def test_report_text_names_the_interval() -> None:
    result = runner.invoke(app, ["report", "--root", str(PROJECT), "VT-2023"])
    assert result.exit_code == 0, result.output
    assert "VT-2023 = 2023-01-01 – 2023-06-30" in result.stdout


def test_report_reads_a_relative_period_on_as_of() -> None:
    period = period_json("report", "i år", "--as-of", "2024-03-01")
    assert period == {
        "text": "i år (2024)",
        "start": "2024-01-01",
        "end": "2024-12-31",
        "label": "i år (2024) = 2024-01-01 – 2024-12-31",
    }


def test_timeline_reads_a_relative_period_on_as_of() -> None:
    period = period_json("timeline", "--period", "förra året", "--as-of", "2019-05-01")
    assert period == {"text": "förra året (2018)", "start": "2018-01-01", "end": "2018-12-31"}


@pytest.mark.parametrize("text", ["VT-2023x", "våren 2023 och hösten", "Q5 2023", "vt – 2023"])
def test_report_refuses_a_partial_period_with_the_examples(text: str) -> None:
    result = runner.invoke(app, ["report", "--root", str(PROJECT), text])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"okänd period '{text}'" in result.stderr
    assert "vt-22, hösten 2021, första halvåret 2022" in result.stderr
    assert "i år eller mandatperiod 2019–2022" in result.stderr
    assert "Traceback" not in result.output
