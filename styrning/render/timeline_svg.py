"""The report's timeline as an inline SVG drawing whose labels never overlap.

Time runs left to right. Events of the same date share one dot and one label. Each label
starts at its leader line, right of its dot, and its text is measured with real font metrics
(the widths below were measured in Chromium: per character, the wider of DejaVu Sans and
Liberation Sans, the fonts a browser falls back to; Arial and Segoe UI are narrower) and
wrapped. The axis leaves room at the right for the last labels. Labels are placed from the
right: each goes above or below the axis, as near it as it fits, so no label overlaps another
label, a leader line, the year labels or the drawing's edge, and no leader line runs through
a label (a label only reaches over the dots right of its own, whose labels are already
placed, so it can always go beyond them). The dashed line of the report's day is broken
where it would cross text. Every label's full text is in a <title> and in the list that
`timeline_list` writes next to the drawing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from styrning.core.dates import PartialDate
from styrning.views.report import Report
from styrning.views.timeline import TimelineEntry

# Widths in em, measured in Chromium (see the module's docstring).
_REGULAR = {
    " ": 0.318,
    "!": 0.401,
    '"': 0.46,
    "#": 0.838,
    "%": 0.95,
    "&": 0.78,
    "'": 0.275,
    "(": 0.39,
    ")": 0.39,
    "*": 0.5,
    "+": 0.838,
    ",": 0.318,
    "-": 0.361,
    ".": 0.318,
    "/": 0.337,
    "0": 0.636,
    "1": 0.636,
    "2": 0.636,
    "3": 0.636,
    "4": 0.636,
    "5": 0.636,
    "6": 0.636,
    "7": 0.636,
    "8": 0.636,
    "9": 0.636,
    ":": 0.337,
    ";": 0.337,
    "<": 0.838,
    "=": 0.838,
    ">": 0.838,
    "?": 0.556,
    "@": 1.015,
    "A": 0.684,
    "B": 0.686,
    "C": 0.722,
    "D": 0.77,
    "E": 0.667,
    "F": 0.611,
    "G": 0.778,
    "H": 0.752,
    "I": 0.295,
    "J": 0.5,
    "K": 0.667,
    "L": 0.557,
    "M": 0.863,
    "N": 0.748,
    "O": 0.787,
    "P": 0.667,
    "Q": 0.787,
    "R": 0.722,
    "S": 0.667,
    "T": 0.611,
    "U": 0.732,
    "V": 0.684,
    "W": 0.989,
    "X": 0.685,
    "Y": 0.667,
    "Z": 0.685,
    "[": 0.39,
    "]": 0.39,
    "_": 0.556,
    "a": 0.613,
    "b": 0.635,
    "c": 0.55,
    "d": 0.635,
    "e": 0.615,
    "f": 0.352,
    "g": 0.635,
    "h": 0.634,
    "i": 0.278,
    "j": 0.278,
    "k": 0.579,
    "l": 0.278,
    "m": 0.974,
    "n": 0.634,
    "o": 0.612,
    "p": 0.635,
    "q": 0.635,
    "r": 0.411,
    "s": 0.521,
    "t": 0.392,
    "u": 0.634,
    "v": 0.592,
    "w": 0.818,
    "x": 0.592,
    "y": 0.592,
    "z": 0.525,
    "§": 0.556,
    "«": 0.612,
    "·": 0.333,
    "»": 0.612,
    "Ä": 0.684,
    "Å": 0.684,
    "É": 0.667,
    "Ö": 0.787,
    "Ü": 0.732,
    "ä": 0.613,
    "å": 0.613,
    "é": 0.615,
    "ö": 0.612,
    "ü": 0.634,
    "–": 0.556,
    "—": 1.0,
    "’": 0.318,
    "”": 0.518,
    "…": 1.0,
}
_BOLD = {
    " ": 0.348,
    "!": 0.456,
    '"': 0.521,
    "#": 0.838,
    "%": 1.002,
    "&": 0.872,
    "'": 0.306,
    "(": 0.457,
    ")": 0.457,
    "*": 0.523,
    "+": 0.838,
    ",": 0.38,
    "-": 0.415,
    ".": 0.38,
    "/": 0.365,
    "0": 0.696,
    "1": 0.696,
    "2": 0.696,
    "3": 0.696,
    "4": 0.696,
    "5": 0.696,
    "6": 0.696,
    "7": 0.696,
    "8": 0.696,
    "9": 0.696,
    ":": 0.4,
    ";": 0.4,
    "<": 0.838,
    "=": 0.838,
    ">": 0.838,
    "?": 0.611,
    "@": 1.0,
    "A": 0.774,
    "B": 0.762,
    "C": 0.734,
    "D": 0.83,
    "E": 0.683,
    "F": 0.683,
    "G": 0.821,
    "H": 0.837,
    "I": 0.372,
    "J": 0.556,
    "K": 0.775,
    "L": 0.637,
    "M": 0.995,
    "N": 0.837,
    "O": 0.85,
    "P": 0.733,
    "Q": 0.85,
    "R": 0.77,
    "S": 0.72,
    "T": 0.682,
    "U": 0.812,
    "V": 0.774,
    "W": 1.103,
    "X": 0.771,
    "Y": 0.724,
    "Z": 0.725,
    "[": 0.457,
    "]": 0.457,
    "_": 0.556,
    "a": 0.675,
    "b": 0.716,
    "c": 0.593,
    "d": 0.716,
    "e": 0.678,
    "f": 0.435,
    "g": 0.716,
    "h": 0.712,
    "i": 0.343,
    "j": 0.343,
    "k": 0.665,
    "l": 0.343,
    "m": 1.042,
    "n": 0.712,
    "o": 0.687,
    "p": 0.716,
    "q": 0.716,
    "r": 0.493,
    "s": 0.595,
    "t": 0.478,
    "u": 0.712,
    "v": 0.652,
    "w": 0.924,
    "x": 0.645,
    "y": 0.652,
    "z": 0.582,
    "§": 0.556,
    "«": 0.646,
    "·": 0.38,
    "»": 0.646,
    "Ä": 0.774,
    "Å": 0.774,
    "É": 0.683,
    "Ö": 0.85,
    "Ü": 0.812,
    "ä": 0.675,
    "å": 0.675,
    "é": 0.678,
    "ö": 0.687,
    "ü": 0.712,
    "–": 0.556,
    "—": 1.0,
    "’": 0.38,
    "”": 0.657,
    "…": 1.0,
}
_DEFAULT = 1.0  # a character not in the tables: wider than any measured one

WIDTH = 720  # the drawing's width in px; it is drawn at this size (never scaled down on screen)
_MARGIN = 14  # the axis starts this far from the left edge
_ROOM = 150  # px right of the axis kept for the last labels
_TEXT = 12.0  # px, the label text
_DATE = 11.0  # px, the label's date line (bold)
_LINE = 15.0  # px between baselines
_LABEL_MAX = 230.0  # px, the widest label text before it wraps
_PAD = 4.0  # px between a leader line and its label's text
_GAP = 6.0  # px kept free around labels
_FIRST = 14.0  # px from the axis to the nearest label
_YEARS = 22.0  # px below the axis kept for the year labels
_FONT = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif"
_ACCENT = "#0b3d6e"
_WARN = "#a4262c"
_INK = "#1c2430"


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` in px at font size `size`, from the measured tables."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(ch, _DEFAULT) for ch in text) * size


def wrap(text: str, size: float, limit: float, *, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `limit` px, broken at spaces (a longer word stays whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold=bold) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def state_word(ev: TimelineEntry) -> str:
    """ "genomfört", or the event's note ("planerat", "planerad, försenad", "kommande")."""
    return ev.note or ev.kind.agree("genomförd", "genomfört")


def event_text(ev: TimelineEntry) -> str:
    """What the label says about one event: its type and process, or its heading."""
    if ev.process_title:
        return f"{str(ev.kind).capitalize()}: {ev.process_title}"
    return ev.text


@dataclass
class Group:
    """The events of one date, drawn as one dot with one label."""

    date: PartialDate
    events: list[TimelineEntry]
    x: float = 0.0
    date_lines: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    width: float = 0.0
    height: float = 0.0
    above: bool = True
    offset: float = 0.0  # px from the axis to the label's near edge
    left: float = 0.0  # the label box's left edge

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def title(self) -> str:
        return "; ".join(
            f"{self.date.swedish()}: {ev.text} ({state_word(ev)})" for ev in self.events
        )


def _groups(events: list[TimelineEntry]) -> list[Group]:
    by_date: dict[tuple[dt.date, dt.date], Group] = {}
    for ev in events:
        key = (ev.date.start, ev.date.end)
        if key not in by_date:
            by_date[key] = Group(ev.date, [])
        by_date[key].events.append(ev)
    return sorted(by_date.values(), key=lambda g: (g.date.start, g.date.end))


def _measure(group: Group) -> None:
    limit = min(_LABEL_MAX, WIDTH - 2 - group.x - 2 * _PAD)
    notes = sorted({ev.note for ev in group.events if ev.note})
    date_line = group.date.swedish() + (f" · {', '.join(notes)}" if notes else "")
    group.date_lines = tuple(wrap(date_line, _DATE, limit, bold=True))
    lines: list[str] = []
    for ev in group.events:
        lines += wrap(event_text(ev), _TEXT, limit)
    group.lines = tuple(lines)
    widest = max(
        *(text_width(line, _TEXT) for line in lines),
        *(text_width(line, _DATE, bold=True) for line in group.date_lines),
    )
    group.width = widest + 2 * _PAD
    group.height = _LINE * (len(lines) + len(group.date_lines)) + 4
    # A word wider than the room left keeps the label inside the drawing: it starts earlier.
    group.left = max(1.0, min(group.x, WIDTH - 1 - group.width))


@dataclass(frozen=True)
class _Box:
    left: float
    right: float
    near: float  # px from the axis
    far: float


def _hits(a: _Box, b: _Box) -> bool:
    return (
        a.left < b.right + _GAP
        and b.left < a.right + _GAP
        and a.near < b.far + _GAP
        and b.near < a.far + _GAP
    )


def _line_hits(x: float, reach: float, box: _Box) -> bool:
    """A leader line at `x` from the axis out to `reach` runs through (or too near) `box`.

    A box's left edge is its own leader line, _PAD left of the text: a line may pass there.
    """
    return box.left - 0.5 < x < box.right + _GAP and box.near < reach


class _Side:
    """The labels and leader lines already placed on one side of the axis."""

    def __init__(self, obstacles: list[_Box]) -> None:
        self.boxes = list(obstacles)
        self.lines: list[tuple[float, float]] = []  # (x, reach)

    def fits(self, x: float, box: _Box) -> bool:
        if any(_hits(box, other) or _line_hits(x, box.near, other) for other in self.boxes):
            return False
        return not any(_line_hits(lx, reach, box) for lx, reach in self.lines)

    def offsets(self) -> list[float]:
        return sorted({_FIRST, *(b.far + _GAP + 1 for b in self.boxes if b.far >= _FIRST)})

    def add(self, x: float, box: _Box) -> None:
        self.boxes.append(box)
        self.lines.append((x, box.near))


def _best(group: Group, sides: dict[bool, _Side]) -> tuple[bool, float]:
    """The side and distance from the axis nearest the axis where the label fits."""
    best: tuple[float, int, bool] | None = None
    for above, side in sides.items():
        for offset in side.offsets():
            box = _Box(group.left, group.right, offset, offset + group.height)
            if side.fits(group.x, box):
                rank = (offset, len(side.boxes), above)
                best = rank if best is None or rank < best else best
                break
    if best is None:  # only when labels cover each other's dots both ways: outside all others
        side = sides[True]
        return True, max((b.far for b in side.boxes), default=0.0) + _GAP + 1
    return best[2], best[0]


def place(groups: list[Group], year_boxes: list[_Box]) -> None:
    """Give each group its side, distance from the axis and left edge (see the module doc)."""
    sides = {True: _Side([]), False: _Side(year_boxes)}
    for group in sorted(groups, key=lambda g: (-g.x, g.date.start)):
        group.above, group.offset = _best(group, sides)
        far = group.offset + group.height
        sides[group.above].add(group.x, _Box(group.left, group.right, group.offset, far))


def _e(text: str) -> str:
    return escape(text, quote=True)


def dot(happened: bool, late: bool, cx: float, cy: float) -> str:
    """The dot of an event: filled when done, open when not, a red ring when late."""
    fill = _ACCENT if happened else "#ffffff"
    stroke = _WARN if late else _ACCENT
    return (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}" stroke="{stroke}" '
        'stroke-width="2"/>'
    )


def legend_dot(happened: bool, late: bool) -> str:
    """A legend symbol that is the drawing's own dot."""
    return (
        '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">'
        + dot(happened, late, 7, 7)
        + "</svg>"
    )


class _Scale:
    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.lo = dt.date(first.year, 1, 1)
        self.hi = dt.date(last.year, 12, 31)
        self.span = (self.hi - self.lo).days or 1

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.lo), self.hi)
        return _MARGIN + (WIDTH - _MARGIN - _ROOM) * (day - self.lo).days / self.span


def _year_labels(scale: _Scale) -> list[tuple[int, float, _Box]]:
    out = []
    for year in range(scale.lo.year, scale.hi.year + 1):
        mid = scale.x(dt.date(year, 7, 1))
        half = text_width(str(year), _DATE) / 2 + 2
        out.append((year, mid, _Box(mid - half, mid + half, 5, _YEARS - 2)))
    return out


def _gaps(
    x: float, top: float, bottom: float, boxes: list[tuple[float, float, float, float]]
) -> list[tuple[float, float]]:
    """The stretches of a vertical line at `x` from `top` to `bottom` that cross no box."""
    cuts = sorted((y0 - 3, y1 + 3) for x0, x1, y0, y1 in boxes if x0 - 3 <= x <= x1 + 3)
    out = []
    y = top
    for y0, y1 in cuts:
        if y0 > y:
            out.append((y, y0))
        y = max(y, y1)
    if bottom > y:
        out.append((y, bottom))
    return [(y0, y1) for y0, y1 in out if y1 - y0 >= 4]


def _label_svg(group: Group, axis: float) -> tuple[str, tuple[float, float, float, float]]:
    top = axis - group.offset - group.height if group.above else axis + group.offset
    near = axis - group.offset if group.above else axis + group.offset
    start = axis - 7 if group.above else axis + 7
    reach = near + 2 if group.above else near - 2
    tx = group.left + _PAD
    late = any(ev.overdue for ev in group.events)
    rows = [
        (line, _DATE, _WARN if late else _ACCENT, ' font-weight="700"') for line in group.date_lines
    ]
    rows += [(line, _TEXT, _INK, "") for line in group.lines]
    spans = [
        f'<tspan x="{tx:.1f}" y="{top + 13 + i * _LINE:.1f}" font-size="{size}"{weight} '
        f'fill="{fill}">{_e(line)}</tspan>'
        for i, (line, size, fill, weight) in enumerate(rows)
    ]
    svg = (
        f"<g><title>{_e(group.title)}</title>"
        f'<line x1="{group.x:.1f}" y1="{start:.1f}" x2="{group.x:.1f}" y2="{reach:.1f}" '
        'stroke="#8a97a8" stroke-width="1"/>'
        f"<text>{''.join(spans)}</text></g>"
    )
    return svg, (group.left, group.right, top, top + group.height)


def svg_timeline(report: Report) -> str:
    """The report's events on a time axis (see the module doc); "" when there are none."""
    events = report.timeline
    if not events:
        return ""
    scale = _Scale(
        min(ev.date.start for ev in events),
        max(max(ev.date.end for ev in events), report.period.end, report.as_of),
    )
    groups = _groups(events)
    for group in groups:
        group.x = scale.x(group.date.start + (group.date.end - group.date.start) / 2)
        _measure(group)
    years = _year_labels(scale)
    place(groups, [box for _, _, box in years])
    above = max([g.offset + g.height for g in groups if g.above], default=0.0)
    below = max([g.offset + g.height for g in groups if not g.above] + [_YEARS])
    axis = round(above + 8)
    height = round(axis + below + 8)
    first, last = events[0].date.swedish(), events[-1].date.swedish()
    summary = (
        f"Tidslinje {first} – {last}: {len(events)} händelser, "
        f"{report.period.text} markerad; samma händelser står som text i listan under bilden."
    )
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="tl-title" font-family="{_FONT}">'
        f'<title id="tl-title">{_e(summary)}</title>'
    ]
    p0, p1 = scale.x(report.period.start), scale.x(report.period.end)
    parts.append(
        f'<rect x="{p0:.1f}" y="0" width="{max(p1 - p0, 2):.1f}" height="{height}" fill="#e8eef6"/>'
    )
    parts.append(
        f'<line x1="{_MARGIN - 8}" y1="{axis}" x2="{WIDTH - _ROOM + 8}" y2="{axis}" '
        'stroke="#6b7787" stroke-width="1.5"/>'
    )
    texts: list[tuple[float, float, float, float]] = []
    for year, mid, box in years:
        tick = scale.x(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{tick:.1f}" y1="{axis - 4}" x2="{tick:.1f}" y2="{axis + 4}" '
            'stroke="#6b7787"/>'
            f'<text x="{mid:.1f}" y="{axis + 16}" font-size="{_DATE}" fill="#4a5566" '
            f'text-anchor="middle">{year}</text>'
        )
        texts.append((box.left, box.right, axis + box.near, axis + box.far))
    for group in groups:
        svg, box_y = _label_svg(group, axis)
        parts.append(svg)
        texts.append(box_y)
    ax = scale.x(report.as_of)
    for y0, y1 in _gaps(ax, 0, height, texts):
        parts.append(
            f'<line class="asof" x1="{ax:.1f}" y1="{y0:.1f}" x2="{ax:.1f}" y2="{y1:.1f}" '
            f'stroke="{_WARN}" stroke-dasharray="3 3" stroke-width="1"/>'
        )
    for group in groups:
        happened = all(ev.happened for ev in group.events)
        parts.append(dot(happened, any(ev.overdue for ev in group.events), group.x, axis))
    parts.append("</svg>")
    return "".join(parts)


def timeline_list(report: Report) -> str:
    """The drawing's events as a table a reader (and a screen reader) can read on any screen."""
    if not report.timeline:
        return ""
    rows = "".join(
        f'<tr><td class="date">{_e(ev.date.swedish())}</td><td>{_e(ev.text)}</td>'
        f'<td class="{"late" if ev.overdue else ""}">{_e(state_word(ev))}</td></tr>'
        for ev in report.timeline
    )
    return (
        '<table class="tl-list"><caption>Tidslinjens händelser</caption><thead><tr>'
        '<th scope="col">När</th><th scope="col">Vad</th><th scope="col">Läge</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
