"""The status report as a slide deck: read back with python-pptx, checked in LibreOffice.

The facts are the seed deck's ("Styrberedningen – status våren 2022"); the
room each text takes is computed with the same metric the renderer uses
(`render/textfit.py`), from what is in the file: each frame's size, insets,
paragraph indents, font sizes and line spacing.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.cli import app
from styrning.render.report_pptx import (
    BODY_PT,
    POTX_MAIN,
    PPTX_MAIN,
    Para,
    paginate,
    split_para,
)
from styrning.render.textfit import SAFETY, line_height, text_width, wrap
from styrning.views.report import count_word

runner = CliRunner()

EMU_PER_PT = 12700

PROJECT_TITLES = [
    "Styrberedningen – status våren 2022",
    "Bakgrund Styrberedningen",
    "Uppdrag: Dialog och demokratiutveckling",
    "Dialog och demokratiutveckling – innehåll",
    "Dialog och demokratiutveckling – avgränsning",
    "Dialog och demokratiutveckling – faser",
    "Program för social hållbarhet",
    "Program för social hållbarhet – tidplan",
    "Under perioden och härnäst",
    "Tack! Frågor/kommentarer",
]


def make_deck(tmp_path: Path, *args: str, root: Path = PROJECT, name: str = "status.pptx") -> Any:
    out = tmp_path / name
    result = runner.invoke(
        app, ["report", "våren 2022", "--root", str(root), "-o", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    return Presentation(str(out)), result


def title_of(slide: Any) -> str:
    return str(slide.shapes.title.text_frame.text)


def texts(slide: Any) -> list[str]:
    """Every paragraph of every text frame on the slide, in shape order."""
    return [
        p.text
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
    ]


def slide_text(slide: Any) -> str:
    return " ".join(texts(slide))


def slide_titled(prs: Any, title: str) -> Any:
    (slide,) = [s for s in prs.slides if title_of(s) == title]
    return slide


def assert_inside(prs: Any) -> None:
    width, height = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            where = f"bild {n} ({title_of(slide)}): {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width, where
            assert shape.top + shape.height <= height, where


def frame_need(shape: Any) -> tuple[float, float]:
    """(points the text needs, points the frame holds), by the metric, from the file."""
    tf = shape.text_frame
    inner_w = (shape.width - tf.margin_left - tf.margin_right) / EMU_PER_PT
    inner_h = (shape.height - tf.margin_top - tf.margin_bottom) / EMU_PER_PT
    need = 0.0
    for p in tf.paragraphs:
        runs = p.runs
        assert runs, "an empty paragraph"
        size = runs[0].font.size.pt
        bold = bool(runs[0].font.bold)
        assert size >= 18, (p.text, size)
        assert p.line_spacing is not None and abs(p.line_spacing.pt - line_height(size)) < 0.1
        indent = int(p._p.pPr.get("marL", "0")) / EMU_PER_PT
        before = p.space_before.pt if p.space_before is not None else 0.0
        lines = wrap(p.text, inner_w - indent, size, bold)
        need += before + len(lines) * p.line_spacing.pt
    return need, inner_h


def assert_fits(prs: Any) -> None:
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                need, room = frame_need(shape)
                assert need <= room + 0.01, f"bild {n} ({title_of(slide)}): {need} > {room}"


# --- the project's data ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def project_deck(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return make_deck(tmp_path_factory.mktemp("deck"))[0]


def test_titles_in_the_seed_decks_order(project_deck: Any) -> None:
    assert [title_of(s) for s in project_deck.slides] == PROJECT_TITLES
    assert (project_deck.slide_width, project_deck.slide_height) == (12192000, 6858000)  # 16:9


def test_title_slide_and_provenance_in_its_notes(project_deck: Any) -> None:
    first = project_deck.slides[0]
    assert texts(first)[1:] == ["Umeå kommun", "Uppgifter per 30 juni 2022"]
    notes = first.notes_slide.notes_text_frame.text
    assert "Period: våren 2022 = 2022-01-01 – 2022-06-30" in notes
    assert "Per: 2022-06-30" in notes
    assert "Källa: " in notes


def test_background_is_a_drawn_timeline_of_eight_steps(project_deck: Any) -> None:
    slide = slide_titled(project_deck, "Bakgrund Styrberedningen")
    boxes = [
        s for s in slide.shapes if s.has_text_frame and s.text_frame.text and not s.is_placeholder
    ]
    dated = re.compile(
        r"^(Januari|Februari|Mars|April|Maj|Juni|Juli|Augusti|September"
        r"|Oktober|November|December) \d{4}$"
    )
    dates = sorted((s.top, s.text_frame.text) for s in boxes if dated.match(s.text_frame.text))
    assert [d for _, d in dates] == [
        "Juni 2018",
        "November 2018",
        "Februari 2019",
        "April 2019",
        "Mars 2020",
        "Mars 2021",
        "Mars 2021",
        "Oktober 2021",
    ]
    steps = sorted((s.top, s.text_frame.text) for s in boxes if not dated.match(s.text_frame.text))
    # each step beside its date: the same top, the date to the left
    assert [t for t, _ in steps] == [t for t, _ in dates]
    for part, (_, text) in zip(
        [
            "omvärldsbevaka andra kommuners styr- och budgetprocesser",
            "ge Stadsledningskontoret i uppdrag att genomföra analys",
            "Analys och förslag till fortsatt arbete presenteras",
            "inrätta en varaktig styrberedning under KS",
            "ny budget- och investeringsprocess",
            "Ägarstyrning i Umeå kommun",
            "Aktiverande styrning i Umeå kommun",
            "bedrivs av externa utförare",
        ],
        steps,
        strict=True,
    ):
        assert part in text
    # a marker on the line for every step, and the line itself
    ovals = [s for s in slide.shapes if s.shape_type is not None and "Oval" in s.name]
    assert len(ovals) == 8
    assert any("Connector" in s.name for s in slide.shapes)


def test_assignment_slides(project_deck: Any) -> None:
    main = slide_text(slide_titled(project_deck, "Uppdrag: Dialog och demokratiutveckling"))
    assert "Syftet är att klargöra hur medborgardialog sker i Umeå kommun" in main
    assert "Uppdragsgivare/beställare" in main and "Kommunstyrelsen/Stadsdirektör" in main

    scope = slide_titled(project_deck, "Dialog och demokratiutveckling – innehåll")
    paras = texts(scope)
    assert "Uppdraget handlar om medborgardialog och demokratiutveckling" in paras
    assert "Tre huvudfokus" in paras
    focus = [
        "Skapa förmåga att pröva nya och innovativa former för medborgarinflytande",
        "Utveckla befintliga former för medborgarinflytande",
        "Reglera befintliga former för medborgarinflytande och de nya former som bör bli varaktiga",
    ]
    assert paras[paras.index("Tre huvudfokus") + 1 :] == focus
    # real bullets: the focuses are bullet paragraphs, the heading is not
    (body,) = [s for s in scope.shapes if s.is_placeholder and s.placeholder_format.idx == 1]
    marks = {p.text: p._p.pPr.find("{*}buChar") is not None for p in body.text_frame.paragraphs}
    assert marks["Tre huvudfokus"] is False
    assert all(marks[f] for f in focus)

    limits = slide_text(slide_titled(project_deck, "Dialog och demokratiutveckling – avgränsning"))
    for part in (
        "Frågor som berör kommunen som helhet",
        "Medborgardialog sker inför beslut inte efter beslut.",
        "Medborgardialogen blir därför central för framtida demokratiutveckling.",
    ):
        assert part in limits
    phases = texts(slide_titled(project_deck, "Dialog och demokratiutveckling – faser"))
    assert phases[phases.index("Detta sker genom 3 faser") + 1 :] == [
        "Fas I – Kartlägga – öka kunskap",
        "Fas II – Beskriva/normera/reglera",
        "Fas III – Understödja – Utbilda och införa",
    ]


def test_programme_and_its_milestones(project_deck: Any) -> None:
    programme = texts(slide_titled(project_deck, "Program för social hållbarhet"))
    assert "Programbeskrivning för inriktningsmål för social hållbarhet" in programme
    goal = programme[programme.index("Inriktningsmål") + 1]
    assert goal.startswith("Umeå ska växa hållbart utan några utsatta områden")
    plan = slide_titled(project_deck, "Program för social hållbarhet – tidplan")
    labels = sorted(
        (s.left, s.text_frame.text)
        for s in plan.shapes
        if s.has_text_frame and not s.is_placeholder and s.text_frame.text
    )
    assert [t for _, t in labels] == ["Remiss mars 2022", "Beslut juni 2022 – planerat"]
    text = slide_text(plan)
    assert "Remiss mars 2022: Remissversion" in text
    assert "I programmet för social hållbarhet sätts social hållbarhet i relation till" in text


def test_period_and_closing_slides(project_deck: Any) -> None:
    period = texts(slide_titled(project_deck, "Under perioden och härnäst"))
    assert period == [
        "Under perioden och härnäst",
        "Under våren 2022",
        "Mars 2022: Remiss – Program för social hållbarhet: Remissversion",
        "Härnäst",
        "Juni 2022: Beslut: Program för social hållbarhet – planerat",
    ]
    closing = texts(project_deck.slides[-1])
    assert closing == [
        "Tack! Frågor/kommentarer",
        "Linda Gustafsson",
        "Telefon: 070-611 10 44",
        "E-post: linda.gustafsson@umea.se",
    ]


def test_project_deck_stays_on_its_slides(project_deck: Any) -> None:
    assert_inside(project_deck)
    assert_fits(project_deck)


def test_the_built_in_layouts_fit_the_wide_slide(project_deck: Any) -> None:
    """A slide reset to its layout in PowerPoint must still be on the slide."""
    width = project_deck.slide_width
    for layout in [project_deck.slide_master, *project_deck.slide_layouts]:
        for shape in layout.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= width, (layout.name, shape.name)


def test_warnings_and_data_errors_have_their_own_slides(
    make_tree: TreeMaker, tmp_path: Path
) -> None:
    root = make_tree(
        {
            "processes/planer/plan.yaml": """\
            typ: plan
            titel: Plan för test
            okänd: 1
            händelser:
              - datum: 2022-02
                typ: remiss
                planerad: true
            """
        }
    )
    prs, result = make_deck(tmp_path, root=root)
    titles = [title_of(s) for s in prs.slides]
    assert titles == [
        "Styrberedningen – status våren 2022",
        "Fel i underlaget",
        "Bakgrund Styrberedningen",
        "Plan för test",
        "Plan för test – tidplan",
        "Under perioden och härnäst",
        "Att uppmärksamma",
        "Tack! Frågor/kommentarer",
    ]
    errors = texts(prs.slides[1])
    assert errors[1].startswith("Obs: underlaget har 1 fel i 1 fil")
    assert "processes/planer/plan.yaml" in errors[2]
    assert texts(slide_titled(prs, "Bakgrund Styrberedningen"))[1:] == ["Inga tidigare steg."]
    # planned for February, nothing recorded by 30 June: late
    assert texts(slide_titled(prs, "Att uppmärksamma"))[1:] == [
        "försenad: Plan för test – remiss planerad februari 2022, inget registrerat sedan"
    ]
    assert "Februari 2022: Remiss: Plan för test – planerad, försenad" in texts(
        slide_titled(prs, "Under perioden och härnäst")
    )
    plan = slide_titled(prs, "Plan för test – tidplan")
    assert "Remiss februari 2022 – planerad, försenad" in slide_text(plan)
    assert "obs: 1 fel i data" in result.stderr


# --- a dataset with very long texts --------------------------------------------------------

WORDS = [
    "medborgardialog",
    "kommunstyrelsen",
    "uppföljning",
    "verksamhetsplanering",
    "inriktningsmål",
    "demokratiutveckling",
    "och",
    "i",
    "för",
    "att",
    "som",
    "med",
    "de",
    "ett",
    "en",
    "på",
    "av",
]


def long_text(n: int, seed: int) -> str:
    return " ".join(WORDS[(i * 7 + seed) % len(WORDS)] for i in range(n)) + "."


LONG_TITLE = "Uppdrag om " + " ".join(["en mycket lång och utförlig rubrik"] * 8)
LONG_PURPOSE = long_text(450, 1)
LONG_ORG = "Testkommun " + long_text(150, 2)


def long_tree(make_tree: TreeMaker) -> Path:
    events = "".join(
        f"""
          - datum: 20{10 + i // 12:02d}-{i % 12 + 1:02d}
            typ: beslut
            organ: ks
            rubrik: {long_text(20 + 9 * (i % 5), i)}
        """
        for i in range(24)
    )
    timeline = (
        f"""\
        organisation: {LONG_ORG}
        organ:
          - id: kf
            namn: Kommunfullmäktige
          - id: ks
            namn: Kommunstyrelsen
        kontakt:
          - namn: Test Testsson
            telefon: 090-12 34 56
            epost: test@example.org
        händelser:"""
        + events
    )
    focus = "".join(f"\n          - {long_text(25, i)}" for i in range(12))
    limits = "".join(f"\n          - {long_text(80, i)}" for i in range(5))
    plan_events = "".join(
        f"""
          - datum: 2022-{m:02d}
            typ: remiss
            rubrik: Remissomgång {m}
            beskrivning: {long_text(120, m)}
        """
        for m in range(1, 6)
    )
    return make_tree(
        {
            "timeline.yaml": timeline,
            "processes/uppdrag/lang.yaml": f"""\
        typ: uppdrag
        titel: {LONG_TITLE}
        status: pågår
        uppdragsgivare: [ks]
        syfte: {LONG_PURPOSE}
        omfattning: {long_text(60, 3)}
        huvudfokus:{focus}
        avgränsning:{limits}
        faser:
          - namn: Fas 1
            status: avslutad
          - namn: Fas 2
            status: pågår
          - namn: Fas 3
        """,
            "processes/program/plan.yaml": f"""\
        typ: program
        titel: Program med lång beskrivning
        underrubrik: {long_text(30, 5)}
        sammanhang: {long_text(200, 6)}
        beskrivning: {long_text(300, 7)}
        inriktningsmål:
          - {long_text(90, 8)}
          - {long_text(90, 9)}
        händelser:{plan_events}
          - datum: 2022-06
            typ: beslut
            planerad: true
        """,
        }
    )


@pytest.fixture
def long_deck(make_tree: TreeMaker, tmp_path: Path) -> Any:
    return make_deck(tmp_path, root=long_tree(make_tree))[0]


def test_long_texts_continue_on_following_slides(long_deck: Any) -> None:
    titles = [title_of(s) for s in long_deck.slides]
    assert titles[1] == "Bakgrund Styrberedningen"
    assert titles.count("Bakgrund Styrberedningen (forts.)") >= 2
    assert any(t.endswith("(forts.)") and t.startswith("Uppdrag: Uppdrag om") for t in titles)
    assert "Program med lång beskrivning (forts.)" in titles
    assert "Program med lång beskrivning – tidplan (forts.)" in titles  # five milestones
    # all 24 background steps, dated, in order, across the timeline's slides
    dated = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+ 20\d\d$")
    dates = [
        t
        for s in long_deck.slides
        if title_of(s).startswith("Bakgrund")
        for t in sorted(
            (sh.top, sh.text_frame.text)
            for sh in s.shapes
            if sh.has_text_frame and dated.match(sh.text_frame.text)
        )
    ]
    assert len(dates) == 24
    # twelve focuses, counted from the data
    assert any("12 huvudfokus" in texts(s) for s in long_deck.slides)
    # the current phase is marked
    assert any("Fas 2 – pågår nu" in texts(s) for s in long_deck.slides)


def test_long_title_is_cut_with_the_whole_title_on_the_slide(long_deck: Any) -> None:
    (first, *_) = [s for s in long_deck.slides if title_of(s).startswith("Uppdrag: Uppdrag om")]
    assert title_of(first).endswith("…")
    assert texts(first)[1] == f"Uppdrag: {LONG_TITLE}"


def test_a_long_organisation_name_goes_on_in_the_title_slides_notes(long_deck: Any) -> None:
    first = long_deck.slides[0]
    notes = first.notes_slide.notes_text_frame.text
    assert notes.splitlines()[-1] == "Per: 2022-06-30"
    shown = " ".join([*texts(first)[1:], notes])
    assert LONG_ORG in " ".join(shown.split())


def test_long_text_is_cut_between_words_and_nothing_is_lost(long_deck: Any) -> None:
    # the purpose, cut across slides, reads whole when the slides are read in order
    words = " ".join(t for s in long_deck.slides for t in texts(s)[1:])
    assert LONG_PURPOSE in words


def test_long_deck_stays_on_its_slides(long_deck: Any) -> None:
    assert_inside(long_deck)
    assert_fits(long_deck)


# --- the organisation's template -----------------------------------------------------------

BACKGROUND: RGBColor = RGBColor.from_string("F2EEE3")  # type: ignore[no-untyped-call]


def make_template(path: Path) -> Path:
    """A template as an organisation has one: Swedish layout names, its own colours, a
    slide of its own, and no "Section Header" layout."""
    prs = Presentation()
    names = {
        "Title Slide": "Rubrikbild",
        "Title and Content": "Rubrik och innehåll",
    }
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    prs.slide_layouts.remove(next(lay for lay in prs.slide_layouts if lay.name == "Section Header"))
    # a custom layout's body placeholder rarely has PowerPoint's own idx 1
    content = next(lay for lay in prs.slide_layouts if lay.name == "Rubrik och innehåll")
    ph = content.placeholders[1]._element.ph
    assert ph is not None
    ph.set("idx", "13")
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = BACKGROUND
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(
        b'<a:accent1><a:srgbClr val="4F81BD"/>', b'<a:accent1><a:srgbClr val="C0005A"/>'
    )
    assert b"C0005A" in theme.blob
    own = prs.slides.add_slide(prs.slide_layouts[0])
    own.shapes.title.text = "Mallens exempelbild"
    prs.save(str(path))
    return path


def as_potx(pptx: Path, potx: Path) -> Path:
    with zipfile.ZipFile(pptx) as zin, zipfile.ZipFile(potx, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            raw = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                assert PPTX_MAIN.encode() in raw
                raw = raw.replace(PPTX_MAIN.encode(), POTX_MAIN.encode())
            zout.writestr(item, raw)
    return potx


def check_template_deck(prs: Any, stderr: str) -> None:
    titles = [title_of(s) for s in prs.slides]
    # its own slide removed; on its narrower (4:3) slides some texts go on to another slide
    assert [t for t in titles if not t.endswith(" (forts.)")] == PROJECT_TITLES
    assert "Mallens exempelbild" not in titles
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Rubrikbild"
    assert set(layouts[1:]) == {"Rubrik och innehåll"}  # the closing slide falls back to it
    assert "Avsnittsrubrik" in stderr and "Section Header" in stderr
    assert "varning:" in stderr
    # the template's size (4:3), background and colours
    assert (prs.slide_width, prs.slide_height) == (Emu(9144000), Emu(6858000))
    master = prs.slide_master
    assert master.background.fill.fore_color.rgb == BACKGROUND
    assert b'<a:accent1><a:srgbClr val="C0005A"/>' in master.part.part_related_by(RT.THEME).blob
    # the text goes in the layout's own body placeholder, whatever its idx
    slide = slide_titled(prs, "Uppdrag: Dialog och demokratiutveckling")
    (body,) = [s for s in slide.placeholders if s.placeholder_format.idx == 13]
    assert "Syfte" in [p.text for p in body.text_frame.paragraphs]
    assert [s for s in slide.shapes if not s.is_placeholder] == []
    # the drawn timeline takes the theme's accent colour
    bg = slide_titled(prs, "Bakgrund Styrberedningen")
    oval = next(s for s in bg.shapes if "Oval" in s.name)
    assert b'schemeClr val="accent1"' in _xml(oval)
    assert_inside(prs)
    assert_fits(prs)


def _xml(shape: Any) -> bytes:
    from pptx.oxml.xmlchemy import serialize_for_reading

    return str(serialize_for_reading(shape._element)).encode()


def test_template_pptx_is_used(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mall.pptx")
    prs, result = make_deck(tmp_path, "--mall", str(template))
    check_template_deck(prs, result.stderr)


def test_template_potx_is_used(tmp_path: Path) -> None:
    potx = as_potx(make_template(tmp_path / "mall.pptx"), tmp_path / "mall.potx")
    prs, result = make_deck(tmp_path, "--mall", str(potx))
    check_template_deck(prs, result.stderr)
    # the written deck is a presentation, not a template
    with zipfile.ZipFile(tmp_path / "status.pptx") as z:
        types = z.read("[Content_Types].xml")
    assert PPTX_MAIN.encode() in types and POTX_MAIN.encode() not in types


def test_template_with_long_texts(make_tree: TreeMaker, tmp_path: Path) -> None:
    template = make_template(tmp_path / "mall.pptx")
    prs, _ = make_deck(tmp_path, "--mall", str(template), root=long_tree(make_tree))
    assert_inside(prs)
    assert_fits(prs)


def _refused(tmp_path: Path, mall: Path, *extra: str) -> Any:
    out = tmp_path / "status.pptx"
    result = runner.invoke(
        app,
        [
            "report",
            "våren 2022",
            "--root",
            str(PROJECT),
            "-o",
            str(out),
            "--mall",
            str(mall),
            *extra,
        ],
    )
    assert "Traceback" not in result.output
    assert not out.exists()
    return result


def test_bad_templates_are_refused_clearly(tmp_path: Path) -> None:
    missing = _refused(tmp_path, tmp_path / "finns-inte.pptx")
    assert missing.exit_code == 2 and "mallen" in missing.stderr and "finns inte" in missing.stderr

    wrong = _refused(tmp_path, tmp_path / "mall.docx")
    assert wrong.exit_code == 2 and ".pptx eller .potx" in wrong.stderr

    text = tmp_path / "text.pptx"
    text.write_text("inte en presentation", encoding="utf-8")
    not_zip = _refused(tmp_path, text)
    assert not_zip.exit_code == 1
    assert "ingen PowerPoint-fil" in not_zip.stderr and "text.pptx" in not_zip.stderr

    good = make_template(tmp_path / "mall.pptx").read_bytes()
    cut = tmp_path / "trasig.pptx"
    cut.write_bytes(good[: len(good) // 2])
    corrupt = _refused(tmp_path, cut)
    assert corrupt.exit_code == 1 and "trasig.pptx" in corrupt.stderr

    other = tmp_path / "annan.pptx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hej.txt", "hej")
    no_types = _refused(tmp_path, other)
    assert no_types.exit_code == 1 and "[Content_Types].xml" in no_types.stderr

    docx = tmp_path / "word.pptx"
    buf = io.BytesIO()
    from docx import Document

    Document().save(buf)
    docx.write_bytes(buf.getvalue())
    word = _refused(tmp_path, docx)
    assert word.exit_code == 1 and "word.pptx" in word.stderr


def test_usage_errors(tmp_path: Path) -> None:
    to_terminal = runner.invoke(app, ["report", "våren 2022", "--root", str(PROJECT), "-f", "pptx"])
    assert to_terminal.exit_code == 2 and "-o status.pptx" in to_terminal.stderr
    mall = make_template(tmp_path / "mall.pptx")
    md = runner.invoke(
        app, ["report", "våren 2022", "--root", str(PROJECT), "--mall", str(mall), "-f", "md"]
    )
    assert md.exit_code == 2 and "--mall" in md.stderr


# --- LibreOffice -------------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_shows_one_page_per_slide(make_tree: TreeMaker, tmp_path: Path) -> None:
    decks = {
        "status": make_deck(tmp_path, name="status.pptx")[0],
        "lang": make_deck(tmp_path, root=long_tree(make_tree), name="lang.pptx")[0],
    }
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.pptx") for name in decks),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name, prs in decks.items():
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
        assert pages == len(prs.slides) > 0, name
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "status.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for part in ("Bakgrund Styrberedningen", "Tre huvudfokus", "Linda Gustafsson"):
            assert part in text


# --- the metric and the cutting, as properties ---------------------------------------------

words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ0123456789-–.,", min_size=1, max_size=14),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(words, st.floats(min_value=120, max_value=900), st.sampled_from([18.0, 20.0, 32.0]))
def test_wrapped_lines_fit_and_keep_every_word(ws: list[str], width: float, size: float) -> None:
    text = " ".join(ws)
    lines = wrap(text, width, size)
    assert all(text_width(line, size) <= width * SAFETY for line in lines if " " in line)
    assert "".join("".join(lines).split()) == "".join(ws)
    if all(text_width(w, size) <= width * SAFETY for w in ws):
        assert " ".join(lines).split() == ws


@settings(max_examples=60, deadline=None)
@given(words, st.integers(min_value=1, max_value=6))
def test_a_cut_paragraph_keeps_every_word(ws: list[str], max_lines: int) -> None:
    para = Para(" ".join(ws), bullet=True)
    width = 400.0
    if len(para.lines(width)) <= max_lines:
        return
    head, tail = split_para(para, max_lines, width)
    assert len(head.lines(width)) <= max_lines
    assert (head.text + " " + tail.text).split() == ws or head.text + tail.text == para.text
    assert tail.cont and not tail.bullet


@settings(max_examples=40, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.floats(min_value=-50, max_value=400))
def test_pages_hold_what_is_put_on_them(texts_: list[list[str]], first: float) -> None:
    """Also when the first frame is small or nothing (a drawing above it took the room)."""
    rest = 360.0
    paras = [
        Para(" ".join(ws), bullet=i % 3 == 1, keep_with_next=i % 3 == 2)
        for i, ws in enumerate(texts_)
    ]
    pages = paginate(paras, 600.0, first, rest)
    for i, page in enumerate(pages):
        used = sum(p.height(600.0) for p in page)
        assert used <= max(first if i == 0 else rest, 0.0) + 1e-6
        assert i == 0 or page
    laid = " ".join(p.text for page in pages for p in page).split()
    assert "".join(laid) == "".join(w for ws in texts_ for w in " ".join(ws).split())


def test_count_words_for_headings() -> None:
    assert [count_word(n) for n in (1, 2, 3, 10, 11)] == ["ett", "två", "tre", "tio", "11"]
    assert BODY_PT >= 18


def test_an_existing_deck_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "status.pptx"
    out.write_bytes(b"gammalt")
    args = ["report", "våren 2022", "--root", str(PROJECT), "-o", str(out)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and "finns redan" in refused.stderr
    assert out.read_bytes() == b"gammalt"
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert [title_of(s) for s in Presentation(str(out)).slides] == PROJECT_TITLES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.pptx"]  # no temporary file
