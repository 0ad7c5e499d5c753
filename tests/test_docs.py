"""Every console example in the README and in docs/ is run and must match, and every link
between the documents leads to a file that exists.

An example runs against the project's own data, or, when the line before its block says
`<!-- exempel: demoarkivet -->`, in a small git repository built here with fixed authors and
dates (the story of tests/test_history.py, continued into June), so its commit hashes are the
same on every machine and in a shallow clone of this repository."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TIMELINE
from gitrepo import commit
from styrning.cli import app
from test_history import AGAR, DIALOG_RENAMED, build_story
from test_hostile import laughs

DIALOG_REPORTED = DIALOG_RENAMED.replace(
    "  - datum: 2022-06\n    typ: återrapportering\n    organ: ks\n    planerad: true\n",
    "  - datum: 2022-06-15\n    typ: återrapportering\n    organ: ks\n",
)
AGAR_REVIEW = AGAR + "  - datum: 2022-10\n    typ: aktualitetsprövning\n    planerad: true\n"

DOCS = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]


MARKER = re.compile(r"<!-- exempel: ([a-zåäö-]+) -->")


def console_examples(path: Path, where: str = "projekt") -> list[tuple[str, str]]:
    """(first command line, whole block) for every ```console block that runs in `where`:
    "projekt" (the project's data), or the folder its marker names."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"([^\n]*)\n```console\n(.*?)```", text, re.DOTALL):
        marker = MARKER.fullmatch(match.group(1).strip())
        if (marker.group(1) if marker else "projekt") == where:
            block = match.group(2)
            found.append((block.partition("\n")[0].removeprefix("$ "), block))
    return found


def steps(block: str) -> list[tuple[str, list[str]]]:
    """The commands of a block (lines starting with `$ `), each with the lines it shows."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line.removeprefix("$ "), []))
        else:
            assert found, f"output before any command: {line}"
            found[-1][1].append(line)
    return found


def check_block(block: str, shown: Callable[[list[str]], list[str]] = list) -> None:
    """Run each command of a block in turn; each must show what the block shows. A last line
    `...` means that the block shows only the start of what is printed."""
    for command, expected in steps(block):
        if command.startswith("cat "):
            printed = Path(command.removeprefix("cat ")).read_text(encoding="utf-8").splitlines()
        else:
            assert command.startswith("styrning "), command
            _, printed = run_example(command)
        if expected and expected[-1] == "...":
            expected = expected[:-1]
            printed = printed[: len(expected)]
        assert shown(printed) == shown(expected), command


def run_example(command: str) -> tuple[int, list[str]]:
    """Run an example's command line as a shell would: what the terminal shows is standard
    output, cut by a final `| head -N`, then standard error, unless `2>/dev/null` drops it."""
    words = shlex.split(command)[1:]
    quiet = "2>/dev/null" in words
    words = [word for word in words if word != "2>/dev/null"]
    head = None
    if len(words) > 2 and words[-3] == "|" and words[-2] == "head":
        head = int(words[-1].removeprefix("-"))
        words = words[:-3]
    result = CliRunner().invoke(app, words)
    shown = result.stdout.splitlines()[:head]
    return result.exit_code, shown if quiet else shown + result.stderr.splitlines()


def without_commit(lines: list[str]) -> list[str]:
    """The lines but the one naming the commit the project's data was read at (and the day
    it was read), which changes with every commit of this repository."""
    return [
        line
        for line in lines
        if not line.startswith(("Källa: commit", "Underlaget hämtat ur versionshanteringen"))
    ]


README_EXAMPLES = console_examples(PROJECT / "README.md")
PROJECT_EXAMPLES = [
    pytest.param(block, id=f"{path.name}: {first}")
    for path in DOCS
    for first, block in console_examples(path)
]
FOLDERS = ("demoarkivet", "felskrivna", "fientliga", "kopia")
FOLDER_EXAMPLES = [
    pytest.param(where, block, id=f"{path.name} ({where}): {first}")
    for path in DOCS
    for where in FOLDERS
    for first, block in console_examples(path, where)
]
# "i-följd": the blocks of one document that tell a story (status, a change, status again)
# run one after the other in one fresh copy of the project's data
SEQUENCES = {path.name: [block for _, block in console_examples(path, "i-följd")] for path in DOCS}
FOLDER_EXAMPLES += [
    pytest.param("i-följd", "".join(blocks), id=f"{name} (i-följd)")
    for name, blocks in SEQUENCES.items()
    if blocks
]


def test_the_readme_is_the_short_entry() -> None:
    assert len((PROJECT / "README.md").read_text(encoding="utf-8").splitlines()) <= 200
    assert len(README_EXAMPLES) >= 3


@pytest.mark.parametrize("block", PROJECT_EXAMPLES)
def test_an_example_prints_what_it_shows(
    block: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(PROJECT)
    if block.startswith("$ styrning init "):
        monkeypatch.chdir(tmp_path)  # init writes a new folder: never into the project
    before = project_data()
    check_block(block, without_commit)
    assert project_data() == before, "an example changed the project's data: mark it kopia"


def project_data() -> dict[Path, bytes]:
    files = [PROJECT / "timeline.yaml", *sorted((PROJECT / "processes").rglob("*.yaml"))]
    return {path: path.read_bytes() for path in files}


def build_demo(repo: Path) -> None:
    """The demo repository of docs/commands.md: January a guideline, March an assignment,
    May its new title, 16 June its report done, 20 June a review planned."""
    build_story(repo)
    assert DIALOG_REPORTED != DIALOG_RENAMED and AGAR_REVIEW != AGAR
    commit(
        repo,
        {"processes/uppdrag/medborgardialog.yaml": DIALOG_REPORTED},
        "Återrapporterat till KS",
        "2022-06-16T15:00:00+02:00",
    )
    commit(
        repo,
        {"processes/riktlinjer/agarstyrning.yaml": AGAR_REVIEW},
        "Planera aktualitetsprövning",
        "2022-06-20T09:30:00+02:00",
        author="Bertil Berg",
    )


def copy_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(PROJECT / "timeline.yaml", folder)
    shutil.copytree(PROJECT / "processes", folder / "processes")
    shutil.copytree(PROJECT / "schema", folder / "schema")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_typos(folder: Path) -> None:
    """The project's data with three typos: a key, a day that does not exist, a body."""
    copy_project(folder)
    processes = folder / "processes"
    edit(processes / "program/social-hallbarhet.yaml", "\ntitel:", "\ntitell:")
    edit(processes / "riktlinjer/agarstyrning.yaml", "datum: 2021-03\n", "datum: 2021-02-30\n")
    edit(
        processes / "uppdrag/dialog-och-demokratiutveckling.yaml",
        "[ks, stadsdirektor]",
        "[ks, stadsdirektoren]",
    )


def build_hostile(folder: Path) -> None:
    """Files written to harm a reader (docs/safety.md): each must end as one problem."""
    folder.mkdir(parents=True)
    (folder / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    program, uppdrag = folder / "processes/program", folder / "processes/uppdrag"
    program.mkdir(parents=True)
    uppdrag.mkdir(parents=True)
    (program / "latin1.yaml").write_bytes("typ: program\ntitel: Å\n".encode("latin-1"))
    (program / "python.yaml").write_text(
        "typ: !!python/object/apply:os.system ['rm -rf ~']\ntitel: x\n", encoding="utf-8"
    )
    (program / "skratt.yaml").write_bytes(b"typ: program\ntitel: x\n" + laughs())
    (uppdrag / "djup.yaml").write_text(
        "typ: uppdrag\ntitel: " + "[" * 1006 + "]" * 1006 + "\n", encoding="utf-8"
    )
    (folder.parent / "utanfor.yaml").write_text("typ: uppdrag\ntitel: x\n", encoding="utf-8")
    (uppdrag / "lank.yaml").symlink_to(folder.parent / "utanfor.yaml")
    (uppdrag / "stor.yaml").write_text("# " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")


BUILDERS = {"demoarkivet": build_demo, "felskrivna": build_typos, "fientliga": build_hostile}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    for name, build in BUILDERS.items():
        made[name] = tmp_path_factory.mktemp(name) / "data"
        build(made[name])
    return made


@pytest.mark.parametrize(("where", "block"), FOLDER_EXAMPLES)
def test_an_example_in_its_folder_prints_what_it_shows(
    where: str,
    block: str,
    folders: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # a fresh copy of the project's data (outside git) for examples that write
    copied = where in ("kopia", "i-följd")
    monkeypatch.chdir(copy_project(tmp_path / "kopia") if copied else folders[where])
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # a date's end is local to git
    check_block(block)


def test_every_console_block_is_run() -> None:
    """No console example escapes the tests: a block the collector cannot run (two commands,
    an unknown folder, not styrning) is a failure, not a silent skip."""
    blocks = sum(path.read_text(encoding="utf-8").count("```console\n") for path in DOCS)
    assert all(
        first.startswith("styrning ") for path in DOCS for first, _ in console_examples(path)
    )
    in_sequence = sum(len(blocks) for blocks in SEQUENCES.values())
    assert (
        blocks
        == len(PROJECT_EXAMPLES)
        + len(FOLDER_EXAMPLES)
        - len([b for b in SEQUENCES.values() if b])
        + in_sequence
    )


def test_the_changelog_names_the_version_of_the_package() -> None:
    """Keep a Changelog: an [Unreleased] section, then the newest version, which is the
    package's own `__version__`, with its date."""
    from styrning import __version__

    text = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.MULTILINE)
    assert versions[0] == ("Unreleased", "")
    assert versions[1][0] == __version__ and versions[1][1]
