"""The command line through typer's CliRunner: output, formats and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.cli import app

runner = CliRunner()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    root = tmp_path / "kopia"
    shutil.copytree(PROJECT / "processes", root / "processes")
    shutil.copy(PROJECT / "timeline.yaml", root / "timeline.yaml")
    return root


def plant_faults(root: Path) -> list[tuple[str, int, str]]:
    """Several faults an official makes by hand, in several files of a copy of the data."""
    prog = root / "processes/program/social-hallbarhet.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("titel:", "titell:"), encoding="utf-8")
    uppdrag = root / "processes/uppdrag/dialog-och-demokratiutveckling.yaml"
    text = uppdrag.read_text(encoding="utf-8").replace(
        "[ks, stadsdirektor]", "[ks, stadsdirektoren]"
    )
    uppdrag.write_text(text, encoding="utf-8")
    agar = root / "processes/riktlinjer/agarstyrning.yaml"
    agar.write_text(
        agar.read_text(encoding="utf-8").replace("2021-03", "2021-02-30"), encoding="utf-8"
    )
    (root / "processes/riktlinjer/trasig.yaml").write_text(
        "typ: riktlinje\ntitel: A: B\n", encoding="utf-8"
    )
    return [
        ("processes/program/social-hallbarhet.yaml", 3, "S001"),
        ("processes/uppdrag/dialog-och-demokratiutveckling.yaml", 5, "R001"),
        ("processes/riktlinjer/agarstyrning.yaml", 5, "D001"),
        ("processes/riktlinjer/trasig.yaml", 2, "Y001"),
    ]


def test_validate_clean_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT / "processes" / "program")  # root found by walking up
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "inga problem i 7 filer" in result.stderr


def test_planted_faults_all_reported_in_text(data_copy: Path) -> None:
    expected = plant_faults(data_copy)
    result = runner.invoke(app, ["validate", "--root", str(data_copy), "--format", "text"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for path, line, code in expected:
        assert any(ln.startswith(f"{path}:{line}:") and f" fel {code} " in ln for ln in lines), (
            path,
            code,
            lines,
        )
    assert "okänd nyckel 'titell' – menade du 'titel'?" in result.stdout
    assert "Traceback" not in result.output


def test_planted_faults_in_json(data_copy: Path) -> None:
    expected = plant_faults(data_copy)
    result = runner.invoke(app, ["validate", "--root", str(data_copy), "-f", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    found = {(p["path"], p["line"], p["code"]) for p in doc["problems"]}
    assert set(expected) <= found
    assert doc["fel"] == len([p for p in doc["problems"] if p["severity"] == "fel"])


def test_planted_faults_as_github_annotations(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = plant_faults(data_copy)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(data_copy.parent))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["validate", "--root", str(data_copy)])
    assert result.exit_code == 1
    for path, line, code in expected:
        assert f"::error file=kopia/{path},line={line}," in result.stdout
        assert f"title={code}::" in result.stdout
    assert "okänd nyckel 'titell'" in summary.read_text(encoding="utf-8")


def test_github_escapes_newlines_and_percent() -> None:
    from styrning.core.problems import Problem, Severity
    from styrning.render.problems import render_github

    p = Problem("a,b:c.yaml", 1, 2, Severity.WARNING, "S001", "100%\nklart")
    assert (
        render_github([p], lambda s: s)
        == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=S001::100%25%0Aklart\n"
    )


def test_paths_limit_what_is_reported(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plant_faults(data_copy)
    monkeypatch.chdir(data_copy)
    result = runner.invoke(app, ["validate", "processes/riktlinjer"])
    assert result.exit_code == 1
    assert all(line.startswith("processes/riktlinjer/") for line in result.stdout.splitlines())
    assert "agarstyrning.yaml" in result.stdout


def test_strict_makes_warnings_fail(make_tree: TreeMaker) -> None:
    root = make_tree({"processes/riktlinjer/x.yaml": "typ: program\ntitel: X\n"})
    assert runner.invoke(app, ["validate", "--root", str(root)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--root", str(root), "--strict"])
    assert result.exit_code == 1
    assert "varning G004" in result.stdout


def test_env_root(make_tree: TreeMaker, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = make_tree({"processes/program/p.yaml": "typ: program\ntitel: X\n"})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STYRNING_ROOT", str(root))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert "inga problem i 2 filer" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["validate"], "hittar ingen timeline.yaml"),
        (["status"], "hittar ingen timeline.yaml"),
        (["validate", "--root", "finns-inte"], "finns inte"),
        (["validate", "--bogus"], "Okänd flagga: --bogus"),
        (["explain", "X999"], "okänd kod 'X999'"),
        (["status", "--root", str(PROJECT), "--as-of", "igår"], "--as-of väntar ett datum"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STYRNING_ROOT", raising=False)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_path_outside_root_is_a_usage_error(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({})
    result = runner.invoke(app, ["validate", "--root", str(root), str(tmp_path)])
    assert result.exit_code == 2
    assert "utanför datamappen" in result.stderr


def test_explain_prints_both_examples() -> None:
    result = runner.invoke(app, ["explain", "r001"])
    assert result.exit_code == 0
    assert result.stdout.startswith("R001 (fel): okänt organ")
    assert "Fel" in result.stdout and "Rätt:" in result.stdout


def test_every_code_has_a_failing_and_a_passing_example() -> None:
    from styrning.checks.rules import all_codes

    for code in all_codes().values():
        assert "Fel" in code.doc or "Varning" in code.doc or code.code in {"Y003", "Y008"}, (
            code.code
        )
        assert "Rätt" in code.doc or code.code in {"Y003", "Y008"}, code.code


def test_status_lists_every_process() -> None:
    result = runner.invoke(app, ["status", "--root", str(PROJECT), "--as-of", "2022-04-15"])
    assert result.exit_code == 0
    assert "Program för social hållbarhet" in result.stdout
    assert "mars 2022 remiss" in result.stdout
    assert "juni 2022 beslut (planerat)" in result.stdout


def test_internal_error_is_one_line_with_its_own_exit_code(tmp_path: Path) -> None:
    script = (
        "import sys, styrning.checks.validation as v\n"
        "def boom(*a, **k): raise RuntimeError('oväntat')\n"
        "v.validate = boom\n"
        "from styrning.cli import main\n"
        f"sys.argv = ['styrning', 'validate', '--root', {str(PROJECT)!r}]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 70
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("styrning: internt fel (RuntimeError: oväntat)")


def test_python_dash_m_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "styrning", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("styrning ")
