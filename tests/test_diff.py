"""The semantic diff: which change is named how, for processes and the timeline."""

from __future__ import annotations

from typing import Any

import yaml

from styrning.core.model import Process, Timeline
from styrning.history.diff import (
    TIMELINE_SCOPE,
    diff_datasets,
    diff_process,
    diff_timeline,
    one_line,
)
from styrning.read.loader import Dataset, load

BASE = """\
typ: uppdrag
titel: Medborgardialog
uppdragsgivare: [ks]
huvudfokus:
  - Nya former för inflytande
faser:
  - namn: Fas I – Kartlägga
    status: pågår
  - namn: Fas II – Beskriva
    status: ej påbörjad
händelser:
  - datum: 2022-03
    typ: remiss
    rubrik: Remissversion
  - datum: 2022-06
    typ: beslut
    organ: ks
    planerad: true
"""


def process(text: str, **edits: Any) -> Process:
    data = yaml.safe_load(text)
    data.update(edits)
    return Process.model_validate(data)


def texts(old: Process | None, new: Process | None) -> list[str]:
    return [c.text for c in diff_process("medborgardialog", old, new)]


def events(*items: dict[str, Any]) -> list[dict[str, Any]]:
    return list(items)


REMISS = {"datum": "2022-03", "typ": "remiss", "rubrik": "Remissversion"}
BESLUT = {"datum": "2022-06", "typ": "beslut", "organ": "ks", "planerad": True}


def test_the_same_process_has_no_changes() -> None:
    assert texts(process(BASE), process(BASE)) == []
    assert one_line([]) == "ingen ändring i data (bara form eller kommentarer)"


def test_added_and_removed_process() -> None:
    assert texts(None, process(BASE)) == ["Ny process: Medborgardialog (uppdrag)"]
    assert texts(process(BASE), None) == ["Process borttagen: Medborgardialog (uppdrag)"]


def test_fields_changed_old_to_new() -> None:
    new = process(BASE, titel="Dialog", syfte="Klargöra rådens roll", status="pågår")
    assert texts(process(BASE), new) == [
        "Titel ändrad: 'Medborgardialog' → 'Dialog'",
        "Status ändrad: – → 'pågår'",
        "Syfte ändrat: – → 'Klargöra rådens roll'",
    ]


def test_long_texts_are_shortened_on_one_line() -> None:
    long = "Ett syfte " * 20
    (text,) = texts(process(BASE), process(BASE, syfte=long))
    assert text.startswith("Syfte ändrat: – → 'Ett syfte Ett syfte")
    assert text.endswith("…'")
    assert len(text) < 100


def test_list_items_added_and_removed() -> None:
    new = process(
        BASE, uppdragsgivare=["ks", "stadsdirektor"], huvudfokus=["Utbilda"], ersätter=["gammal"]
    )
    assert texts(process(BASE), new) == [
        "Uppdragsgivare tillagd: 'stadsdirektor'",
        "Huvudfokus borttaget: 'Nya former för inflytande'",
        "Huvudfokus tillagt: 'Utbilda'",
        "Ersätter nu: 'gammal'",
    ]
    assert texts(new, process(BASE, ersätter=["nyare"], huvudfokus=["Utbilda"]))[-2:] == [
        "Ersätter inte längre: 'gammal'",
        "Ersätter nu: 'nyare'",
    ]


def test_event_added_removed_moved_and_done() -> None:
    old = process(BASE)
    moved = process(BASE, händelser=events(REMISS, {**BESLUT, "datum": "2022-09"}))
    assert texts(old, moved) == ["Händelse flyttad: beslut juni 2022 → september 2022"]
    done = process(BASE, händelser=events(REMISS, {**BESLUT, "planerad": False}))
    assert texts(old, done) == ["Planerad → genomförd: beslut juni 2022"]
    both = process(
        BASE, händelser=events(REMISS, {**BESLUT, "datum": "2022-09-14", "planerad": False})
    )
    assert texts(old, both) == [
        "Händelse flyttad: beslut juni 2022 → 14 september 2022",
        "Planerad → genomförd: beslut 14 september 2022",
    ]
    added = process(BASE, händelser=events(REMISS, BESLUT, {"datum": "2022-10", "typ": "start"}))
    assert texts(old, added) == ["Händelse tillagd: start oktober 2022"]
    assert texts(added, old) == ["Händelse borttagen: start oktober 2022"]
    assert texts(old, process(BASE, händelser=events(BESLUT))) == [
        "Händelse borttagen: remiss mars 2022 – Remissversion"
    ]


def test_event_details_changed() -> None:
    new = process(BASE, händelser=events(REMISS, {**BESLUT, "organ": "kf"}))
    assert texts(process(BASE), new) == ["Händelse ändrad: beslut juni 2022: organ 'ks' → 'kf'"]


def test_an_edited_heading_is_a_changed_event() -> None:
    new = process(BASE, händelser=events({**REMISS, "rubrik": "Remissversion 2"}, BESLUT))
    assert texts(process(BASE), new) == [
        "Händelse ändrad: remiss mars 2022: rubrik 'Remissversion' → 'Remissversion 2'"
    ]


def test_an_unchanged_event_never_pairs_with_a_changed_one() -> None:
    two = process(BASE, händelser=events(REMISS, BESLUT, {**BESLUT, "datum": "2022-12"}))
    one_moved = process(BASE, händelser=events(REMISS, BESLUT, {**BESLUT, "datum": "2023-02"}))
    assert texts(two, one_moved) == ["Händelse flyttad: beslut december 2022 → februari 2023"]


def test_phases_advanced_added_and_changed() -> None:
    new = process(
        BASE,
        faser=[
            {"namn": "Fas I – Kartlägga", "status": "avslutad", "slut": "2022-05"},
            {"namn": "Fas II – Beskriva", "status": "pågår"},
            {"namn": "Fas III – Införa"},
        ],
    )
    assert texts(process(BASE), new) == [
        "Ny fas: Fas I – Kartlägga: 'pågår' → 'avslutad'",
        "Fas ändrad: Fas I – Kartlägga: slut – → 2022-05",
        "Ny fas: Fas II – Beskriva: 'ej påbörjad' → 'pågår'",
        "Fas tillagd: Fas III – Införa",
    ]
    back = texts(new, process(BASE))
    assert "Fasstatus ändrad: Fas I – Kartlägga: 'avslutad' → 'pågår'" in back
    assert "Fas borttagen: Fas III – Införa" in back


TL = """\
organisation: Testkommun
organ:
  - id: ks
    namn: Kommunstyrelsen
händelser:
  - datum: 2019-04
    typ: inrättande
    rubrik: Styrberedningen inrättas
"""


def timeline(**edits: Any) -> Timeline:
    data = yaml.safe_load(TL)
    data.update(edits)
    return Timeline.model_validate(data)


def test_timeline_bodies_and_events() -> None:
    new = timeline(
        organ=[
            {"id": "ks", "namn": "Kommunstyrelsen", "kortnamn": "KS"},
            {"id": "kf", "namn": "Kommunfullmäktige"},
        ],
        händelser=[
            {"datum": "2019-04", "typ": "inrättande", "rubrik": "Styrberedningen inrättas"},
            {"datum": "2022-06", "typ": "beslut", "organ": "kf"},
        ],
    )
    assert [c.text for c in diff_timeline(timeline(), new)] == [
        "Organ ändrat: ks: kortnamn – → 'KS'",
        "Organ tillagt: Kommunfullmäktige (kf)",
        "Händelse tillagd: beslut juni 2022",
    ]
    assert [c.text for c in diff_timeline(None, new)] == ["Ny tidslinje: Testkommun"]


def test_timeline_body_that_starts_preparing_another() -> None:
    before = timeline(organ=[{"id": "ks", "namn": "Kommunstyrelsen"}])
    after = timeline(organ=[{"id": "ks", "namn": "Kommunstyrelsen", "bereder": ["kf", "sb"]}])
    assert [c.text for c in diff_timeline(before, after)] == [
        "Organ ändrat: ks: bereder – → kf, sb"
    ]
    assert [c.text for c in diff_timeline(after, before)] == [
        "Organ ändrat: ks: bereder kf, sb → –"
    ]


class Files:
    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def names(self) -> list[str]:
        return list(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name].encode()


def dataset(files: dict[str, str]) -> Dataset:
    return load(Files(files))


def test_datasets_by_id_a_moved_file_is_not_removed() -> None:
    old = dataset({"timeline.yaml": TL, "processes/uppdrag/medborgardialog.yaml": BASE})
    new = dataset(
        {
            "timeline.yaml": TL,
            "processes/uppdrag/2022/medborgardialog.yaml": BASE.replace(
                "titel: Medborgardialog", "titel: Dialog"
            ),
        }
    )
    result = diff_datasets(old, new)
    assert list(result) == ["medborgardialog"]
    assert [c.text for c in result["medborgardialog"]] == [
        "Fil flyttad: processes/uppdrag/medborgardialog.yaml → "
        "processes/uppdrag/2022/medborgardialog.yaml",
        "Titel ändrad: 'Medborgardialog' → 'Dialog'",
    ]


def test_an_unreadable_file_is_said_not_shown_as_removed() -> None:
    old = dataset({"timeline.yaml": TL, "processes/uppdrag/medborgardialog.yaml": BASE})
    new = dataset(
        {"timeline.yaml": "organisation: [", "processes/uppdrag/medborgardialog.yaml": "titel: ["}
    )
    result = diff_datasets(old, new)
    assert [c.text for c in result[TIMELINE_SCOPE]] == [
        "Filen timeline.yaml har fel och jämförs inte – kör styrning validate"
    ]
    assert [c.text for c in result["medborgardialog"]] == [
        "Filen processes/uppdrag/medborgardialog.yaml har fel och jämförs inte – kör styrning "
        "validate"
    ]


def test_keys_leave_out_old_values_so_commits_can_be_matched() -> None:
    a = diff_process("x", process(BASE), process(BASE, titel="B"))
    b = diff_process("x", process(BASE, titel="A"), process(BASE, titel="B"))
    assert a[0].key == b[0].key == ("x", "field", "titel")
    assert one_line(a + a + a + a) == (
        "Titel ändrad: 'Medborgardialog' → 'B'; Titel ändrad: 'Medborgardialog' → 'B'; "
        "Titel ändrad: 'Medborgardialog' → 'B'; och 1 till"
    )
