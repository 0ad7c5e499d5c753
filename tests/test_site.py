"""`styrning site` and `styrning serve`: what the pages say, where they are written, live reload.

The browser checks (axe, links, search, sub-path, scripts off) are in test_site_browser.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TIMELINE, TreeMaker
from gitrepo import commit, init
from styrning.cli import app
from styrning.core.dates import PartialDate
from styrning.read.source import parse

runner = CliRunner()

DATE_KEYS = {"datum", "start", "slut", "svar_senast", "aktualitetsprövning"}


def page_text(path: Path) -> str:
    """The text a reader sees: tags, style and script dropped, entities read, spaces collapsed."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(style|script)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return " ".join(html.unescape(raw).split())


def build(root: Path, out: Path, *args: str) -> None:
    result = runner.invoke(app, ["site", "--root", str(root), "-o", str(out), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build(PROJECT, out, "--as-of", "2022-04-15")
    return out


def _facts(value: Any, key: str | None = None) -> list[str]:
    """Every fact of a parsed file as the text a page must show (dates in Swedish words)."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _facts(v, k)]
    if isinstance(value, list):
        return [f for v in value for f in _facts(v, key)]
    if isinstance(value, bool):
        return []
    if key in DATE_KEYS:
        return [PartialDate.parse(value).swedish()]
    return [" ".join(str(value).split())]


BODY_NAMES = {
    "kf": "Kommunfullmäktige",
    "ks": "Kommunstyrelsen",
    "stadsdirektor": "Stadsdirektör",
    "stadsledningskontoret": "Stadsledningskontoret",
    "styrberedningen": "Styrberedningen",
}


@pytest.mark.parametrize(
    "path",
    sorted(p.relative_to(PROJECT).as_posix() for p in (PROJECT / "processes").rglob("*.yaml")),
)
def test_every_seed_fact_is_on_its_process_page(project_site: Path, path: str) -> None:
    data = parse(path, (PROJECT / path).read_bytes()).data
    text = page_text(project_site / f"process-{Path(path).stem}.html")
    facts = _facts(data)
    assert len(facts) >= 3
    for fact in facts:
        shown = BODY_NAMES.get(fact, fact)  # a body id is shown by its name
        assert shown in text, f"{path}: {shown!r} missing from its page"


def test_start_page_has_the_six_processes_with_their_status(project_site: Path) -> None:
    text = page_text(project_site / "index.html")
    # Judged on 2022-04-15: the remiss of March 2022 has happened, the decision of June not yet;
    # the guidelines were adopted in 2020-2021; the assignment states 'pågår' in its file.
    expected = [
        ("Dialog och demokratiutveckling", "pågår (angiven)"),
        ("Program för social hållbarhet", "på remiss"),
        ("Riktlinjer för aktiverande styrning i Umeå kommun", "gällande"),
        ("Riktlinjer för ny budget- och investeringsprocess", "gällande"),
        ("Riktlinjer för ägarstyrning i Umeå kommun", "gällande"),
    ]
    for title, state in expected:
        assert re.search(re.escape(title) + r" " + re.escape(state), text), (title, state)
    assert "Riktlinjer för styrning och uppföljning av verksamhet" in text
    links = re.findall(r'href="(process-[^"]+)"', (project_site / "index.html").read_text())
    assert len(set(links)) == 6
    assert "juni 2022 beslut (planerat)" in text
    assert "Styrberedningen – status våren 2022" in text
    assert "Linda Gustafsson" in text


def test_social_hallbarhet_page(project_site: Path) -> None:
    text = page_text(project_site / "process-social-hallbarhet.html")
    assert "Inriktningsmål Umeå ska växa hållbart utan några utsatta områden" in text
    assert "mars 2022 Remiss – Remissversion" in text
    assert "juni 2022 Beslut (planerat)" in text
    assert "på remiss (remiss mars 2022)" in text


def test_report_page_holds_what_the_report_command_holds(tmp_path: Path) -> None:
    out = tmp_path / "public"
    today = dt.date.today().isoformat()
    build(PROJECT, out, "--as-of", today)
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "våren 2022", "--root", str(PROJECT), "-o", str(report)])
    assert result.exit_code == 0, result.output
    raw = report.read_text(encoding="utf-8")
    main = raw[raw.index('<main class="page">') : raw.index("</main>")]
    (tmp_path / "main.html").write_text(main, encoding="utf-8")
    expected = page_text(tmp_path / "main.html")
    assert "Remissversion" in expected and "Läget per 30 juni 2022." in expected
    assert expected in page_text(out / "rapport-2022-vt.html")


def test_calendar_is_the_timeline_calendar(project_site: Path, tmp_path: Path) -> None:
    ics = tmp_path / "t.ics"
    args = ["timeline", "--root", str(PROJECT), "--as-of", "2022-04-15", "-o", str(ics)]
    assert runner.invoke(app, args).exit_code == 0
    assert (project_site / "kalender.ics").read_bytes() == ics.read_bytes()


def test_open_data_and_search_index(project_site: Path) -> None:
    data = json.loads((project_site / "data.json").read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["processer"]]
    assert len(ids) == 6 and "social-hallbarhet" in ids
    social = next(p for p in data["processer"] if p["id"] == "social-hallbarhet")
    assert social["händelser"][1] == {"datum": "2022-06", "typ": "beslut", "planerad": True}
    assert social["härledd_status"]["status"] == "på remiss"
    assert data["timeline"]["organisation"] == "Umeå kommun"
    script = (project_site / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.STYRNING_SOK = ")
    index = json.loads(script.removeprefix("window.STYRNING_SOK = ").rstrip().rstrip(";"))
    urls = {e["url"] for e in index}
    assert "process-social-hallbarhet.html" in urls and "organ-ks.html" in urls


def test_every_link_is_relative(project_site: Path) -> None:
    for page in project_site.glob("*.html"):
        raw = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src)="([^"]*)"', raw):
            assert not url.startswith(("/", "//")), (page.name, url)
            assert not url.startswith("http") or page.name == "tillganglighet.html", url


def test_body_page(project_site: Path) -> None:
    text = page_text(project_site / "organ-kf.html")
    # KF's own events in timeline.yaml: the assignment of June 2018 (not a decision).
    assert "juni 2018 Uppdrag" in text
    ks = page_text(project_site / "organ-ks.html")
    assert "november 2018" in ks
    assert "Uppdrag som organet gett Dialog och demokratiutveckling" in ks


HISTORY_V1 = """\
typ: program
titel: Program för trygghet
händelser:
  - datum: 2022-03
    typ: remiss
"""
HISTORY_V2 = (
    HISTORY_V1
    + """\
  - datum: 2022-09
    typ: beslut
    organ: kf
    planerad: true
"""
)


def test_history_per_process_in_git(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    commit(
        repo,
        {"timeline.yaml": TIMELINE, "processes/program/trygghet.yaml": HISTORY_V1},
        "Lägg in programmet",
        "2022-01-10T09:00:00+01:00",
    )
    commit(
        repo,
        {"processes/program/trygghet.yaml": HISTORY_V2},
        "Beslutet planeras",
        "2022-03-05T10:00:00+01:00",
        author="Bertil Berg",
    )
    out = tmp_path / "public"
    build(repo, out, "--as-of", "2022-04-01")
    text = page_text(out / "process-trygghet.html")
    history = text[text.index("Historik") :]
    assert re.search(
        r"2022-03-05 Bertil Berg [0-9a-f]{7} – Beslutet planeras "
        r"Händelse tillagd: beslut september 2022",
        history,
    ), history
    assert re.search(
        r"2022-01-10 Anna Andersson [0-9a-f]{7} – Lägg in programmet Ny process: "
        r"Program för trygghet \(program\)",
        history,
    ), history
    assert history.index("Bertil Berg") < history.index("Anna Andersson")  # newest first
    # --at a day between the commits: the data and the history as they were then.
    then = tmp_path / "then"
    build(repo, then, "--at", "2022-02-01")
    text = page_text(then / "process-trygghet.html")
    assert "Bertil Berg" not in text and "Anna Andersson" in text
    assert "september 2022" not in text
    assert "Per: 2022-02-01" in text


def test_outside_git_the_page_says_so(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({"processes/program/x.yaml": HISTORY_V1})
    out = tmp_path / "public"
    build(root, out, "--as-of", "2022-04-01")
    assert "Historiken visas inte" in page_text(out / "process-x.html")


def test_refuses_a_folder_holding_something_else(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({"processes/program/x.yaml": HISTORY_V1})
    out = tmp_path / "public"
    out.mkdir()
    (out / "viktig.txt").write_text("behåll mig", encoding="utf-8")
    result = runner.invoke(app, ["site", "--root", str(root), "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert (out / "viktig.txt").read_text(encoding="utf-8") == "behåll mig"
    assert not (out / "index.html").exists()
    # An earlier site is replaced without --force: its files go, the new ones come.
    result = runner.invoke(app, ["site", "--root", str(root), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert not (out / "viktig.txt").exists()
    (out / "gammal.html").write_text("x", encoding="utf-8")
    build(root, out)
    assert not (out / "gammal.html").exists() and (out / "process-x.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "public"]  # no temporary left


def test_never_writes_over_the_data(make_tree: TreeMaker) -> None:
    root = make_tree({"processes/program/x.yaml": HISTORY_V1})
    for target in (root, root.parent, root / "processes"):
        result = runner.invoke(app, ["site", "--root", str(root), "-o", str(target), "--force"])
        assert result.exit_code == 2, target
        assert "datamappen" in result.stderr
    assert (root / "processes/program/x.yaml").read_text(encoding="utf-8") == HISTORY_V1


def test_a_file_in_the_way(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({"processes/program/x.yaml": HISTORY_V1})
    (tmp_path / "public").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["site", "--root", str(root), "-o", str(tmp_path / "public")])
    assert result.exit_code == 2 and "är en fil" in result.stderr


def test_a_broken_file_is_noted_on_the_pages(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree(
        {"processes/program/x.yaml": HISTORY_V1, "processes/program/y.yaml": "typ: [\n"}
    )
    out = tmp_path / "public"
    build(root, out, "--as-of", "2022-04-01")
    text = page_text(out / "index.html")
    assert "Obs: fel i underlaget" in text and "processes/program/y.yaml" in text


# --- serve ------------------------------------------------------------------------------


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


@pytest.fixture
def served(make_tree: TreeMaker) -> Any:
    root = make_tree({"processes/program/x.yaml": HISTORY_V1})
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "styrning", "serve", "--root", str(root), "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        yield root, f"http://127.0.0.1:{found.group(1)}"
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # waits, and closes the pipe


def _wait_for_new_version(base: str, old: str, limit: float) -> tuple[str, float]:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        now = _get(base + "/__version")
        if now != old:
            return now, time.monotonic() - start
        time.sleep(0.02)
    return old, time.monotonic() - start


def test_serve_rebuilds_within_a_second_and_shows_problems(served: Any) -> None:
    root, base = served
    first = _get(base + "/__version")
    page = _get(base + "/process-x.html")
    assert "Program för trygghet" in page and "/__version" in page  # the reload script
    assert _get(base + "/") == _get(base + "/index.html").replace(first, first)
    target = root / "processes/program/x.yaml"
    target.write_text(HISTORY_V1.replace("trygghet", "tillit"), encoding="utf-8")
    second, took = _wait_for_new_version(base, first, 1.0)
    assert second != first, f"no rebuild within a second ({took:.2f} s)"
    assert "Program för tillit" in _get(base + "/process-x.html")
    # A broken file: the server keeps serving, and every page names the problem and its place.
    target.write_text("typ: program\ntitel: [\n", encoding="utf-8")
    third, _ = _wait_for_new_version(base, second, 2.0)
    assert third != second
    text = html.unescape(_get(base + "/index.html"))
    assert "Fel i datafilerna" in text
    assert re.search(r"processes/program/x\.yaml:\d+:\d+: fel", text), text


def test_serve_refuses_a_port_in_use(make_tree: TreeMaker) -> None:
    import socket

    root = make_tree({})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = runner.invoke(app, ["serve", "--root", str(root), "--port", str(port)])
    assert result.exit_code == 2
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr


def test_init_writes_pages_jobs_with_the_whole_history(tmp_path: Path) -> None:
    from test_init_new import _vendored

    target = tmp_path / "d"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    workflow = parse("w.yml", (target / ".github/workflows/styrning.yml").read_bytes()).data
    assert [e.message for e in _vendored("github-workflows").iter_errors(workflow)] == []
    job = workflow["jobs"]["site"]
    assert job["needs"] == "validate"
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = job["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert {"run": "styrning site -o public"} in steps
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"] == {"path": "public"}
    assert steps[-1]["uses"] == "actions/deploy-pages@v4"
    gitlab = parse("g.yml", (target / ".gitlab-ci.yml").read_bytes()).data
    assert [e.message for e in _vendored("gitlab-ci").iter_errors(gitlab)] == []
    pages = gitlab["pages"]
    assert pages["variables"]["GIT_DEPTH"] == "0"
    assert pages["script"] == ["styrning site -o public"]
    assert pages["artifacts"] == {"paths": ["public"]}
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any("install" in line and " git" in line for line in pages["before_script"])
    assert "styrning" in gitlab  # the validate job is still there


# --- the accessibility statement ------------------------------------------------------------

ACCESSIBILITY = """\
organisation: Testkommun
organ:
  - id: ks
    namn: Kommunstyrelsen
kontakt:
  - namn: Styrberedningens sekreterare
    epost: sekreterare@example.se
tillgänglighet:
  förenlig: delvis
  brister:
    - Protokollen i PDF saknar rubriker som en skärmläsare kan följa.
    - Filmen från dialogmötet saknar textning.
  kontakt:
    - namn: Webbredaktionen
      epost: webb@example.se
      telefon: 090-16 10 00
  bedömd: 2026-09-15
  redogörelse: Kommunens tillgänglighetssamordnare granskade webbplatsen med skärmläsare.
"""

# What the page says on its own, with or without the section.
OWN_SHORTCOMINGS = [
    "Tidslinjens bilder blir små på en smal skärm. Samma händelser finns som lista under "
    "varje bild.",
    "Sökningen fungerar inte utan JavaScript.",
]
DIGG = "Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen."


def _shortcomings(page: Path) -> list[str]:
    raw = page.read_text(encoding="utf-8")
    section = raw.split(">Kända brister<", 1)[1].split("</ul>", 1)[0]
    return [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", section)]


def test_accessibility_statement_from_timeline(
    make_tree: TreeMaker, tmp_path: Path, browser: Any
) -> None:
    from browser import axe_violations, describe, open_file

    root = make_tree({"timeline.yaml": ACCESSIBILITY})
    out = tmp_path / "public"
    build(root, out, "--as-of", "2026-11-30")
    page = out / "tillganglighet.html"
    text = page_text(page)
    assert (
        "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig "
        "service, på grund av de brister som beskrivs nedan." in text
    )
    # the organisation's shortcomings first, then those the program knows of its pages
    assert _shortcomings(page) == [
        "Protokollen i PDF saknar rubriker som en skärmläsare kan följa.",
        "Filmen från dialogmötet saknar textning.",
        *OWN_SHORTCOMINGS,
    ]
    # the statement's own contact, not the one of the whole timeline
    assert "Webbredaktionen Telefon: 090-16 10 00 E-post: webb@example.se" in text
    assert 'href="mailto:webb@example.se"' in page.read_text(encoding="utf-8")
    assert "sekreterare@example.se" not in text
    assert "Kommunens tillgänglighetssamordnare granskade webbplatsen med skärmläsare." in text
    assert "Testkommun bedömde senast webbplatsens tillgänglighet den 15 september 2026." in text
    assert "Redogörelsen uppdaterades 2026-11-30" in text
    assert DIGG in text
    opened = open_file(browser, page)
    violations = axe_violations(opened.page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize(
    ("value", "sentence", "assessed", "when"),
    [
        (
            "helt",
            "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital "
            "offentlig service.",
            "2026-09",
            "i september 2026",
        ),
        (
            "inte",
            "Webbplatsen är inte förenlig med lagen om tillgänglighet till digital "
            "offentlig service. De brister vi känner till beskrivs nedan.",
            "2026",
            "under 2026",
        ),
    ],
)
def test_accessibility_conformance_and_timeline_contact(
    make_tree: TreeMaker, tmp_path: Path, value: str, sentence: str, assessed: str, when: str
) -> None:
    timeline = TIMELINE + (
        "kontakt:\n  - namn: Eva Ek\n    epost: eva.ek@example.se\n"
        f"tillgänglighet:\n  förenlig: {value}\n  bedömd: {assessed}\n"
    )
    root = make_tree({"timeline.yaml": timeline})
    out = tmp_path / "public"
    build(root, out, "--as-of", "2026-11-30")
    text = page_text(out / "tillganglighet.html")
    assert sentence in text
    assert f"Testkommun bedömde senast webbplatsens tillgänglighet {when}." in text
    # no contact of its own: the timeline's
    assert "kontakta oss: Eva Ek E-post: eva.ek@example.se" in text
    assert _shortcomings(out / "tillganglighet.html") == OWN_SHORTCOMINGS


def test_accessibility_statement_without_the_section(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({})
    out = tmp_path / "public"
    build(root, out, "--as-of", "2026-11-30")
    page = out / "tillganglighet.html"
    text = page_text(page)
    assert _shortcomings(page) == OWN_SHORTCOMINGS
    assert "förenlig" not in text and "bedömde" not in text
    assert (
        "Om du upptäcker problem som inte beskrivs här, eller om du behöver innehållet i en "
        "annan form, kontakta den som ansvarar för styrberedningens arbete." in text
    )
    assert DIGG in text
    assert "Webbplatsen är gjord för att uppfylla WCAG 2.1 nivå AA (EN 301 549)." in text


def test_wrong_accessibility_values_are_problems_at_their_place(make_tree: TreeMaker) -> None:
    timeline = TIMELINE + (
        "tillgänglighet:\n"
        "  förenlig: delvist\n"
        "  brister: En enda brist\n"
        "  bedömd: 2026-13-01\n"
        "  kontakt:\n"
        "    - epost: webb@example.se\n"
        "  granskad: ja\n"
    )
    # TIMELINE has 6 lines, so the section starts on line 7; a missing key is reported
    # where its mapping starts (the `epost` of line 12)
    root = make_tree({"timeline.yaml": timeline})
    result = runner.invoke(app, ["validate", "--root", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {
        (p["line"], p["column"], p["code"]): p["message"]
        for p in json.loads(result.stdout)["problems"]
    }
    assert set(found) == {
        (8, 13, "S004"),
        (9, 12, "S003"),
        (10, 11, "D001"),
        (12, 7, "S002"),
        (13, 3, "S001"),
    }, found
    assert (
        "'delvist' är inget tillåtet värde – menade du 'delvis'? (tillåtna: helt, delvis, inte)"
        in found[(8, 13, "S004")]
    )
    # the site still builds, from what is right
    out = root.parent / "public"
    build(root, out, "--as-of", "2026-11-30")
    assert _shortcomings(out / "tillganglighet.html") == OWN_SHORTCOMINGS


def test_the_schema_knows_the_accessibility_section() -> None:
    import jsonschema

    schema = json.loads((PROJECT / "schema/timeline.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = parse("timeline.yaml", ACCESSIBILITY.encode()).data
    assert list(validator.iter_errors(data)) == []
    for key, wrong in [("förenlig", "delvist"), ("granskad", "ja"), ("brister", "En brist")]:
        section = {**data["tillgänglighet"], key: wrong}
        assert not validator.is_valid({**data, "tillgänglighet": section}), key
