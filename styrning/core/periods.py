"""Periods as Swedish officials speak of them, turned into inclusive date intervals.

This is the room where free text such as ``våren 2022``, ``vt-23``, ``T2 2023``,
``3:e kvartalet 2023``, ``mars–maj 2022``, ``i år`` or ``mandatperiod 2019–2022`` becomes a
:class:`Period`: an inclusive start date, an inclusive end date and the text the user typed.
Reports and reviews use it to decide which decisions and assignments fall within the interval
someone asked about.

A text is read whole or refused: it matches one form completely (or is a range of two forms) or
it raises :class:`PeriodError`, with a Swedish message that ends with :data:`EXAMPLES`, a list of
forms that do parse. Nothing is ever read from a part of the text (``VT-2023`` is våren 2023,
never the year, and ``VT-2023x`` is an error).

The parser is pure. It never reads the clock: the relative forms (``i år``, ``förra året``,
``mandatperioden`` ...) are resolved against a ``today`` the caller passes in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from styrning.core.dates import MONTHS_SV, days_in_month

__all__ = ["EXAMPLES", "Period", "PeriodError", "mandate_period_of", "parse_period"]

EXAMPLES: tuple[str, ...] = (
    "2022",
    "våren 2022",
    "vt-22",
    "hösten 2021",
    "första halvåret 2022",
    "Q1 2022",
    "3:e kvartalet 2022",
    "T1 2022",
    "mars 2022",
    "2022-03",
    "2022-03-15",
    "2022-01..2022-06",
    "mars–maj 2022",
    "i år",
    "mandatperiod 2019–2022",
)
"""Forms shown at the end of every error message; every one of them parses (``i år`` given
the day)."""

# Kommunstyrelsen's term runs four years from 1 January after an election year. Elections have
# been held every four years since 1994 (2014, 2018, 2022, ...); before that terms were three
# years, so the four-year rule is only applied from the 1995 term onwards.
_FIRST_FOUR_YEAR_TERM = 1995
_TERM_YEARS = 4
# The council (fullmäktige) is elected for four years from 15 October of the election year
# (kommunallagen 2017:725, 5 kap. 5 §). That date holds from the 2014 election, when the
# election day moved to the second Sunday of September; earlier terms are not computed.
_FIRST_COUNCIL_ELECTION = 2014
_COUNCIL_START = (10, 15)

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
    """What the user typed, stripped of surrounding whitespace; for a relative form followed by
    what it resolved to, e.g. ``i år (2026)`` or ``mandatperioden (2023–2026)``."""

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

    @property
    def canonical(self) -> str:
        """The period's own name, from its interval alone: ``våren 2023`` for VT-2023,
        ``första halvåret 2023`` and ``H1 2023`` alike; ``Q3 2023``, ``T2 2023``, ``mars 2023``,
        ``vecka 12 2023``, ``mandatperiod 2023–2026``, ``mars–maj 2023``, ``2023-03-15`` ...

        Equal intervals have equal names, and the name parses back to the same interval.
        """
        return _canonical(self.start, self.end)


# --- internals -----------------------------------------------------------------------------


class _Span(NamedTuple):
    start: date
    end: date
    year: int  # the year as written, handed to a year-less left side of a range
    # Whether the text names a part of one year (a term, quarter, month, week, day ...). Only
    # such a right side lends its year to a year-less left side: "mars–maj 2022" is March to
    # May, but "VT–2023" is not "vt 2023" to the end of 2023.
    part_of_year: bool = True


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
    end = _day(piece, year, last, days_in_month(year, last))
    return _Span(start, end, year)


def _year_of(match: re.Match[str], default: int | None) -> int | None:
    """The year written in the form (``2023``, or ``-23``/``'23`` as 2023), else ``default``."""
    groups = match.groupdict()
    if groups.get("year") is not None:
        return int(groups["year"])
    if groups.get("yy") is not None:
        return 2000 + int(groups["yy"])
    return default


def _numbered(piece: str, year: int, number: int, count: int, name: str) -> _Span:
    """The ``number``-th of ``count`` equal parts of ``year`` (quarters, tertials, halves)."""
    if not 1 <= number <= count:
        raise _Problem(piece, f"{name} numreras 1–{count}")
    size = 12 // count
    return _months(piece, year, (number - 1) * size + 1, number * size)


_Handler = Callable[[str, re.Match[str], int | None], _Span | None]

_YEAR = r"(?P<year>\d{4})"
# The year after a term, quarter, month ...: "vt 2023", "vt2023", "VT-2023", "hösten -2023", or
# two digits marked as a year, "vt-23", "hösten -23", "hösten '23" (20YY). A dash (any kind) is
# glued to the year; "vt – 2023", with spaces on both sides, is a range and no single form.
_YEAR_AFTER = r"(?:\s?[-–—]?(?P<year>\d{4})|\s?[-–—'’](?P<yy>\d{2}))"
_OPT_YEAR = _YEAR_AFTER + "?"
# vt and ht also take two bare digits: "vt22", "ht 21".
_TERM_YEAR = r"(?:\s?[-–—]?(?P<year>\d{4})|\s?[-–—'’]?(?P<yy>\d{2}))?"


def _whole_year(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    return _months(piece, int(m["year"]), 1, 12)._replace(part_of_year=False)


def _named_year(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    """budgetåret 2024, verksamhetsåret 2023: the calendar year."""
    year = _year_of(m, None)
    assert year is not None  # the year is not optional in this form
    return _months(piece, year, 1, 12)._replace(part_of_year=False)


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


_ORDINAL_WORDS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4}
_PARTS = {"kvartalet": (4, "kvartal"), "tertialet": (3, "tertial"), "halvåret": (2, "halvår")}


def _ordinal_suffix(n: int) -> str:
    """Swedish ordinal ending after a digit: 1:a, 2:a, 3:e ... 11:e, 12:e, 21:a."""
    return "a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else "e"


def _ordinal_part(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    """första halvåret 2023, 3:e kvartalet 2023, andra tertialet 2023."""
    year = _year_of(m, default)
    if year is None:
        return None
    count, name = _PARTS[m["unit"]]
    written = m["ord"]
    if written in _ORDINAL_WORDS:
        number = _ORDINAL_WORDS[written]
    else:
        number = int(written[:-2])
        right = f"{number}:{_ordinal_suffix(number)}"
        if written != right:
            raise _Problem(piece, f"skriv {right} {m['unit']}")
    return _numbered(piece, year, number, count, name)


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
    "t.ex. 2019–2022 eller 2023–2026; fullmäktiges från 15 oktober valåret, t.ex. 2022–2026"
)
_COUNCIL_RULE = (
    "fullmäktiges mandatperioder från 15 oktober valåret räknas från valet 2014, "
    "t.ex. 2018–2022 eller 2022–2026"
)


def _mandate_span(piece: str, first: int) -> _Span:
    if first < _FIRST_FOUR_YEAR_TERM or (first - _FIRST_FOUR_YEAR_TERM) % _TERM_YEARS:
        raise _Problem(piece, _MANDATE_RULE)
    last = first + _TERM_YEARS - 1
    return _Span(_day(piece, first, 1, 1), _day(piece, last, 12, 31), first, part_of_year=False)


def _is_election_year(year: int) -> bool:
    return year + 1 >= _FIRST_FOUR_YEAR_TERM and (year + 1 - _FIRST_FOUR_YEAR_TERM) % 4 == 0


def _council_span(piece: str, election: int) -> _Span:
    """Fullmäktige's term: 15 October of the election year to 14 October four years later."""
    if not _is_election_year(election):
        raise _Problem(piece, _MANDATE_RULE)
    if election < _FIRST_COUNCIL_ELECTION:
        raise _Problem(piece, _COUNCIL_RULE)
    month, day = _COUNCIL_START
    start = _day(piece, election, month, day)
    end = _day(piece, election + _TERM_YEARS, month, day - 1)
    return _Span(start, end, election, part_of_year=False)


def _mandate(piece: str, m: re.Match[str], default: int | None) -> _Span | None:
    first = int(m["first"])
    if m["last"] is not None:
        last = int(m["last"])
        if last == first + _TERM_YEARS:
            return _council_span(piece, first)
        if last != first + _TERM_YEARS - 1:
            raise _Problem(piece, _MANDATE_RULE)
    return _mandate_span(piece, first)


# Every form is matched against the whole (normalised) text with fullmatch, never searched for.
# re.ASCII: a digit is 0-9, so "våren ٢٠٢٢" is no year.
_FORMS: tuple[tuple[re.Pattern[str], _Handler], ...] = tuple(
    (re.compile(pattern, re.ASCII), handler)
    for pattern, handler in (
        (_YEAR, _whole_year),
        (r"(?:budgetåret|budgetår|verksamhetsåret|verksamhetsår)" + _YEAR_AFTER, _named_year),
        (r"(?P<term>våren|vår|hösten|höst)" + _OPT_YEAR, _term),
        (r"(?P<term>vt|ht)" + _TERM_YEAR, _term),
        (
            r"(?P<ord>första|andra|tredje|fjärde|\d{1,2}:[ae]) "
            r"(?P<unit>kvartalet|tertialet|halvåret)" + _OPT_YEAR,
            _ordinal_part,
        ),
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
_SEPARATOR = re.compile(r"\.\.|[-–—]|(?<= )till(?= )", re.ASCII)


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
            lent = right.year if right is not None and right.part_of_year else None
            left = _single(left_text, lent) if right is not None else None
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
        readings[(left.start, right.end)] = _Span(
            left.start, right.end, right.year, part_of_year=False
        )

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


# Relative forms: whole texts only, never a side of a range. Each is a unit and an offset from
# the one containing today.
_RELATIVE: dict[str, tuple[str, int]] = {
    "i år": ("år", 0),
    "innevarande år": ("år", 0),
    "förra året": ("år", -1),
    "föregående år": ("år", -1),
    "i fjol": ("år", -1),
    "nästa år": ("år", 1),
    "mandatperioden": ("mandatperiod", 0),
    "innevarande mandatperiod": ("mandatperiod", 0),
    "förra mandatperioden": ("mandatperiod", -1),
    "föregående mandatperiod": ("mandatperiod", -1),
    "nästa mandatperiod": ("mandatperiod", 1),
}


def _relative(norm: str, unit: str, offset: int, today: date) -> tuple[_Span, str]:
    """The span of a relative form and the short text it resolved to (``2026``, ``2023–2026``)."""
    if unit == "år":
        year = today.year + offset
        return _months(norm, year, 1, 12), f"{year:04d}"
    first = today.year - (today.year - _FIRST_FOUR_YEAR_TERM) % _TERM_YEARS
    first += offset * _TERM_YEARS
    return _mandate_span(norm, first), f"{first:04d}–{first + _TERM_YEARS - 1:04d}"


def _canonical(start: date, end: date) -> str:
    """A name for the interval that parses back to it; see :attr:`Period.canonical`."""
    if start == end:
        return start.isoformat()
    whole_months = start.day == 1 and end.day == days_in_month(end.year, end.month)
    first_name, last_name = MONTHS_SV[start.month - 1], MONTHS_SV[end.month - 1]
    if whole_months and start.year == end.year:
        y = f"{start.year:04d}"
        named = {(1, 12): y, (1, 6): f"våren {y}", (7, 12): f"hösten {y}"}
        named |= {(3 * q - 2, 3 * q): f"Q{q} {y}" for q in range(1, 5)}
        named |= {(4 * t - 3, 4 * t): f"T{t} {y}" for t in range(1, 4)}
        months = (start.month, end.month)
        if months in named:
            return named[months]
        if start.month == end.month:
            return f"{first_name} {y}"
        return f"{first_name}–{last_name} {y}"
    if whole_months and (start.month, end.month) == (1, 12):
        first, last = start.year, end.year
        if last == first + _TERM_YEARS - 1 and _is_election_year(first - 1):
            return f"mandatperiod {first:04d}–{last:04d}"
        return f"{first:04d}–{last:04d}"
    if whole_months:
        return f"{first_name} {start.year:04d} – {last_name} {end.year:04d}"
    election = start.year
    if (
        election >= _FIRST_COUNCIL_ELECTION
        and _is_election_year(election)
        and (start.month, start.day) == _COUNCIL_START
        and end == start.replace(year=election + _TERM_YEARS, day=start.day - 1)
    ):
        return f"mandatperiod {election:04d}–{election + _TERM_YEARS:04d}"
    if start.isoweekday() == 1 and (end - start).days == 6:
        week = start.isocalendar()
        return f"vecka {week.week} {week.year:04d}"
    return f"{start.isoformat()} – {end.isoformat()}"


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


def parse_period(text: str, *, today: date | None = None) -> Period:
    """Read a period as Swedish officials write it and return its inclusive interval.

    The whole text must be one form, or a range of two; nothing is read from a part of it. Case,
    surrounding whitespace and repeated whitespace do not matter. Accepted forms:

    - a year: ``2022``, ``budgetåret 2024``, ``verksamhetsåret 2023`` (the calendar year);
    - spring and autumn: ``våren 2022``, ``vt 2022``, ``VT-2023``, ``vt22``, ``hösten 2021``,
      ``ht 2021``, ``hösten -23``;
    - halves, quarters and tertials: ``H1 2022``, ``halvår 2 2022``, ``första halvåret 2023``,
      ``Q1 2022``, ``Q3-2023``, ``2022-Q1``, ``kv1 2022``, ``kvartal 1 2022``,
      ``3:e kvartalet 2023``, ``tredje kvartalet 2023``, ``T2 2022``, ``tertial 3 2022``,
      ``andra tertialet 2023``, ``2022H2``;
    - Swedish month names, full or abbreviated: ``mars 2022``, ``mar. 2022``, ``mars-23``;
    - ISO months, days and weeks: ``2022-03``, ``2022-03-15``, ``v12 2022``, ``vecka 12 2022``,
      ``2022-W12``;
    - mandate periods: Kommunstyrelsen's four budget years (``mandatperiod 2019–2022``,
      ``mp 2019``) and the council's term, 15 October of the election year to 14 October four
      years later (``mandatperiod 2022–2026``);
    - ranges of any two of these joined by ``..``, ``-``, ``–``, ``—`` or ``till``, where a year
      written only at the end applies to both sides (``mars–maj 2022``);
    - relative to ``today``: ``i år``, ``innevarande år``, ``förra året``, ``i fjol``,
      ``nästa år``, ``mandatperioden`` (the term containing today), ``förra mandatperioden``,
      ``nästa mandatperiod``.

    A year after a form may be written with two digits after a dash or apostrophe (``vt-23``,
    ``hösten -23``, ``hösten '23``: 2023); ``vt`` and ``ht`` also take two bare digits.

    The result's ``text`` is ``text`` stripped, for a relative form followed by what it resolved
    to (``i år (2026)``). Raises :class:`PeriodError` for anything else, including dates that do
    not exist and ranges that end before they start. Never reads the clock: a relative form
    without ``today`` is a programming error and raises :class:`TypeError`.
    """
    stripped = text.strip()
    norm = _normalise(text)
    relative = _RELATIVE.get(norm)
    if relative is not None and today is None:
        raise TypeError(f"parse_period({stripped!r}) is relative to a day: pass today=")
    try:
        if relative is not None and today is not None:
            span, resolved = _relative(norm, *relative, today)
            return Period(span.start, span.end, f"{stripped} ({resolved})")
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
