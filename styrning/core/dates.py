"""Dates at year, month or day precision, as the source documents give them.

A slide saying "Mars 2020" records a month, not the first of March. A
`PartialDate` keeps that precision and compares honestly: an event in 2022-06
is neither before nor after 2022-06-15, it *contains* it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class DateFormatError(ValueError):
    """A text that is not a date at year, month or day precision (message in Swedish)."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar year, month or day.

    `start` and `end` are the first and last day it covers; comparisons with a
    full date use them, so partial dates never pretend to know more than they do.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        if self.day is not None:
            return self.start
        if self.month is not None:
            return dt.date(self.year, self.month, days_in_month(self.year, self.month))
        return dt.date(self.year, 12, 31)

    def is_before(self, day: dt.date) -> bool:
        """True when the whole of this date lies before `day`."""
        return self.end < day

    def is_after(self, day: dt.date) -> bool:
        """True when the whole of this date lies after `day`."""
        return self.start > day

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when this date shares at least one day with the inclusive interval."""
        return self.start <= end and self.end >= start

    def within(self, start: dt.date, end: dt.date) -> bool:
        """True when every day of this date lies in the inclusive interval."""
        return start <= self.start and self.end <= end

    def definitely_before(self, other: PartialDate) -> bool:
        """True when this date ends before the other starts."""
        return self.end < other.start

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """Chronological order; a month sorts before the days in it."""
        return (self.start, int(self.precision))

    def iso(self) -> str:
        """The date as written in the files: 2022, 2022-03 or 2022-03-15."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def swedish(self) -> str:
        """The date as a Swedish reader says it: 2018, juni 2018, 15 juni 2018."""
        if self.month is None:
            return str(self.year)
        name = MONTHS_SV[self.month - 1]
        if self.day is None:
            return f"{name} {self.year}"
        return f"{self.day} {name} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read 2022, "2022", "2022-03" or "2022-03-15"; anything else raises DateFormatError."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls.of(value)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DateFormatError(
                "ett datum skrivs ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, t.ex. "
                "2022, 2022-03 eller 2022-03-15"
            )
        text = str(value).strip()
        match = _PATTERN.fullmatch(text)
        if not match:
            raise DateFormatError(
                f"'{text}' är inget datum – skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, "
                "t.ex. 2022, 2022-03 eller 2022-03-15"
            )
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if year < 1 or (month is not None and not 1 <= month <= 12):
            raise DateFormatError(f"'{text}' är inget giltigt datum: månaden ska vara 01–12")
        if day is not None:
            assert month is not None
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                raise DateFormatError(
                    f"'{text}' är inget giltigt datum: {MONTHS_SV[month - 1]} {year} "
                    f"har {last} dagar"
                )
        return cls(year, month, day)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (28 to 31)."""
    return calendar.monthrange(year, month)[1]


def add_days(day: dt.date, days: int) -> dt.date:
    """The day `days` days after `day` (before it when negative)."""
    return day + dt.timedelta(days=days)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); the 31st becomes the month's last day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def add_years(d: PartialDate, years: int) -> PartialDate:
    """The same date `years` later; 29 February becomes the 28th in a common year."""
    year = d.year + years
    if d.day is not None and d.month is not None:
        return PartialDate(year, d.month, min(d.day, days_in_month(year, d.month)))
    return PartialDate(year, d.month, d.day)
