"""The project's own data: valid, and holding every fact of the source document."""

from __future__ import annotations

import datetime as dt

from conftest import PROJECT
from styrning.checks.validation import validate
from styrning.core.dates import PartialDate
from styrning.core.model import EventType, ProcessType
from styrning.read.loader import load
from styrning.read.tree import WorkingTree


def test_project_data_validates_clean() -> None:
    result = validate(WorkingTree(PROJECT), dt.date(2026, 11, 27))
    assert [p.text() for p in result.problems] == []
    assert len(result.dataset.paths) == 7


def test_background_is_in_the_timeline() -> None:
    ds = load(WorkingTree(PROJECT))
    assert ds.timeline is not None
    assert ds.timeline.organisation == "Umeå kommun"
    steps = [(e.date, e.body) for e in ds.timeline.events]
    assert steps == [
        (PartialDate(2018, 6), "kf"),
        (PartialDate(2018, 11), "ks"),
        (PartialDate(2019, 2), None),
        (PartialDate(2019, 4), None),
    ]
    assert "varaktig styrberedning under KS" in (ds.timeline.events[3].heading or "")
    (contact,) = ds.timeline.contacts
    assert (contact.name, contact.phone, contact.email) == (
        "Linda Gustafsson",
        "070-611 10 44",
        "linda.gustafsson@umea.se",
    )
    styrberedningen = next(b for b in ds.timeline.bodies if b.id == "styrberedningen")
    assert styrberedningen.parent == "ks"


def test_the_four_guidelines_and_their_decisions() -> None:
    ds = load(WorkingTree(PROJECT))
    decided = {
        lp.id: [e.date for e in lp.process.events if e.kind is EventType.BESLUT]
        for lp in ds.processes.values()
        if lp.process.kind is ProcessType.RIKTLINJE
    }
    assert decided == {
        "budget-och-investeringsprocess": [PartialDate(2020, 3)],
        "agarstyrning": [PartialDate(2021, 3)],
        "aktiverande-styrning": [PartialDate(2021, 3)],
        "styrning-och-uppfoljning-externa-utforare": [PartialDate(2021, 10)],
    }


def test_the_assignment() -> None:
    p = load(WorkingTree(PROJECT)).processes["dialog-och-demokratiutveckling"].process
    assert p.kind is ProcessType.UPPDRAG
    assert p.clients == ["ks", "stadsdirektor"]
    assert p.purpose is not None and p.purpose.startswith(
        "Syftet är att klargöra hur medborgardialog"
    )
    assert len(p.focus) == 3 and p.focus[0].startswith("Skapa förmåga att pröva nya")
    assert p.scope == "Uppdraget handlar om medborgardialog och demokratiutveckling"
    assert len(p.boundaries) == 3
    assert [ph.name for ph in p.phases] == [
        "Fas I – Kartlägga – öka kunskap",
        "Fas II – Beskriva/normera/reglera",
        "Fas III – Understödja – Utbilda och införa",
    ]
    assert all(ph.status is None for ph in p.phases)  # the source says no phase is current


def test_the_programme() -> None:
    p = load(WorkingTree(PROJECT)).processes["social-hallbarhet"].process
    assert p.kind is ProcessType.PROGRAM
    assert p.title == "Program för social hållbarhet"
    assert p.goals[0].startswith("Umeå ska växa hållbart utan några utsatta områden")
    remiss, beslut = p.events
    assert (remiss.kind, remiss.date, remiss.planned) == (
        EventType.REMISS,
        PartialDate(2022, 3),
        False,
    )
    assert (beslut.kind, beslut.date, beslut.planned) == (
        EventType.BESLUT,
        PartialDate(2022, 6),
        True,
    )
    assert remiss.description is not None and "helhetsperspektiv" in remiss.description
