"""The benchmark: styrning against the floor of its stack and its peers, in one run.

    .venv/bin/python bench/run.py                       # full: 100, 1,000, 3,000, 10,000 files
    .venv/bin/python bench/run.py --sizes 100,1000 --repeat 3
    .venv/bin/python bench/run.py --quick --no-peers    # CI: 100 files, once, no peers

Every figure is the wall time of a fresh process started by this script
(`fork`+`exec`, interpreter start-up included on both sides of a ratio), the
median of `--repeat` runs taken round-robin so a busy neighbour on the machine
slows every contender alike. Peak memory is the child's maximum resident set
from `wait4`. The peers (yamllint, check-jsonschema) are installed into
`bench/.peers/` on first use; the floors run on the interpreter running this
script, the one styrning is installed in. The full run writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (the sibling module, found through the path above)

PY = sys.executable
STYRNING = str(Path(PY).parent / "styrning")
PEERS = HERE / ".peers"
PEER_PACKAGES = ["yamllint", "check-jsonschema"]
AS_OF = generate.CUTOFF.isoformat()

# The floor of validate: read and compose every file the way styrning finds them, nothing else.
COMPOSE_ALL = """
import os, yaml
names = ["timeline.yaml"]
for d, dirs, files in os.walk("processes"):
    dirs.sort()
    names += [os.path.join(d, f) for f in sorted(files) if f.endswith((".yaml", ".yml"))]
for n in names:
    with open(n, "rb") as fh:
        yaml.compose(fh.read().decode("utf-8-sig"), Loader=yaml.CSafeLoader)
"""


RESULTS_HEAD = """\
# Benchmark results

Written by `bench/run.py` (see its docstring for the method): wall time of fresh
processes, interpreter start-up included on both sides of every ratio, median of
several round-robin runs. The corpora come from `bench/generate.py` (seed 7);
validate runs with `--as-of 2026-06-30`. A ratio above 1 means the first column
took longer than what it is compared with.
"""


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    rc: int
    cpu: float = 0.0  # user + system seconds of the child and the children it waited for


def run_child(
    argv: Sequence[str],
    cwd: Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Start `argv`, wait for it, and return its wall time, peak RSS and exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    # wait4, not proc.wait(): it also gives the child's own peak memory
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(elapsed, usage.ru_maxrss, proc.returncode, usage.ru_utime + usage.ru_stime)


def output_of(argv: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), cwd=cwd, capture_output=True, text=True, check=False)


CACHE_ENV = "STYRNING_CACHE_DIR"


def cached_env(folder: Path) -> dict[str, str]:
    """The environment of a run with the parse cache in `folder`."""
    return {**os.environ, CACHE_ENV: str(folder)}


def cold_run(argv: Sequence[str], cwd: Path, folder: Path) -> Run:
    """A run with an empty parse cache (which it fills, as a first run after an edit would)."""
    shutil.rmtree(folder, ignore_errors=True)
    return run_child(argv, cwd, env=cached_env(folder))


@dataclass
class Contender:
    """One thing to time: a name and how to run it once."""

    name: str
    once: Callable[[], Run]
    runs: list[Run] = field(default_factory=list)
    warm_up: bool = True  # the slow peers read files ours have already brought into the cache

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.maxrss_kib for r in self.runs) / 1024


def measure(contenders: list[Contender], repeat: int) -> None:
    """Round-robin: every contender once per round, `repeat` rounds (after one warm-up round)."""
    for c in contenders:
        if c.warm_up:
            c.once()  # warm-up: page cache, .pyc files
    for _ in range(repeat):
        for c in contenders:
            c.runs.append(c.once())


@dataclass
class Row:
    what: str
    files: str
    seconds: float | None
    floor_name: str
    floor_seconds: float | None
    goal: str = ""
    ok: bool | None = None
    note: str = ""
    cpu_ratio: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.floor_seconds:
            return None
        return self.seconds / self.floor_seconds


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    memory: list[tuple[str, int, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self) -> str:
        out = [
            "| measurement | files | median s | compared with | its median s | ratio | goal | met "
            "| CPU-time ratio |",
            "|---|---:|---:|---|---:|---:|---|---|---:|",
        ]
        for r in self.rows:
            secs = f"{r.seconds:.3f}" if r.seconds is not None else r.note or "–"
            floor = f"{r.floor_seconds:.3f}" if r.floor_seconds is not None else "–"
            ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
            met = {True: "yes", False: "**no**", None: "–"}[r.ok]
            cpu = f"{r.cpu_ratio:.2f}×" if r.cpu_ratio is not None else "–"
            out.append(
                f"| {r.what} | {r.files} | {secs} | {r.floor_name} | {floor} | {ratio} | {r.goal} "
                f"| {met} | {cpu} |"
            )
        return "\n".join(out)

    def memory_table(self) -> str:
        out = [
            "| run | files | peak MiB | MiB more per 1,000 files than the size before |",
            "|---|---:|---:|---:|",
        ]
        before: dict[str, tuple[int, float]] = {}
        for what, files, mib in self.memory:
            growth = "–"
            if what in before:
                n0, m0 = before[what]
                growth = f"{(mib - m0) / (files - n0) * 1000:.1f}"
            before[what] = (files, mib)
            out.append(f"| {what} | {files:,} | {mib:.1f} | {growth} |")
        return "\n".join(out)


def ensure_peers() -> dict[str, str]:
    """yamllint and check-jsonschema in bench/.peers (created on first use)."""
    bindir = PEERS / "bin"
    exes = {name: str(bindir / name) for name in PEER_PACKAGES}
    if not all(Path(e).exists() for e in exes.values()):
        print(f"installing {', '.join(PEER_PACKAGES)} into {PEERS} ...", file=sys.stderr)
        subprocess.run([PY, "-m", "venv", str(PEERS)], check=True)
        subprocess.run(
            [str(bindir / "python"), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True
        )
    return exes


def has_command(cmd: str) -> str | None:
    """The help text of `styrning CMD`, or None when this build has no such command."""
    res = output_of([STYRNING, cmd, "--help"], PROJECT)
    return res.stdout if res.returncode == 0 else None


def schema_file(workdir: Path) -> tuple[Path, str]:
    """The JSON Schema of a process file: `styrning schema` when it exists, else exported here."""
    path = workdir / "process.schema.json"
    if has_command("schema") is not None:
        for argv in ([STYRNING, "schema", "--kind", "process"], [STYRNING, "schema"]):
            res = output_of(argv, PROJECT)
            if res.returncode == 0:
                try:
                    doc = json.loads(res.stdout)
                except ValueError:
                    continue
                path.write_text(json.dumps(doc), encoding="utf-8")
                return path, "`" + " ".join(["styrning", *argv[1:]]) + "`"
    code = (
        "import json, sys; from styrning.core.model import Process; "
        "s = Process.model_json_schema(by_alias=True); "
        "s['$schema'] = 'https://json-schema.org/draft/2020-12/schema'; "
        "json.dump(s, sys.stdout)"
    )
    res = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True)
    path.write_text(res.stdout, encoding="utf-8")
    return path, "`Process.model_json_schema(by_alias=True)` exported by the benchmark"


def corpus_files(root: Path) -> list[str]:
    names = ["timeline.yaml"]
    for d, dirs, files in os.walk(root / "processes"):
        dirs.sort()
        names += [
            os.path.relpath(os.path.join(d, f), root) for f in sorted(files) if f.endswith(".yaml")
        ]
    return names


def bench_sizes(
    report: Report, sizes: list[int], repeat: int, peers: dict[str, str] | None, work: Path
) -> None:
    schema, schema_from = (None, "")
    if peers:
        schema, schema_from = schema_file(work)
        report.notes.append(f"check-jsonschema used the schema from {schema_from}.")
    for n in sizes:
        root = work / f"corpus-{n}"
        generate.generate(root, n)
        names = corpus_files(root)
        processes = [x for x in names if x != "timeline.yaml"]
        floor = Contender("compose", functools.partial(run_child, [PY, "-c", COMPOSE_ALL], root))
        argv = [STYRNING, "validate", "--as-of", AS_OF]
        ours = Contender(
            "validate, cold",
            functools.partial(cold_run, argv, root, work / "cache-cold"),
            warm_up=False,  # nothing to warm: each run starts from an empty cache
        )
        # warm: the cache as the last run left it (the warm-up round fills it)
        warm = Contender(
            "validate, warm",
            functools.partial(run_child, argv, root, env=cached_env(work / f"cache-{n}")),
        )
        contenders = [floor, ours, warm]
        lint = cjs = None
        if peers and schema is not None:
            lint = Contender(
                "yamllint",
                functools.partial(run_child, [peers["yamllint"], "-f", "parsable", *names], root),
            )
            cjs = Contender(
                "check-jsonschema",
                functools.partial(
                    run_child,
                    [peers["check-jsonschema"], "--schemafile", str(schema), *processes],
                    root,
                ),
                warm_up=False,
            )
            contenders += [lint, cjs]
        print(f"… {n} files", file=sys.stderr)
        # the peers take minutes on the largest corpus: fewer rounds there
        rounds = repeat if n <= 3000 or not peers else min(repeat, 3)
        if rounds != repeat:
            report.notes.append(f"{n:,} files: {rounds} rounds instead of {repeat}.")
        measure(contenders, rounds)
        rc = ours.runs[-1].rc
        if rc not in (0, 1):
            report.notes.append(f"styrning validate on {n} files exited {rc}")
        files = f"{n:,}"
        goal_here = n == 3000
        report.rows.append(
            Row(
                "`styrning validate`, warm cache",
                files,
                warm.median,
                "libyaml compose (floor)",
                floor.median,
                "≤ 1.0×" if goal_here else "",
                (warm.median <= 1.0 * floor.median) if goal_here else None,
                cpu_ratio=warm.cpu / floor.cpu,
            )
        )
        report.rows.append(
            Row(
                "`styrning validate`, cold (empty cache)",
                files,
                ours.median,
                "libyaml compose (floor)",
                floor.median,
                "≤ 1.5×" if goal_here else "",
                (ours.median <= 1.5 * floor.median) if goal_here else None,
                cpu_ratio=ours.cpu / floor.cpu,
            )
        )
        if lint and cjs:
            report.rows.append(
                Row(
                    "`yamllint`",
                    files,
                    lint.median,
                    "`styrning validate`",
                    ours.median,
                    "> 1× (we are faster)",
                    lint.median > ours.median,
                    cpu_ratio=lint.cpu / ours.cpu,
                )
            )
            report.rows.append(
                Row(
                    "`check-jsonschema`",
                    files,
                    cjs.median,
                    "`styrning validate`",
                    ours.median,
                    "≥ 3×",
                    cjs.median >= 3 * ours.median,
                    cpu_ratio=cjs.cpu / ours.cpu,
                )
            )


def bench_commands(report: Report, n: int, repeat: int, work: Path) -> None:
    """Every reading command on the same corpus, warm, as a ratio to warm validate."""
    root = work / f"corpus-{n}"
    if not root.exists():
        generate.generate(root, n)
    env = cached_env(work / f"cache-{n}")
    plans = [
        ("`styrning validate`", ["validate", "--as-of", AS_OF]),
        ("`styrning status`", ["status", "--as-of", AS_OF]),
        ('`styrning report "våren 2022"`', ["report", "våren 2022"]),
        ("`styrning timeline`", ["timeline"]),
        (
            "`styrning brief`",
            ["brief", "--organ", "ks", "--meeting", "2026-05-12", "--as-of", AS_OF],
        ),
        ("`styrning site`", ["site", "-o", str(work / "site")]),
    ]
    contenders = []
    for what, args in plans:
        if has_command(args[0]) is None:
            report.rows.append(
                Row(
                    what,
                    f"{n:,}",
                    None,
                    "`styrning validate`, warm",
                    None,
                    "≤ 3×",
                    None,
                    note="not available in this build",
                )
            )
            continue
        # no warm-up round: validate's warm runs above filled this cache
        contenders.append(
            (
                what,
                Contender(
                    what,
                    functools.partial(run_child, [STYRNING, *args], root, env=env),
                    warm_up=False,
                ),
            )
        )
    print(f"… every command on {n} files", file=sys.stderr)
    measure([c for _, c in contenders], repeat)
    base = contenders[0][1]
    for what, c in contenders[1:]:
        rc = c.runs[-1].rc
        row = Row(
            what + f", warm ({c.peak_mib:.0f} MiB peak)",
            f"{n:,}",
            c.median,
            f"`styrning validate`, warm ({base.peak_mib:.0f} MiB peak)",
            base.median,
            "≤ 3×",
            c.median <= 3 * base.median,
            cpu_ratio=c.cpu / base.cpu,
        )
        if rc not in (0, 1):
            row.note = f"exit {rc}"
            report.notes.append(f"{what} exited {rc} on {n} files")
        report.rows.append(row)


def bench_startup(report: Report, repeat: int, work: Path) -> None:
    typer_floor = Contender("import typer", lambda: run_child([PY, "-c", "import typer"], work))
    version = Contender("--version", lambda: run_child([STYRNING, "--version"], work))
    cli_floor = Contender("floor_cli", lambda: run_child([PY, str(HERE / "floor_cli.py")], work))
    own = Contender(
        "validate own", lambda: run_child([STYRNING, "validate", "--root", str(PROJECT)], work)
    )
    measure([typer_floor, version, cli_floor, own], max(repeat * 2, 3))
    report.rows.append(
        Row(
            "`styrning --version`",
            "–",
            version.median,
            '`python -c "import typer"`',
            typer_floor.median,
            "≤ 1.3×",
            version.median <= 1.3 * typer_floor.median,
            cpu_ratio=version.cpu / typer_floor.cpu,
        )
    )
    files = len(corpus_files(PROJECT))
    report.rows.append(
        Row(
            "`styrning validate` (project's own data)",
            str(files),
            own.median,
            "minimal Typer+pydantic+PyYAML command (`bench/floor_cli.py`)",
            cli_floor.median,
            "≤ 1.5×",
            own.median <= 1.5 * cli_floor.median,
            cpu_ratio=own.cpu / cli_floor.cpu,
        )
    )


def bench_memory(report: Report, sizes: list[int], work: Path) -> None:
    """Peak memory of validate, in parallel (default) and with STYRNING_JOBS=1."""
    for jobs in ("", "1"):
        env = {**os.environ}
        label = "validate (default)"
        if jobs:
            env["STYRNING_JOBS"] = jobs
            label = "validate, STYRNING_JOBS=1"
        for n in sizes:
            root = work / f"corpus-{n}"
            if not root.exists():
                generate.generate(root, n)
            peak = max(
                run_child([STYRNING, "validate", "--as-of", AS_OF], root, env=env).maxrss_kib
                for _ in range(2)
            )
            report.memory.append((label, n, peak / 1024))
    threes = [m for m in report.memory if m[1] == 3000]
    if threes:
        worst = max(m[2] for m in threes)
        report.rows.append(
            Row(
                "peak memory, validate (MiB)",
                "3,000",
                None,
                "–",
                None,
                "< 300 MiB",
                worst < 300,
                note=f"{worst:.0f} MiB",
            )
        )


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def _blobs(root: Path, rev: str) -> list[str]:
    return [line.split()[2] for line in _git(root, "ls-tree", "-r", rev).splitlines()]


def git_floor(root: Path, revs: list[str]) -> Run:
    """`git ls-tree -r REV` and `git cat-file --batch` over its blobs, for each revision."""
    total = 0.0
    cpu = 0.0
    peak = 0
    for rev in revs:
        start = time.perf_counter()
        before = os.times()
        ls = subprocess.run(
            ["git", "ls-tree", "-r", rev], cwd=root, capture_output=True, check=True
        ).stdout
        after = os.times()
        blobs = b"".join(line.split()[2] + b"\n" for line in ls.splitlines())
        cat = run_child(["git", "cat-file", "--batch"], root, stdin=blobs)
        total += time.perf_counter() - start
        cpu += after.children_user - before.children_user + cat.cpu
        cpu += after.children_system - before.children_system
        peak = max(peak, cat.maxrss_kib)
    return Run(total, peak, 0, cpu)


def bench_git(report: Report, files: int, commits: int, repeat: int, work: Path) -> None:
    root = work / f"repo-{files}-{commits}"
    print(f"… git history: {files} files, {commits} commits", file=sys.stderr)
    generate.generate(root, files, commits=commits)
    at_day = "2022-01-01"
    at_rev = _git(root, "rev-list", "-1", f"--before={at_day}T23:59:59", "main").strip()
    label = f"{files:,} files, {commits:,} commits"
    status_help = has_command("status")
    plans: list[tuple[str, list[str], list[str], str | None]] = [
        ("`styrning status`", ["status", "--as-of", AS_OF], ["HEAD"], status_help),
        (
            f"`styrning status --at {at_day}`",
            ["status", "--at", at_day, "--as-of", AS_OF],
            [at_rev],
            status_help if status_help and "--at" in status_help else None,
        ),
        ('`styrning report "2022"`', ["report", "2022"], ["HEAD"], has_command("report")),
    ]
    changes_help = has_command("changes")
    plans.append(
        (
            f"`styrning changes --since {at_day}`",
            ["changes", "--since", at_day],
            [at_rev, "HEAD"],
            changes_help if changes_help and "--since" in changes_help else None,
        )
    )
    for what, args, revs, help_text in plans:
        goal = "≤ 2×" if "--at" in what or "changes" in what else ""
        if help_text is None:
            report.rows.append(
                Row(
                    what,
                    label,
                    None,
                    "git ls-tree -r + cat-file --batch",
                    None,
                    goal,
                    None,
                    note="not available in this build",
                )
            )
            continue
        argv = [STYRNING, *args]
        ours = Contender(
            what, functools.partial(run_child, argv, root, env=cached_env(work / "cache-git"))
        )
        cold = Contender(
            what, functools.partial(cold_run, argv, root, work / "cache-git-cold"), warm_up=False
        )
        floor = Contender("git", functools.partial(git_floor, root, revs))
        measure([floor, ours, cold], repeat)
        for c, how, goal_here in ((ours, "warm cache", goal), (cold, "cold (empty cache)", "")):
            rc = c.runs[-1].rc
            ok = (c.median <= 2 * floor.median) if goal_here else None
            row = Row(
                f"{what}, {how}",
                label,
                c.median,
                "git ls-tree -r + cat-file --batch",
                floor.median,
                goal_here,
                ok,
                cpu_ratio=c.cpu / floor.cpu if floor.cpu else None,
            )
            if rc not in (0, 1):
                row.note = f"exit {rc}"
                report.notes.append(f"{what} exited {rc} on the benchmark repository")
            report.rows.append(row)


def bench_site(report: Report, files: int, repeat: int, work: Path) -> None:
    """`styrning site` against `styrning validate` on the same corpus (outside git: no history)."""
    root = work / f"corpus-{files}"
    if not root.exists():
        generate.generate(root, files)
    out = work / "site-out"
    print(f"… the site of {files} files", file=sys.stderr)
    validate = Contender(
        "validate", lambda: run_child([STYRNING, "validate", "--as-of", AS_OF], root)
    )
    site = Contender(
        "site",
        lambda: run_child([STYRNING, "site", "--as-of", AS_OF, "-o", str(out), "--force"], root),
    )
    measure([validate, site], repeat)
    pages = len(list(out.glob("*.html"))) if out.is_dir() else 0
    rc = site.runs[-1].rc
    report.rows.append(
        Row(
            "`styrning site`",
            f"{files:,}",
            site.median,
            "`styrning validate`",
            validate.median,
            "≤ 5×",
            site.median <= 5 * validate.median,
            cpu_ratio=site.cpu / validate.cpu,
            note=f"{pages:,} pages" + (f", exit {rc}" if rc else ""),
        )
    )


SITE_SECTION = "## The site (`--site-only`)"


def write_site_section(results: Path, text: str) -> None:
    """Put the site's figure into RESULTS.md as a section of its own, replacing an earlier one."""
    old = results.read_text(encoding="utf-8") if results.exists() else RESULTS_HEAD
    before = old.split("\n" + SITE_SECTION + "\n", 1)[0].rstrip("\n")
    results.write_text(before + "\n\n" + SITE_SECTION + "\n\n" + text + "\n", encoding="utf-8")


def machine(load: float) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = output_of(["git", "rev-parse", "--short", "HEAD"], PROJECT).stdout.strip()
    dirty = output_of(["git", "status", "--porcelain", "--", "styrning"], PROJECT).stdout.strip()
    return [
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {os.cpu_count()} cores (`nproc`), {cpu}, {platform.system()} "
        f"{platform.release()}",
        f"- load average at the start: {load:.2f} (the cores are shared with other work)",
        f"- Python {platform.python_version()}; styrning at commit {commit or '?'}"
        + (" with uncommitted changes in src/" if dirty else ""),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="files per corpus, e.g. 100,1000,3000")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per contender")
    parser.add_argument("--quick", action="store_true", help="100 files, 1 run, small git repo")
    parser.add_argument("--no-peers", action="store_true", help="skip yamllint/check-jsonschema")
    parser.add_argument("--git-files", type=int, default=None)
    parser.add_argument("--git-commits", type=int, default=None)
    parser.add_argument("--results", type=Path, default=None, help="write the Markdown here")
    parser.add_argument(
        "--site-only", action="store_true", help="only `styrning site` against validate"
    )
    args = parser.parse_args(argv)
    if args.site_only:
        return site_only(args.sizes, args.repeat, args.results)
    quick = args.quick
    sizes = [int(s) for s in (args.sizes or ("100" if quick else "100,1000,3000,10000")).split(",")]
    repeat = args.repeat or (1 if quick else 5)
    git_files = args.git_files or (100 if quick else 1000)
    git_commits = args.git_commits or (200 if quick else 2000)
    results = args.results or (None if quick else HERE / "RESULTS.md")
    peers = None if args.no_peers else ensure_peers()

    report = Report()
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    with tempfile.TemporaryDirectory(prefix="styrning-bench-") as tmp:
        work = Path(tmp)
        # never the user's parse cache: every child not given another uses this one
        os.environ[CACHE_ENV] = str(work / "cache")
        bench_startup(report, repeat, work)
        bench_sizes(report, sizes, repeat, peers, work)
        bench_commands(report, max([n for n in sizes if n <= 3000] or sizes[:1]), repeat, work)
        bench_memory(report, [n for n in sizes if n >= 1000] or sizes[:1], work)
        bench_git(report, git_files, git_commits, repeat, work)
        if 3000 in sizes:
            bench_site(report, 3000, repeat, work)
    if args.no_peers:
        report.notes.append("yamllint and check-jsonschema were not run (--no-peers).")
    command = "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = "\n".join(
        [
            "## Ratios",
            "",
            report.table(),
            "",
            "## Peak memory of `styrning validate`",
            "",
            report.memory_table(),
            "",
            *(f"- {n}" for n in report.notes),
            "",
            "## Machine and command",
            "",
            *machine(load),
            f"- command: `{command.strip()}` ({time.perf_counter() - started:.0f} s)",
            f"- {repeat} timed runs per contender after one warm-up, median shown",
        ]
    )
    print(text)
    if results is not None:
        results.write_text(RESULTS_HEAD + "\n" + text + "\n", encoding="utf-8")
        print(f"\nwritten to {results}", file=sys.stderr)
    return 0


def site_only(sizes: str | None, repeat: int | None, results: Path | None) -> int:
    """The site's figure alone (the full run takes many minutes), written to its own section."""
    files = int((sizes or "3000").split(",")[-1])
    rounds = repeat or 3
    report = Report()
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    with tempfile.TemporaryDirectory(prefix="styrning-bench-") as tmp:
        bench_site(report, files, rounds, Path(tmp))
    text = "\n".join(
        [
            report.table(),
            "",
            "The corpus is not in git here, so the process pages have no history; one page per",
            "process and body, one report per half-year with events, the timeline, search.",
            "",
            *machine(load),
            f"- command: `python bench/run.py --site-only --sizes {files} --repeat {rounds}` "
            f"({time.perf_counter() - started:.0f} s)",
        ]
    )
    print(text)
    write_site_section(results or HERE / "RESULTS.md", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
