"""The status report as the slide deck the committee sees: PowerPoint, through python-pptx.

Slides follow the committee's own deck: a title slide (provenance in its
notes), the background as a drawn timeline, each ongoing assignment, each
governance document in progress with its milestones drawn, what happened and
what comes next, warnings, and the closing slide with the contact. Every text
is a real text frame (placeholders or text boxes, lists as bullet paragraphs)
so that the official edits the deck in PowerPoint or Impress.

With a template (`--mall`, a .pptx or .potx) its masters, layouts, theme and
colours are used: layouts are picked by their usual names, Swedish or English.
Texts are measured (`textfit`) and wrapped; what does not fit goes on to a
following slide titled "… (forts.)", never below 18 pt.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from styrning.core.model import Contact
from styrning.render.textfit import EMU_PER_PT, SAFETY, line_height, text_width, wrap
from styrning.views.report import Milestone, Report, ReportAssignment, ReportDocument

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import Slide, SlideLayout

PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
POTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"

EMU_PER_INCH = 914400
WIDE = (12192000, 6858000)  # 16:9, 13.333 × 7.5 in

TITLE_PT = 32.0
TITLE_MIN_PT = 24.0
BODY_PT = 20.0
SMALL_PT = 18.0  # the least any text on a slide is set in
GAP_PT = 6.0  # space before a paragraph
BULLET_INDENT_PT = 22.0
INSET_X = 0.1 * EMU_PER_INCH
INSET_Y = 0.05 * EMU_PER_INCH

# The layouts the deck uses, by the names PowerPoint gives them in Swedish and English.
LAYOUT_NAMES: dict[str, tuple[str, str]] = {
    "title": ("Rubrikbild", "Title Slide"),
    "content": ("Rubrik och innehåll", "Title and Content"),
    "section": ("Avsnittsrubrik", "Section Header"),
}

CLOSING_TITLE = "Tack! Frågor/kommentarer"
BACKGROUND_TITLE = "Bakgrund Styrberedningen"
FORTS = " (forts.)"


class TemplateError(Exception):
    """The template cannot be used as one; the message (Swedish) says why."""


# ---------------------------------------------------------------- the template


def _as_presentation(data: bytes) -> bytes:
    """A .potx's package with its main part typed as a presentation, so python-pptx opens it."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        types = zin.read("[Content_Types].xml")
    except zipfile.BadZipFile:
        raise TemplateError("är ingen PowerPoint-fil (inte ett zip-arkiv)") from None
    except KeyError:
        raise TemplateError("är ingen PowerPoint-fil (saknar [Content_Types].xml)") from None
    if POTX_MAIN.encode() not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            raw = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                raw = raw.replace(POTX_MAIN.encode(), PPTX_MAIN.encode())
            zout.writestr(item, raw)
    return out.getvalue()


def open_template(data: bytes) -> PresentationT:
    """The presentation a template (.pptx or .potx bytes) holds, with its slides removed."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(_as_presentation(data)))
    except TemplateError:
        raise
    except zipfile.BadZipFile as exc:
        raise TemplateError(f"är ett trasigt zip-arkiv ({exc})") from None
    except Exception as exc:  # python-pptx reports a broken package in many ways
        raise TemplateError(f"kan inte läsas som en PowerPoint-presentation ({exc})") from None
    if not len(prs.slide_layouts):
        raise TemplateError("har inga layouter")
    _remove_slides(prs)
    return prs


def _remove_slides(prs: PresentationT) -> None:
    """Drop the template's own slides: the deck starts empty, with the template's layouts."""
    from pptx.oxml.ns import qn

    ids = prs.slides._sldIdLst
    pres = prs.part._element
    for sld in list(ids):
        rid = sld.get(qn("r:id"))
        ids.remove(sld)
        # a custom show naming the slide would keep it (and its part) alive
        for show in pres.findall(qn("p:custShowLst")):
            pres.remove(show)
        prs.part.drop_rel(rid)


# ---------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def inner_width_pt(self) -> float:
        return (self.width - 2 * INSET_X) / EMU_PER_PT

    @property
    def inner_height_pt(self) -> float:
        return (self.height - 2 * INSET_Y) / EMU_PER_PT

    def below(self, height: int) -> Box:
        """What is left of the box under its top `height`."""
        return Box(self.left, self.top + height, self.width, self.height - height)


def _builtin_boxes(kind: str, width: int, height: int) -> tuple[Box, Box]:
    """(title, body) boxes of the built-in look, in proportion to the slide."""
    margin = round(width * 0.05)
    inner = width - 2 * margin
    if kind == "title":
        return (
            Box(margin, round(height * 0.24), inner, round(height * 0.24)),
            Box(margin, round(height * 0.52), inner, round(height * 0.26)),
        )
    if kind == "section":
        return (
            Box(margin, round(height * 0.22), inner, round(height * 0.2)),
            Box(margin, round(height * 0.46), inner, round(height * 0.44)),
        )
    top = round(height * 0.22)
    return (
        Box(margin, round(height * 0.05), inner, round(height * 0.15)),
        Box(margin, top, inner, height - top - round(height * 0.06)),
    )


def _clamped(box: Box, width: int, height: int) -> Box:
    left = min(max(box.left, 0), width)
    top = min(max(box.top, 0), height)
    return Box(left, top, min(box.width, width - left), min(box.height, height - top))


# ---------------------------------------------------------------- paragraphs


@dataclass(frozen=True)
class Para:
    """One paragraph of a text frame, as the deck sets it."""

    text: str
    size: float = BODY_PT
    bold: bool = False
    italic: bool = False
    bullet: bool = False
    cont: bool = False  # the rest of a bullet cut at a slide's end: indented, no bullet
    space_before: float = GAP_PT
    keep_with_next: bool = False  # a heading: never last on a slide

    @property
    def indent_pt(self) -> float:
        return BULLET_INDENT_PT if self.bullet or self.cont else 0.0

    def lines(self, width_pt: float) -> list[str]:
        return wrap(self.text, width_pt - self.indent_pt, self.size, self.bold)

    def height(self, width_pt: float) -> float:
        return self.space_before + len(self.lines(width_pt)) * line_height(self.size)


def heading(text: str) -> Para:
    return Para(text, bold=True, keep_with_next=True, space_before=12.0)


def body(text: str, **kw: Any) -> Para:
    return Para(" ".join(text.split()), **kw)


def bullet(text: str, **kw: Any) -> Para:
    return Para(" ".join(text.split()), bullet=True, **kw)


def split_para(p: Para, max_lines: int, width_pt: float) -> tuple[Para, Para]:
    """`p` cut after at most `max_lines` wrapped lines: the head (fits) and the rest."""
    words = p.text.split(" ")
    lo, hi = 0, len(words)  # the most words whose wrap takes at most max_lines lines
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(dataclasses.replace(p, text=" ".join(words[:mid])).lines(width_pt)) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    if lo > 0:
        head, rest = " ".join(words[:lo]), " ".join(words[lo:])
    else:  # one word longer than the lines: cut it
        chars = len(p.text)
        clo, chi = 1, chars - 1
        while clo < chi:
            mid = (clo + chi + 1) // 2
            fits = len(dataclasses.replace(p, text=p.text[:mid]).lines(width_pt)) <= max_lines
            clo, chi = (mid, chi) if fits else (clo, mid - 1)
        head, rest = p.text[:clo], p.text[clo:]
    tail = dataclasses.replace(
        p, text=rest, bullet=False, cont=p.bullet or p.cont, space_before=0.0
    )
    return dataclasses.replace(p, text=head), tail


def paginate(paras: Sequence[Para], width_pt: float, first: float, rest: float) -> list[list[Para]]:
    """`paras` laid into frames of `first` then `rest` points' height, cut where needed."""
    pages: list[list[Para]] = [[]]
    room = first
    queue = list(paras)
    while queue:
        p = queue.pop(0)
        need = p.height(width_pt)
        nxt = queue[0] if queue else None
        if need <= room and not (
            p.keep_with_next
            and nxt is not None
            and need + nxt.space_before + line_height(nxt.size) > room
            and pages[-1]
        ):
            pages[-1].append(p)
            room -= need
            continue
        fit = int((room - p.space_before) // line_height(p.size))
        # a fresh frame helps when this one holds something, or is smaller (under a drawing)
        if (pages[-1] or room < rest) and (p.keep_with_next or fit < 1):
            pages.append([])
            room = rest
            queue.insert(0, p)
            continue
        if fit < 1:  # not even an empty frame holds one line: set it anyway, alone
            pages[-1].append(p)
            pages.append([])
            room = rest
            continue
        head, tail = split_para(p, fit, width_pt)
        pages[-1].append(head)
        pages.append([])
        room = rest
        queue.insert(0, tail)
    # the first frame may stay empty (a drawing filled its slide); no empty frame after it
    return [pages[0], *(page for page in pages[1:] if page)]


# ---------------------------------------------------------------- writing text


def _set_paragraphs(
    tf: Any, paras: Sequence[Para], inset_y: float = INSET_Y, top: bool = True
) -> None:
    """Fill a text frame: no autofit, wrapped, fixed insets, exact line spacing, real bullets.

    `top`: the text starts at the top of the frame (a title keeps the layout's anchoring).
    """
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement
    from pptx.util import Emu, Pt

    tf.clear()
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = Emu(round(INSET_X))
    tf.margin_top = tf.margin_bottom = Emu(round(inset_y))
    if top:
        tf.vertical_anchor = MSO_ANCHOR.TOP
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.line_spacing = Pt(line_height(para.size))
        p.space_before = Pt(para.space_before)
        p.space_after = Pt(0)
        ppr = p._p.get_or_add_pPr()
        indent = round(para.indent_pt * EMU_PER_PT)
        ppr.set("marL", str(indent))
        ppr.set("indent", str(-indent if para.bullet else 0))
        for old in ppr.findall(qn("a:buNone")) + ppr.findall(qn("a:buChar")):
            ppr.remove(old)
        mark = OxmlElement("a:buChar" if para.bullet else "a:buNone")
        if para.bullet:
            mark.set("char", "•")
        ppr.append(mark)
        run = p.add_run()
        run.text = para.text
        run.font.size = Pt(para.size)
        run.font.bold = para.bold
        run.font.italic = para.italic


def _textbox(slide: Slide, box: Box) -> Any:
    from pptx.util import Emu

    return slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))


def _line(slide: Slide, x1: int, y1: int, x2: int, y2: int) -> None:
    """A timeline's line, in the theme's first accent colour (the template's, with --mall)."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Emu, Pt

    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x1), Emu(y1), Emu(x2), Emu(y2))
    line.line.color.theme_color = MSO_THEME_COLOR.ACCENT_1
    line.line.width = Pt(2.25)


def _dot(slide: Slide, cx: int, cy: int, size: int, filled: bool) -> None:
    """A timeline's marker centred on (cx, cy): filled for a step taken, a ring for one planned."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Pt

    dot = slide.shapes.add_shape(
        MSO_SHAPE.OVAL, Emu(cx - size // 2), Emu(cy - size // 2), Emu(size), Emu(size)
    )
    dot.fill.solid()
    color = MSO_THEME_COLOR.ACCENT_1 if filled else MSO_THEME_COLOR.BACKGROUND_1
    dot.fill.fore_color.theme_color = color
    dot.line.color.theme_color = MSO_THEME_COLOR.ACCENT_1
    dot.line.width = Pt(2.25)


def _body_placeholder(slide: Slide) -> Any:
    """The placeholder the slide's text goes in: the body (idx 1) as in PowerPoint's own
    layouts, else the largest text placeholder a custom layout has besides the title."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
    found = [
        ph for ph in slide.placeholders if ph.has_text_frame and ph.placeholder_format.type in kinds
    ]
    for ph in found:
        if ph.placeholder_format.idx == 1:
            return ph
    sized = [ph for ph in found if ph.width is not None and ph.height is not None]
    return max(sized, key=lambda ph: int(ph.width) * int(ph.height), default=None)


def _widen(prs: PresentationT, factor: float) -> None:
    """Stretch the master's and layouts' own shapes sideways: the built-in template is
    4:3, the deck 16:9, and a slide reset to its layout must still fit the slide."""
    from pptx.oxml.ns import qn

    parts = [prs.slide_master, *prs.slide_layouts]
    for part in parts:
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x", "0")) * factor)))
                ext.set("cx", str(round(int(ext.get("cx", "0")) * factor)))


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = box.left, box.top, box.width, box.height


def fit_title(text: str, box: Box, suffix: str = "") -> tuple[str, float, bool]:
    """The title as set in `box`: (text, size, cut). Smaller down to 24 pt, then cut with "…"."""
    width, height = box.inner_width_pt, box.inner_height_pt
    size = TITLE_PT
    while size >= TITLE_MIN_PT:
        lines = wrap(text + suffix, width, size, bold=False)
        if len(lines) * line_height(size) <= height:
            return text + suffix, size, False
        size -= 2
    size = TITLE_MIN_PT
    words = text.split(" ")
    n = len(words)
    while n > 1:
        n -= 1
        candidate = " ".join(words[:n]).rstrip(" ,.;:–-") + "…" + suffix
        if len(wrap(candidate, width, size)) * line_height(size) <= height:
            return candidate, size, True
    return (text[:20] + "…" + suffix), size, True


# ---------------------------------------------------------------- the deck


class Deck:
    """A presentation being built, with the layouts it uses and their boxes."""

    def __init__(self, prs: PresentationT, builtin: bool) -> None:
        self.prs = prs
        self.builtin = builtin
        self.warnings: list[str] = []
        self.width = int(prs.slide_width or WIDE[0])
        self.height = int(prs.slide_height or WIDE[1])
        self.layouts: dict[str, SlideLayout] = {}
        for kind in LAYOUT_NAMES:
            self.layouts[kind] = self._layout(kind)

    def _layout(self, kind: str) -> SlideLayout:
        wanted = {n.casefold() for n in LAYOUT_NAMES[kind]}
        layouts = list(self.prs.slide_layouts)
        for layout in layouts:
            if layout.name.strip().casefold() in wanted:
                return layout
        fallback = self._fallback(kind, layouts)
        sv, en = LAYOUT_NAMES[kind]
        self.warnings.append(
            f"mallen saknar layouten ”{sv}” (”{en}”) – använder ”{fallback.name}” i stället"
        )
        return fallback

    def _fallback(self, kind: str, layouts: list[SlideLayout]) -> SlideLayout:
        from pptx.enum.shapes import PP_PLACEHOLDER

        def has(layout: Any, *types: Any) -> bool:
            return any(ph.placeholder_format.type in types for ph in layout.placeholders)

        if kind == "title":
            found = [lay for lay in layouts if has(lay, PP_PLACEHOLDER.CENTER_TITLE)]
            if found:
                return found[0]
        if kind == "section" and "content" in self.layouts:
            return self.layouts["content"]
        found = [
            lay
            for lay in layouts
            if has(lay, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            and has(lay, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
        ]
        if found:
            return found[0]
        found = [lay for lay in layouts if has(lay, PP_PLACEHOLDER.TITLE)]
        return found[0] if found else layouts[0]

    def _boxes(self, kind: str, slide: Slide) -> tuple[Any, Box, Any, Box]:
        """The slide's title and body shapes (None when the layout has none) and their boxes."""
        title_box, body_box = _builtin_boxes(kind, self.width, self.height)
        title_shape = slide.shapes.title
        body_shape = _body_placeholder(slide)
        if not self.builtin:
            title_box = self._box_of(title_shape, title_box)
            body_box = self._box_of(body_shape, body_box)
        # everything else the layout puts on the slide stays off it: the deck fills what it uses
        keep = {id(s._element) for s in (title_shape, body_shape) if s is not None}
        for ph in list(slide.placeholders):
            if id(ph._element) not in keep:
                ph._element.getparent().remove(ph._element)
        return title_shape, title_box, body_shape, body_box

    def _box_of(self, shape: Any, default: Box) -> Box:
        if shape is None or None in (shape.left, shape.top, shape.width, shape.height):
            return default
        box = _clamped(
            Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height)),
            self.width,
            self.height,
        )
        # a box too small for one line of text is no box to write in
        min_h = 2 * INSET_Y + line_height(TITLE_MIN_PT) * EMU_PER_PT
        return box if box.height >= min_h and box.width >= EMU_PER_INCH else default

    def _new(self, kind: str) -> tuple[Slide, Any, Box, Any, Box]:
        slide = self.prs.slides.add_slide(self.layouts[kind])
        return (slide, *self._boxes(kind, slide))

    def _title(self, slide: Slide, shape: Any, box: Box, text: str, suffix: str = "") -> bool:
        """Set the slide's title in `box`; True when it had to be cut."""
        shown, size, cut = fit_title(text, box, suffix)
        if shape is None:
            shape = _textbox(slide, box)
        _place(shape, box)
        _set_paragraphs(shape.text_frame, [Para(shown, size=size, space_before=0.0)], top=False)
        return cut

    def _text(
        self, slide: Slide, shape: Any, box: Box, paras: Sequence[Para], inset_y: float = INSET_Y
    ) -> None:
        if shape is None:
            shape = _textbox(slide, box)
        _place(shape, box)
        _set_paragraphs(shape.text_frame, paras, inset_y)

    @staticmethod
    def _drop(shape: Any) -> None:
        if shape is not None:
            shape._element.getparent().remove(shape._element)

    # ------------------------------------------------------------ slide kinds

    def content(
        self,
        title: str,
        paras: Sequence[Para],
        kind: str = "content",
        drawing: Callable[[Slide, Box], int] | None = None,
        continued: bool = False,
    ) -> None:
        """Title and paragraphs, continued on as many slides as they need.

        `drawing` draws on the first slide at the top of the body box and returns the
        height it took; the paragraphs follow below it. `continued`: the first slide
        already continues an earlier one, and is titled so.
        """
        first_slide, t_shape, t_box, b_shape, b_box = self._new(kind)
        cut = fit_title(title, t_box, FORTS if continued else "")[2]
        if cut:  # the whole title, where it can be read
            paras = [Para(title, bold=True, space_before=0.0), *paras]
        used = 0
        if drawing is not None:
            used = drawing(first_slide, b_box)
        width = b_box.inner_width_pt
        first_room = b_box.below(used).inner_height_pt if used else b_box.inner_height_pt
        pages = paginate(paras, width, first_room, b_box.inner_height_pt)
        for i, page in enumerate(pages):
            if i == 0:
                slide, ts, bs = first_slide, t_shape, b_shape
                box = b_box.below(used) if used else b_box
            else:
                slide, ts, _, bs, _ = self._new(kind)
                box = b_box
            self._title(slide, ts, t_box, title, FORTS if i or continued else "")
            if page and box.height > 0:
                self._text(slide, bs, box, page)
            else:
                self._drop(bs)

    def title_slide(self, report: Report, notes: list[str]) -> None:
        from styrning.core.dates import PartialDate

        slide, t_shape, t_box, b_shape, b_box = self._new("title")
        cut = self._title(slide, t_shape, t_box, report.title)
        lines = [report.title] if cut else []
        if report.organisation:
            lines.append(report.organisation)
        day = report.as_of
        lines.append(f"Uppgifter per {PartialDate(day.year, day.month, day.day).swedish()}")
        width, height = b_box.inner_width_pt, b_box.inner_height_pt
        for size in (24.0, BODY_PT, SMALL_PT):
            paras = [body(line, size=size, space_before=0.0) for line in lines]
            pages = paginate(paras, width, height, height)
            if len(pages) == 1:
                break
        self._text(slide, b_shape, b_box, pages[0])
        # what even 18 pt cannot hold is kept in the notes, before the provenance
        rest = [p.text for page in pages[1:] for p in page]
        notes_frame = slide.notes_slide.notes_text_frame
        if notes_frame is not None:
            notes_frame.text = "\n".join([*rest, *notes])

    def timeline(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        """Dated steps as a drawn vertical timeline: marker, date beside it, then the text."""
        size = SMALL_PT
        lh = line_height(size) * EMU_PER_PT
        pad = 0  # rows are set without top and bottom insets: the gap between them is the air
        gap = round(0.1 * EMU_PER_INCH)
        # the date column as wide as the widest date needs, at most a third of the slide
        widest = max((text_width(d, size, True) for d, _ in rows), default=0.0) / SAFETY
        date_w = round((widest + 2) * EMU_PER_PT + 2 * INSET_X)
        date_w = min(date_w, self.width // 3)

        def geometry(box: Box) -> tuple[int, int, int]:
            line_x = box.left + round(0.15 * EMU_PER_INCH)
            date_x = box.left + round(0.4 * EMU_PER_INCH)
            text_x = date_x + date_w + round(0.1 * EMU_PER_INCH)
            return line_x, date_x, text_x

        # lay the rows out on slides, cutting a text taller than a slide
        slide, t_shape, t_box, b_shape, b_box = self._new("content")
        self._drop(b_shape)
        box = b_box
        line_x, date_x, text_x = geometry(box)
        text_w = box.left + box.width - text_x
        date_pt = (date_w - 2 * INSET_X) / EMU_PER_PT
        text_pt = (text_w - 2 * INSET_X) / EMU_PER_PT
        max_lines = max(1, int((box.height - pad) // lh))
        pending = [(d, Para(t, size=size, space_before=0.0)) for d, t in rows]
        pages: list[list[tuple[str, Para, int]]] = [[]]
        room = box.height
        while pending:
            date, para = pending.pop(0)
            n = max(len(para.lines(text_pt)), len(wrap(date, date_pt, size, True)))
            h = round(n * lh + pad)
            if h <= room:
                pages[-1].append((date, para, h))
                room -= h + gap
                continue
            fit = int((room - pad) // lh)
            if fit < 1 or (pages[-1] and fit < 2):
                pages.append([])
                room = box.height
                pending.insert(0, (date, para))
                continue
            head, tail = split_para(para, min(fit, max_lines), text_pt)
            pages[-1].append((date, head, round(fit * lh + pad)))
            pages.append([])
            room = box.height
            pending.insert(0, ("", dataclasses.replace(tail, cont=False)))
        pages = [p for p in pages if p]
        for i, page in enumerate(pages):
            if i:
                slide, t_shape, _, b_shape, _ = self._new("content")
                self._drop(b_shape)
            self._title(slide, t_shape, t_box, title, FORTS if i else "")
            self._draw_rows(slide, page, box, line_x, date_x, date_w, text_x, text_w, gap, lh)

    def _draw_rows(
        self,
        slide: Slide,
        rows: list[tuple[str, Para, int]],
        box: Box,
        line_x: int,
        date_x: int,
        date_w: int,
        text_x: int,
        text_w: int,
        gap: int,
        lh: float,
    ) -> None:
        marker = round(0.2 * EMU_PER_INCH)
        centers: list[int] = []
        top = box.top
        tops = []
        for _, _, h in rows:
            tops.append(top)
            centers.append(top + round(lh / 2))
            top += h + gap
        if len(centers) > 1:
            _line(slide, line_x, centers[0], line_x, centers[-1])
        for (date, para, h), y, c in zip(rows, tops, centers, strict=True):
            if date:
                _dot(slide, line_x, c, marker, filled=True)
                self._text(
                    slide,
                    None,
                    Box(date_x, y, date_w, h),
                    [Para(date, size=para.size, bold=True, space_before=0.0)],
                    inset_y=0,
                )
            self._text(slide, None, Box(text_x, y, text_w, h), [para], inset_y=0)

    def milestone_strip(self, milestones: Sequence[Milestone]) -> Callable[[Slide, Box], int]:
        """A drawing of up to four milestones in a row: markers on a line, labels below."""

        def draw(slide: Slide, box: Box) -> int:
            from pptx.enum.text import PP_ALIGN

            n = len(milestones)
            col = box.width // n
            marker = round(0.3 * EMU_PER_INCH)
            line_y = box.top + round(0.3 * EMU_PER_INCH)
            label_top = line_y + marker
            labels = [Para(m.text, size=SMALL_PT, bold=True, space_before=0.0) for m in milestones]
            width_pt = (col - 2 * INSET_X) / EMU_PER_PT
            lh = line_height(SMALL_PT) * EMU_PER_PT
            label_h = round(max(len(p.lines(width_pt)) for p in labels) * lh + 2 * INSET_Y)
            _line(slide, box.left, line_y, box.left + box.width, line_y)
            for i, (m, label) in enumerate(zip(milestones, labels, strict=True)):
                cx = box.left + col * i + col // 2
                # done: a filled marker; planned: an open ring
                _dot(slide, cx, line_y, marker, filled=m.event.happened)
                shape = _textbox(slide, Box(box.left + col * i, label_top, col, label_h))
                _set_paragraphs(shape.text_frame, [label])
                shape.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
            return label_top - box.top + label_h + round(0.15 * EMU_PER_INCH)

        return draw


# ---------------------------------------------------------------- the report's slides


def _contact_paras(contacts: Sequence[Contact]) -> list[Para]:
    out: list[Para] = []
    for c in contacts:
        out.append(body(c.name + (f", {c.role}" if c.role else ""), bold=True, space_before=12.0))
        if c.phone:
            out.append(body(f"Telefon: {c.phone}", space_before=0.0))
        if c.email:
            out.append(body(f"E-post: {c.email}", space_before=0.0))
    return out


def _assignment(deck: Deck, a: ReportAssignment) -> None:
    paras = [body(f"Status: {a.state}", italic=True, size=SMALL_PT, space_before=0.0)]
    if a.purpose:
        paras += [heading("Syfte"), body(a.purpose)]
    if a.clients:
        paras += [heading("Uppdragsgivare/beställare"), body(a.clients_text)]
    if a.contacts:
        paras += [heading("Kontakt"), *_contact_paras(a.contacts)]
    deck.content(f"Uppdrag: {a.title}", paras)

    if a.scope or a.focus:
        paras = [body(a.scope, space_before=0.0)] if a.scope else []
        if a.focus:
            paras += [heading(a.focus_heading), *(bullet(f) for f in a.focus)]
        deck.content(f"{a.title} – innehåll", paras)
    if a.boundaries:
        deck.content(
            f"{a.title} – avgränsning",
            [heading("Avgränsning"), *(bullet(b) for b in a.boundaries)],
        )
    if a.phases or a.milestones:
        paras = []
        if a.phases:
            paras.append(heading(a.phases_heading))
            for ph in a.phases:
                text = ph.name
                dates = " – ".join(d.swedish() for d in (ph.start, ph.end) if d is not None)
                if dates:
                    text += f" ({dates})"
                if ph.current:
                    text += " – pågår nu"
                paras.append(bullet(text, bold=ph.current))
        if a.milestones:
            paras.append(heading("Milstolpar"))
            paras += [
                bullet(m.text + (f": {m.event.heading}" if m.event.heading else ""))
                for m in a.milestones
            ]
        deck.content(f"{a.title} – faser", paras)


def _document(deck: Deck, d: ReportDocument) -> None:
    paras = [
        body(f"{d.kind.capitalize()} · {d.state}", italic=True, size=SMALL_PT, space_before=0.0)
    ]
    if d.subtitle:
        paras.append(body(d.subtitle, bold=True))
    if d.context:
        paras.append(body(d.context))
    if d.description:
        paras.append(body(d.description))
    if d.goals:
        paras += [heading("Inriktningsmål"), *(bullet(g) for g in d.goals)]
    if d.contacts:
        paras += [heading("Kontakt"), *_contact_paras(d.contacts)]
    deck.content(d.title, paras)
    for start in range(0, len(d.milestones), 4):
        chunk = d.milestones[start : start + 4]
        notes: list[Para] = []
        for m in chunk:
            if m.event.heading or m.event.description:
                notes.append(heading(m.text + (f": {m.event.heading}" if m.event.heading else "")))
                if m.event.description:
                    notes.append(body(m.event.description))
        deck.content(
            f"{d.title} – tidplan",
            notes,
            drawing=deck.milestone_strip(chunk),
            continued=start > 0,
        )


def _event_line(text: str, date: str, bodyname: str | None, note: str) -> str:
    line = f"{date}: {text}"
    if bodyname:
        line += f" ({bodyname})"
    return f"{line} – {note}" if note else line


def build_deck(report: Report, template: bytes | None = None) -> tuple[bytes, list[str]]:
    """The deck as .pptx bytes, and the warnings (Swedish) about the template."""
    from pptx import Presentation
    from pptx.util import Emu

    if template is None:
        prs = Presentation()
        _widen(prs, WIDE[0] / int(prs.slide_width or WIDE[0]))
        prs.slide_width, prs.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
        deck = Deck(prs, builtin=True)
    else:
        deck = Deck(open_template(template), builtin=False)

    notes = [*report.provenance]
    if report.hidden_note:
        notes.append(report.hidden_note)
    deck.title_slide(report, notes)

    if report.data_errors:
        deck.content("Fel i underlaget", [bullet(line) for line in report.data_errors.lines()])

    rows = [(e.date_text, e.text + (f" – {e.note}" if e.note else "")) for e in report.background]
    if rows:
        deck.timeline(BACKGROUND_TITLE, rows)
    else:
        deck.content(BACKGROUND_TITLE, [body("Inga tidigare steg.", space_before=0.0)])

    for a in report.assignments:
        _assignment(deck, a)
    for d in report.documents:
        _document(deck, d)

    paras = [heading(f"Under {report.period.text}")]
    paras += [bullet(_event_line(e.text, e.date_text, e.body, e.note)) for e in report.during] or [
        body("Inget registrerat under perioden.")
    ]
    paras.append(heading("Härnäst"))
    paras += [bullet(_event_line(e.text, e.date_text, e.body, e.note)) for e in report.coming] or [
        body("Inget planerat.")
    ]
    if report.hidden_note:
        paras.append(body(report.hidden_note, italic=True, size=SMALL_PT))
    deck.content("Under perioden och härnäst", paras)

    if report.warnings:
        deck.content("Att uppmärksamma", [bullet(w) for w in report.warnings])

    deck.content(CLOSING_TITLE, _contact_paras(report.contacts), kind="section")

    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue(), deck.warnings


def render_pptx(report: Report, template: bytes | None = None) -> bytes:
    """The deck as .pptx bytes (template warnings dropped; `build_deck` returns them)."""
    return build_deck(report, template)[0]
