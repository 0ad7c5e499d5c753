"""Periods as Swedish officials speak of them, turned into inclusive date intervals.

This is the room where free text such as ``våren 2022``, ``T2 2023``, ``mars–maj 2022`` or
``mandatperiod 2019–2022`` becomes a :class:`Period`: an inclusive start date, an inclusive end
date and the text the user typed. Reports and reviews use it to decide which decisions and
assignments fall within the interval someone asked about.

The parser is pure. It never reads the clock, so the same text always gives the same interval.
Text it cannot read raises :class:`PeriodError` with a Swedish message that ends with
:data:`EXAMPLES`, a list of forms that do parse.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

__all__ = ["EXAMPLES", "Period", "PeriodError", "mandate_period_of", "parse_period"]

EXAMPLES: tuple[str, ...] = (
    "2022",
    "våren 2022",
    "vt 2022",
    "hösten 2021",
    "Q1 2022",
    "T1 2022",
    "mars 2022",
    "2022-03",
    "2022-03-15",
    "2022-01..2022-06",
    "mars–maj 2022",
    "mandatperiod 2019–2022",
)
"""Forms shown at the end of every error message; every one of them parses."""

# Kommunstyrelsen's term runs four years from 1 January after an election year. Elections have
# been held every four years since 1994 (2014, 2018, 2022, ...); before that terms were three
# years, so the four-year rule is only applied from the 1995 term onwards.
_FIRST_FOUR_YEAR_TERM = 1995
_TERM_YEARS = 4

_MONTHS: dict[str, int] = {
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


def _examples_sentence() -> str:
    return "skriv t.ex. " + ", ".join(EXAMPLES[:-1]) + " eller " + EXAMPLES[-1]


class PeriodError(ValueError):
    """A period text that cannot be read.

    The message is in Swedish, says what is wrong (an unknown form, or which date, month or week
    does not exist) and ends with examples that do parse.
    """


@dataclass(frozen=True)
class Period:
    """An inclusive date interval together with the text it was read from."""

    start: date
    """First day of the period (inclusive)."""
    end: date
    """Last day of the period (inclusive)."""
    text: str
    """What the user typed, stripped of surrounding whitespace."""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"perioden '{self.text}' slutar {self.end.isoformat()}, "
                f"före sin början {self.start.isoformat()}"
            )

    def label(self) -> str:
        """Return the text and the interval, e.g. ``våren 2022 = 2022-01-01 – 2022-06-30``."""
        return f"{self.text} = {self.start.isoformat()} – {self.end.isoformat()}"

    def contains(self, d: date) -> bool:
        """Return whether ``d`` lies within the period, both ends included."""
        return self.start <= d <= self.end


# --- internals -----------------------------------------------------------------------------


class _Span(NamedTuple):
    start: date
    end: date
    year: int  # the year as written, handed to a year-less left side of a range


class _Problem(Exception):
    """A part of the text matched a form but does not name a real period.

    ``piece`` is the normalised part that failed; ``reason`` is Swedish. When ``names_value`` is
    true the reason itself names the invalid date, month or week and is shown on its own;
    otherwise it is shown in brackets after ``okänd period '...'``.
    """

    def __init__(self, piece: str, reason: str, *, names_value: bool = False) -> None:
        super().__init__(reason)
        self.piece = piece
        self.reason = reason
        self.names_value = names_value


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _day(piece: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        shown = f"{year:04d}-{month:02d}-{day:02d}"
        raise _Problem(piece, f"{shown} är inget giltigt datum", names_value=True) from None


def _months(piece: str, year: int, first: int, last: int) -> _Span:
    start = _day(piece, year, first, 1)
    end = _day(piece, year, last, calendar.monthrange(year, last)[1])
    return _Span(start, end, year)


def _year_of(match: re.Match[str], default: int | None) -> int | None:
    written = match.group("year")
    if written is None:
        return default
    if len(written) == 2:
        return 2000 + int(written)
    return int(written)


def _numbered(piece: str, year: int, number: int, count: int, name: str) -> _Span:
    """The ``number``-th of ``count`` equal parts of ``year`` (quarters, tertials, halves)."""
    if not 1 <= number <= count:
        raise _Problem(piece, f"{name} numreras 1–{count}")
    size = 12 // count
    return _months(piece, year, (number - 1) * size + 1, number * size)


_Handler = Callable[[str, re.Match[str], int | None], _Span | None]

_YEAR = r"(?P<year>\d{4})"
_OPT_YEAR = r"(?:\s*(?P<year>\d{4}))?"


def _whole_year(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    return _months(piece, int(m["year"]), 1, 12)


def _term(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year = _year_of(m, default)
    if year is None:
        return None
    spring = m["term"] in {"våren", "vår", "vt"}
    return _months(piece, year, 1, 6) if spring else _months(piece, year, 7, 12)


def _quarter(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year = _year_of(m, default)
    if year is None:
        return None
    return _numbered(piece, year, int(m["n"]), 4, "kvartal")


def _tertial(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year = _year_of(m, default)
    if year is None:
        return None
    return _numbered(piece, year, int(m["n"]), 3, "tertial")


def _half(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year = _year_of(m, default)
    if year is None:
        return None
    return _numbered(piece, year, int(m["n"]), 2, "halvår")


def _month_name(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    month = _MONTHS.get(m["name"])
    year = _year_of(m, default)
    if month is None or year is None:
        return None
    return _months(piece, year, month, month)


def _iso_month(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year, month = int(m["year"]), int(m["month"])
    if not 1 <= month <= 12:
        raise _Problem(piece, f"{m['year']}-{m['month']} är ingen giltig månad", names_value=True)
    return _months(piece, year, month, month)


def _iso_day(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year = int(m["year"])
    day = _day(piece, year, int(m["month"]), int(m["day"]))
    return _Span(day, day, year)


def _short_iso(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    padded = f"{m['year']}-{int(m['month']):02d}"
    if m["day"] is None:
        raise _Problem(piece, f"skriv månaden med två siffror, t.ex. {padded}")
    padded += f"-{int(m['day']):02d}"
    raise _Problem(piece, f"skriv månad och dag med två siffror, t.ex. {padded}")


def _week(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    year = _year_of(m, default)
    if year is None:
        return None
    week = int(m["n"])
    try:
        monday = date.fromisocalendar(year, week, 1)
        sunday = date.fromisocalendar(year, week, 7)
    except ValueError:
        raise _Problem(piece, f"vecka {week} {year} finns inte", names_value=True) from None
    return _Span(monday, sunday, year)


_MANDATE_RULE = (
    "en mandatperiod löper fyra år från 1 januari året efter ett valår, "
    "t.ex. 2019–2022 eller 2023–2026"
)


def _mandate_span(piece: str, first: int) -> _Span:
    if first < _FIRST_FOUR_YEAR_TERM or (first - _FIRST_FOUR_YEAR_TERM) % _TERM_YEARS:
        raise _Problem(piece, _MANDATE_RULE)
    last = first + _TERM_YEARS - 1
    return _Span(_day(piece, first, 1, 1), _day(piece, last, 12, 31), first)


def _mandate(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    first = int(m["first"])
    if m["last"] is not None and int(m["last"]) != first + _TERM_YEARS - 1:
        raise _Problem(piece, _MANDATE_RULE)
    return _mandate_span(piece, first)


_FORMS: tuple[tuple[re.Pattern[str], _Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_YEAR, _whole_year),
        (r"(?P<term>våren|vår|hösten|höst)" + _OPT_YEAR, _term),
        (r"(?P<term>vt|ht)(?:\s*(?P<year>\d{4}|\d{2}))?", _term),
        (r"(?:q|kv|kvartal)\s*(?P<n>\d)" + _OPT_YEAR, _quarter),
        (_YEAR + r"[-\s]?q(?P<n>\d)", _quarter),
        (r"(?:t|tertial)\s*(?P<n>\d)" + _OPT_YEAR, _tertial),
        (_YEAR + r"[-\s]?t(?P<n>\d)", _tertial),
        (r"(?:h|halvår|halvåret)\s*(?P<n>\d)" + _OPT_YEAR, _half),
        (_YEAR + r"[-\s]?h(?P<n>\d)", _half),
        (r"(?P<name>[a-zåäö]+)\.?" + _OPT_YEAR, _month_name),
        (_YEAR + r"-(?P<month>\d{2})", _iso_month),
        (_YEAR + r"-(?P<month>\d{2})-(?P<day>\d{2})", _iso_day),
        (_YEAR + r"-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?", _short_iso),
        (r"(?:vecka|v)\s*(?P<n>\d{1,2})(?:\s+(?P<year>\d{4}))?", _week),
        (_YEAR + r"-?w(?P<n>\d{2})", _week),
        (
            r"(?:mandatperioden|mandatperiod|mp)\s*(?P<first>\d{4})"
            r"(?:(?:\s*(?:\.\.|[-–—])\s*|\s+till\s+)(?P<last>\d{4}))?",
            _mandate,
        ),
    )
)

# Between the two sides of a range. A plain hyphen is tried at every position, so ISO dates
# and months, whose hyphens never leave two readable sides, stay whole.
_SEPARATOR = re.compile(r"\.\.|[-–—]|(?<= )till(?= )")


def _single(piece: str, default: int | None) -> _Span | None:
    """Read one period (no range); ``default`` is the year for forms written without one."""
    for pattern, handler in _FORMS:
        match = pattern.fullmatch(piece)
        if match is not None:
            span = handler(piece, match, default)
            if span is not None:
                return span
    return None


def _parse(norm: str) -> _Span:
    # A text that matches a single form is read as that form, even when the form finds it
    # invalid: "mandatperiod 2019-2023" must not become the range "mandatperiod 2019" .. "2023".
    span = _single(norm, None)
    if span is not None:
        return span

    first_problem: _Problem | None = None

    readings: dict[tuple[date, date], _Span] = {}
    for sep in _SEPARATOR.finditer(norm):
        left_text, right_text = norm[: sep.start()].strip(), norm[sep.end() :].strip()
        if not left_text or not right_text:
            continue
        try:
            right = _single(right_text, None)
            left = _single(left_text, right.year) if right is not None else None
            if right is None or left is None:
                continue
            if right.end < left.start:
                reason = (
                    f"slutet {right.end.isoformat()} ligger före början {left.start.isoformat()}"
                )
                if _single(left_text, None) is None:
                    reason += f"; årtalet {right.year} gäller båda sidor"
                raise _Problem(norm, reason)
        except _Problem as problem:
            first_problem = first_problem or problem
            continue
        readings[(left.start, right.end)] = _Span(left.start, right.end, right.year)

    if len(readings) == 1:
        return next(iter(readings.values()))
    if len(readings) > 1:
        options = " eller ".join(f"{s.isoformat()} – {e.isoformat()}" for s, e in readings)
        raise _Problem(norm, f"kan läsas som {options}")
    if first_problem is not None:
        raise first_problem
    if norm and _single(norm, 2000) is not None:
        raise _Problem(norm, "årtal saknas")
    raise _Problem(norm, "")


def _message(problem: _Problem, norm: str, stripped: str) -> str:
    if problem.names_value:
        head = problem.reason
    else:
        shown = stripped if problem.piece == norm else problem.piece
        head = f"okänd period '{shown}'"
        if problem.reason:
            head += f" ({problem.reason})"
    return f"{head} – {_examples_sentence()}"


# --- public API ----------------------------------------------------------------------------


def parse_period(text: str) -> Period:
    """Read a period as Swedish officials write it and return its inclusive interval.

    Case, surrounding whitespace and repeated whitespace do not matter. Accepted forms: a year
    (``2022``); spring and autumn (``våren 2022``, ``vt22``, ``hösten 2021``, ``ht 2021``);
    quarters, tertials and halves (``Q1 2022``, ``2022-Q1``, ``kvartal 1 2022``, ``T2 2022``,
    ``tertial 3 2022``, ``H1 2022``, ``halvår 2 2022``, ``2022H2``); Swedish month names, full or
    abbreviated (``mars 2022``, ``mar. 2022``); ISO months and days (``2022-03``,
    ``2022-03-15``); ISO weeks (``v12 2022``, ``vecka 12 2022``, ``2022-W12``); mandate periods
    of Kommunstyrelsen (``mandatperiod 2019–2022``, ``mp 2019``); and ranges of any two of these
    joined by ``..``, ``-``, ``–``, ``—`` or ``till``, where a year written only at the end
    applies to both sides (``mars–maj 2022``).

    The result's ``text`` is ``text`` stripped. Raises :class:`PeriodError` for anything else,
    including dates that do not exist and ranges that end before they start. Never reads the
    clock.
    """
    stripped = text.strip()
    norm = _normalise(text)
    try:
        span = _parse(norm)
    except _Problem as problem:
        raise PeriodError(_message(problem, norm, stripped)) from None
    return Period(span.start, span.end, stripped)


def mandate_period_of(d: date) -> Period:
    """Return Kommunstyrelsen's mandate period that contains ``d``.

    The term runs four years from 1 January after an election year, e.g. 2022-03-01 gives
    2019-01-01 – 2022-12-31 with the text ``mandatperiod 2019–2022``; that text parses back to
    the same period. Raises :class:`PeriodError` for dates before 1995, when terms were three
    years, and for dates whose term would end after year 9999.
    """
    if d.year < _FIRST_FOUR_YEAR_TERM:
        raise PeriodError(
            f"{d.isoformat()} ligger före de fyraåriga mandatperioderna, som började 1995 – "
            + _examples_sentence()
        )
    first = d.year - (d.year - _FIRST_FOUR_YEAR_TERM) % _TERM_YEARS
    text = f"mandatperiod {first}–{first + _TERM_YEARS - 1}"
    try:
        span = _mandate_span(text, first)
    except _Problem as problem:
        raise PeriodError(_message(problem, text, text)) from None
    return Period(span.start, span.end, text)
