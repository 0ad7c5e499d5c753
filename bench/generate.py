"""A deterministic corpus of process files for the benchmark.

`python bench/generate.py OUT --files 3000 [--git 2000] [--seed 7]` writes a
data root (timeline.yaml and processes/<folder>/<id>.yaml) that looks like a
large municipality's: every process type in its folder, many events per
process (presentation, remiss, beslut, lägesrapport ...; those after the
cut-off are `planerad: true`), bodies from the timeline, documents that
replace older ones (always an older one, so never a cycle), phases for the
assignments, Swedish text, and about 1% of files with a deliberate error so
`styrning validate` has something to say. The same seed gives the same bytes.

With `--git N` the folder also becomes a git repository of N commits, built
with `git fast-import`: each process file grows one event at a time in date
order, so a commit touches a few files, and the last commit is the tree on
disk. Author, committer and dates are fixed, so the commit ids are too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

SEED = 7
# Events up to the cut-off have happened; later ones are planned. The
# benchmark runs validate with --as-of CUTOFF, and the data stays valid
# (no unplanned event in the future) on any later day too.
CUTOFF = dt.date(2026, 6, 30)
FIRST_YEAR = 2014

FOLDERS = {
    "uppdrag": "uppdrag",
    "riktlinje": "riktlinjer",
    "program": "program",
    "policy": "policyer",
    "plan": "planer",
    "strategi": "strategier",
    "regler": "regler",
}
# Roughly the mix of Umeå's own deck: many assignments and guidelines, fewer of the rest.
TYPE_WEIGHTS = {
    "uppdrag": 30,
    "riktlinje": 22,
    "program": 10,
    "policy": 12,
    "plan": 12,
    "strategi": 7,
    "regler": 7,
}
TITLE_PREFIX = {
    "uppdrag": "Uppdrag om",
    "riktlinje": "Riktlinjer för",
    "program": "Program för",
    "policy": "Policy för",
    "plan": "Plan för",
    "strategi": "Strategi för",
    "regler": "Regler för",
}

BODIES = [
    ("kf", "Kommunfullmäktige", "KF", None),
    ("ks", "Kommunstyrelsen", "KS", None),
    ("styrberedningen", "Styrberedningen", None, "ks"),
    ("stadsledningskontoret", "Stadsledningskontoret", None, None),
    ("stadsdirektor", "Stadsdirektör", None, None),
    ("byggnadsnamnden", "Byggnadsnämnden", None, "kf"),
    ("fritidsnamnden", "Fritidsnämnden", None, "kf"),
    ("gymnasienamnden", "Gymnasienämnden", None, "kf"),
    ("for-och-grundskolenamnden", "För- och grundskolenämnden", None, "kf"),
    ("individ-och-familjenamnden", "Individ- och familjenämnden", None, "kf"),
    ("kulturnamnden", "Kulturnämnden", None, "kf"),
    ("miljo-och-halsoskyddsnamnden", "Miljö- och hälsoskyddsnämnden", None, "kf"),
    ("tekniska-namnden", "Tekniska nämnden", None, "kf"),
    ("aldrenamnden", "Äldrenämnden", None, "kf"),
    ("overformyndarnamnden", "Överförmyndarnämnden", None, "kf"),
    ("valnamnden", "Valnämnden", None, "kf"),
    ("revisionen", "Kommunens revisorer", None, "kf"),
    ("ekonomiavdelningen", "Ekonomiavdelningen", None, "stadsledningskontoret"),
    ("hr-avdelningen", "HR-avdelningen", None, "stadsledningskontoret"),
    ("digitaliseringsavdelningen", "Digitaliseringsavdelningen", None, "stadsledningskontoret"),
]
DECIDERS = ["kf", "ks", "ks", "ks", "kf"]
CLIENTS = ["ks", "kf", "stadsdirektor", "styrberedningen"]
RESPONSIBLE = [b[0] for b in BODIES[3:]]

TOPICS = [
    ("ägarstyrning", "agarstyrning"),
    ("ekonomistyrning", "ekonomistyrning"),
    ("budget- och investeringsprocessen", "budget-och-investeringsprocess"),
    ("social hållbarhet", "social-hallbarhet"),
    ("klimatneutralitet", "klimatneutralitet"),
    ("digitalisering", "digitalisering"),
    ("medborgardialog", "medborgardialog"),
    ("internkontroll", "internkontroll"),
    ("upphandling och inköp", "upphandling-och-inkop"),
    ("informationssäkerhet", "informationssakerhet"),
    ("krisberedskap", "krisberedskap"),
    ("jämställdhet", "jamstalldhet"),
    ("tillgänglighet", "tillganglighet"),
    ("lokalförsörjning", "lokalforsorjning"),
    ("bostadsförsörjning", "bostadsforsorjning"),
    ("kompetensförsörjning", "kompetensforsorjning"),
    ("arbetsmiljö", "arbetsmiljo"),
    ("folkhälsa", "folkhalsa"),
    ("trygghet och säkerhet", "trygghet-och-sakerhet"),
    ("näringslivsutveckling", "naringslivsutveckling"),
    ("kultur och fritid", "kultur-och-fritid"),
    ("grön infrastruktur", "gron-infrastruktur"),
    ("vatten och avlopp", "vatten-och-avlopp"),
    ("avfall och återvinning", "avfall-och-atervinning"),
    ("styrning av externa utförare", "externa-utforare"),
    ("arkiv och informationshantering", "arkiv-och-informationshantering"),
    ("dataskydd", "dataskydd"),
    ("barn och ungas inflytande", "barn-och-ungas-inflytande"),
    ("landsbygdsutveckling", "landsbygdsutveckling"),
    ("mänskliga rättigheter", "manskliga-rattigheter"),
]

SENTENCES = [
    "Syftet är att skapa en tydlig och sammanhållen styrning av kommunens verksamheter.",
    "Arbetet ska ge förutsättningar för kvinnor och män att ha samma makt att forma samhället.",
    "Dokumentet beskriver ansvar, roller och arbetsformer mellan nämnder och bolag.",
    "Uppföljningen sker i samband med delårsrapport och årsredovisning.",
    "Insatserna prioriteras utifrån inriktningsmålen för tillväxt och social hållbarhet.",
    "Kommunen ska arbeta förebyggande och långsiktigt med ett helhetsperspektiv.",
    "Förslaget har tagits fram i dialog med förvaltningarna och de kommunala bolagen.",
    "Remissinstanserna har lämnat synpunkter som har arbetats in i förslaget.",
    "Ansvaret för genomförandet ligger hos respektive nämnd inom dess verksamhetsområde.",
    "Nämnderna ska årligen redovisa hur arbetet har bidragit till målen.",
    "Dokumentet ersätter tidigare beslut inom samma område och gäller tills vidare.",
    "En kartläggning av nuläget visar behov av gemensamma arbetssätt.",
    "Medborgarnas perspektiv ska tas till vara tidigt i processen.",
    "Arbetet samordnas av stadsledningskontoret i samråd med styrberedningen.",
    "Riktlinjerna förtydligar hur kommunfullmäktiges beslut ska tillämpas i verksamheten.",
    "Uppdraget omfattar även en analys av kostnader och nyttor för kommunen.",
    "Resultatet redovisas för kommunstyrelsen innan beslut fattas i kommunfullmäktige.",
    "Det finns ett stort behov av att förenkla och tydliggöra styrdokumenten.",
    "Omvärldsbevakning av andra kommuners arbete ingår som en del av underlaget.",
    "Ett jämställdhetsperspektiv ska genomsyra analysen och förslagen.",
]
FOCUS = [
    "Tydliggöra ansvar och roller",
    "Utveckla uppföljningen av verksamheternas resultat",
    "Förenkla styrdokumenten och minska antalet dokument",
    "Skapa förmåga att pröva nya arbetssätt",
    "Stärka samverkan mellan nämnder och bolag",
    "Säkra en långsiktigt hållbar ekonomi",
    "Öka delaktigheten för invånare och medarbetare",
]
PHASE_NAMES = [
    "Fas I – Kartlägga – öka kunskap",
    "Fas II – Analysera och beskriva",
    "Fas III – Ta fram förslag",
    "Fas IV – Förankra och besluta",
    "Fas V – Införa och följa upp",
]
CONTACTS = [
    ("Linda Gustafsson", "Utvecklingsledare"),
    ("Anders Lindberg", "Ekonomidirektör"),
    ("Maria Nilsson", "Kommunsekreterare"),
    ("Erik Holmström", "Utredare"),
    ("Sara Öberg", "Strateg"),
    ("Johan Åström", "Controller"),
]
DOC_STATUSES_OPEN = ["utkast", "på remiss", "för beslut"]


@dataclass
class Event:
    date: str
    kind: str
    body: str | None = None
    heading: str | None = None
    description: str | None = None
    planned: bool = False
    reply_by: str | None = None
    case_number: str | None = None


@dataclass
class Proc:
    pid: str
    kind: str
    title: str
    status: str | None
    lines: list[str] = field(default_factory=list)  # the head of the file, before the events
    events: list[Event] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    error: str | None = None
    topic: str = ""

    @property
    def path(self) -> str:
        return f"processes/{FOLDERS[self.kind]}/{self.pid}.yaml"


def _month(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, rng.randint(1, 12), 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, min(day.day, 28))


def _folded(key: str, text: str, indent: int) -> list[str]:
    """`key: >-` and the text wrapped under it, as the hand-written files do."""
    pad = " " * indent
    if len(text) + len(key) + indent < 78:
        return [f"{pad}{key}: {text}"]
    body = textwrap.wrap(text, width=80 - indent - 2)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in body)]


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(low, high)))


def _events(rng: random.Random, kind: str, start: dt.date) -> list[Event]:
    """A realistic run of events from `start`, past ones first; those after CUTOFF planned."""
    out: list[Event] = []
    day = start
    decider = rng.choice(DECIDERS)
    year_case = f"KS {start.year}/{rng.randint(1, 99999):05d}"

    def add(kind_: str, months: int, **kw: object) -> None:
        nonlocal day
        day = _add_months(day, months)
        precise = rng.random() < 0.4
        date = day.replace(day=rng.randint(1, 28)) if precise else day
        text = date.isoformat() if precise else date.isoformat()[:7]
        ev = Event(text, kind_, **kw)  # type: ignore[arg-type]
        if date > CUTOFF or (not precise and _add_months(date, 1) > CUTOFF):
            ev.planned = True
        if kind_ == "remiss" and precise and rng.random() < 0.5:
            ev.reply_by = (date + dt.timedelta(days=rng.randint(30, 90))).isoformat()
        out.append(ev)

    if kind == "uppdrag":
        add("uppdrag", 0, body=decider, heading="Uppdraget ges", case_number=year_case)
        add("start", rng.randint(1, 3), heading="Arbetet startar")
        for _ in range(rng.randint(2, 7)):
            add(
                rng.choice(["lägesrapport", "presentation", "övrigt"]),
                rng.randint(2, 6),
                body=rng.choice(["styrberedningen", "ks"]),
                heading=rng.choice(FOCUS),
                description=_text(rng, 1, 3) if rng.random() < 0.5 else None,
            )
        add("återrapportering", rng.randint(2, 8), body="ks", heading="Uppdraget återrapporteras")
        if rng.random() < 0.6:
            add("avslut", rng.randint(1, 3), heading="Uppdraget avslutas")
    else:
        if rng.random() < 0.5:
            add("presentation", 0, body="styrberedningen", heading="Inriktning presenteras")
        add(
            "remiss",
            rng.randint(1, 4),
            heading="Remissversion",
            description=_text(rng, 2, 5),
        )
        if rng.random() < 0.4:
            add("presentation", rng.randint(1, 3), body="styrberedningen", heading="Remissvar")
        add("beslut", rng.randint(2, 5), body=decider, heading="Beslut", case_number=year_case)
        for _ in range(rng.randint(0, 4)):
            add(
                rng.choice(["lägesrapport", "aktualitetsprövning", "övrigt"]),
                rng.randint(6, 20),
                body=rng.choice(["ks", "styrberedningen"]),
                heading=rng.choice(FOCUS),
            )
    return out


def _event_lines(ev: Event) -> list[str]:
    lines = [f"  - datum: {ev.date}", f"    typ: {ev.kind}"]
    if ev.body:
        lines.append(f"    organ: {ev.body}")
    if ev.heading:
        lines += _folded("rubrik", ev.heading, 4)
    if ev.description:
        lines += _folded("beskrivning", ev.description, 4)
    if ev.reply_by:
        lines.append(f"    svar_senast: {ev.reply_by}")
    if ev.case_number:
        lines.append(f'    diarienummer: "{ev.case_number}"')
    if ev.planned:
        lines.append("    planerad: true")
    return lines


def _head(rng: random.Random, p: Proc, topic: str) -> list[str]:
    lines = [f"typ: {p.kind}", f"titel: {p.title}"]
    if p.status:
        lines.append(f"status: {p.status}")
    if rng.random() < 0.3:
        lines += _folded("underrubrik", f"Kommunövergripande arbete med {topic}", 0)
    if rng.random() < 0.5:
        lines += _folded("sammanhang", _text(rng, 1, 2), 0)
    if p.kind == "uppdrag":
        clients = rng.sample(CLIENTS, rng.randint(1, 2))
        lines.append(
            f"uppdragsgivare: [{', '.join(clients)}]"
            if len(clients) > 1
            else f"uppdragsgivare: {clients[0]}"
        )
        lines.append(f"ansvarig: {rng.choice(RESPONSIBLE)}")
        lines += _folded("syfte", _text(rng, 2, 4), 0)
        lines += _folded("omfattning", f"Uppdraget handlar om {topic} i hela kommunen", 0)
        lines.append("huvudfokus:")
        lines += [f"  - {f}" for f in rng.sample(FOCUS, rng.randint(2, 4))]
        if rng.random() < 0.5:
            lines.append("avgränsning:")
            for _ in range(rng.randint(1, 3)):
                wrapped = textwrap.wrap(_text(rng, 1, 2), width=74)
                lines += ["  - >-", *(f"    {w}" for w in wrapped)]
    else:
        lines += _folded("beskrivning", _text(rng, 1, 4), 0)
        if rng.random() < 0.4:
            lines.append("inriktningsmål:")
            for _ in range(rng.randint(1, 2)):
                wrapped = textwrap.wrap(_text(rng, 1, 2), width=74)
                lines += ["  - >-", *(f"    {w}" for w in wrapped)]
        if rng.random() < 0.5:
            lines.append("giltighet: tills vidare")
        if rng.random() < 0.5:
            lines.append(
                f'diarienummer: "KS {rng.randint(2014, 2026)}/{rng.randint(1, 99999):05d}"'
            )
    if rng.random() < 0.4:
        name, role = rng.choice(CONTACTS)
        first, last = name.lower().split(" ", 1)
        mail = f"{first}.{last}@umea.se".translate(str.maketrans("åäö", "aao"))
        lines += ["kontakt:", f"  - namn: {name}", f"    roll: {role}", f"    epost: {mail}"]
    return lines


def _phases(rng: random.Random, start: dt.date) -> list[str]:
    count = rng.randint(2, 5)
    done = rng.randint(0, count)
    lines = ["faser:"]
    day = start
    for i in range(count):
        status = "avslutad" if i < done else ("pågår" if i == done else "ej påbörjad")
        lines.append(f"  - namn: {PHASE_NAMES[i]}")
        lines.append(f"    status: {status}")
        end = _add_months(day, rng.randint(2, 8))
        lines.append(f"    start: {day.isoformat()[:7]}")
        lines.append(f"    slut: {end.isoformat()[:7]}")
        day = end
    return lines


ERRORS = ("unknown-key", "bad-date", "unknown-body", "unplanned-future", "bad-status")


def build(n: int, seed: int = SEED, error_rate: float = 0.01) -> list[Proc]:
    """The processes of a corpus of `n` files, in the order they were created."""
    rng = random.Random(seed)
    kinds = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    procs: list[Proc] = []
    by_kind_topic: dict[tuple[str, str], list[int]] = {}
    errors_every = max(1, round(1 / error_rate)) if error_rate > 0 else 0
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        topic, slug = rng.choice(TOPICS)
        pid = f"{slug}-{i:05d}"
        title = f"{TITLE_PREFIX[kind]} {topic} {i + 1}"  # one title per process (I004)
        start = _month(rng, rng.randint(FIRST_YEAR, 2027))
        events = _events(rng, kind, start)
        decided = any(e.kind == "beslut" and not e.planned for e in events)
        finished = any(e.kind == "avslut" and not e.planned for e in events)
        if kind == "uppdrag":
            status = "avslutad" if finished else rng.choice(["pågår", "pågår", "pausad", None])
        else:
            status = "gällande" if decided else rng.choice(DOC_STATUSES_OPEN)
        p = Proc(pid, kind, title, status, events=events, topic=topic)
        earlier = by_kind_topic.setdefault((kind, slug), [])
        # A newer document replaces the latest one of its kind and topic: always an
        # older file, so the replacement graph has no cycles.
        if kind != "uppdrag" and earlier and rng.random() < 0.5:
            old = procs[earlier[-1]]
            if not old.error and old.status != "ersatt":
                p.replaces.append(old.pid)
                if decided:
                    old.status = "ersatt"
        earlier.append(i)
        if errors_every and i % errors_every == errors_every // 2:
            p.error = ERRORS[(i // errors_every) % len(ERRORS)]
        procs.append(p)
    # The head lines are drawn after the statuses are final (a replaced one says so).
    for p in procs:
        p.lines = _head(rng, p, p.topic)
        if p.replaces:
            p.lines.append(f"ersätter: {p.replaces[0]}")
        if p.kind == "uppdrag" and rng.random() < 0.7:
            first = p.events[0].date
            p.lines += _phases(rng, dt.date.fromisoformat(first[:7] + "-01"))
    return procs


def render(p: Proc, events: int | None = None) -> str:
    """The file text, with only the first `events` events (for the history)."""
    shown = p.events if events is None else p.events[:events]
    lines = list(p.lines)
    if shown:
        lines.append("händelser:")
        for ev in shown:
            lines += _event_lines(ev)
    if p.error is not None and (events is None or events == len(p.events)):
        lines = _break(p.error, lines)
    return "\n".join(lines) + "\n"


def _break(error: str, lines: list[str]) -> list[str]:
    """One deliberate mistake of the kinds officials make."""
    out = list(lines)
    if error == "unknown-key":
        out[1] = out[1].replace("titel:", "tittel:", 1)
    elif error == "bad-date":
        i = next(i for i, line in enumerate(out) if "datum:" in line)
        out[i] = out[i].split("datum:")[0] + "datum: 2022-13"
    elif error == "unknown-body":
        at = next((i for i, line in enumerate(out) if "organ:" in line), None)
        if at is None:
            out.append("ansvarig: kommunstyrelsn")
        else:
            out[at] = out[at].split("organ:")[0] + "organ: kommunstyrelsn"
    elif error == "unplanned-future":
        out += ["  - datum: 2031-03", "    typ: beslut", "    rubrik: Nytt beslut"]
        if "händelser:" not in out:
            out.insert(len(out) - 3, "händelser:")
    elif error == "bad-status":
        out = [line for line in out if not line.startswith("status:")]
        out.insert(2, "status: pågående")
    return out


def timeline_text() -> str:
    lines = [
        "# Benchmarkdata från bench/generate.py: påhittade processer i en stor kommun.",
        "organisation: Exempelkommun",
        'diarienummer_mönster: "^KS \\\\d{4}/\\\\d{5}$"',
        "organ:",
    ]
    for bid, name, short, parent in BODIES:
        lines += [f"  - id: {bid}", f"    namn: {name}"]
        if short:
            lines.append(f"    kortnamn: {short}")
        if parent:
            lines.append(f"    under: {parent}")
    lines += [
        "kontakt:",
        "  - namn: Linda Gustafsson",
        "    telefon: 070-611 10 44",
        "    epost: linda.gustafsson@umea.se",
        "händelser:",
    ]
    for year in range(FIRST_YEAR, 2027):
        lines += [
            f"  - datum: {year}-06",
            "    typ: beslut",
            "    organ: kf",
            f"    rubrik: Budget och verksamhetsplan för {year + 1}",
        ]
    return "\n".join(lines) + "\n"


def write(root: Path, procs: list[Proc]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "timeline.yaml").write_text(timeline_text(), encoding="utf-8")
    for p in procs:
        path = root / p.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(p), encoding="utf-8")


def _recorded(ev: Event) -> dt.date:
    """When an event was written into its file: its date, or the cut-off for planned ones."""
    day = dt.date.fromisoformat(ev.date if len(ev.date) == 10 else ev.date + "-01")
    return min(day, CUTOFF)


def git_history(root: Path, procs: list[Proc], commits: int) -> None:
    """`commits` commits, files growing one event at a time in date order; HEAD is the tree."""
    changes: list[tuple[dt.date, int, int]] = []  # (when, process index, events shown)
    for i, p in enumerate(procs):
        for k in range(1, len(p.events) + 1):
            changes.append((_recorded(p.events[k - 1]), i, k))
        if not p.events:
            changes.append((dt.date(FIRST_YEAR, 1, 1), i, 0))
    changes.sort()
    stream = bytearray()
    epoch0 = int(dt.datetime(FIRST_YEAR - 1, 12, 1, tzinfo=dt.UTC).timestamp())
    last_epoch = epoch0
    per = len(changes) / max(commits, 1)
    for c in range(commits):
        batch = changes[round(c * per) : round((c + 1) * per)]
        when = batch[-1][0] if batch else None
        epoch = (
            int(dt.datetime(when.year, when.month, when.day, 9, tzinfo=dt.UTC).timestamp())
            if when
            else last_epoch
        )
        epoch = max(epoch, last_epoch + 60)  # strictly increasing, one minute apart at least
        last_epoch = epoch
        touched = sorted({procs[i].pid for _, i, _ in batch})
        message = f"Uppdatera {', '.join(touched[:3])}" + (" m.fl." if len(touched) > 3 else "")
        if c == 0:
            message = "Första versionen av data"
        msg = message.encode()
        stream += b"commit refs/heads/main\n"
        stream += f"mark :{c + 1}\n".encode()
        stream += f"author Bänk Testare <bank@example.se> {epoch} +0100\n".encode()
        stream += f"committer Bänk Testare <bank@example.se> {epoch} +0100\n".encode()
        stream += f"data {len(msg)}\n".encode() + msg + b"\n"
        if c > 0:
            stream += f"from :{c}\n".encode()
        files: dict[str, bytes] = {}
        if c == 0:
            files["timeline.yaml"] = timeline_text().encode()
        for _, i, k in batch:
            files[procs[i].path] = render(procs[i], k).encode()
        for path, data in files.items():
            stream += f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"
        stream += b"\n"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bänk Testare",
        "GIT_AUTHOR_EMAIL": "bank@example.se",
        "GIT_COMMITTER_NAME": "Bänk Testare",
        "GIT_COMMITTER_EMAIL": "bank@example.se",
        "GIT_AUTHOR_DATE": "2026-06-30T12:00:00+0200",
        "GIT_COMMITTER_DATE": "2026-06-30T12:00:00+0200",
    }
    run = {"cwd": root, "env": env, "check": True}
    subprocess.run(["git", "init", "-q", "-b", "main"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "fast-import", "--quiet"], input=bytes(stream), **run)  # type: ignore[call-overload]
    subprocess.run(["git", "reset", "-q", "--hard", "main"], **run)  # type: ignore[call-overload]


def generate(root: Path, files: int, seed: int = SEED, commits: int = 0) -> list[Proc]:
    """Write a corpus of `files` process files (and, with `commits`, its git history)."""
    procs = build(files, seed)
    write(root, procs)
    if commits:
        git_history(root, procs, commits)
    return procs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (created; must be empty)")
    parser.add_argument("--files", type=int, default=1000, help="number of process files")
    parser.add_argument("--git", type=int, default=0, metavar="N", help="commits of history")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} is not empty", file=sys.stderr)
        return 2
    generate(args.out, args.files, args.seed, args.git)
    print(f"{args.files} files in {args.out}" + (f", {args.git} commits" if args.git else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
