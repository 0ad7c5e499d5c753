"""The status rules on a small municipality whose answers were worked out by hand from the dates.

Each expected state below was derived from the files' dates and the README's rules, not
taken from the tool's output: the dates are chosen to sit on either side of each rule.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from conftest import TreeMaker
from realistic import MemoryFiles
from styrning.cli import app
from styrning.core.dates import PartialDate
from styrning.core.model import ProcessStatus
from styrning.read.loader import load
from styrning.state.status import StateSource, compute_status

TIMELINE = """\
organisation: Exempelby kommun
organ:
  - id: kf
    namn: Kommunfullmäktige
    kortnamn: KF
  - id: ks
    namn: Kommunstyrelsen
    kortnamn: KS
  - id: bun
    namn: Barn- och utbildningsnämnden
aktualitetsprövning_år: 4
"""

FILES = {
    "timeline.yaml": TIMELINE,
    # Adopted on 31 January; the file was written afterwards and says so.
    "processes/riktlinjer/inkop.yaml": """\
typ: riktlinje
titel: Riktlinjer för inköp
status: gällande
händelser:
  - datum: 2021-11
    typ: remiss
    organ: ks
    svar_senast: 2021-12-15
  - datum: 2022-01-31
    typ: beslut
    organ: ks
""",
    # KS prepares, KF adopts: the proposal is not the adoption.
    "processes/program/miljo.yaml": """\
typ: program
titel: Miljöprogram 2022–2030
beslutande: kf
ersätter: [miljo-gamla]
händelser:
  - datum: 2022-03-01
    typ: remiss
    organ: ks
    svar_senast: 2022-04-30
  - datum: 2022-05-31
    typ: förslag
    organ: ks
  - datum: 2022-06-20
    typ: beslut
    organ: kf
""",
    # The old version, adopted in March 2018 and replaced by the new one's adoption.
    "processes/program/miljo-gamla.yaml": """\
typ: program
titel: Miljöprogram 2018–2021
beslutande: kf
händelser:
  - datum: 2018-03
    typ: beslut
    organ: kf
""",
    # Reviewed in February 2022: the next review is four years later, not now.
    "processes/policyer/lon.yaml": """\
typ: policy
titel: Lönepolicy
händelser:
  - datum: 2018-03
    typ: beslut
    organ: kf
  - datum: 2022-02
    typ: aktualitetsprövning
    organ: kf
""",
    # Never reviewed: due four years after March 2018.
    "processes/regler/attest.yaml": """\
typ: regler
titel: Attestregler
händelser:
  - datum: 2018-03
    typ: beslut
    organ: bun
""",
    # Started, then paused: the file says so after the start.
    "processes/uppdrag/lokaler.yaml": """\
typ: uppdrag
titel: Översyn av lokaler
uppdragsgivare: [ks]
status: pausad
händelser:
  - datum: 2022-02-14
    typ: start
    organ: ks
""",
    # Phases told only by status: current only from the start on 1 September.
    "processes/uppdrag/styrmodell.yaml": """\
typ: uppdrag
titel: Ny styrmodell
uppdragsgivare: [kf]
faser:
  - namn: Analys
    status: avslutad
  - namn: Förslag
    status: pågår
händelser:
  - datum: 2022-09-01
    typ: uppdrag
    organ: kf
""",
    # Stopped by KS.
    "processes/uppdrag/ekonomi.yaml": """\
typ: uppdrag
titel: Samlad ekonomistyrning
uppdragsgivare: [ks]
händelser:
  - datum: 2021-04
    typ: uppdrag
    organ: ks
  - datum: 2022-10-10
    typ: upphävande
    organ: ks
""",
}

# (process, day) -> (state, source, replaced by, phase), each worked out from the dates above.
EXPECTED = {
    # 20 January: the remiss closed 15 December, no decision yet; the written "gällande"
    # describes the present, after 31 January, not this day.
    ("inkop", "2022-01-20"): (ProcessStatus.FOR_BESLUT, StateSource.DERIVED, None, None),
    ("inkop", "2022-01-31"): (ProcessStatus.GALLANDE, StateSource.DERIVED, None, None),
    ("inkop", "2021-10-31"): (None, StateSource.UNKNOWN, None, None),
    ("inkop", "2021-11-01"): (ProcessStatus.PA_REMISS, StateSource.DERIVED, None, None),
    ("miljo", "2022-04-30"): (ProcessStatus.PA_REMISS, StateSource.DERIVED, None, None),
    ("miljo", "2022-05-01"): (ProcessStatus.FOR_BESLUT, StateSource.DERIVED, None, None),
    ("miljo", "2022-06-19"): (ProcessStatus.FOR_BESLUT, StateSource.DERIVED, None, None),
    ("miljo", "2022-06-20"): (ProcessStatus.GALLANDE, StateSource.DERIVED, None, None),
    # The proposal of 31 May does not replace the old programme; KF's decision does.
    ("miljo-gamla", "2022-06-01"): (ProcessStatus.GALLANDE, StateSource.DERIVED, None, None),
    ("miljo-gamla", "2022-06-20"): (ProcessStatus.ERSATT, StateSource.DERIVED, "miljo", None),
    ("miljo-gamla", "2018-02-28"): (None, StateSource.UNKNOWN, None, None),
    ("lokaler", "2022-02-13"): (ProcessStatus.EJ_PABORJAD, StateSource.DERIVED, None, None),
    ("lokaler", "2022-02-14"): (ProcessStatus.PAUSAD, StateSource.STATED, None, None),
    ("styrmodell", "2022-08-31"): (ProcessStatus.EJ_PABORJAD, StateSource.DERIVED, None, None),
    ("styrmodell", "2022-09-01"): (ProcessStatus.PAGAR, StateSource.DERIVED, None, "Förslag"),
    ("ekonomi", "2022-10-09"): (ProcessStatus.PAGAR, StateSource.DERIVED, None, None),
    ("ekonomi", "2022-10-10"): (ProcessStatus.AVBRUTEN, StateSource.DERIVED, None, None),
}


def _row(pid: str, day: str):  # type: ignore[no-untyped-def]
    ds = load(MemoryFiles(FILES))
    rows = {r.id: r for r in compute_status(ds, dt.date.fromisoformat(day)).rows}
    return rows[pid]


@pytest.mark.parametrize(("pid", "day"), sorted(EXPECTED))
def test_the_state_on_a_day_is_the_one_derived_by_hand(pid: str, day: str) -> None:
    row = _row(pid, day)
    assert (row.state, row.state_source, row.replaced_by, row.phase) == EXPECTED[(pid, day)]


def test_the_reasons_name_the_deciding_fact() -> None:
    assert _row("miljo", "2022-06-01").state_reason == "förslag från KS 31 maj 2022"
    assert _row("miljo", "2022-06-20").state_reason == "beslut 20 juni 2022"
    assert _row("inkop", "2022-01-20").state_reason == "remisstiden gick ut 15 december 2021"
    assert _row("miljo-gamla", "2022-06-20").state_reason == "ersatt av miljo 20 juni 2022"
    assert _row("inkop", "2021-10-31").state_reason == "ingen händelse till och med 2021-10-31"


# Reviews: (process, day) -> (due, coming), or None when no review has come or is coming.
REVIEWS = {
    # Lönepolicy, reviewed February 2022: due February 2026, noticed from August 2025.
    ("lon", "2022-04-01"): None,
    ("lon", "2025-07-31"): None,
    ("lon", "2025-08-01"): ("2026-02", True),
    ("lon", "2026-02-01"): ("2026-02", False),
    # Attestregler, adopted March 2018 and never reviewed: due March 2022.
    ("attest", "2021-08-31"): None,
    ("attest", "2021-09-01"): ("2022-03", True),
    ("attest", "2022-03-01"): ("2022-03", False),
    # Before the review of February 2022 the Lönepolicy was due too.
    ("lon", "2022-01-15"): ("2022-03", True),
}


@pytest.mark.parametrize(("pid", "day"), sorted(REVIEWS))
def test_a_review_done_resets_the_clock(pid: str, day: str) -> None:
    review = _row(pid, day).review
    got = None if review is None else (str(review.due), review.coming)
    expected = REVIEWS[(pid, day)]
    assert got == expected
    if expected is not None:
        assert PartialDate.parse(expected[0])  # a date as the file would write it


def test_a_review_in_the_month_of_the_decision_counts_from_the_later_day() -> None:
    """Adopted on 26 June 2021 and reviewed "June 2021": the month begins before the
    decision, so the clock runs from the decision's day: due 26 June 2025, noticed from
    26 December 2024."""
    files = {
        **FILES,
        "processes/riktlinjer/samma.yaml": (
            "typ: riktlinje\ntitel: Samma månad\nhändelser:\n"
            "  - datum: 2021-06-26\n    typ: beslut\n    organ: kf\n"
            "  - datum: 2021-06\n    typ: aktualitetsprövning\n    organ: kf\n"
        ),
    }
    ds = load(MemoryFiles(files))

    def review(day: str) -> tuple[str, bool] | None:
        rows = {r.id: r for r in compute_status(ds, dt.date.fromisoformat(day)).rows}
        got = rows["samma"].review
        return None if got is None else (str(got.due), got.coming)

    assert review("2024-12-25") is None
    assert review("2024-12-26") == ("2025-06-26", True)
    assert review("2025-06-26") == ("2025-06-26", False)


def test_status_shows_a_document_adopted_later_as_not_in_force(make_tree: TreeMaker) -> None:
    root = make_tree(dict(FILES))
    result = CliRunner().invoke(
        app, ["status", "--root", str(root), "--as-of", "2022-01-20", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)["processes"]}
    assert rows["inkop"]["state"] == "för beslut"
    assert rows["miljo-gamla"]["state"] == "gällande"
    assert rows["lokaler"]["state"] == "ej påbörjad"


def test_validate_warns_where_a_written_status_denies_the_events(make_tree: TreeMaker) -> None:
    files = dict(FILES)
    files["processes/uppdrag/ekonomi.yaml"] = files["processes/uppdrag/ekonomi.yaml"].replace(
        "uppdragsgivare: [ks]\n", "uppdragsgivare: [ks]\nstatus: avslutad\n"
    )
    root = make_tree(files)
    result = CliRunner().invoke(app, ["validate", "--root", str(root)])
    assert result.exit_code == 0, result.output  # a warning, not an error
    assert "G007" in result.output
    assert "status 'avslutad' stämmer inte med händelserna, som ger 'avbruten'" in result.output
