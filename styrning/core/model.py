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

from styrning.core.dates import DateFormatError, PartialDate

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_TEXT = "små bokstäver a–z, siffror och bindestreck, t.ex. social-hallbarhet"

# For editors and other validators: the syntax `PartialDate.parse` accepts, surrounding
# spaces included (it strips them). Month 13 or 30 February only `validate` sees: \d is
# what dates.py matches with, and a narrower pattern would reject what it accepts.
DATE_PATTERN = r"^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$"


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
                {"type": "integer", "minimum": 1000, "maximum": 9999},
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

    @classmethod
    def named(cls, text: str) -> ProcessType | None:
        """The type a user means: its name or its folder's, in any case (`Riktlinjer`)."""
        wanted = text.strip().casefold()
        return next((t for t in cls if wanted in (t.value, t.folder)), None)


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
    FORSLAG = "förslag"  # a body proposes that another adopts: "KS föreslår KF att anta"
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

    def agree(self, common: str, neuter: str) -> str:
        """The form of an adjective or participle that agrees with this noun.

        `ett beslut är planerat`, `en remiss är planerad`: pass both forms.
        """
        return neuter if self in _NEUTER_EVENTS else common


_NEUTER_EVENTS = frozenset(
    {
        EventType.BESLUT,
        EventType.FORSLAG,
        EventType.UPPDRAG,
        EventType.INRATTANDE,
        EventType.UPPHAVANDE,
        EventType.AVSLUT,
        EventType.OVRIGT,
    }
)


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
        alias="datum",
        title="Datum",
        description="När: 2022, 2022-03 eller 2022-03-15.",
        examples=["2022-03", "2022-06-15", 2022],
    )
    kind: EventType = Field(
        alias="typ",
        title="Typ",
        description="Vad som händer: beslut, remiss, presentation ...",
        examples=["beslut", "remiss"],
    )
    body: Id | None = Field(
        None,
        alias="organ",
        title="Organ",
        description="Organets id i timeline.yaml, t.ex. ks.",
        examples=["ks", "kf"],
    )
    heading: Text | None = Field(
        None,
        alias="rubrik",
        title="Rubrik",
        description="Kort rubrik.",
        examples=["Beslut i KF"],
    )
    description: Text | None = Field(
        None,
        alias="beskrivning",
        title="Beskrivning",
        description="Längre text om händelsen.",
        examples=["Programmet skickas på remiss till nämnder och bolag."],
    )
    planned: StrictBool = Field(
        False,
        alias="planerad",
        title="Planerad",
        description="true när händelsen ännu inte har skett.",
        examples=[True],
    )
    reply_by: Date | None = Field(
        None,
        alias="svar_senast",
        title="Svar senast",
        description="För en remiss: sista dag för svar.",
        examples=["2022-04-30"],
    )
    case_number: Text | None = Field(
        None,
        alias="diarienummer",
        title="Diarienummer",
        description="Ärendets diarienummer, t.ex. KS 2022/00123.",
        examples=["KS 2022/00123"],
    )
    process: Id | None = Field(
        None,
        alias="process",
        title="Process",
        description="I timeline.yaml: id för den process händelsen gäller.",
        examples=["social-hallbarhet"],
    )


class Phase(_Strict):
    """One phase of an assignment; phases are listed in order."""

    name: Text = Field(
        alias="namn",
        title="Namn",
        description="Fasens namn, t.ex. Fas I – Kartlägga.",
        examples=["Fas I – Kartlägga – öka kunskap"],
    )
    status: PhaseStatus | None = Field(
        None,
        alias="status",
        title="Status",
        description="Var fasen står; utelämna när det inte är känt.",
        examples=["pågår"],
    )
    start: Date | None = Field(
        None,
        alias="start",
        title="Start",
        description="När fasen börjar eller började.",
        examples=["2022-01"],
    )
    end: Date | None = Field(
        None,
        alias="slut",
        title="Slut",
        description="När fasen slutar eller slutade.",
        examples=["2022-06"],
    )
    description: Text | None = Field(
        None,
        alias="beskrivning",
        title="Beskrivning",
        description="Vad fasen innebär.",
        examples=["Kartlägga hur medborgardialog sker i dag."],
    )


class Contact(_Strict):
    name: Text = Field(
        alias="namn",
        title="Namn",
        description="Kontaktpersonens namn.",
        examples=["Anna Andersson"],
    )
    role: Text | None = Field(
        None, alias="roll", title="Roll", description="Roll eller titel.", examples=["Utredare"]
    )
    phone: Text | None = Field(
        None,
        alias="telefon",
        title="Telefon",
        description="Telefonnummer.",
        examples=["090-16 10 00"],
    )
    email: Text | None = Field(
        None,
        alias="epost",
        title="E-post",
        description="E-postadress.",
        examples=["anna.andersson@example.se"],
    )


class Process(_Strict):
    """One assignment (uppdrag) or governance document (styrdokument)."""

    kind: ProcessType = Field(
        alias="typ",
        title="Typ",
        description="Vad filen beskriver: uppdrag, riktlinje, program ...",
        examples=["uppdrag", "riktlinje"],
    )
    title: Text = Field(
        alias="titel",
        title="Titel",
        description="Processens namn, som det står i beslut och rapporter.",
        examples=["Program för social hållbarhet"],
    )
    status: ProcessStatus | None = Field(
        None,
        alias="status",
        title="Status",
        description="Angiven status, för det som inga daterade händelser visar.",
        examples=["pågår", "utkast"],
    )
    subtitle: Text | None = Field(
        None,
        alias="underrubrik",
        title="Underrubrik",
        description="En rad under titeln.",
        examples=["Umeå kommuns riktlinjer"],
    )
    context: Text | None = Field(
        None,
        alias="sammanhang",
        title="Sammanhang",
        description="Var processen hör hemma.",
        examples=["Del av kommunens styrmodell"],
    )
    description: Text | None = Field(
        None,
        alias="beskrivning",
        title="Beskrivning",
        description="Vad processen handlar om.",
        examples=["Riktlinjerna beskriver hur kommunen styr sina bolag."],
    )
    purpose: Text | None = Field(
        None,
        alias="syfte",
        title="Syfte",
        description="Varför uppdraget finns.",
        examples=["Syftet är att klargöra hur medborgardialog sker."],
    )
    clients: IdList = Field(
        default_factory=list,
        alias="uppdragsgivare",
        title="Uppdragsgivare",
        description="Organ som gett uppdraget (id:n i timeline.yaml).",
        examples=[["ks", "stadsdirektor"], "ks"],
    )
    responsible: Id | None = Field(
        None,
        alias="ansvarig",
        title="Ansvarigt organ",
        description="Organet som ansvarar (id i timeline.yaml).",
        examples=["stadsledningskontoret"],
    )
    adopted_by: Id | None = Field(
        None,
        alias="beslutande",
        title="Beslutande organ",
        description=(
            "Organet som antar dokumentet (id i timeline.yaml), t.ex. kf. Bara dess beslut gör "
            "dokumentet gällande; ett annat organs beslut är ett förslag."
        ),
        examples=["kf"],
    )
    scope: Text | None = Field(
        None,
        alias="omfattning",
        title="Omfattning",
        description="Vad uppdraget handlar om.",
        examples=["Uppdraget handlar om medborgardialog och demokratiutveckling"],
    )
    boundaries: list[Text] = Field(
        default_factory=list,
        alias="avgränsning",
        title="Avgränsning",
        description="Vad uppdraget inte omfattar, en punkt per rad.",
        examples=[["Omfattar inte bolagen"]],
    )
    focus: list[Text] = Field(
        default_factory=list,
        alias="huvudfokus",
        title="Huvudfokus",
        description="Uppdragets huvudfokus, en punkt per rad.",
        examples=[["Skapa förmåga att pröva nya former för medborgarinflytande"]],
    )
    goals: list[Text] = Field(
        default_factory=list,
        alias="inriktningsmål",
        title="Inriktningsmål",
        description="Mål som dokumentet anger, ett per rad.",
        examples=[["Umeå ska växa hållbart utan några utsatta områden"]],
    )
    phases: list[Phase] = Field(
        default_factory=list,
        alias="faser",
        title="Faser, i ordning",
        description="Uppdragets faser, i den ordning de kommer.",
        examples=[[{"namn": "Fas I – Kartlägga"}, {"namn": "Fas II – Införa"}]],
    )
    replaces: IdList = Field(
        default_factory=list,
        alias="ersätter",
        title="Ersätter",
        description="Id för de styrdokument som detta ersätter.",
        examples=[["gamla-riktlinjer"]],
    )
    case_number: Text | None = Field(
        None,
        alias="diarienummer",
        title="Diarienummer",
        description="Ärendets diarienummer.",
        examples=["KS 2022/00123"],
    )
    validity: Text | None = Field(
        None,
        alias="giltighet",
        title="Giltighet",
        description="Hur länge dokumentet gäller, t.ex. tills vidare.",
        examples=["tills vidare"],
    )
    review_due: Date | None = Field(
        None,
        alias="aktualitetsprövning",
        title="Nästa aktualitetsprövning",
        description="När dokumentet senast ska prövas; annars en mandatperiod efter beslutet.",
        examples=["2025-03"],
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        alias="kontakt",
        title="Kontakt",
        description="Vem man frågar om processen.",
        examples=[[{"namn": "Anna Andersson", "epost": "anna.andersson@example.se"}]],
    )
    events: list[Event] = Field(
        default_factory=list,
        alias="händelser",
        title="Händelser",
        description="Daterade händelser: beslut, remisser, presentationer, planerade och gjorda.",
        examples=[[{"datum": "2022-03", "typ": "remiss"}]],
    )


class Body(_Strict):
    """A body (organ) of the organisation: KF, KS, a committee, an office."""

    id: Id = Field(
        alias="id",
        title="Id",
        description="Kort id som andra filer använder, t.ex. ks.",
        examples=["ks"],
    )
    name: Text = Field(
        alias="namn", title="Namn", description="Organets namn.", examples=["Kommunstyrelsen"]
    )
    short: Text | None = Field(
        None,
        alias="kortnamn",
        title="Kortnamn",
        description="Förkortning, t.ex. KS.",
        examples=["KS"],
    )
    parent: Id | None = Field(
        None,
        alias="under",
        title="Under",
        description="Id för det organ detta hör under.",
        examples=["ks"],
    )
    prepares: IdList = Field(
        default_factory=list,
        alias="bereder",
        title="Bereder",
        description=(
            "Organ vars ärenden detta organ bereder (id:n i timeline.yaml), t.ex. bereder "
            "kommunstyrelsen kommunfullmäktiges ärenden. Deras beslut visas i underlaget "
            "inför detta organs sammanträden."
        ),
        examples=[["kf"], "kf"],
    )


class Conformance(StrEnum):
    """How far the site complies with the law (2018:1937), in DIGG's words."""

    HELT = "helt"
    DELVIS = "delvis"
    INTE = "inte"


class Accessibility(_Strict):
    """The organisation's part of the site's accessibility statement (lag 2018:1937)."""

    conformance: Conformance | None = Field(
        None,
        alias="förenlig",
        title="Förenlig med lagen",
        description=(
            "Hur väl webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital "
            "offentlig service: helt, delvis eller inte."
        ),
        examples=["delvis"],
    )
    shortcomings: list[Text] = Field(
        default_factory=list,
        alias="brister",
        title="Kända brister",
        description=(
            "Brister som organisationen känner till, en per rad. De visas före de brister "
            "som programmet självt känner till."
        ),
        examples=[["Bilagorna i PDF saknar rubriker som skärmläsare kan följa."]],
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        alias="kontakt",
        title="Kontakt",
        description=(
            "Vem man kontaktar om en brist eller för innehållet i en annan form; annars "
            "kontakten överst i timeline.yaml."
        ),
        examples=[[{"namn": "Webbredaktionen", "epost": "webb@example.se"}]],
    )
    assessed: Date | None = Field(
        None,
        alias="bedömd",
        title="Bedömd",
        description="När organisationen senast bedömde webbplatsens tillgänglighet.",
        examples=["2026-09-15"],
    )
    statement: Text | None = Field(
        None,
        alias="redogörelse",
        title="Redogörelse",
        description=(
            "Hur organisationen har bedömt webbplatsen, t.ex. en egen granskning eller en "
            "extern granskning, utöver programmets automatiska test."
        ),
        examples=[
            "Webbplatsen granskades av kommunens tillgänglighetssamordnare i september 2026."
        ],
    )


class Timeline(_Strict):
    """`timeline.yaml`: the organisation, its bodies and events of no single process."""

    organisation: Text = Field(
        alias="organisation",
        title="Organisation",
        description="Organisationens namn.",
        examples=["Umeå kommun"],
    )
    bodies: list[Body] = Field(
        alias="organ",
        title="Organ",
        description="Organisationens organ: fullmäktige, styrelse, beredningar, kontor.",
        examples=[[{"id": "ks", "namn": "Kommunstyrelsen", "kortnamn": "KS"}]],
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        alias="kontakt",
        title="Kontakt",
        description="Vem man frågar om styrberedningens arbete.",
        examples=[[{"namn": "Anna Andersson", "telefon": "090-16 10 00"}]],
    )
    review_years: StrictInt = Field(
        4,
        ge=1,
        le=20,
        alias="aktualitetsprövning_år",
        title="Aktualitetsprövning, år",
        description="Hur ofta styrdokument prövas; standard en mandatperiod (4 år).",
        examples=[4],
    )
    case_number_pattern: Text | None = Field(
        None,
        alias="diarienummer_mönster",
        title="Mönster för diarienummer",
        description="Reguljärt uttryck, t.ex. ^KS \\d{4}/\\d{5}$.",
        examples=["^KS \\d{4}/\\d{5}$"],
    )
    events: list[Event] = Field(
        default_factory=list,
        alias="händelser",
        title="Händelser",
        description="Daterade händelser som inte hör till en enskild process.",
        examples=[[{"datum": "2019-04", "typ": "inrättande", "organ": "ks"}]],
    )
    meetings: dict[Id, list[Date]] = Field(
        default_factory=dict,
        alias="sammanträden",
        title="Sammanträden",
        description=(
            "Sammanträdesdagar per organ (organets id), t.ex. ks: [2022-05-17, 2022-06-14]."
        ),
        examples=[{"ks": ["2022-05-17", "2022-06-14"]}],
    )
    accessibility: Accessibility | None = Field(
        None,
        alias="tillgänglighet",
        title="Tillgänglighet",
        description=(
            "Uppgifter till webbplatsens tillgänglighetsredogörelse (styrning site): hur "
            "förenlig den är med lagen, kända brister, kontakt, när den bedömdes."
        ),
        examples=[{"förenlig": "delvis", "brister": ["Bilagorna i PDF saknar rubriker."]}],
    )


def aliases(model: type[BaseModel]) -> list[str]:
    """The Swedish keys a model accepts, in the order it declares them."""
    return [f.alias or name for name, f in model.model_fields.items()]
