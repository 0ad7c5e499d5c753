"""The benchmark runs in its small size, so it never rots (no timing asserted)."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT


def test_quick_benchmark_prints_the_ratio_table() -> None:
    result = subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "run.py"), "--quick", "--no-peers"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "| measurement | files | median s | compared with | its median s | ratio | goal | met "
        "| CPU-time ratio |" in out
    )
    for row in (
        "| `styrning --version` | – |",
        "| `styrning validate` (project's own data) |",
        "| `styrning validate`, warm cache | 100 |",
        "| `styrning validate`, cold (empty cache) | 100 |",
        "| `styrning status`, warm cache | 100 files, 200 commits |",
        "| `styrning status --at 2022-01-01`, cold (empty cache) | 100 files, 200 commits |",
        "| validate (default) | 100 |",
        "| validate, STYRNING_JOBS=1 | 100 |",
    ):
        assert row in out, row
    assert "- command: `python bench/run.py --quick --no-peers`" in out
    # every row names a ratio or says why it has none
    table = [line for line in out.splitlines() if line.startswith("| `styrning")]
    for line in table:
        assert "×" in line or "not available in this build" in line, line
    for command in ("status", 'report "våren 2022"', "timeline", "brief"):
        assert f"| `styrning {command}`, warm (" in out, command
    assert "exited" not in out
