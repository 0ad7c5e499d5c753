"""Every validation code: its severity and a short title; for the codes of reading, what it means.

The table is complete and imports nothing: a problem knows its severity from here.
Codes found while reading files (Y…, S…, I001, I002, D001) are explained here; the
rules in `checks/rules.py` are explained by the docstrings of their functions.
`styrning explain CODE` prints either.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    doc: str


_E = Severity.ERROR

_READ_CODES = (
    Code(
        "Y001",
        _E,
        "YAML-syntaxfel",
        """Filen går inte att läsa som YAML.

Vanliga orsaker: ett kolon i en text som inte står inom citattecken, tabbtecken
i indraget, ett citattecken som inte avslutas.

Fel:
    händelser:
      - datum: 2022-06
        typ: beslut
        rubrik: Beslut: nya riktlinjer

Rätt:
    händelser:
      - datum: 2022-06
        typ: beslut
        rubrik: "Beslut: nya riktlinjer"
""",
    ),
    Code(
        "Y002",
        _E,
        "nyckel två gånger",
        """Samma nyckel står två gånger i samma mappning.

YAML-läsare brukar tyst behålla det sista värdet; styrning kräver att du väljer.

Fel:
    titel: Program för social hållbarhet
    titel: Program för hållbarhet

Rätt:
    titel: Program för social hållbarhet
""",
    ),
    Code(
        "Y003",
        _E,
        "fel teckenkodning eller otillåtet tecken",
        """Filen är inte text i UTF-8, eller innehåller ett kontrolltecken.

Spara filen som UTF-8 (i VS Code: klicka på kodningen i statusraden, välj
"Save with Encoding" och "UTF-8"). En UTF-8-BOM och CRLF-radslut går bra.

Kontrolltecken (som ESC, U+001B) hör inte hemma i en datafil, inte heller
skrivna som escape-sekvens inom citattecken ("\\e"): en terminal eller
en rapport skulle tolka dem. De ersätts med � och rapporteras.
""",
    ),
    Code(
        "Y004",
        _E,
        "tom fil",
        """Filen är tom eller saknas.

Fel:
    # processes/uppdrag/nytt.yaml
    # (bara kommentarer, inga nycklar)

Rätt:
    # processes/uppdrag/nytt.yaml
    typ: uppdrag
    titel: Nytt uppdrag
""",
    ),
    Code(
        "Y005",
        _E,
        "flera dokument",
        """Filen innehåller flera YAML-dokument åtskilda av '---'.

En datafil ska innehålla ett dokument; lägg varje process i en egen fil.

Fel:
    typ: uppdrag
    titel: A
    ---
    typ: uppdrag
    titel: B

Rätt:
    typ: uppdrag
    titel: A
""",
    ),
    Code(
        "Y006",
        _E,
        "gräns överskriden",
        """Filen överskrider en gräns som ingen riktig datafil når.

Gränserna: 2 MiB per fil, 64 nivåers nästling, 200 000 värden (nycklar
inräknade), 200 000 värden efter att alias (*namn) har utvidgats, och inget
alias inuti sitt eget ankare.
De skyddar mot filer som skulle få kontrollen att hänga eller ta slut på
minne. En fil med fler än 1000 problem visar de 1000 första.

Fel (en miljon värden ur sex rader):
    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]

Rätt (värdena utskrivna, utan alias):
    huvudfokus:
      - Utveckla befintliga former
      - Pröva nya former
""",
    ),
    Code(
        "Y007",
        _E,
        "nyckel som inte är ett ord",
        """En nyckel är en lista eller mappning.

Fel:
    [typ, titel]: uppdrag

Rätt:
    typ: uppdrag
""",
    ),
    Code(
        "Y008",
        _E,
        "länk utanför datamappen",
        """En symbolisk länk under processes/ pekar utanför datamappen.

Sådana filer läses aldrig: kopiera in filen i stället för att länka.

Fel:
    processes/program/plan.yaml -> /home/anna/utkast/plan.yaml   (utanför datamappen)

Rätt:
    processes/program/plan.yaml                                 (en kopia av filen)
""",
    ),
    Code(
        "Y009",
        _E,
        "filen kan inte läsas",
        """Filen kan inte läsas: en länk som pekar på något som inte finns eller som
går i cirkel, en fil utan läsrättighet, något som inte är en vanlig fil (en
namngiven pipe, en enhet) eller ett filnamn med kontrolltecken (radbrytning).

Fel:
    processes/program/plan.yaml -> ../../utkast/plan.yaml   (utkastet är borttaget)

Rätt:
    processes/program/plan.yaml                              (en vanlig fil)
""",
    ),
    Code(
        "S001",
        _E,
        "okänd nyckel",
        """En nyckel som formatet inte känner till, ofta ett stavfel.

Fel:
    titell: Program för social hållbarhet

Rätt:
    titel: Program för social hållbarhet

`styrning schema` ger alla nycklar, med förklaringar.
""",
    ),
    Code(
        "S002",
        _E,
        "nyckel saknas",
        """En nyckel som måste finnas saknas.

Varje processfil har 'typ' och 'titel'; varje händelse 'datum' och 'typ';
timeline.yaml har 'organisation' och 'organ'.

Fel:
    händelser:
      - typ: beslut

Rätt:
    händelser:
      - datum: 2022-06
        typ: beslut
""",
    ),
    Code(
        "S003",
        _E,
        "fel slags värde",
        """Ett värde av fel slag: text där en lista väntas, en lista där text väntas ...

Fel:
    huvudfokus: Utveckla befintliga former

Rätt:
    huvudfokus:
      - Utveckla befintliga former
""",
    ),
    Code(
        "S004",
        _E,
        "otillåtet värde",
        """Ett värde som inte är ett av de tillåtna orden, eller ett tal utanför sitt intervall.

Fel:
    typ: riktlinjer

Rätt:
    typ: riktlinje
""",
    ),
    Code(
        "S005",
        _E,
        "tom text",
        """En text som är tom.

Fel:
    titel: ""

Rätt:
    titel: Program för social hållbarhet
""",
    ),
    Code(
        "I001",
        _E,
        "ogiltig id",
        """En id (filnamn eller organ-id) som inte är en 'slug'.

En id skrivs med små bokstäver a–z, siffror och bindestreck, utan å, ä, ö och
mellanslag; processens id är filnamnet utan .yaml.

Fel:
    processes/program/Social hållbarhet.yaml

Rätt:
    processes/program/social-hallbarhet.yaml
""",
    ),
    Code(
        "I002",
        _E,
        "id två gånger",
        """Två processfiler har samma namn, i olika mappar.

En process id är dess filnamn och måste vara unik i hela trädet, så att
referenser (ersätter, process) pekar på en enda fil.

Fel:
    processes/program/social-hallbarhet.yaml
    processes/planer/social-hallbarhet.yaml

Rätt:
    processes/program/social-hallbarhet.yaml
    processes/planer/social-hallbarhet-handlingsplan.yaml
""",
    ),
    Code(
        "D001",
        _E,
        "ogiltigt datum",
        """Ett datum som inte är ett år, en månad eller en riktig dag.

Datum skrivs ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.

Fel:
    händelser:
      - datum: mars 2022
        typ: remiss
      - datum: 2022-06-31
        typ: beslut

Rätt:
    händelser:
      - datum: 2022-03
        typ: remiss
      - datum: 2022-06-30
        typ: beslut
""",
    ),
)


_W = Severity.WARNING

# The codes of the rules over a whole dataset (checks/rules.py), in the order they run.
RULE_CODES: dict[str, tuple[Severity, str]] = {
    "I003": (_E, "organ med samma id"),
    "I004": (_W, "processer med samma titel"),
    "R001": (_E, "okänt organ"),
    "R002": (_E, "okänd process"),
    "R003": (_E, "ersättning i cirkel"),
    "D002": (_W, "händelser i fel ordning"),
    "D003": (_W, "remiss efter beslut"),
    "D004": (_E, "framtida händelse inte planerad"),
    "D005": (_E, "felaktig sista svarsdag"),
    "D006": (_E, "fas slutar före start"),
    "D007": (_E, "felaktig sammanträdesdag"),
    "G001": (_W, "ersatt dokument säger inte det"),
    "G002": (_E, "flera pågående faser"),
    "G003": (_E, "status passar inte typen"),
    "G004": (_W, "fil i fel typmapp"),
    "G005": (_W, "faser i oordning"),
    "G006": (_W, "diarienummer följer inte mönstret"),
    "G007": (_W, "status motsägs av händelserna"),
    "G008": (_E, "förslag efter beslut"),
    "G009": (_W, "beslut i fel organ"),
}
READ_CODES: dict[str, Code] = {c.code: c for c in _READ_CODES}
TABLE: dict[str, tuple[Severity, str]] = dict(
    sorted({**{c: (x.severity, x.title) for c, x in READ_CODES.items()}, **RULE_CODES}.items())
)


def severity_of(code: str) -> Severity:
    return TABLE[code][0]


def title_of(code: str) -> str:
    return TABLE[code][1]
