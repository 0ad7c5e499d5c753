"""Benchmark of the history commands against git itself.

Builds (with `git fast-import`, deterministic seed) a repository of FILES process
files and COMMITS commits, each later commit editing one file the way officials
do (a new title, a new event, a planned event done), then times, as medians:

- the floor: `git ls-tree -r` of a revision plus `git cat-file --batch` over all
  its blobs (what reading one revision costs git itself);
- `styrning status --at DATE` (every file of that revision read and parsed), and
  `styrning status` on the working tree, which parses as many files: the
  difference is what reading from git costs;
- `styrning changes --since DATE` over the last tenth of the history and over
  all of it (only changed files parsed, one `git log --raw` for attribution).

Run: .venv/bin/python bench/history.py [FILES] [COMMITS] [REPEATS]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ["uppdrag", "riktlinje", "program", "policy", "plan"]
FOLDERS = {
    "uppdrag": "uppdrag",
    "riktlinje": "riktlinjer",
    "program": "program",
    "policy": "policyer",
    "plan": "planer",
}
EVENTS = ["beslut", "remiss", "presentation", "återrapportering", "lägesrapport"]
TIMELINE = """organisation: Benchkommun
organ:
  - id: kf
    namn: Kommunfullmäktige
  - id: ks
    namn: Kommunstyrelsen
"""


def process_text(i: int, title: str, events: list[tuple[str, str, bool]]) -> str:
    kind = KINDS[i % len(KINDS)]
    lines = [f"typ: {kind}", f"titel: {title}", "händelser:"]
    for date, typ, planned in events:
        lines += [f"  - datum: {date}", f"    typ: {typ}", "    organ: ks"]
        lines.append(f"    rubrik: {typ.capitalize()} om {title.lower()}")
        if planned:
            lines.append("    planerad: true")
    return "\n".join(lines) + "\n"


def build(repo: Path, files: int, commits: int, seed: int = 7) -> list[dt.date]:
    """The repository; returns the commit dates, oldest first."""
    rnd = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    state: dict[int, tuple[str, list[tuple[str, str, bool]]]] = {}
    for i in range(files):
        events = [
            (f"{2015 + k // 2}-{1 + (i + k) % 12:02d}", rnd.choice(EVENTS), False)
            for k in range(rnd.randint(4, 10))
        ]
        events.append(("2030-06", "beslut", True))
        state[i] = (f"Process nummer {i}", events)
    start = dt.datetime(2015, 1, 1, 12, tzinfo=dt.UTC)
    dates: list[dt.date] = []
    chunks: list[bytes] = []

    def blob(text: str) -> bytes:
        data = text.encode()
        return b"data %d\n" % len(data) + data + b"\n"

    def path(i: int) -> str:
        kind = KINDS[i % len(KINDS)]
        return f"processes/{FOLDERS[kind]}/process-{i}.yaml"

    for n in range(commits):
        when = start + dt.timedelta(days=n * 3650 // commits, hours=n % 7)
        dates.append(when.date())
        stamp = int(when.timestamp())
        msg = f"Ändring {n}".encode()
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(b"committer Bench <bench@example.se> %d +0000\n" % stamp)
        chunks.append(b"data %d\n" % len(msg) + msg + b"\n")
        if n == 0:
            chunks.append(b"M 100644 inline timeline.yaml\n" + blob(TIMELINE))
            for i in range(files):
                chunks.append(b"M 100644 inline %s\n" % path(i).encode())
                chunks.append(blob(process_text(i, *state[i])))
            continue
        i = rnd.randrange(files)
        title, events = state[i]
        what = n % 3
        if what == 0:
            title = f"{title} (rev {n})"
        elif what == 1:
            events = [*events, (f"{when.year}-{when.month:02d}", rnd.choice(EVENTS), False)]
        else:
            events = [(d, t, False) for d, t, _ in events]
        state[i] = (title, events)
        chunks.append(b"M 100644 inline %s\n" % path(i).encode())
        chunks.append(blob(process_text(i, title, events)))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(chunks), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    return dates


def timed(fn: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def git_floor(repo: Path, rev: str) -> None:
    listing = subprocess.run(
        ["git", "ls-tree", "-r", rev], cwd=repo, check=True, capture_output=True, text=True
    ).stdout
    shas = "".join(line.split()[2] + "\n" for line in listing.splitlines())
    subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        input=shas.encode(),
        check=True,
        capture_output=True,
    )


def git_log_floor(repo: Path, since: str) -> None:
    """What git needs to list a range's changed files and read both sides of each."""
    out = subprocess.run(
        ["git", "log", "--raw", "--no-abbrev", "--format=%H", f"--since={since}", "HEAD"],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    shas: set[str] = set()
    for line in out.splitlines():
        if line.startswith(":"):
            old, new = line.split()[2:4]
            shas.update(s for s in (old, new) if set(s) != {"0"})
    subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        input="".join(f"{s}\n" for s in shas).encode(),
        check=True,
        capture_output=True,
    )


def styrning(repo: Path, *args: str) -> None:
    exe = Path(sys.executable).with_name("styrning")
    subprocess.run([str(exe), *args, "--root", str(repo)], check=True, capture_output=True)


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    commits = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "arkiv"
        t0 = time.perf_counter()
        dates = build(repo, files, commits)
        print(f"built {files} files, {commits} commits in {time.perf_counter() - t0:.1f} s")
        mid = dates[len(dates) // 2].isoformat()
        recent = dates[len(dates) * 9 // 10].isoformat()
        rev = subprocess.run(
            ["git", "rev-list", "-1", f"--before={mid} 23:59:59", "HEAD"],
            cwd=repo,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        rows = [
            (
                "git ls-tree -r + cat-file --batch (floor)",
                timed(lambda: git_floor(repo, rev), repeats),
            ),
            (
                f"styrning status --at {mid}",
                timed(lambda: styrning(repo, "status", "--at", mid), repeats),
            ),
            (
                "styrning status (working tree, same parse)",
                timed(lambda: styrning(repo, "status"), repeats),
            ),
            (
                f"git log --raw since {recent} + cat-file of its blobs",
                timed(lambda: git_log_floor(repo, recent), repeats),
            ),
            (
                f"styrning changes --since {recent}",
                timed(lambda: styrning(repo, "changes", "--since", recent), repeats),
            ),
            (
                f"styrning changes --since {dates[0]}",
                timed(lambda: styrning(repo, "changes", "--since", dates[0].isoformat()), repeats),
            ),
            (
                "styrning --version",
                timed(
                    lambda: subprocess.run(
                        [str(Path(sys.executable).with_name("styrning")), "--version"],
                        check=True,
                        capture_output=True,
                    ),
                    repeats,
                ),
            ),
        ]
        floor = rows[0][1]
        print(f"{'what':<55} {'median s':>9} {'× floor':>8}")
        for name, t in rows:
            print(f"{name:<55} {t:9.3f} {t / floor:8.1f}")
        print(f"(machine: {os.cpu_count()} cores, python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
