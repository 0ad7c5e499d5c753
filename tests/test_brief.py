"""The briefing pack: meeting choice, every section, and each format."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.cli import app
from styrning.read.loader import load
from styrning.read.tree import WorkingTree
from styrning.views.brief import BriefError, choose_meeting, compute_brief

runner = CliRunner()

TIMELINE = """\
organisation: Testkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
  - id: ks
    namn: Kommunstyrelsen
sammanträden:
  ks: [2023-02-14, 2023-03-14, 2023-04-18]
  kf: [2023-03-27]
"""

FILES: dict[str, str] = {
    "timeline.yaml": TIMELINE,
    "processes/program/klimat.yaml": """\
        typ: program
        titel: Klimatprogram
        händelser:
          - datum: 2023-02-20
            typ: remiss
            svar_senast: 2023-04-30
          - datum: 2023-04-18
            typ: beslut
            organ: ks
            planerad: true
          - datum: 2023-05
            typ: beslut
            organ: kf
            planerad: true
        """,
    "processes/riktlinjer/gammal.yaml": """\
        typ: riktlinje
        titel: Gamla riktlinjer
        händelser:
          - datum: 2018-03-01
            typ: beslut
            organ: kf
        """,
    "processes/riktlinjer/sen.yaml": """\
        typ: riktlinje
        titel: Sena riktlinjer
        händelser:
          - datum: 2023-01
            typ: beslut
            planerad: true
        """,
    "processes/uppdrag/dialog.yaml": """\
        typ: uppdrag
        titel: Dialoguppdrag
        faser:
          - namn: Fas I
            status: pågår
        händelser:
          - datum: 2023-01-10
            typ: start
          - datum: 2023-06
            typ: återrapportering
            planerad: true
        """,
}


def sections(doc: object) -> dict[str, object]:
    return {s.title: s for s in doc.sections}  # type: ignore[attr-defined]


def test_next_meeting_and_previous_from_the_calendar(make_tree: TreeMaker) -> None:
    ds = load(WorkingTree(make_tree(FILES)))
    m = choose_meeting(ds, None, None, dt.date(2023, 4, 1))
    assert (m.body, m.date, m.previous) == ("ks", dt.date(2023, 4, 18), dt.date(2023, 3, 14))
    kf = choose_meeting(ds, "kf", None, dt.date(2023, 1, 1))
    assert (kf.date, kf.previous) == (dt.date(2023, 3, 27), None)
    with pytest.raises(BriefError, match="ange dagen med --meeting"):
        choose_meeting(ds, "ks", None, dt.date(2023, 5, 1))


def test_every_section(make_tree: TreeMaker) -> None:
    ds = load(WorkingTree(make_tree(FILES)))
    meeting = choose_meeting(ds, "ks", dt.date(2023, 4, 18), dt.date(2023, 4, 1))
    doc = compute_brief(ds, meeting, dt.date(2023, 4, 1), provenance=["Per: 2023-04-01"])
    assert doc.title == "Inför sammanträdet i Kommunstyrelsen 18 april 2023"
    s = sections(doc)
    assert s["Sammanträdet"].paragraphs == [  # type: ignore[attr-defined]
        "Organ: Kommunstyrelsen",
        "Sammanträde: 18 april 2023",
        "Föregående sammanträde: 14 mars 2023",
        "Läget per: 2023-04-01",
    ]
    # since the previous meeting (14 March) nothing happened in this data
    assert s["Händelser sedan 14 mars 2023"].bullets == []  # type: ignore[attr-defined]
    assert s["Beslut vid sammanträdet"].bullets == [  # type: ignore[attr-defined]
        "Beslut 18 april 2023: Klimatprogram (Kommunstyrelsen) – planerat"
    ]
    # KF's decision in May is another body's: not on KS's list
    assert s["Kommande beslut till och med 18 juli 2023"].bullets == []  # type: ignore[attr-defined]
    remiss = s["På remiss"].table  # type: ignore[attr-defined]
    assert remiss.rows == [["Klimatprogram", "20 februari 2023", "30 april 2023"]]
    assert s["Försenat"].bullets == [  # type: ignore[attr-defined]
        "Sena riktlinjer: beslut planerat januari 2023, inget registrerat sedan"
    ]
    assert s["Aktualitetsprövning"].bullets == [  # type: ignore[attr-defined]
        "Gamla riktlinjer: senast 1 mars 2022 (beslutad 1 mars 2018 + 4 år)"
    ]
    assert s["Pågående uppdrag"].bullets == [  # type: ignore[attr-defined]
        "Dialoguppdrag: pågår, Fas I\nNästa: återrapportering juni 2023"
    ]
    assert doc.provenance == ["Per: 2023-04-01"]


def test_a_review_within_six_months_is_listed_as_coming(make_tree: TreeMaker) -> None:
    # Gamla riktlinjer, adopted 1 March 2018, is due 1 March 2022: coming from 1 September 2021.
    ds = load(WorkingTree(make_tree(FILES)))
    for day, expected in [
        (dt.date(2021, 8, 31), []),
        (
            dt.date(2021, 9, 1),
            ["Gamla riktlinjer: snart, senast 1 mars 2022 (beslutad 1 mars 2018 + 4 år)"],
        ),
    ]:
        meeting = choose_meeting(ds, "ks", day, day)
        doc = compute_brief(ds, meeting, day)
        assert sections(doc)["Aktualitetsprövning"].bullets == expected  # type: ignore[attr-defined]


def test_events_since_a_date_without_history(make_tree: TreeMaker) -> None:
    ds = load(WorkingTree(make_tree(FILES)))
    meeting = choose_meeting(ds, "ks", dt.date(2023, 3, 14), dt.date(2023, 3, 1))
    doc = compute_brief(ds, meeting, dt.date(2023, 3, 14), since=dt.date(2023, 1, 1))
    assert sections(doc)["Händelser sedan 1 januari 2023"].bullets == [  # type: ignore[attr-defined]
        "Start 10 januari 2023: Dialoguppdrag",
        "Remiss 20 februari 2023: Klimatprogram",
    ]


def test_empty_sections_say_so_in_one_line(make_tree: TreeMaker) -> None:
    root = make_tree({})
    result = runner.invoke(app, ["brief", "--root", str(root), "--meeting", "2023-01-10"])
    assert result.exit_code == 0, result.output
    for line in (
        "Inga beslut är planerade till det här sammanträdet.",
        "Inga dokument är ute på remiss.",
        "Inget är försenat.",
        "Inga styrdokument behöver prövas nu eller de närmaste sex månaderna.",
        "Inga pågående uppdrag.",
        "Inget föregående sammanträde är känt – ange --since DATUM eller REVISION.",
    ):
        assert line in result.stdout


def test_project_data_brief_names_the_meeting_and_the_coming_decision() -> None:
    result = runner.invoke(app, ["brief", "--root", str(PROJECT), "--meeting", "2022-05-17"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Inför sammanträdet 17 maj 2022\n")
    coming = out.split("Kommande beslut till och med 17 augusti 2022")[1].split("På remiss")[0]
    assert "Beslut juni 2022: Program för social hållbarhet – planerat" in coming
    assert "Program för social hållbarhet  mars 2022" in out
    assert "Per: 2022-05-17" in out


def test_word_pack_has_headings_and_tables(tmp_path: Path) -> None:
    out = tmp_path / "underlag.docx"
    result = runner.invoke(
        app, ["brief", "--root", str(PROJECT), "--meeting", "2022-05-17", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    word = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings[:2] == ["Sammanträdet", "Ändringar sedan förra sammanträdet"]
    assert "På remiss" in headings and "Pågående uppdrag" in headings
    (table,) = word.tables
    assert [c.text for c in table.rows[1].cells] == [
        "Program för social hållbarhet",
        "mars 2022",
        "ej angivet",
    ]
    again = runner.invoke(
        app, ["brief", "--root", str(PROJECT), "--meeting", "2022-05-17", "-o", str(out)]
    )
    assert again.exit_code == 2
    assert "finns redan" in again.stderr


def test_html_pack_is_self_contained(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["brief", "--root", str(PROJECT), "--meeting", "2022-05-17", "-f", "html"]
    )
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "Program för social hållbarhet" in page


def test_json_pack() -> None:
    result = runner.invoke(
        app, ["brief", "--root", str(PROJECT), "--meeting", "2022-05-17", "-f", "json"]
    )
    doc = json.loads(result.stdout)
    assert doc["title"] == "Inför sammanträdet 17 maj 2022"
    assert [s["title"] for s in doc["sections"]] == [
        "Sammanträdet",
        "Ändringar sedan förra sammanträdet",
        "Beslut vid sammanträdet",
        "Kommande beslut till och med 17 augusti 2022",
        "På remiss",
        "Försenat",
        "Aktualitetsprövning",
        "Pågående uppdrag",
    ]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "ange dagen med --meeting"),
        (["--meeting", "17 maj"], "--meeting väntar ett datum"),
        (["--meeting", "2022-05-17", "-f", "docx"], "ange -o underlag.docx"),
        (["--meeting", "2022-05-17", "--organ", "kss"], "kss"),
    ],
)
def test_usage_errors(args: list[str], fragment: str) -> None:
    result = runner.invoke(app, ["brief", "--root", str(PROJECT), *args])
    assert result.exit_code == 2
    assert fragment in result.stderr


def test_brief_with_history_shows_what_changed_and_who(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gitrepo import commit, init

    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    repo = init(tmp_path / "arkiv")
    timeline = TIMELINE.replace(
        "ks: [2023-02-14, 2023-03-14, 2023-04-18]", "ks: [2023-03-14, 2023-04-18]"
    )
    commit(
        repo,
        {
            "timeline.yaml": timeline,
            "processes/program/klimat.yaml": FILES["processes/program/klimat.yaml"],
        },
        "Start",
        "2023-03-01T09:00:00+01:00",
    )
    renamed = str(FILES["processes/program/klimat.yaml"]).replace(
        "titel: Klimatprogram", "titel: Klimat- och miljöprogram"
    )
    commit(
        repo,
        {"processes/program/klimat.yaml": renamed},
        "Ny titel",
        "2023-03-20T09:00:00+01:00",
        author="Bertil Berg",
    )
    # the previous KS meeting (14 March) is where "since" starts by default
    result = runner.invoke(app, ["brief", "--root", str(repo), "--meeting", "2023-04-18"])
    assert result.exit_code == 0, result.output
    section = result.stdout.split("Ändringar sedan ")[1].split("Beslut vid sammanträdet")[0]
    assert (
        "Klimat- och miljöprogram: Titel ändrad: 'Klimatprogram' → 'Klimat- och miljöprogram' "
        "(Bertil Berg, 2023-03-20," in section
    )
    # a revision works too, and outside git a revision is a usage error
    first = runner.invoke(
        app, ["brief", "--root", str(repo), "--meeting", "2023-04-18", "--since", "HEAD~1"]
    )
    assert "Bertil Berg" in first.stdout
    outside = tmp_path / "utan-git"
    outside.mkdir()
    (outside / "timeline.yaml").write_text(timeline, encoding="utf-8")
    bad = runner.invoke(
        app, ["brief", "--root", str(outside), "--meeting", "2023-04-18", "--since", "HEAD~1"]
    )
    assert bad.exit_code == 2
    assert "är en git-revision" in bad.stderr


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_word_pack_opens_in_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "underlag.docx"
    result = runner.invoke(
        app, ["brief", "--root", str(PROJECT), "--meeting", "2022-05-17", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
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
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "underlag.pdf"
    assert done.returncode == 0 and pdf.stat().st_size > 0, done.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for heading in ("Inför sammanträdet 17 maj", "På remiss", "Pågående uppdrag"):
            assert heading in text
