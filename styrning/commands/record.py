"""`styrning registrera`, `styrning flytta` and `styrning fas`: record what happened.

Each edits one data file (a process's, or timeline.yaml with the id `timeline`)
at the lines that must change, validates the whole tree with the edit in
memory, and writes atomically only when the edit adds no problem. `--dry-run`
prints the change as a diff; `--commit` commits just that file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from styrning.commands.common import (
    EXIT_PROBLEMS,
    RootOption,
    complete_body_id,
    complete_process_id,
    fail_usage,
    resolve_root,
    today,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from styrning.checks.validation import ValidationResult
    from styrning.core.dates import PartialDate
    from styrning.core.model import EventType
    from styrning.core.problems import Problem
    from styrning.write.record import DateArg, Recorded

TIMELINE_ID = "timeline"

# The event types, for completion and messages without importing the model at start-up
# (a test keeps them equal to `model.EventType`).
EVENT_TYPES = (
    "beslut",
    "förslag",
    "uppdrag",
    "remiss",
    "presentation",
    "inrättande",
    "start",
    "återrapportering",
    "lägesrapport",
    "aktualitetsprövning",
    "upphävande",
    "avslut",
    "övrigt",
)


def _complete_id(incomplete: str) -> list[str]:
    found = complete_process_id(incomplete)
    return ([TIMELINE_ID] if TIMELINE_ID.startswith(incomplete) else []) + found


def _complete_type(incomplete: str) -> list[str]:
    return [t for t in EVENT_TYPES if t.startswith(incomplete)]


IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help=(
            "Processens id (filnamnet utan .yaml), eller timeline för en händelse i "
            "timeline.yaml. Exempel: social-hallbarhet"
        ),
        autocompletion=_complete_id,
        show_default=False,
    ),
]
TypeArgument = Annotated[
    str,
    typer.Argument(
        metavar="TYP",
        help="Händelsens typ: " + ", ".join(EVENT_TYPES) + ". Exempel: beslut",
        autocompletion=_complete_type,
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="Visa ändringen som en diff och skriv ingenting.", show_default=False
    ),
]
CommitOption = Annotated[
    bool,
    typer.Option(
        "--commit",
        help=(
            "Checka in filen (bara den) i git med ett meddelande om vad som registrerades, "
            "som arkivets git-användare. Vägrar om filen redan hade ändringar som inte är "
            "incheckade."
        ),
        show_default=False,
    ),
]
MeantOption = Annotated[
    str | None,
    typer.Option(
        "--avser",
        help=(
            "Vilken planerad händelse som avses, med dess planerade datum, när det finns flera "
            "av samma typ. Exempel: --avser 2022-06"
        ),
        show_default=False,
    ),
]


@dataclass
class _Target:
    root: Path
    pid: str
    path: str  # relative to the root, '/'-separated
    title: str
    before: ValidationResult
    today: dt.date


def _unknown(pid: str, known: list[str]) -> NoReturn:
    import difflib

    near = difflib.get_close_matches(pid, known, n=3, cutoff=0.5)
    hint = f" – menade du {' eller '.join(repr(n) for n in near)}?" if near else ""
    fail_usage(
        f"okänd process '{pid}'{hint} (id:t är filnamnet utan .yaml, eller timeline för "
        "timeline.yaml; alla id:n visas med styrning status --format json)"
    )


def _target(root: Path | None, pid: str) -> _Target:
    from styrning.checks.validation import validate
    from styrning.read.loader import process_id
    from styrning.read.tree import TIMELINE, WorkingTree

    data_root = resolve_root(root)
    day = today()
    before = validate(WorkingTree(data_root), day)
    ds = before.dataset
    wanted = pid.strip()
    if wanted == TIMELINE_ID:
        name = ds.timeline.organisation if ds.timeline is not None else TIMELINE
        return _Target(data_root, wanted, TIMELINE, name, before, day)
    paths = {process_id(p): p for p in ds.paths if p != TIMELINE}
    if wanted not in paths:
        _unknown(wanted, sorted(paths))
    lp = ds.processes.get(wanted)
    title = lp.process.title if lp is not None else wanted
    return _Target(data_root, wanted, paths[wanted], title, before, day)


def _event_type(text: str) -> EventType:
    import difflib

    from styrning.core.model import EventType

    wanted = text.strip().casefold()
    for kind in EventType:
        if kind.value == wanted:
            return kind
    near = difflib.get_close_matches(wanted, EVENT_TYPES, n=1, cutoff=0.6)
    hint = f" – menade du '{near[0]}'?" if near else ""
    fail_usage(f"okänd händelsetyp '{text}'{hint} (typerna: {', '.join(EVENT_TYPES)})")


def _date(text: str, option: str) -> DateArg:
    from styrning.write.record import DateArg

    try:
        return DateArg.read(text, option)
    except ValueError as exc:
        fail_usage(str(exc))


def _exact_date(text: str, option: str) -> PartialDate:
    from styrning.core.dates import DateFormatError, PartialDate

    try:
        return PartialDate.parse(_date(text, option).text)
    except DateFormatError as exc:
        fail_usage(f"{option}: {exc}")


def _meant(text: str | None) -> PartialDate | None:
    return None if text is None else _exact_date(text, "--avser")


def _body(target: _Target, text: str) -> tuple[str, str | None]:
    """The body's id (its id or short name, in any case) and its name; an unknown body is
    kept as written, for validation to refuse with its place in the file."""
    timeline = target.before.dataset.timeline
    wanted = text.strip()
    if timeline is None:
        return wanted, None
    for body in timeline.bodies:
        if wanted.casefold() in (body.id.casefold(), (body.short or "").casefold()):
            return body.id, body.name
    return wanted, None


def _check_git(target: _Target, commit: bool) -> None:
    if not commit:
        return
    from styrning.history.commit import CommitRefused, check_clean

    try:
        check_clean(target.root, target.root / target.path)
    except CommitRefused as exc:
        fail_usage(str(exc))


def _finish(
    target: _Target, make: Callable[[bytes], Recorded], dry_run: bool, commit: bool
) -> None:
    """Validate the edited tree in memory; then print the diff, or write (and commit)."""
    from styrning.checks.validation import validate
    from styrning.render.problems import render_text
    from styrning.write.yamledit import EditRefused, FileRefused

    _check_git(target, commit)
    full = target.root / target.path
    raw = full.read_bytes()
    try:
        done = make(raw)
    except FileRefused as exc:
        mine = [p for p in target.before.problems if p.path == target.path and p.is_error]
        typer.echo(render_text(mine, lambda p: p), nl=False)
        typer.echo(f"styrning: {exc}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    except EditRefused as exc:
        fail_usage(str(exc))
    after = validate(_Overlay(target.root, target.path, done.after), target.today)
    new, elsewhere = _new_problems(target, after.problems)
    if new:
        _refuse(target, new)
    for p in elsewhere:
        typer.echo(f"obs: {p.text()}", err=True)
    if dry_run:
        _print_diff(target.path, done)
        return
    if full.read_bytes() != raw:
        fail_usage(f"{target.path} ändrades medan kommandot kördes – kör det igen")
    _write(target, full, done, commit)


def _new_problems(target: _Target, found: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The problems the edit adds: those that stop it, and warnings it raises in another
    file (a replaced document that does not yet say `status: ersatt`), which are the next
    thing to do there rather than a reason to refuse."""
    from collections import Counter

    had = Counter((p.path, p.code, p.message) for p in target.before.problems)
    new, elsewhere = [], []
    for p in found:
        key = (p.path, p.code, p.message)
        if had[key] > 0:
            had[key] -= 1
        elif p.path != target.path and not p.is_error:
            elsewhere.append(p)
        else:
            new.append(p)
    return new, elsewhere


def _refuse(target: _Target, new: list[Problem]) -> NoReturn:
    from styrning.render.problems import render_text

    typer.echo(render_text(new, lambda p: p), nl=False)
    count = "1 nytt problem" if len(new) == 1 else f"{len(new)} nya problem"
    typer.echo(f"styrning: ändringen skrivs inte – den skulle ge {count}", err=True)
    typer.echo(f"{target.path} är oförändrad", err=True)
    if any(p.code == "D004" for p in new):
        typer.echo(
            "obs: det som inte har skett ännu registreras med --planerad; ett planerat "
            "datum flyttas med styrning flytta ID TYP DATUM",
            err=True,
        )
    raise typer.Exit(EXIT_PROBLEMS)


def _print_diff(path: str, done: Recorded) -> None:
    import difflib

    old = done.before.decode("utf-8-sig").splitlines(keepends=True)
    fresh = done.after.decode("utf-8-sig").splitlines(keepends=True)
    diff = difflib.unified_diff(old, fresh, f"a/{path}", f"b/{path}")
    typer.echo("".join(line if line.endswith("\n") else line + "\n" for line in diff), nl=False)
    typer.echo(f"(--dry-run: {path} skrivs inte) {done.summary}", err=True)


def _write(target: _Target, full: Path, done: Recorded, commit: bool) -> None:
    from styrning.write.atomic import WriteRefused, write_file

    try:
        # a link (inside the root, as the reader checked) keeps pointing at the edited file
        write_file(full.resolve(), done.after, force=True)
    except (WriteRefused, OSError) as exc:
        fail_usage(f"kan inte skriva {target.path}: {exc}")
    typer.echo(f"{target.path}: {done.summary}")
    if commit:
        from styrning.history.commit import CommitRefused, commit_file

        try:
            sha = commit_file(target.root, full, done.message)
        except CommitRefused as exc:
            typer.echo(f"styrning: filen är ändrad men inte incheckad: {exc}", err=True)
            raise typer.Exit(EXIT_PROBLEMS) from None
        typer.echo(f"incheckad som {sha}: {done.message}")


class _Overlay:
    """The working tree, with one file's bytes replaced by the edited ones."""

    def __init__(self, root: Path, name: str, data: bytes) -> None:
        from styrning.read.tree import WorkingTree

        self.tree = WorkingTree(root)
        self.name = name
        self.data = data

    def names(self) -> list[str]:
        return self.tree.names()

    def read(self, name: str) -> bytes:
        return self.data if name == self.name else self.tree.read(name)


def registrera(
    process: IdArgument,
    typ: TypeArgument,
    datum: Annotated[
        str,
        typer.Argument(
            metavar="DATUM",
            help="När: 2022, 2022-06 eller 2022-06-14. Exempel: 2022-06-14",
            show_default=False,
        ),
    ],
    organ: Annotated[
        str | None,
        typer.Option(
            "--organ",
            help="Organet (id eller kortnamn i timeline.yaml). Exempel: --organ kf",
            autocompletion=complete_body_id,
            show_default=False,
        ),
    ] = None,
    rubrik: Annotated[
        str | None,
        typer.Option("--rubrik", help="Kort rubrik. Exempel: --rubrik 'Beslut i KF'"),
    ] = None,
    beskrivning: Annotated[
        str | None,
        typer.Option(
            "--beskrivning",
            help=(
                "Längre text om händelsen. "
                "Exempel: --beskrivning 'Programmet antogs utan ändringar'"
            ),
        ),
    ] = None,
    svar_senast: Annotated[
        str | None,
        typer.Option(
            "--svar-senast",
            help="För en remiss: sista dag för svar. Exempel: --svar-senast 2022-04-30",
            show_default=False,
        ),
    ] = None,
    diarienummer: Annotated[
        str | None,
        typer.Option(
            "--diarienummer",
            help="Ärendets diarienummer. Exempel: --diarienummer 'KS 2022/00123'",
            show_default=False,
        ),
    ] = None,
    planerad: Annotated[
        bool,
        typer.Option(
            "--planerad",
            help="Händelsen har inte skett ännu: lägg till den som planerad.",
            show_default=False,
        ),
    ] = False,
    ersatter: Annotated[
        list[str] | None,
        typer.Option(
            "--ersätter",
            "--ersatter",
            help=(
                "Id för ett styrdokument som det beslutade dokumentet ersätter (kan upprepas). "
                "Exempel: --ersätter gamla-riktlinjer"
            ),
            autocompletion=complete_process_id,
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    avser: MeantOption = None,
    ny: Annotated[
        bool,
        typer.Option(
            "--ny",
            help="Lägg till en ny händelse även när en planerad av samma typ finns.",
            show_default=False,
        ),
    ] = False,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    root: RootOption = None,
) -> None:
    """Registrera en händelse: ett beslut, en remiss, en presentation ...

    Finns en planerad händelse av typen vars datum rymmer DATUM (planerad juni 2022
    rymmer 2022-06-14), eller bara en planerad av typen, blir den den som skett, med
    det exakta datumet; annars läggs en ny händelse till i datumordning. Flera som
    passar: ange vilken med --avser. Bara raderna som måste ändras skrivs, och först
    efter en validering: en ändring som ger ett nytt problem skrivs inte (slutkod 1).

    Exempel: styrning registrera social-hallbarhet beslut 2022-06-14 --organ kf ·
    styrning registrera social-hallbarhet remiss 2022-03-01 --svar-senast 2022-04-30 ·
    styrning registrera timeline presentation 2019-02 --rubrik 'Analys presenteras'
    """
    from styrning.write.record import record_event

    kind = _event_type(typ)
    when = _date(datum, "DATUM")
    meant = _meant(avser)
    target = _target(root, process)
    if ersatter and target.pid == TIMELINE_ID:
        fail_usage("--ersätter gäller ett styrdokument, inte timeline.yaml")
    fields: dict[str, str | int | bool] = {}
    body_name = None
    if organ is not None:
        fields["organ"], body_name = _body(target, organ)
    if rubrik is not None:
        fields["rubrik"] = _text(rubrik, "--rubrik")
    if beskrivning is not None:
        fields["beskrivning"] = _text(beskrivning, "--beskrivning")
    if svar_senast is not None:
        fields["svar_senast"] = _date(svar_senast, "--svar-senast").value
    if diarienummer is not None:
        fields["diarienummer"] = _text(diarienummer, "--diarienummer")
    replaces = [r.strip() for r in ersatter or []]

    def make(raw: bytes) -> Recorded:
        return record_event(
            target.path,
            raw,
            target.title,
            kind,
            when,
            fields,
            planned=planerad,
            meant=meant,
            new=ny,
            replaces=replaces,
            body_name=body_name,
        )

    _finish(target, make, dry_run, commit)


def _text(value: str, option: str) -> str:
    text = value.strip()
    if not text:
        fail_usage(f"{option} är tom – skriv texten inom citattecken")
    return text


def flytta(
    process: IdArgument,
    typ: TypeArgument,
    datum: Annotated[
        str,
        typer.Argument(
            metavar="DATUM",
            help="Det nya datumet: 2022, 2022-09 eller 2022-09-20. Exempel: 2022-09",
            show_default=False,
        ),
    ],
    avser: MeantOption = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    root: RootOption = None,
) -> None:
    """Flytta den planerade händelsen av typen till ett annat datum.

    Finns flera planerade av typen anges vilken med --avser. Bara datumraden ändras,
    efter en validering: en ändring som ger ett nytt problem skrivs inte (slutkod 1).

    Exempel: styrning flytta social-hallbarhet beslut 2022-09 ·
    styrning flytta social-hallbarhet beslut 2022-10 --avser 2022-09 --dry-run
    """
    from styrning.write.record import move_event

    kind = _event_type(typ)
    when = _date(datum, "DATUM")
    meant = _meant(avser)
    target = _target(root, process)

    def make(raw: bytes) -> Recorded:
        return move_event(target.path, raw, target.title, kind, when, meant)

    _finish(target, make, dry_run, commit)


def fas(
    process: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Uppdragets id (filnamnet utan .yaml). Exempel: dialog-och-demokratiutveckling",
            autocompletion=complete_process_id,
            show_default=False,
        ),
    ],
    fas_namn: Annotated[
        str | None,
        typer.Argument(
            metavar="FAS",
            help=(
                "Fasen som startar: dess namn eller början av det (standard: fasen efter den "
                "pågående). Exempel: 'Fas II'"
            ),
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            help="Dagen (månaden, året) fasen startar. Exempel: --start 2022-09-01",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    root: RootOption = None,
) -> None:
    """Starta nästa fas i ett uppdrag (eller den som anges) och avsluta den pågående.

    Fasen får start: DATUM och den pågående fasen slut dagen före (månaden före, när
    DATUM är en månad). Står status skriven i faserna blir den pågående avslutad och
    den nya pågår. Skrivs efter en validering, som registrera.

    Exempel: styrning fas dialog-och-demokratiutveckling --start 2022-09-01 ·
    styrning fas dialog-och-demokratiutveckling 'Fas II' --start 2022-09
    """
    from styrning.write.record import start_phase

    if start is None:
        fail_usage("ange när fasen startar med --start, t.ex. --start 2022-09-01")
    begins = _exact_date(start, "--start")
    target = _target(root, process)
    if target.pid == TIMELINE_ID:
        fail_usage("timeline.yaml har inga faser – ange ett uppdrags id")

    def make(raw: bytes) -> Recorded:
        return start_phase(target.path, raw, target.title, begins, fas_namn)

    _finish(target, make, dry_run, commit)
