"""Hostile files through `styrning validate`.

Each runs in its own process with a memory cap and a timeout.

The limits are in the harness, not in timed assertions: a scenario that
hangs fails on `timeout=`, one that blows up memory dies at the address-space
cap (and then shows a MemoryError or a non-1 exit code), whatever the speed
of the machine. Every scenario must end as problems at their file and line,
or be accepted where the file is valid.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import TIMELINE

MEMORY_CAP = 1024**3  # bytes of address space for the whole styrning process
TIMEOUT = 20  # seconds; each scenario takes about half a second

P = "processes/program/x.yaml"
VALID = b"typ: program\ntitel: Program for test\n"


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_validate(root: Path) -> subprocess.CompletedProcess[str]:
    """`styrning validate` on `root` in a child process with capped memory and time."""
    return subprocess.run(
        [sys.executable, "-m", "styrning", "validate", "--root", str(root), "--format", "text"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=_cap_memory,
        timeout=TIMEOUT,
        check=False,
    )


def laughs(levels: int = 10, width: int = 10, indent: str = "") -> bytes:
    """The billion laughs: each anchor a list of `width` aliases of the one before."""
    lines = [f'{indent}a0: &a0 ["lol"]']
    for i in range(1, levels):
        aliases = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"{indent}a{i}: &a{i} [{aliases}]")
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Case:
    files: dict[str, bytes]
    exit_code: int
    # exact output lines expected on stdout (all of them, in order), or a fragment per line
    lines: tuple[str, ...]
    exact: bool = True


NODES = (
    "fler än 200 000 värden när alias (*namn) har utvidgats till sina ankare (&namn) – "
    "gränsen för en datafil"
)
SIZE = "fel Y006 filen är större än 2 MiB (2 097 152 byte), gränsen för en datafil"
DEPTH_LIBYAML = "fel Y006 nästlingen är djupare än 1000 nivåer – gränsen för en datafil är 64"
UTF16 = f"{P}:1:1: fel Y003 filen är kodad som UTF-16 – spara den som UTF-8"

CASES: dict[str, Case] = {
    "billion laughs": Case({P: laughs()}, 1, (f"{P}:6:1: fel Y006 {NODES}",)),
    "billion laughs nested in a process file": Case(
        {P: VALID + b"huvudfokus:\n  - x\nsyfte:\n" + laughs(indent="  ")},
        1,
        (f"{P}:5:1: fel Y006 {NODES}",),
    ),
    "billion laughs in timeline.yaml": Case(
        {"timeline.yaml": TIMELINE.encode() + laughs()},
        1,
        (f"timeline.yaml:12:1: fel Y006 {NODES}",),
    ),
    "20 000 levels of flow lists": Case(
        {P: b"titel: " + b"[" * 20_000 + b"]" * 20_000 + b"\n"},
        1,
        (f"{P}:1:1007: {DEPTH_LIBYAML}",),
    ),
    "20 000 levels of flow mappings, never closed": Case(
        {P: b"titel: " + b"{a: " * 20_000 + b"\n"}, 1, (f"{P}:1:4004: {DEPTH_LIBYAML}",)
    ),
    "20 000 levels of block lists on one line": Case(
        {P: b"- " * 20_000 + b"x\n"}, 1, (f"{P}:1:1999: {DEPTH_LIBYAML}",)
    ),
    "1 500 levels of indented block mappings": Case(
        {P: b"".join(b" " * i + b"k:\n" for i in range(1500))},
        1,
        (f"{P}:1000:1001: {DEPTH_LIBYAML}",),
    ),
    "100 levels: under libyaml's limit, over ours": Case(
        {P: VALID + b"syfte: " + b"[" * 100 + b"]" * 100 + b"\n"},
        1,
        (f"{P}:3:72: fel Y006 nästlingen är djupare än gränsen för en datafil, 64 nivåer",),
    ),
    "a 20 MB file": Case(
        {P: VALID + b"syfte: " + b"x" * 20_000_000 + b"\n"}, 1, (f"{P}:1:1: {SIZE}",)
    ),
    "one byte over 2 MiB": Case(
        {P: VALID + b"syfte: " + b"x" * (2 * 1024 * 1024 - len(VALID) - 7 + 1)},
        1,
        (f"{P}:1:1: {SIZE}",),
    ),
    "exactly 2 MiB is still read": Case(
        {P: VALID + b"syfte: " + b"x" * (2 * 1024 * 1024 - len(VALID) - 7)},
        0,
        (),
    ),
    "binary data": Case(
        {P: b"typ: program\n" + random.Random(8).randbytes(4096) + b"\x00"},
        1,
        (f"{P}:2:",),
        exact=False,
    ),
    "Latin-1": Case(
        {P: "typ: program\ntitel: Hållbarhet\n".encode("latin-1")},
        1,
        (
            f"{P}:2:9: fel Y003 filen är inte UTF-8 (kanske Latin-1 eller Windows-1252) – "
            "spara den som UTF-8",
        ),
    ),
    "UTF-16 LE with BOM": Case({P: "\ufefftyp: program\n".encode("utf-16-le")}, 1, (UTF16,)),
    "UTF-16 BE with BOM": Case({P: "\ufefftyp: program\n".encode("utf-16-be")}, 1, (UTF16,)),
    "UTF-16 LE without BOM": Case({P: b"typ: program\n".decode().encode("utf-16-le")}, 1, (UTF16,)),
    "UTF-16 BE without BOM": Case({P: b"typ: program\n".decode().encode("utf-16-be")}, 1, (UTF16,)),
    "UTF-32": Case(
        {P: "typ: program\n".encode("utf-32")},
        1,
        (f"{P}:1:1: fel Y003 filen är kodad som UTF-32 – spara den som UTF-8",),
    ),
    "saved on Windows: UTF-8 BOM and CRLF": Case(
        {
            P: (
                "\ufefftyp: program\r\ntitel: Program för social hållbarhet\r\n"
                "beskrivning: |\r\n  Första raden.\r\n  Andra raden.\r\n"
            ).encode(),
            "timeline.yaml": "\ufeff".encode() + TIMELINE.replace("\n", "\r\n").encode(),
        },
        0,
        (),
    ),
    "tab in the indentation": Case(
        {P: VALID + b"huvudfokus:\n\t- x\n"},
        1,
        (f"{P}:4:1: fel Y001 YAML-syntaxfel: tabbtecken i indraget – använd mellanslag",),
    ),
    "10 000 documents in one file": Case(
        {P: VALID + b"---\n" + VALID * 10_000},
        1,
        (f"{P}:3:1: fel Y005 filen innehåller flera YAML-dokument (---) – en datafil ska ha ett",),
    ),
    "a list as a key": Case(
        {P: VALID + b"? [a]\n: b\n"},
        1,
        (f"{P}:3:3: fel Y007 en nyckel ska vara ett ord, inte en lista eller mappning",),
    ),
    "a number and null as keys": Case(
        {P: VALID + b"1: x\nnull: x\n"},
        1,
        (f"{P}:3:1: fel S001 okänd nyckel '1'", f"{P}:4:1: fel S001 okänd nyckel 'null'"),
        exact=False,
    ),
    "a number of 100 000 digits as text": Case(
        {P: VALID + b"syfte: " + b"9" * 100_000 + b"\n"}, 0, ()
    ),
    "a number of 100 000 digits where a number belongs": Case(
        {"timeline.yaml": TIMELINE.encode() + "aktualitetsprövning_år: ".encode() + b"9" * 100_000},
        1,
        (
            "timeline.yaml:7:25: fel S003 aktualitetsprövning_år: väntade ett heltal, inte '"
            + "9" * 59
            + "…' – ett tal har högst 30 siffror",
        ),
    ),
    "anchors and aliases across keys (valid)": Case(
        {P: b"typ: &t program\ntitel: *t\nhuvudfokus: &f [a, b]\ninriktningsm\xc3\xa5l: *f\n"},
        0,
        (),
    ),
    "an alias inside its own anchor": Case(
        {P: VALID + b"huvudfokus: &a [*a]\n"},
        1,
        (
            f"{P}:3:13: fel Y006 ett alias (*namn) står inuti sitt eget ankare (&namn), så värdet "
            "blir oändligt – skriv värdet ut i stället",
        ),
    ),
    "a mapping containing itself": Case(
        {P: VALID + b"syfte: &m {a: *m}\n"},
        1,
        (f"{P}:3:8: fel Y006 ett alias (*namn) står inuti sitt eget ankare",),
        exact=False,
    ),
    "python tags are never constructed": Case(
        {P: b"typ: !!python/object/apply:os.system ['touch PWNED']\ntitel: X\n"},
        1,
        (f"{P}:1:6: fel Y001 taggen '!!python/object/apply:os.system' stöds inte – ta bort den",),
        exact=False,
    ),
    "unknown local tag": Case(
        {P: b"typ: program\ntitel: !hemlig X\n"},
        1,
        (f"{P}:2:8: fel Y001 taggen '!hemlig' stöds inte – ta bort den",),
    ),
    "a control character": Case(
        {P: b"typ: program\ntitel: Pro\x07gram\n"},
        1,
        (f"{P}:2:11: fel Y003 filen innehåller kontrolltecknet U+0007 – ta bort det",),
    ),
    "an escape sequence for a terminal": Case(
        {P: b"typ: program\ntitel: \x1b[2J\n"},
        1,
        (f"{P}:2:8: fel Y003 filen innehåller kontrolltecknet U+001B – ta bort det",),
    ),
    "a terminal escape written as a YAML escape": Case(
        {P: b'typ: program\ntitel: "\\e[2J\\x9b31mR\xc3\x96TT"\n'},
        1,
        (f"{P}:2:8: fel Y003 värdet innehåller kontrolltecknet U+001B – ta bort det",),
    ),
    "60 000 unknown keys stop at 1 000 problems": Case(
        {P: VALID + b"".join(b"k%d: v\n" % i for i in range(60_000))},
        1,
        (f"{P}:3:1: fel S001 okänd nyckel 'k0'",),
        exact=False,
    ),
    "old Mac line breaks (CR only)": Case(
        {P: b"typ: program\rtitel: X\rfoo: 1\r"},
        1,
        (f"{P}:1:23: fel S001 okänd nyckel 'foo'",),
        exact=False,
    ),
    "2 MiB of empty mappings: counted before they are built": Case(
        {P: b"syfte: [" + b"{}," * 699_000 + b"{}]\n"},
        1,
        (f"{P}:1:600000: fel Y006 fler än 200 000 värden i filen – gränsen för en datafil",),
    ),
    "100 000 keys with values": Case(
        {P: VALID + b"".join(b"k%d: v\n" % i for i in range(100_000))},
        1,
        (f"{P}:100000:9: fel Y006 fler än 200 000 värden i filen – gränsen för en datafil",),
    ),
    "90 000 duplicate keys stop at 1 000 problems": Case(
        {P: VALID + b"syfte: v\n" * 90_000},
        1,
        (
            f"{P}:4:1: fel Y002 nyckeln 'syfte' finns redan på rad 3 – ta bort den ena",
            f"{P}:1004:1: fel Y006 fler än 1000 problem i filen – de första 1000 visas; "
            "rätta dem och kör igen",
        ),
        exact=False,
    ),
    "an empty document": Case(
        {P: b"---\n...\n"}, 1, (f"{P}:2:1: fel Y004 filen har inget innehåll",)
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_ends_as_a_problem_in_bounded_time_and_memory(
    name: str, tmp_path: Path
) -> None:
    case = CASES[name]
    root = tmp_path / "data"
    files = {"timeline.yaml": TIMELINE.encode(), **case.files}
    for rel, raw in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(raw)

    done = run_validate(root)

    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == case.exit_code, (done.stdout[:2000], done.stderr[-2000:])
    lines = done.stdout.splitlines()
    if case.exact:
        assert tuple(lines) == case.lines
    else:
        for expected in case.lines:
            assert any(line.startswith(expected) for line in lines), (expected, lines[:5])
    assert len(lines) <= 1001 * len(files), "at most 1000 problems and one more line per file"
    for line in lines:
        path, line_no, col, _ = line.split(":", 3)
        raw = files[path]
        assert 1 <= int(line_no) <= max(1, raw.count(b"\n") + (not raw.endswith(b"\n"))), line
        assert int(col) >= 1
        assert len(line) < 400, "a message quotes a long value in full"


def test_python_tags_run_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "processes/program").mkdir(parents=True)
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    marker = tmp_path / "PWNED"
    (root / P).write_text(
        f"typ: !!python/object/apply:os.system ['touch {marker}']\ntitel: X\n", encoding="utf-8"
    )
    done = run_validate(root)
    assert done.returncode == 1
    assert not marker.exists()


def test_many_problems_are_capped_with_a_line_saying_so(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "processes/program").mkdir(parents=True)
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (root / P).write_bytes(VALID + b"".join(b"k%d: v\n" % i for i in range(5000)))
    done = run_validate(root)
    lines = done.stdout.splitlines()
    assert len(lines) == 1001
    assert (
        f"{P}:1003:1: fel Y006 fler än 1000 problem i filen – de första 1000 visas; "
        "rätta dem och kör igen"
    ) in lines
    assert done.stderr.strip() == "1001 fel i 2 filer"


def test_a_terminal_escape_in_a_value_never_reaches_the_terminal(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from styrning.cli import app

    root = tmp_path / "data"
    (root / "processes/program").mkdir(parents=True)
    (root / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (root / P).write_text('typ: program\ntitel: "\\e[2J\\e]0;x\\aRÖTT"\n', encoding="utf-8")
    for command in (["validate"], ["status"]):
        result = CliRunner().invoke(app, [*command, "--root", str(root)])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        for char in "\x1b\x07\x9b":
            assert char not in result.output, (command, result.output)
