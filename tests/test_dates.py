import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrning.core.dates import DateFormatError, PartialDate, Precision

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        (2022, PartialDate(2022), Precision.YEAR),
        ("2022", PartialDate(2022), Precision.YEAR),
        ("2022-03", PartialDate(2022, 3), Precision.MONTH),
        ("2022-03-15", PartialDate(2022, 3, 15), Precision.DAY),
        ("2024-02-29", PartialDate(2024, 2, 29), Precision.DAY),
        (D(2022, 3, 15), PartialDate(2022, 3, 15), Precision.DAY),
    ],
)
def test_parse(value: object, expected: PartialDate, precision: Precision) -> None:
    parsed = PartialDate.parse(value)
    assert parsed == expected
    assert parsed.precision is precision


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2022-02-30", "februari 2022 har 28 dagar"),
        ("2023-02-29", "februari 2023 har 28 dagar"),
        ("2022-13", "månaden ska vara 01–12"),
        ("2022-3", "är inget datum"),
        ("mars 2022", "är inget datum"),
        ("", "är inget datum"),
        (True, "ÅÅÅÅ-MM"),
        (2022.5, "ÅÅÅÅ-MM"),
    ],
)
def test_parse_rejects(value: object, fragment: str) -> None:
    with pytest.raises(DateFormatError, match=fragment):
        PartialDate.parse(value)


def test_month_is_neither_before_nor_after_a_day_inside_it() -> None:
    june = PartialDate(2022, 6)
    mid = D(2022, 6, 15)
    assert not june.is_before(mid)
    assert not june.is_after(mid)
    assert june.contains(mid)
    assert june.is_before(D(2022, 7, 1))
    assert june.is_after(D(2022, 5, 31))


def test_bounds_and_words() -> None:
    assert PartialDate(2024, 2).end == D(2024, 2, 29)
    assert PartialDate(2022).end == D(2022, 12, 31)
    assert PartialDate(2018, 6).swedish() == "juni 2018"
    assert PartialDate(2022, 3, 5).swedish() == "5 mars 2022"
    assert PartialDate(2021).swedish() == "2021"
    assert PartialDate(2022, 3).iso() == "2022-03"


def test_sort_key_puts_month_before_its_days() -> None:
    dates = [PartialDate(2022, 3, 1), PartialDate(2022, 3), PartialDate(2022)]
    assert sorted(dates, key=lambda d: d.sort_key) == [
        PartialDate(2022),
        PartialDate(2022, 3),
        PartialDate(2022, 3, 1),
    ]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_every_day_round_trips_and_lies_in_its_month_and_year(day: dt.date) -> None:
    assert PartialDate.parse(day.isoformat()) == PartialDate.of(day)
    month = PartialDate.parse(f"{day.year}-{day.month:02d}")
    assert month.contains(day)
    assert PartialDate(day.year).contains(day)
    assert month.within(PartialDate(day.year).start, PartialDate(day.year).end)


def test_days_in_month_and_add_days() -> None:
    from styrning.core.dates import add_days, days_in_month

    assert [days_in_month(2023, m) for m in (1, 2, 4, 12)] == [31, 28, 30, 31]
    assert days_in_month(2024, 2) == 29
    assert add_days(dt.date(2022, 2, 28), 1) == dt.date(2022, 3, 1)
    assert add_days(dt.date(2022, 3, 1), -1) == dt.date(2022, 2, 28)
