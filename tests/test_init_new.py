"""`styrning init`, `styrning new` and shell completion."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.checks.validation import validate
from styrning.cli import app
from styrning.commands.common import complete_body_id, complete_process_id
from styrning.core.model import ProcessType
from styrning.core.schema import SchemaKind, json_schema, render
from styrning.read.loader import load
from styrning.read.source import parse
from styrning.read.tree import WorkingTree
from styrning.write.scaffold import (
    REQUIREMENT_PLACEHOLDER,
    git_source,
    pip_requirement,
    slugify,
    yaml_text,
)

runner = CliRunner()
TODAY = dt.date(2026, 11, 27)
MODELINE = "# yaml-language-server: $schema="


def problems(root: Path) -> list[str]:
    return [p.text() for p in validate(WorkingTree(root), TODAY).problems]


# init ---------------------------------------------------------------------------------


def test_init_makes_a_repository_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "styrdata"
    result = runner.invoke(app, ["init", str(target), "--organisation", "Testkommun"])
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == sorted(
        [
            ".github/workflows/styrning.yml",
            ".gitlab-ci.yml",
            ".pre-commit-config.yaml",
            "README.md",
            "schema/process.schema.json",
            "schema/timeline.schema.json",
            "timeline.yaml",
            *(f"processes/{k.folder}/.gitkeep" for k in ProcessType),
        ]
    )
    assert f"skrev {target / 'timeline.yaml'}" in result.stdout
    assert problems(target) == []
    timeline = load(WorkingTree(target)).timeline
    assert timeline is not None
    assert timeline.organisation == "Testkommun"
    assert [(b.id, b.parent) for b in timeline.bodies] == [
        ("kf", None),
        ("ks", None),
        ("styrberedningen", "ks"),
    ]
    text = (target / "timeline.yaml").read_text(encoding="utf-8")
    assert text.startswith(MODELINE + "schema/timeline.schema.json\n")
    assert (target / "schema/process.schema.json").read_text(encoding="utf-8") == render(
        SchemaKind.process
    )
    assert "# Testkommun: styrning" in (target / "README.md").read_text(encoding="utf-8")
    # then a process, and the repository still validates
    made = runner.invoke(app, ["new", "plan", "Plan för vatten", "--root", str(target)])
    assert made.exit_code == 0, made.output
    assert problems(target) == []


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "full"
    target.mkdir()
    (target / "README.md").write_text("vår egen\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert "är inte tom" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["README.md"]
    forced = runner.invoke(app, ["init", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert f"fanns redan, orörd: {target / 'README.md'}" in forced.stdout
    assert (target / "README.md").read_text(encoding="utf-8") == "vår egen\n"
    assert problems(target) == []
    assert "organisation: Kommunen\n" in (target / "timeline.yaml").read_text(encoding="utf-8")


def test_init_into_an_empty_existing_folder_and_onto_a_file(tmp_path: Path) -> None:
    (tmp_path / "tom").mkdir()
    assert runner.invoke(app, ["init", str(tmp_path / "tom")]).exit_code == 0
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "fil")])
    assert result.exit_code == 2 and "är en fil" in result.stderr


def test_init_organisation_with_yaml_trouble_reads_back(tmp_path: Path) -> None:
    name = 'NO: "Kommunen" # 1'
    assert runner.invoke(app, ["init", str(tmp_path / "d"), "--organisation", name]).exit_code == 0
    timeline = load(WorkingTree(tmp_path / "d")).timeline
    assert timeline is not None and timeline.organisation == name


def _vendored(name: str) -> jsonschema.protocols.Validator:
    from importlib import resources

    text = (
        resources.files("check_jsonschema.builtin_schemas.vendor")
        .joinpath(f"{name}.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def test_ci_files_match_their_published_schemas(tmp_path: Path) -> None:
    target = tmp_path / "d"
    runner.invoke(app, ["init", str(target)])
    # read as YAML 1.2, like GitHub and GitLab (in YAML 1.1 the key `on` is true)
    workflow = parse("w.yml", (target / ".github/workflows/styrning.yml").read_bytes()).data
    errors = [e.message for e in _vendored("github-workflows").iter_errors(workflow)]
    assert errors == []
    steps = workflow["jobs"]["validate"]["steps"]
    assert steps[-1] == {"run": "styrning validate"}
    gitlab = parse("g.yml", (target / ".gitlab-ci.yml").read_bytes()).data
    assert [e.message for e in _vendored("gitlab-ci").iter_errors(gitlab)] == []
    job = gitlab["styrning"]
    assert job["artifacts"] == {
        "when": "always",
        "reports": {
            "codequality": "gl-code-quality-report.json",
            "junit": "styrning-junit.xml",
        },
    }
    # the job fails through the last command; the reports are written whatever they hold
    assert job["script"][-1] == "styrning validate"
    assert (
        job["script"][0]
        == "styrning validate --format gitlab > gl-code-quality-report.json || true"
    )
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == "styrning-validate"
    assert hook["entry"] == "styrning validate" and hook["pass_filenames"] is False


def test_ci_install_styrning_from_where_it_came() -> None:
    # Not on a package index: without a known git source the CI files hold a placeholder
    # that pip refuses, never a bare "styrning==0.1.0" that could fetch someone else's package.
    assert pip_requirement(None) == REQUIREMENT_PLACEHOLDER
    assert pip_requirement({"url": "file:///src/styrning", "dir_info": {"editable": True}}) == (
        REQUIREMENT_PLACEHOLDER
    )
    from packaging.requirements import InvalidRequirement, Requirement

    with pytest.raises(InvalidRequirement):
        Requirement(REQUIREMENT_PLACEHOLDER)
    from_git = {
        "url": "https://git.example.se/styrning.git",
        "vcs_info": {"vcs": "git", "commit_id": "abc123"},
    }
    assert pip_requirement(from_git) == "styrning @ git+https://git.example.se/styrning.git@abc123"
    assert git_source(from_git) == ("https://git.example.se/styrning.git", "abc123")
    assert git_source(None) is None


def test_the_hook_file_of_this_repository() -> None:
    (hook,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "styrning-validate"
    assert hook["language"] == "python"
    assert hook["entry"] == "styrning validate"
    assert hook["pass_filenames"] is False and hook["require_serial"] is True
    assert hook["always_run"] is True


# new ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Program för social hållbarhet", "program-for-social-hallbarhet"),
        ("Ägarstyrning", "agarstyrning"),
        (
            "Riktlinjer för styrning & uppföljning – externa utförare",
            "riktlinjer-for-styrning-uppfoljning-externa-utforare",
        ),
        ("Café  Ö2030!", "cafe-o2030"),
        ("  --Dialog__och...demokrati--  ", "dialog-och-demokrati"),
        ("Müller", "muller"),
        ("../../etc/passwd", "etc-passwd"),
        ("???", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_cuts_long_titles_at_a_word() -> None:
    title = "Riktlinjer för styrning och uppföljning av verksamhet som bedrivs av externa utförare"
    slug = slugify(title)
    assert slug == "riktlinjer-for-styrning-och-uppfoljning-av-verksamhet-som"
    assert len(slug) <= 60
    assert slugify("a" * 80) == "a" * 60


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_slugify_always_gives_a_slug_or_nothing(title: str) -> None:
    from styrning.core.model import SLUG

    slug = slugify(title)
    assert slug == "" or (SLUG.fullmatch(slug) and len(slug) <= 60)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1).filter(lambda s: "\x00" not in s))
def test_yaml_text_reads_back_unchanged(value: str) -> None:
    line = f"k: {yaml_text(value)}\n"
    parsed = parse("t.yaml", line.encode())
    if any(p.code == "Y003" for p in parsed.problems):
        return  # control characters the file format itself refuses
    assert parsed.data == {"k": value}


@pytest.mark.parametrize("kind", list(ProcessType))
def test_new_file_of_every_type_validates_and_passes_the_schema(
    kind: ProcessType, make_tree: TreeMaker
) -> None:
    root = make_tree({})
    result = runner.invoke(app, ["new", kind.value, "Ny process: NO", "--root", str(root)])
    assert result.exit_code == 0, result.output
    path = f"processes/{kind.folder}/ny-process-no.yaml"
    assert result.stdout == path + "\n"
    assert problems(root) == []
    text = (root / path).read_text(encoding="utf-8")
    assert text.startswith(MODELINE + "../../schema/process.schema.json\n")
    data = parse(path, text.encode()).data
    assert data["typ"] == kind.value and data["titel"] == "Ny process: NO"
    validator = jsonschema.Draft202012Validator(json_schema(SchemaKind.process))
    assert list(validator.iter_errors(data)) == []
    assert "styrning schema -o schema/process.schema.json" in result.stderr  # no schema/ here


def test_new_never_overwrites(make_tree: TreeMaker) -> None:
    root = make_tree({})
    args = ["new", "program", "Program för vatten", "--root", str(root)]
    assert runner.invoke(app, args).exit_code == 0
    path = root / "processes/program/program-for-vatten.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# mitt arbete\n", encoding="utf-8")
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "id 'program-for-vatten' finns redan: processes/program/program-for-vatten.yaml" in (
        again.stderr
    )
    assert path.read_text(encoding="utf-8").endswith("# mitt arbete\n")
    # the same id in another type's folder would clash too (I002): refused as well
    other = runner.invoke(app, ["new", "plan", "Program för vatten", "--root", str(root)])
    assert other.exit_code == 2
    assert not (root / "processes/planer/program-for-vatten.yaml").exists()


@pytest.mark.parametrize(
    "bad_id", ["../../timeline", "/etc/passwd", "a/b", "Stor", "a--b", "", "-a", "x.yaml", "a b"]
)
def test_new_rejects_ids_that_are_not_slugs(bad_id: str, make_tree: TreeMaker) -> None:
    root = make_tree({})
    before = sorted(p for p in root.rglob("*"))
    result = runner.invoke(app, ["new", "plan", "Titel", "--id", bad_id, "--root", str(root)])
    assert result.exit_code == 2
    assert "är inget giltigt id" in result.stderr
    assert sorted(p for p in root.rglob("*")) == before


@given(title=st.text(min_size=1, max_size=40))
@settings(max_examples=60, deadline=None)
def test_new_writes_inside_processes_whatever_the_title(
    title: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("d")
    (root / "timeline.yaml").write_text("organisation: X\norgan: []\n", encoding="utf-8")
    # `--` so that a title like "-h" is a title, as in a shell
    result = runner.invoke(app, ["new", "--root", str(root), "policy", "--", title])
    outside = [
        p for p in root.rglob("*") if p.is_file() and p.parts[len(root.parts)] != "processes"
    ]
    assert [p.name for p in outside] == ["timeline.yaml"]
    if result.exit_code == 0:
        (written,) = (root / "processes").rglob("*.yaml")
        assert written.parent == root / "processes/policyer"
        assert problems(root) == [], title
    else:
        assert result.exit_code == 2, result.output


def test_types_of_new_are_the_models() -> None:
    from styrning.commands.new import Typ

    assert [t.value for t in Typ] == [k.value for k in ProcessType]


def test_starting_the_tool_does_not_import_pydantic_or_yaml() -> None:
    import subprocess
    import sys

    code = (
        "import sys, styrning.cli; print(sorted(m for m in ('pydantic', 'yaml', 'git') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_new_with_id_and_unknown_type(make_tree: TreeMaker) -> None:
    root = make_tree({})
    ok = runner.invoke(
        app, ["new", "uppdrag", "Dialog", "--id", "dialog-2022", "--root", str(root)]
    )
    assert ok.stdout == "processes/uppdrag/dialog-2022.yaml\n"
    wrong = runner.invoke(app, ["new", "uppdragg", "Dialog", "--root", str(root)])
    assert wrong.exit_code == 2
    assert "uppdrag" in wrong.stderr  # the allowed types are named


def test_new_without_a_data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STYRNING_ROOT", raising=False)
    result = runner.invoke(app, ["new", "plan", "X"])
    assert result.exit_code == 2
    assert "hittar ingen timeline.yaml" in result.stderr


# completion ---------------------------------------------------------------------------


def complete(
    words: str, env: dict[str, str] | None = None, the_app: typer.Typer = app
) -> list[str]:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = runner.invoke(
        the_app,
        [],
        prog_name="styrning",
        env={
            "_STYRNING_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": cword,
            **(env or {}),
        },
    )
    return result.stdout.split()


def test_completion_of_the_type_for_new() -> None:
    assert complete("styrning new p") == ["policy", "program", "plan"]
    assert complete("styrning new ") == [k.value for k in ProcessType]


def test_completion_helpers_read_the_data_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STYRNING_ROOT", raising=False)
    monkeypatch.chdir(PROJECT / "processes" / "program")
    assert complete_process_id("a") == ["agarstyrning", "aktiverande-styrning"]
    assert complete_body_id("st") == ["styrberedningen", "stadsledningskontoret", "stadsdirektor"]
    assert complete_body_id("") == [
        "kf",
        "ks",
        "styrberedningen",
        "stadsledningskontoret",
        "stadsdirektor",
    ]


def test_completion_helpers_never_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STYRNING_ROOT", raising=False)
    assert complete_process_id("") == [] and complete_body_id("") == []
    (tmp_path / "timeline.yaml").write_text("organ: [ {id: kf}, 3, {id: [x]} ]\n: :\n", "utf-8")
    assert complete_body_id("") == []
    (tmp_path / "timeline.yaml").write_text("organ:\n  - id: kf\n  - {namn: X}\n  - 7\n", "utf-8")
    assert complete_body_id("") == ["kf"]


def test_completion_of_ids_in_the_real_commands(make_tree: TreeMaker) -> None:
    root = make_tree(
        {"processes/program/social-hallbarhet.yaml": "", "processes/planer/sol.yaml": ""}
    )
    env = {"STYRNING_ROOT": str(root)}
    assert complete("styrning log so", env, app) == ["social-hallbarhet", "sol"]
    for command in ("status", "timeline", "brief"):
        assert complete(f"styrning {command} --organ k", env, app) == ["kf", "ks"]


def test_show_completion_script() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="styrning")
    assert result.exit_code == 0
    assert "complete -o default -F _styrning_completion styrning" in result.stdout


def test_ci_files_in_the_readme_match_their_schemas() -> None:
    readme = (PROJECT / "docs" / "editors-and-ci.md").read_text(encoding="utf-8")
    section = readme.split("\n## In CI\n", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```yaml\n")[1:]]
    complete: dict[str, list[Any]] = {"github-workflows": [], "gitlab-ci": []}
    for block in blocks:
        if block.startswith("name: styrning"):
            complete["github-workflows"].append(parse("w.yml", block.encode()).data)
        elif block.startswith("styrning:"):
            complete["gitlab-ci"].append(parse("g.yml", block.encode()).data)
    assert [len(v) for v in complete.values()] == [1, 1]
    for name, docs in complete.items():
        for doc in docs:
            assert [e.message for e in _vendored(name).iter_errors(doc)] == [], name


def test_new_refuses_a_type_folder_that_leads_outside(make_tree: TreeMaker, tmp_path: Path) -> None:
    root = make_tree({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "processes").mkdir()
    (root / "processes/planer").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(app, ["new", "plan", "Plan", "--root", str(root)])
    assert result.exit_code == 2
    assert "leder utanför" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_init_from_a_local_checkout_names_its_remote_and_commit(tmp_path: Path) -> None:
    """styrning installed from a git checkout: CI installs that remote at that commit."""
    from styrning.commands.init import _with_local_git

    checkout = tmp_path / "styrning-src"
    checkout.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.se",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.se",
        "GIT_AUTHOR_DATE": "2026-11-27T10:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-11-27T10:00:00+01:00",
    }

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=checkout, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()

    git("init", "-q")
    (checkout / "README.md").write_text("x\n", encoding="utf-8")
    git("add", "README.md")
    git("commit", "-qm", "x")
    local: dict[str, object] = {"url": checkout.as_uri(), "dir_info": {"editable": True}}
    assert _with_local_git(local) == local  # no origin: nothing known to install from
    git("remote", "add", "origin", "https://git.example.se/styrning.git")
    head = git("rev-parse", "HEAD")
    assert pip_requirement(_with_local_git(local)) == (
        f"styrning @ git+https://git.example.se/styrning.git@{head}"
    )


# GitLab jobs that install styrning from git must install git first -------------------

_GITLAB_NOT_JOBS = {
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
}


def _expand(command: str, variables: dict[str, str]) -> str:
    for name, value in variables.items():
        command = command.replace("${" + name + "}", value).replace("$" + name, value)
    return command


def _segments(command: str) -> list[list[str]]:
    """The simple commands of one shell line, split at && ; and ||, as words."""
    import shlex

    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    segments: list[list[str]] = [[]]
    for word in lexer:
        if word in {"&&", "||", ";", "|"}:
            segments.append([])
        else:
            segments[-1].append(word)
    return [s for s in segments if s]


def _installs_git(words: list[str]) -> bool:
    if words[:1] in (["apt-get"], ["apt"]) and "install" in words:
        return "git" in words[words.index("install") + 1 :]
    if words[:2] == ["apk", "add"]:
        return "git" in words[2:]
    return False


def _pip_installs_from_git(words: list[str]) -> bool:
    if words[:1] in (["pip"], ["pip3"]):
        rest = words[1:]
    elif words[:3] in (["python", "-m", "pip"], ["python3", "-m", "pip"]):
        rest = words[3:]
    else:
        return False
    return rest[:1] == ["install"] and any(w.startswith("styrning @ git+") for w in rest)


def gitlab_git_installs(config: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The GitLab jobs that pip-install styrning from git, and those of them that do so
    without installing git first (in before_script, default's, or earlier in script)."""
    top_vars = {str(k): str(v) for k, v in (config.get("variables") or {}).items()}
    default = config.get("default") or {}
    from_git: list[str] = []
    without_git: list[str] = []
    for name, job in config.items():
        if name in _GITLAB_NOT_JOBS or name.startswith(".") or not isinstance(job, dict):
            continue
        job_vars = {str(k): str(v) for k, v in (job.get("variables") or {}).items()}
        variables = {**top_vars, **job_vars}
        before = job.get("before_script", default.get("before_script", []))
        has_git = False
        for command in [*before, *job.get("script", [])]:
            for words in _segments(_expand(command, variables)):
                if _installs_git(words):
                    has_git = True
                elif _pip_installs_from_git(words):
                    from_git.append(name)
                    if not has_git:
                        without_git.append(name)
    return from_git, without_git


def test_gitlab_jobs_install_git_before_installing_styrning_from_git() -> None:
    # python:3.12-slim has no git, and pip needs it for "styrning @ git+…"
    from styrning.write.scaffold import gitlab_ci

    requirement = "styrning @ git+https://git.example.se/styrning.git@abc123"
    written = parse("g.yml", gitlab_ci(requirement).encode()).data
    assert gitlab_git_installs(written) == (["styrning", "pages"], [])
    docs = (PROJECT / "docs" / "editors-and-ci.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in docs.split("```yaml\n")[1:]]
    (block,) = [b for b in blocks if b.startswith("styrning:")]
    assert gitlab_git_installs(parse("d.yml", block.encode()).data) == (["styrning", "pages"], [])


def test_the_gitlab_git_check_finds_jobs_without_git() -> None:
    s = "styrning @ git+https://git.example.se/styrning.git@v1"
    config: dict[str, Any] = {
        "variables": {"S": s},
        "a": {"image": "python:3.12-slim", "script": ['pip install "$S"', "styrning validate"]},
        "b": {
            "before_script": ['pip install "${S}"'],
            "script": ["apt-get update && apt-get install -y git"],
        },
        "c": {
            "script": [
                'apt-get install -y --no-install-recommends git && python -m pip install "$S"'
            ]
        },
        "d": {"script": ["apt-get install -y gitk", f'pip install "{s}"']},
        "e": {"script": ["pip install styrning"]},
        ".hidden": {"script": ['pip install "$S"']},
    }
    assert gitlab_git_installs(config) == (["a", "b", "c", "d"], ["a", "b", "d"])
    # default's before_script runs before a job's script unless the job has its own
    with_default: dict[str, Any] = {
        "default": {"before_script": ["apk add --no-cache git"]},
        "f": {"variables": {"S": s}, "script": ['pip3 install "$S"']},
        "g": {"before_script": ["true"], "script": [f'pip install "{s}"']},
    }
    assert gitlab_git_installs(with_default) == (["f", "g"], ["g"])
