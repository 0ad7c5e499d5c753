"""Internal errors and interrupts: one line and a code of their own; the trace only with --debug."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT


def run_with(raising: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`styrning validate` through `main()` with the validation replaced by `raising`."""
    script = (
        "import sys, styrning.checks.validation as v\n"
        f"def boom(*a, **k): raise {raising}\n"
        "v.validate = boom\n"
        "from styrning.cli import main\n"
        f"sys.argv = ['styrning', *{list(args)!r}, 'validate', '--root', {str(PROJECT)!r}]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=20,
        check=False,
    )


def test_internal_error_without_debug_is_one_line() -> None:
    done = run_with("RuntimeError('oväntat')")
    assert done.returncode == 70
    assert done.stdout == ""
    assert done.stderr == (
        "styrning: internt fel (RuntimeError: oväntat) – kör igen med --debug och "
        "rapportera utskriften till projektet\n"
    )


def test_internal_error_with_debug_shows_the_trace_and_keeps_its_code() -> None:
    done = run_with("RuntimeError('oväntat')", "--debug")
    assert done.returncode == 70
    assert done.stderr.startswith("Traceback (most recent call last):")
    assert "in boom" in done.stderr
    assert done.stderr.rstrip().endswith("RuntimeError: oväntat")


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_ctrl_c_exits_130_with_one_line(debug: list[str]) -> None:
    done = run_with("KeyboardInterrupt", *debug)
    assert done.returncode == 130
    assert done.stdout == ""
    assert done.stderr == "styrning: avbrutet (Ctrl-C)\n"


def test_memory_error_is_an_internal_error() -> None:
    done = run_with("MemoryError()")
    assert done.returncode == 70
    assert done.stderr.startswith("styrning: internt fel (MemoryError")
    assert "Traceback" not in done.stderr
