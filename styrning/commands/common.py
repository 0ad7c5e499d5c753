"""What every command shares: options, the data root, dates, usage errors, exit codes.

The options more than one command takes are declared here, once, with one help text
each (`--format`, `-o/--output`, `--force`, `--organ`, `--typ`, `--as-of`, `--at`,
`--root`); a command module declares only its arguments and the options that are its
own. `load_input()` is how a command that reads the data starts: the data root, the
day, the dataset, its provenance, the body `--organ` names and the note on errors in
the data. The clock is read in `today()` and nowhere else.

Imports nothing heavy: commands import their computation when they run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from styrning.core.periods import Period
    from styrning.core.problems import DataErrors
    from styrning.core.provenance import Provenance
    from styrning.read.loader import Dataset
    from styrning.read.tree import FileSet

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


class UsageProblem(typer.BadParameter):
    """A wrong invocation or nothing to read: exit 2 with a message."""

    exit_code = EXIT_USAGE

    def show(self, file: typing.IO[typing.Any] | None = None) -> None:
        typer.echo(f"styrning: {self.message}", err=True)


def fail_usage(message: str) -> NoReturn:
    raise UsageProblem(message)


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        envvar="STYRNING_ROOT",
        help=(
            "Datamappen (den som har timeline.yaml). Standard: närmaste uppåt från "
            "arbetsmappen. Exempel: --root ../styrning-data"
        ),
        show_default=False,
    ),
]


def as_of_option(default: str = "i dag") -> typing.Any:
    """`--as-of DATE`; `default` says what the day is when it is not given."""
    return typer.Option(
        "--as-of",
        help=(
            f"Dagen data bedöms per, ÅÅÅÅ-MM-DD (standard: {default}). Exempel: --as-of 2022-04-15"
        ),
        show_default=False,
    )


AsOfOption = Annotated[str | None, as_of_option()]


def today() -> dt.date:
    """Today's date: the one place the clock is read."""
    return dt.date.today()


def resolve_root(root: Path | None) -> Path:
    """The data root: --root/STYRNING_ROOT, else the nearest folder upwards with timeline.yaml."""
    from styrning.read.tree import TIMELINE, find_root

    if root is not None:
        if not root.is_dir():
            fail_usage(f"datamappen {root} finns inte")
        if not (root / TIMELINE).is_file():
            fail_usage(f"{root} har ingen timeline.yaml – ange mappen som har den med --root")
        return root.resolve()
    found = find_root(Path.cwd())
    if found is None:
        fail_usage(
            "hittar ingen timeline.yaml i arbetsmappen eller mappar ovanför – "
            "gå till datamappen, ange --root MAPP eller sätt STYRNING_ROOT "
            "(en ny datamapp skapas med styrning init MAPP)"
        )
    return found


def default_day(at: str | None = None) -> dt.date:
    """The day data is judged on when --as-of is not given: with `--at DATE` that date
    ("as it was then"), else (no --at, or --at naming a revision) today, the only clock read."""
    if at is not None:
        try:
            return dt.date.fromisoformat(at.strip())
        except ValueError:
            pass  # a revision, or a date git's reading will reject with its own message
    return today()


def parse_day(text: str | None, option: str, at: str | None = None) -> dt.date:
    """A full date from an option; when not given, `default_day(at)`."""
    if text is None:
        return default_day(at)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        fail_usage(f"{option} väntar ett datum som 2022-04-15, inte '{text}'")


def working_tree(root: Path) -> FileSet:
    from styrning.read.tree import WorkingTree

    return WorkingTree(root)


AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help=(
            "Läs filerna som de var incheckade vid en revision eller ett datum (sista commit den "
            "dagen eller före), utan att röra arbetsmappen. Med ett datum och utan --as-of "
            "bedöms data också per det datumet. Exempel: --at 2022-05-01 · --at v1.2"
        ),
        show_default=False,
    ),
]


def read_data(
    root: Path, at: str | None, as_of: dt.date, period: str | None = None
) -> tuple[Dataset, Provenance]:
    """The dataset from the working tree (or, with `at`, from git history) and its provenance."""
    # Lazily: git is only loaded by commands that print provenance, never at start-up.
    from styrning.history.git import for_working_tree
    from styrning.read.loader import load

    if at is not None:
        from styrning.history.git import HistoryError, read_at

        try:
            return read_at(root, at, as_of, period)
        except HistoryError as exc:
            fail_usage(str(exc))
    return load(working_tree(root)), for_working_tree(root, as_of, period)


def resolve_body(ds: Dataset, text: str | None) -> str | None:
    """The id of the body `--organ` names: its id or its short name (kortnamn), in any case
    (`--organ KS` is `--organ ks`). Exit 2 listing the ids and short names when none matches."""
    if text is None or ds.timeline is None:
        return text
    wanted = text.strip()
    folded = wanted.casefold()
    bodies = ds.timeline.bodies
    for found in (
        [b.id for b in bodies if b.id == wanted],
        [b.id for b in bodies if b.id.casefold() == folded],
        [b.id for b in bodies if b.short is not None and b.short.casefold() == folded],
    ):
        if found:
            return found[0]
    ids = ", ".join(dict.fromkeys(b.id for b in bodies))
    shorts = ", ".join(f"{b.short} ({b.id})" for b in bodies if b.short)
    fail_usage(f"okänt organ '{text}' – kända: {ids}" + (f"; kortnamn: {shorts}" if shorts else ""))


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=(
            "Skriv till en fil i stället för till skärmen; en fil som finns skrivs bara över "
            "med --force. Exempel: -o status.md"
        ),
        show_default=False,
    ),
]


def force_option(help: str = "Skriv över en fil som redan finns (med -o).") -> typing.Any:
    """`--force`: what it allows in the command that takes it."""
    return typer.Option("--force", help=help)


ForceOption = Annotated[bool, force_option()]


def format_option(
    formats: type[enum.Enum],
    example: str,
    *,
    notes: Mapping[str, str] | None = None,
    from_output: bool = True,
    default: str = "text",
) -> typing.Any:
    """`-f/--format` with the command's formats, a note on some, and how the default is chosen
    (with `from_output`: the extension of the -o file, as `pick_format` does)."""
    notes = notes or {}
    names = [f"{f.value}" + (f" ({notes[f.value]})" if f.value in notes else "") for f in formats]
    listed = ", ".join(names[:-1]) + " eller " + names[-1]
    if from_output:
        values = {str(f.value) for f in formats}
        first = {name: ext for ext, name in reversed(EXTENSION_FORMATS.items()) if name in values}
        extensions = ", ".join(sorted(first.values(), key=list(EXTENSION_FORMATS).index))
        chosen = f"efter filändelsen i -o ({extensions}), annars {default}"
    else:
        chosen = default
    return typer.Option(
        "--format",
        "-f",
        help=f"{listed}. Standard: {chosen}. Exempel: {example}",
        show_default=False,
    )


def organ_option(scope: str) -> typing.Any:
    """`--organ BODY`: `scope` says what it selects."""
    return typer.Option(
        "--organ",
        help=(
            f"{scope}: organets id eller kortnamn i timeline.yaml, oavsett skiftläge. "
            "Exempel: --organ ks · --organ KS"
        ),
        autocompletion=complete_body_id,
        show_default=False,
    )


def typ_option(scope: str, example: str) -> typing.Any:
    """`--typ KIND`, repeatable: `scope` says which kinds."""
    return typer.Option(
        "--typ", help=f"{scope} (kan upprepas). Exempel: {example}", show_default=False
    )


# Output file extensions and the format name each one means.
EXTENSION_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".txt": "text",
    ".text": "text",
    ".ics": "ics",
    ".docx": "docx",
    ".pptx": "pptx",
}

F = typing.TypeVar("F", bound=enum.Enum)


def pick_format(chosen: F | None, output: Path | None, formats: type[F], default: F) -> F:
    """The --format given, else the one the -o file's extension names, else `default`."""
    if chosen is not None:
        return chosen
    if output is None:
        return default
    allowed = [str(f.value) for f in formats]
    name = EXTENSION_FORMATS.get(output.suffix.lower())
    if name is None or name not in allowed:
        fail_usage(
            f"kan inte avgöra formatet av filändelsen i {output.name} – ange --format "
            + "|".join(allowed)
        )
    return formats(name)


def emit(text: str | bytes, output: Path | None, force: bool) -> None:
    """Print `text`, or write it atomically to `output` (refusing to overwrite without force)."""
    if output is None:
        if isinstance(text, bytes):
            fail_usage("det här formatet skrivs till en fil – ange -o FIL")
        typer.echo(text, nl=False)
        return
    from styrning.write.atomic import WriteRefused, write_file

    try:
        write_file(output, text, force=force)
    except WriteRefused as exc:
        fail_usage(str(exc))
    except OSError as exc:
        fail_usage(f"kan inte skriva {output}: {exc.strerror or exc}")
    typer.echo(f"skrev {output}", err=True)


def note_data_errors(dataset: Dataset) -> DataErrors | None:
    """What the output must say about errors in the data (as `validate` finds them today),
    said on stderr as well; None when there are none."""
    from styrning.checks.validation import data_errors

    found = data_errors(dataset, today())
    if found is not None:
        typer.echo(found.stderr_line(), err=True)
    return found


@dataclasses.dataclass(frozen=True)
class Input:
    """What a command that reads the data starts from."""

    root: Path
    day: dt.date
    """The day the data is judged on."""
    dataset: Dataset
    provenance: Provenance
    period: Period | None
    organ: str | None
    """The id of the body `--organ` named, or None."""
    errors: DataErrors | None
    """The errors in the data, already said on stderr; None when there are none."""


def load_input(
    root: Path | None,
    as_of: str | None,
    at: str | None,
    *,
    period: str | None = None,
    day_in_period: Callable[[Period, dt.date], dt.date] | None = None,
    organ: str | None = None,
) -> Input:
    """The data root, the day, the period, the data and its provenance, the body and the note
    on errors in the data, in that order, each failing with a usage error (exit 2).

    The day is `--as-of`, else the date `--at` names, else today. A relative period ("i år")
    is read on that day; with `day_in_period` and no `--as-of`, the data is judged on the day
    it gives for the period (a report: the period's last day, or today).
    """
    data_root = resolve_root(root)
    day = parse_day(as_of, "--as-of", at)
    resolved: Period | None = None
    if period is not None:
        from styrning.core.periods import PeriodError, parse_period

        try:
            resolved = parse_period(period, today=day)
        except PeriodError as err:
            fail_usage(str(err))
        if day_in_period is not None and as_of is None:
            day = day_in_period(resolved, day)
    dataset, prov = read_data(
        data_root, at, day, resolved.label() if resolved is not None else None
    )
    body = resolve_body(dataset, organ)
    return Input(data_root, day, dataset, prov, resolved, body, note_data_errors(dataset))


# Shell completion (Typer's --install-completion). These run on every TAB, so they
# read names, not models: process ids from file names, body ids from timeline.yaml,
# and they never fail – no data root means nothing to offer.


def _completion_root() -> Path | None:
    import os

    from styrning.read.tree import TIMELINE, find_root

    env = os.environ.get("STYRNING_ROOT")
    if env:
        root = Path(env)
        return root if (root / TIMELINE).is_file() else None
    return find_root(Path.cwd())


def complete_process_id(incomplete: str) -> list[str]:
    """Process ids starting with `incomplete`, for `autocompletion=` of an ID argument."""
    import os

    from styrning.read.loader import process_id
    from styrning.read.tree import PROCESSES

    root = _completion_root()
    if root is None:
        return []
    ids: set[str] = set()
    for _dirpath, _dirs, files in os.walk(root / PROCESSES):
        ids.update(process_id(f) for f in files if f.endswith((".yaml", ".yml")))
    return sorted(i for i in ids if i.startswith(incomplete))


def complete_body_id(incomplete: str) -> list[str]:
    """Body ids in timeline.yaml starting with `incomplete`, for `--organ` and the like."""
    from styrning.read.source import parse
    from styrning.read.tree import TIMELINE

    root = _completion_root()
    if root is None:
        return []
    try:
        data = parse(TIMELINE, (root / TIMELINE).read_bytes()).data
    except OSError:
        return []
    bodies = data.get("organ") if isinstance(data, dict) else None
    if not isinstance(bodies, list):
        return []
    ids = [b["id"] for b in bodies if isinstance(b, dict) and isinstance(b.get("id"), str)]
    return [i for i in dict.fromkeys(ids) if i.startswith(incomplete)]


# The formats of `changes` and `log`, which print the same kind of result.
class ChangesFormat(enum.StrEnum):
    text = "text"
    md = "md"
    json = "json"


ChangesFormatOption = Annotated[ChangesFormat | None, format_option(ChangesFormat, "-f md")]
