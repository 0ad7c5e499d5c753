"""The file format: `timeline.yaml` and `processes/**/*.yaml` as pydantic models.

No I/O here. Keys in the files are Swedish (the field aliases); the code is
English. Unknown keys are errors (`extra="forbid"`). Values a schema can check
(types, allowed words, date syntax) are checked here; rules that span files
(references, order of events, governance) live in `checks.py`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from styrning.dates import DateFormatError, PartialDate

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_TEXT = "små bokstäver a–z, siffror och bindestreck, t.ex. social-hallbarhet"

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class _PartialDateAnnotation:
    """Lets pydantic read a `PartialDate` from 2022, "2022-03" or "2022-03-15"."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        # The same few hundred dates recur in thousands of files; a PartialDate is immutable.
        known: dict[str | int, PartialDate] = {}

        def parse(value: Any) -> PartialDate:
            cacheable = type(value) is str or type(value) is int  # not bool, not a list
            if cacheable:
                date = known.get(value)
                if date is not None:
                    return date
            try:
                date = PartialDate.parse(value)
            except DateFormatError as exc:
                raise PydanticCustomError("D001", str(exc)) from None
            if cacheable and len(known) < 10_000:
                known[value] = date
            return date

        return core_schema.no_info_plain_validator_function(
            parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "År, månad eller dag: 2022, 2022-03 eller 2022-03-15.",
            "examples": ["2022-03", "2022-06-15", 2022],
        }


Date = Annotated[PartialDate, _PartialDateAnnotation]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _check_slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG.fullmatch(value):
        raise PydanticCustomError("I001", f"'{value}' är ingen giltig id: använd " + SLUG_TEXT)
    return value


_SLUG_SCHEMA = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
Id = Annotated[str, BeforeValidator(_check_slug), WithJsonSchema(_SLUG_SCHEMA)]
IdList = Annotated[
    list[Id],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [_SLUG_SCHEMA, {"type": "array", "items": _SLUG_SCHEMA}]}),
]
Text = Annotated[str, Field(min_length=1)]


class ProcessType(StrEnum):
    """What kind of process a file describes."""

    UPPDRAG = "uppdrag"
    POLICY = "policy"
    PROGRAM = "program"
    PLAN = "plan"
    STRATEGI = "strategi"
    RIKTLINJE = "riktlinje"
    REGLER = "regler"

    @property
    def is_document(self) -> bool:
        """Governance documents (styrdokument), as opposed to assignments."""
        return self is not ProcessType.UPPDRAG

    @property
    def folder(self) -> str:
        return _FOLDERS[self]


_FOLDERS = {
    ProcessType.UPPDRAG: "uppdrag",
    ProcessType.POLICY: "policyer",
    ProcessType.PROGRAM: "program",
    ProcessType.PLAN: "planer",
    ProcessType.STRATEGI: "strategier",
    ProcessType.RIKTLINJE: "riktlinjer",
    ProcessType.REGLER: "regler",
}


class EventType(StrEnum):
    """What happened (or is planned) on a date."""

    BESLUT = "beslut"
    UPPDRAG = "uppdrag"
    REMISS = "remiss"
    PRESENTATION = "presentation"
    INRATTANDE = "inrättande"
    START = "start"
    ATERRAPPORTERING = "återrapportering"
    LAGESRAPPORT = "lägesrapport"
    AKTUALITETSPROVNING = "aktualitetsprövning"
    UPPHAVANDE = "upphävande"
    AVSLUT = "avslut"
    OVRIGT = "övrigt"


class ProcessStatus(StrEnum):
    """A status stated in the file, for what no dated event tells."""

    # assignments and phases
    EJ_PABORJAD = "ej påbörjad"
    PAGAR = "pågår"
    PAUSAD = "pausad"
    AVSLUTAD = "avslutad"
    AVBRUTEN = "avbruten"
    # governance documents
    UTKAST = "utkast"
    PA_REMISS = "på remiss"
    FOR_BESLUT = "för beslut"
    GALLANDE = "gällande"
    ERSATT = "ersatt"
    UPPHAVD = "upphävd"


ASSIGNMENT_STATUSES = frozenset(
    {
        ProcessStatus.EJ_PABORJAD,
        ProcessStatus.PAGAR,
        ProcessStatus.PAUSAD,
        ProcessStatus.AVSLUTAD,
        ProcessStatus.AVBRUTEN,
    }
)
DOCUMENT_STATUSES = frozenset(set(ProcessStatus) - ASSIGNMENT_STATUSES)


class PhaseStatus(StrEnum):
    EJ_PABORJAD = "ej påbörjad"
    PAGAR = "pågår"
    PAUSAD = "pausad"
    AVSLUTAD = "avslutad"
    AVBRUTEN = "avbruten"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Event(_Strict):
    """A dated event: a decision, a remiss, a presentation ..."""

    date: Date = Field(
        alias="datum", title="Datum", description="När: 2022, 2022-03 eller 2022-03-15."
    )
    kind: EventType = Field(
        alias="typ", title="Typ", description="Vad som händer: beslut, remiss, presentation ..."
    )
    body: Id | None = Field(
        None, alias="organ", title="Organ", description="Organets id i timeline.yaml, t.ex. ks."
    )
    heading: Text | None = Field(None, alias="rubrik", title="Rubrik", description="Kort rubrik.")
    description: Text | None = Field(
        None, alias="beskrivning", title="Beskrivning", description="Längre text om händelsen."
    )
    planned: StrictBool = Field(
        False,
        alias="planerad",
        title="Planerad",
        description="true när händelsen ännu inte har skett.",
    )
    reply_by: Date | None = Field(
        None,
        alias="svar_senast",
        title="Svar senast",
        description="För en remiss: sista dag för svar.",
    )
    case_number: Text | None = Field(
        None, alias="diarienummer", title="Diarienummer", description="T.ex. KS 2022/00123."
    )
    process: Id | None = Field(
        None,
        alias="process",
        title="Process",
        description="I timeline.yaml: id för den process händelsen gäller.",
    )


class Phase(_Strict):
    """One phase of an assignment; phases are listed in order."""

    name: Text = Field(alias="namn", title="Namn", description="T.ex. Fas I – Kartlägga.")
    status: PhaseStatus | None = Field(None, alias="status", title="Status")
    start: Date | None = Field(None, alias="start", title="Start")
    end: Date | None = Field(None, alias="slut", title="Slut")
    description: Text | None = Field(None, alias="beskrivning", title="Beskrivning")


class Contact(_Strict):
    name: Text = Field(alias="namn", title="Namn")
    role: Text | None = Field(None, alias="roll", title="Roll")
    phone: Text | None = Field(None, alias="telefon", title="Telefon")
    email: Text | None = Field(None, alias="epost", title="E-post")


class Process(_Strict):
    """One assignment (uppdrag) or governance document (styrdokument)."""

    kind: ProcessType = Field(
        alias="typ", title="Typ", description="uppdrag, riktlinje, program ..."
    )
    title: Text = Field(alias="titel", title="Titel")
    status: ProcessStatus | None = Field(
        None,
        alias="status",
        title="Status",
        description="Angiven status, för det som inga daterade händelser visar.",
    )
    subtitle: Text | None = Field(None, alias="underrubrik", title="Underrubrik")
    context: Text | None = Field(
        None, alias="sammanhang", title="Sammanhang", description="Var processen hör hemma."
    )
    description: Text | None = Field(None, alias="beskrivning", title="Beskrivning")
    purpose: Text | None = Field(None, alias="syfte", title="Syfte")
    clients: IdList = Field(
        default_factory=list,
        alias="uppdragsgivare",
        title="Uppdragsgivare",
        description="Organ som gett uppdraget (id:n i timeline.yaml).",
    )
    responsible: Id | None = Field(None, alias="ansvarig", title="Ansvarigt organ")
    scope: Text | None = Field(
        None, alias="omfattning", title="Omfattning", description="Vad uppdraget handlar om."
    )
    boundaries: list[Text] = Field(default_factory=list, alias="avgränsning", title="Avgränsning")
    focus: list[Text] = Field(default_factory=list, alias="huvudfokus", title="Huvudfokus")
    goals: list[Text] = Field(default_factory=list, alias="inriktningsmål", title="Inriktningsmål")
    phases: list[Phase] = Field(default_factory=list, alias="faser", title="Faser, i ordning")
    replaces: IdList = Field(
        default_factory=list,
        alias="ersätter",
        title="Ersätter",
        description="Id för de styrdokument som detta ersätter.",
    )
    case_number: Text | None = Field(None, alias="diarienummer", title="Diarienummer")
    validity: Text | None = Field(
        None, alias="giltighet", title="Giltighet", description="T.ex. tills vidare."
    )
    review_due: Date | None = Field(
        None,
        alias="aktualitetsprövning",
        title="Nästa aktualitetsprövning",
        description="När dokumentet senast ska prövas; annars en mandatperiod efter beslutet.",
    )
    contacts: list[Contact] = Field(default_factory=list, alias="kontakt", title="Kontakt")
    events: list[Event] = Field(default_factory=list, alias="händelser", title="Händelser")


class Body(_Strict):
    """A body (organ) of the organisation: KF, KS, a committee, an office."""

    id: Id = Field(alias="id", title="Id", description="Kort id, t.ex. ks.")
    name: Text = Field(alias="namn", title="Namn")
    short: Text | None = Field(None, alias="kortnamn", title="Kortnamn", description="T.ex. KS.")
    parent: Id | None = Field(
        None, alias="under", title="Under", description="Id för det organ detta hör under."
    )


class Timeline(_Strict):
    """`timeline.yaml`: the organisation, its bodies and events of no single process."""

    organisation: Text = Field(alias="organisation", title="Organisation")
    bodies: list[Body] = Field(alias="organ", title="Organ")
    contacts: list[Contact] = Field(default_factory=list, alias="kontakt", title="Kontakt")
    review_years: StrictInt = Field(
        4,
        ge=1,
        le=20,
        alias="aktualitetsprövning_år",
        title="Aktualitetsprövning, år",
        description="Hur ofta styrdokument prövas; standard en mandatperiod (4 år).",
    )
    case_number_pattern: Text | None = Field(
        None,
        alias="diarienummer_mönster",
        title="Mönster för diarienummer",
        description="Reguljärt uttryck, t.ex. ^KS \\d{4}/\\d{5}$.",
    )
    events: list[Event] = Field(default_factory=list, alias="händelser", title="Händelser")


def aliases(model: type[BaseModel]) -> list[str]:
    """The Swedish keys a model accepts, in the order it declares them."""
    return [f.alias or name for name, f in model.model_fields.items()]
