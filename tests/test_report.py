"""The status report: every fact of the seed deck in every format, past periods, renderers."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.cli import app
from styrning.core.periods import parse_period
from styrning.core.provenance import Provenance
from styrning.read.loader import load
from styrning.read.tree import WorkingTree
from styrning.render.report_html import render_html
from styrning.render.report_json import render_json, report_dict
from styrning.render.report_markdown import render_markdown
from styrning.render.report_text import render_text
from styrning.views.report import Report, build_report, default_as_of

runner = CliRunner()
FORMATS = ["text", "md", "html", "json"]


class _Text(HTMLParser):
    """The visible text of an HTML page (style content left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def plain(output: str, fmt: str) -> str:
    """The words of an output in reading order, whitespace collapsed, markup left out."""
    if fmt == "html":
        parser = _Text()
        parser.feed(output)
        output = " ".join(parser.parts)
    elif fmt == "json":
        output = "\n".join(_strings(json.loads(output)))
    return " ".join(output.split())


def run_report(args: list[str]) -> str:
    result = runner.invoke(app, ["report", "--root", str(PROJECT), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


BACKGROUND = [
    (
        "Juni 2018",
        "Kommunfullmäktige ger kommunstyrelsen i uppdrag att omvärldsbevaka andra kommuners "
        "styr- och budgetprocesser i syfte att vidareutveckla vår egen.",
    ),
    (
        "November 2018",
        "Beslut i Kommunstyrelsen att ge Stadsledningskontoret i uppdrag att genomföra analys av "
        "kommunens styrsystem och ta fram förslag till omvärldsbevakning inom de områden där "
        "förbättringsbehov påtalas.",
    ),
    ("Februari 2019", "Analys och förslag till fortsatt arbete presenteras"),
    ("April 2019", "Beslut att inrätta en varaktig styrberedning under KS"),
    ("Mars 2020", "Beslut om riktlinjer för ny budget- och investeringsprocess"),
    ("Mars 2021", "Beslut om nya riktlinjer för Ägarstyrning i Umeå kommun"),
    ("Mars 2021", "Beslut om nya riktlinjer för Aktiverande styrning i Umeå kommun"),
    (
        "Oktober 2021",
        "Beslut om nya riktlinjer för Styrning och uppföljning av verksamhet som bedrivs av "
        "externa utförare",
    ),
]

GUIDELINES = [
    "riktlinjer för ny budget- och investeringsprocess",
    "riktlinjer för ägarstyrning i umeå kommun",
    "riktlinjer för aktiverande styrning i umeå kommun",
    "riktlinjer för styrning och uppföljning av verksamhet som bedrivs av externa utförare",
]

SEED_FACTS = [
    "Styrberedningen – status våren 2022",
    "våren 2022 = 2022-01-01 – 2022-06-30",
    # the assignment
    "Dialog och demokratiutveckling",
    "Syftet är att klargöra hur medborgardialog sker i Umeå kommun och rådens roll i det. Samt "
    "att utreda utvecklingsmöjligheter för att öka kommuninnevånarnas möjligheter att delta, vara "
    "delaktiga, medskapande och medbestämmande i kommunens och stadens utveckling.",
    "Kommunstyrelsen/Stadsdirektör",
    "Skapa förmåga att pröva nya och innovativa former för medborgarinflytande",
    "Utveckla befintliga former för medborgarinflytande",
    "Reglera befintliga former för medborgarinflytande och de nya former som bör bli varaktiga",
    "Uppdraget handlar om medborgardialog och demokratiutveckling",
    "Frågor som berör kommunen som helhet. Till skillnad från brukardialog som är kopplad till "
    "enskilda delar av kommunens service och dialog om hur en viss kommunal verksamhet ska "
    "fungera.",
    "Medborgardialogen försöker få olika gruppers perspektiv på en fråga och omfattar också "
    "frågorna varför och vad? Med medborgare menas i detta sammanhang personer som bor, vistas "
    "eller verkar i Umeå kommun. Medborgardialog sker inför beslut inte efter beslut.",
    "Medborgardialogen blir därför central för framtida demokratiutveckling.",
    "Fas I – Kartlägga – öka kunskap",
    "Fas II – Beskriva/normera/reglera",
    "Fas III – Understödja – Utbilda och införa",
    # the programme
    "Program för social hållbarhet",
    "Programbeskrivning för inriktningsmål för social hållbarhet",
    "Inom den nya programstyrningen, övergripande program relaterade till inriktningsmål för "
    "tillväxt, social hållbarhet, klimatneutralitet samt digitalisering.",
    "Långsiktiga inriktningar och strategier med prioritering av särskilda utvecklingsinsatser.",
    "Umeå ska växa hållbart utan några utsatta områden samt att Umeå kommun ska skapa "
    "förutsättningar för kvinnor och män att ha samma makt att forma samhället såväl som sina "
    "egna liv.",
    "Remiss mars 2022",
    "Remissversion",
    "I programmet för social hållbarhet sätts social hållbarhet i relation till värden såsom "
    "goda, jämlika och jämställda levnadsvillkor. En socialt hållbar kommun är inkluderande, "
    "trygg och skapar förutsättningar för välbefinnande för alla invånare. I arbetet med social "
    "hållbarhet är ett helhetsperspektiv av stor betydelse, så att insatser inte enbart sker "
    "punktvis för särskilda platser eller för särskilda grupper.",
    "Beslut juni 2022 – planerat",
    # the contact
    "Linda Gustafsson",
    "070-611 10 44",
    "linda.gustafsson@umea.se",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_spring_2022_report_carries_every_fact_of_the_seed(fmt: str) -> None:
    text = plain(run_report(["våren 2022", "--format", fmt]), fmt)
    missing = [fact for fact in SEED_FACTS if fact not in text]
    assert missing == []
    folded = text.casefold()
    assert [g for g in GUIDELINES if g not in folded] == []
    # The background in date order: each date, then its step, after the previous one.
    pos = 0
    for date, step in BACKGROUND:
        pos = text.index(date, pos)
        pos = text.index(step, pos)
    assert "Per: 2022-06-30" in text  # the provenance ends every format


@pytest.mark.parametrize("fmt", FORMATS)
def test_autumn_2019_shows_nothing_later_as_done(fmt: str) -> None:
    text = plain(run_report(["hösten 2019", "--format", fmt]), fmt)
    assert "hösten 2019 = 2019-07-01 – 2019-12-31" in text
    assert "April 2019" in text and "Beslut att inrätta en varaktig styrberedning" in text
    for later in [
        "Remiss mars 2022",
        "Remissversion",
        "I programmet för social hållbarhet sätts",
        "Mars 2020",
        "Beslut om riktlinjer för ny budget- och investeringsprocess",
        "Oktober 2021",
    ]:
        assert later not in text, later
    assert "5 senare genomförda händelser visas inte: läget visas per 2019-12-31." in text


def test_autumn_2019_json_background_and_coming() -> None:
    doc = json.loads(run_report(["hösten 2019", "--format", "json"]))
    assert [e["date"] for e in doc["background"]] == ["2018-06", "2018-11", "2019-02", "2019-04"]
    assert all(e["happened"] for e in doc["background"])
    assert [(e["date"], e["note"]) for e in doc["coming"]] == [("2022-06", "planerat")]
    assert [d["id"] for d in doc["documents"]] == ["social-hallbarhet"]
    assert doc["hidden_later"] == 5


def test_default_as_of_is_period_end_or_today() -> None:
    spring = parse_period("våren 2022")
    assert default_as_of(spring, dt.date(2026, 11, 27)) == dt.date(2022, 6, 30)
    assert default_as_of(spring, dt.date(2022, 4, 15)) == dt.date(2022, 4, 15)


def test_as_of_inside_the_period() -> None:
    doc = json.loads(run_report(["våren 2022", "--as-of", "2022-02-15", "--format", "json"]))
    assert doc["as_of"] == "2022-02-15"
    (programme,) = doc["documents"]
    assert programme["state"] == "–"  # nothing of it had happened by 15 February
    # The March remiss had not happened on 15 February: left out, and counted.
    assert [m["text"] for m in programme["milestones"]] == ["Beslut juni 2022 – planerat"]
    assert doc["hidden_later"] == 1


# --- a small made-up tree: exact Markdown, JSON structure, HTML safety ------------------------

SMALL = {
    "timeline.yaml": """\
        organisation: Testkommun
        organ:
          - id: kf
            namn: Kommunfullmäktige
          - id: ks
            namn: Kommunstyrelsen
        kontakt:
          - namn: Test Testsson
            telefon: 090-12 34 56
            epost: test@example.org
        händelser:
          - datum: 2021-05
            typ: beslut
            organ: ks
            rubrik: Beslut om en ny styrmodell
        """,
    "processes/planer/plan.yaml": """\
        typ: plan
        titel: Plan för test
        underrubrik: En plan att pröva med
        beskrivning: Planen beskriver *allt* som prövas.
        händelser:
          - datum: 2022-02
            typ: remiss
            rubrik: Remiss av planen
          - datum: 2022-06
            typ: beslut
            organ: kf
            planerad: true
        """,
    "processes/uppdrag/u.yaml": """\
        typ: uppdrag
        titel: Ett uppdrag
        status: pågår
        uppdragsgivare: [ks]
        syfte: Att pröva.
        huvudfokus: [Först, Sedan]
        faser:
          - namn: Fas 1
          - namn: Fas 2
        """,
}

EXPECTED_MARKDOWN = """\
# Styrberedningen – status vt 2022

Testkommun · vt 2022 = 2022-01-01 – 2022-06-30 · per 2022-06-30

```mermaid
timeline
    title Styrberedningen – status vt 2022
    section Före perioden
        maj 2021 : Beslut om en ny styrmodell
    section vt 2022
        feb 2022 : Remiss – Plan för test
        jun 2022 : Beslut – Plan för test (planerat)
```

## Bakgrund

- **Maj 2021** – Beslut om en ny styrmodell *(Kommunstyrelsen)*

## Under perioden (vt 2022)

- **Februari 2022** – Remiss – Plan för test: Remiss av planen

## Uppdrag: Ett uppdrag

Status: pågår (angiven)

**Syfte**

Att pröva.

**Uppdragsgivare/beställare**

Kommunstyrelsen

**Huvudfokus**

- Först
- Sedan

**Faser**

- Fas 1
- Fas 2

## Styrdokument under arbete

### Plan för test

*plan · på remiss*

**En plan att pröva med**

Planen beskriver \\*allt\\* som prövas.

**Milstolpar**

- **Remiss februari 2022**: Remiss av planen
- **Beslut juni 2022 – planerat**

## Det som händer härnäst

- **Juni 2022** – Beslut: Plan för test *(Kommunfullmäktige)* – *planerat*

## Kontakt

**Test Testsson**\\
Telefon: 090-12 34 56\\
E-post: test@example.org

---

Källa: arbetsmappen (test)\\
Period: vt 2022 = 2022-01-01 – 2022-06-30\\
Per: 2022-06-30
"""


def small_report(make_tree: TreeMaker, files: dict[str, str] | None = None) -> Report:
    root: Path = make_tree({**SMALL, **(files or {})})
    ds = load(WorkingTree(root))
    assert ds.problems == []
    period = parse_period("vt 2022")
    as_of = dt.date(2022, 6, 30)
    prov = Provenance(as_of=as_of, period=period.label(), note="test")
    return build_report(ds, period, as_of, prov)


def test_markdown_exact(make_tree: TreeMaker) -> None:
    assert render_markdown(small_report(make_tree)) == EXPECTED_MARKDOWN


def test_text_has_the_sections_in_deck_order(make_tree: TreeMaker) -> None:
    text = render_text(small_report(make_tree))
    heads = ["BAKGRUND", "UNDER PERIODEN", "UPPDRAG: Ett uppdrag", "STYRDOKUMENT UNDER ARBETE"]
    heads += ["DET SOM HÄNDER HÄRNÄST", "KONTAKT", "Källa: arbetsmappen (test)"]
    assert [text.index(h) for h in heads] == sorted(text.index(h) for h in heads)
    assert "  Maj 2021        Beslut om en ny styrmodell (Kommunstyrelsen)\n" in text


def test_json_structure(make_tree: TreeMaker) -> None:
    doc = json.loads(render_json(small_report(make_tree)))
    assert doc == report_dict(small_report(make_tree))
    assert list(doc) == [
        "title",
        "organisation",
        "period",
        "as_of",
        "background",
        "during",
        "assignments",
        "documents",
        "coming",
        "warnings",
        "contacts",
        "hidden_later",
        "hidden_note",
        "data_errors",
        "provenance",
    ]
    assert doc["period"] == {
        "text": "vt 2022",
        "start": "2022-01-01",
        "end": "2022-06-30",
        "label": "vt 2022 = 2022-01-01 – 2022-06-30",
    }
    assert doc["background"] == [
        {
            "date": "2021-05",
            "date_text": "Maj 2021",
            "type": "beslut",
            "body": "Kommunstyrelsen",
            "process": None,
            "process_title": None,
            "heading": "Beslut om en ny styrmodell",
            "description": None,
            "text": "Beslut om en ny styrmodell",
            "planned": False,
            "happened": True,
            "overdue": False,
            "note": None,
        }
    ]
    (assignment,) = doc["assignments"]
    assert assignment["clients"] == ["Kommunstyrelsen"]
    assert [p["name"] for p in assignment["phases"]] == ["Fas 1", "Fas 2"]
    (plan,) = doc["documents"]
    assert plan["state"] == "på remiss"
    assert [m["text"] for m in plan["milestones"]] == [
        "Remiss februari 2022",
        "Beslut juni 2022 – planerat",
    ]
    assert doc["contacts"] == [
        {
            "name": "Test Testsson",
            "role": None,
            "phone": "090-12 34 56",
            "email": "test@example.org",
        }
    ]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


HOSTILE = '<script>alert(1)</script> & "citat"'


def test_html_is_self_contained_and_escapes_every_string(make_tree: TreeMaker) -> None:
    hostile_plan = textwrap.dedent(SMALL["processes/planer/plan.yaml"]).replace(
        "titel: Plan för test", f"titel: '{HOSTILE}'"
    )
    hostile_timeline = textwrap.dedent(SMALL["timeline.yaml"]).replace(
        "rubrik: Beslut om en ny styrmodell", "rubrik: <img src=http://x.invalid/a.png>"
    )
    report = small_report(
        make_tree,
        {"processes/planer/plan.yaml": hostile_plan, "timeline.yaml": hostile_timeline},
    )
    html = render_html(report)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;citat&quot;" in html
    assert "&lt;img src=http://x.invalid/a.png&gt;" in html
    parser = _Tags()
    parser.feed(html)
    tags = {tag for tag, _ in parser.tags}
    assert "script" not in tags and "img" not in tags and "link" not in tags
    assert "iframe" not in tags and "object" not in tags
    assert "svg" in tags  # the timeline is drawn inline
    for _, attrs in parser.tags:
        for name in ("src", "href", "xlink:href", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (name, value)
    css = "".join(parser.styles)
    assert "@import" not in css and "url(" not in css
    assert "@media print" in css and "@page" in css and "size: A4" in css
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">')


def test_html_marks_planned_and_overdue_milestones(make_tree: TreeMaker) -> None:
    report = small_report(make_tree)
    html = render_html(report)
    assert '<li class="planned"><span class="what">Beslut juni 2022 – planerat</span>' in html
    root: Path = make_tree(SMALL)
    ds = load(WorkingTree(root))
    later = build_report(
        ds,
        parse_period("hösten 2022"),
        dt.date(2022, 12, 31),
        Provenance(as_of=dt.date(2022, 12, 31)),
    )
    html = render_html(later)
    assert (
        '<li class="late"><span class="what">Beslut juni 2022 – planerat, försenat</span>' in html
    )
    assert "försenad: Plan för test – beslut planerat juni 2022" in html


# --- the command line -------------------------------------------------------------------------


def test_unknown_period_exits_2_with_examples() -> None:
    result = runner.invoke(app, ["report", "--root", str(PROJECT), "vårn 2022"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "okänd period 'vårn 2022'" in result.stderr
    assert "våren 2022" in result.stderr and "mandatperiod 2019–2022" in result.stderr
    assert "Traceback" not in result.output


def test_output_file_format_from_extension_and_refusal(tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    args = ["report", "--root", str(PROJECT), "våren 2022", "-o", str(target)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "finns redan" in again.stderr and "--force" in again.stderr
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0
    md = tmp_path / "rapport.md"
    assert runner.invoke(app, [*args[:-1], str(md)]).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# Styrberedningen – status våren 2022")
    bad = runner.invoke(app, [*args[:-1], str(tmp_path / "rapport.pdf")])
    assert bad.exit_code == 2
    assert "ange --format text|md|html|json" in bad.stderr


def test_explicit_format_wins_over_extension(tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    result = runner.invoke(
        app,
        ["report", "--root", str(PROJECT), "vt 2022", "-o", str(target), "--format", "json"],
    )
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == (
        "Styrberedningen – status vt 2022"
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("- inte en lista", "\\- inte en lista"),
        ("1. inte heller", "1\\. inte heller"),
        ("# ingen rubrik", "\\# ingen rubrik"),
        ("<b>fet</b>", "\\<b\\>fet\\</b\\>"),
        ("a | b", "a \\| b"),
        ("Fas I – Kartlägga", "Fas I – Kartlägga"),
        ("2022-03 och\n  mer", "2022-03 och mer"),
    ],
)
def test_markdown_escapes_data(text: str, escaped: str) -> None:
    from styrning.core.text import markdown

    assert markdown(text) == escaped


def test_mermaid_labels_cannot_break_the_block(make_tree: TreeMaker) -> None:
    from styrning.render.report_markdown import mermaid

    hostile = textwrap.dedent(SMALL["timeline.yaml"]).replace(
        "rubrik: Beslut om en ny styrmodell", "rubrik: 'Beslut: ```; #1'"
    )
    lines = mermaid(small_report(make_tree, {"timeline.yaml": hostile}))
    assert lines[0] == "```mermaid" and lines[-1] == "```"
    assert "```" not in "".join(lines[1:-1])
    assert "        maj 2021 : Beslut ''', 1" in lines
