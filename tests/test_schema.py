"""The JSON Schema: generated, committed, valid draft 2020-12, and in agreement with validate.

Agreement is checked with an independent validator (the `jsonschema` library):
whatever `styrning validate` accepts in a file, the schema accepts; what the
schema rejects, validate rejects too. Files are read as editors read them
(YAML 1.2: `NO` is a text), through `styrning.read.source.parse`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from conftest import PROJECT, TreeMaker
from styrning.checks.validation import validate
from styrning.cli import app
from styrning.core.model import EventType, Process, ProcessStatus, ProcessType, Timeline, aliases
from styrning.core.schema import FILES, SchemaKind, json_schema, render
from styrning.read.source import parse
from styrning.read.tree import WorkingTree

runner = CliRunner()

PROCESS_SCHEMA = jsonschema.Draft202012Validator(json_schema(SchemaKind.process))
TIMELINE_SCHEMA = jsonschema.Draft202012Validator(json_schema(SchemaKind.timeline))


def data_of(text: str) -> Any:
    parsed = parse("f.yaml", textwrap.dedent(text).encode())
    assert not parsed.problems, parsed.problems
    return parsed.data


def schema_errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return sorted(e.message for e in validator.iter_errors(data))


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_committed_schema_is_up_to_date(kind: SchemaKind) -> None:
    committed = (PROJECT / FILES[kind]).read_text(encoding="utf-8")
    assert committed == render(kind), (
        f"{FILES[kind]} är inaktuellt – kör: styrning schema --kind {kind.value} "
        f"-o {FILES[kind]} --force"
    )


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_schema_is_valid_draft_2020_12(kind: SchemaKind) -> None:
    schema = json_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:styrning:schema:{kind.value}"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("(filen)", schema)]
    found += [(name, d) for name, d in schema.get("$defs", {}).items() if "properties" in d]
    return found


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_every_key_has_swedish_title_description_and_examples(kind: SchemaKind) -> None:
    schema = json_schema(kind)
    for where, obj in _objects(schema):
        assert obj["additionalProperties"] is False, where
        assert obj["title"] and obj["description"], where
        for key, prop in obj["properties"].items():
            assert prop.get("title"), (where, key)
            assert prop.get("description"), (where, key)
            assert prop.get("examples"), (where, key)
            # the examples are themselves valid values of the key
            sub = jsonschema.Draft202012Validator({**prop, "$defs": schema.get("$defs", {})})
            for example in prop["examples"]:
                assert not list(sub.iter_errors(example)), (where, key, example)
    for definition in schema.get("$defs", {}).values():
        assert definition["title"] and definition["description"]
        # the English docstrings of the code never reach the editor
        assert not definition["description"].startswith(("A ", "An ", "One ", "What "))


def test_keys_in_the_schema_are_the_models_keys() -> None:
    process = json_schema(SchemaKind.process)
    assert list(process["properties"]) == aliases(Process)
    timeline = json_schema(SchemaKind.timeline)
    assert list(timeline["properties"]) == aliases(Timeline)
    assert process["required"] == ["typ", "titel"]
    assert timeline["required"] == ["organisation", "organ"]


def _data_files(root: Path) -> list[Path]:
    return [root / "timeline.yaml", *sorted((root / "processes").rglob("*.y*ml"))]


def test_project_data_passes_the_schema() -> None:
    files = _data_files(PROJECT)
    assert len(files) == 7
    for path in files:
        validator = TIMELINE_SCHEMA if path.name == "timeline.yaml" else PROCESS_SCHEMA
        data = parse(path.name, path.read_bytes()).data
        assert schema_errors(validator, data) == [], path


def test_every_data_file_names_its_schema_on_the_first_line() -> None:
    for path in _data_files(PROJECT):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        target = (path.parent / first[len(prefix) :]).resolve()
        kind = SchemaKind.timeline if path.name == "timeline.yaml" else SchemaKind.process
        assert target == (PROJECT / FILES[kind]).resolve(), path


# Files a schema can judge on its own: each is rejected by both, for the reason named.
INVALID_PROCESSES = {
    "unknown key": ("typ: plan\ntitel: T\ntitell: T\n", "S001"),
    "missing title": ("typ: plan\n", "S002"),
    "unknown type": ("typ: planer\ntitel: T\n", "S004"),
    "empty title": ("typ: plan\ntitel: ''\n", "S005"),
    "title a number": ("typ: plan\ntitel: 2022\n", "S003"),
    "title a list": ("typ: plan\ntitel: [a, b]\n", "S003"),
    "date as words": (
        "typ: plan\ntitel: T\nhändelser:\n  - datum: mars 2022\n    typ: beslut\n",
        "D001",
    ),
    "three-digit year": (
        "typ: plan\ntitel: T\nhändelser:\n  - {datum: 999, typ: beslut}\n",
        "D001",
    ),
    "date a boolean": ("typ: plan\ntitel: T\nhändelser:\n  - {datum: true, typ: beslut}\n", "D001"),
    "planned as yes": (
        "typ: plan\ntitel: T\nhändelser:\n  - {datum: 2022, typ: beslut, planerad: yes}\n",
        "S003",
    ),
    "body not a slug": (
        "typ: plan\ntitel: T\nhändelser:\n  - {datum: 2022, typ: beslut, organ: KS}\n",
        "I001",
    ),
    "client not a slug": ("typ: uppdrag\ntitel: T\nuppdragsgivare: [ks, Stadsdirektör]\n", "I001"),
    "phase without name": ("typ: uppdrag\ntitel: T\nfaser:\n  - status: pågår\n", "S002"),
    "unknown key in a phase": (
        "typ: uppdrag\ntitel: T\nfaser:\n  - namn: A\n    nman: B\n",
        "S001",
    ),
    "event type misspelt": (
        "typ: plan\ntitel: T\nhändelser:\n  - {datum: 2022, typ: beslutt}\n",
        "S004",
    ),
    "phase status unknown": (
        "typ: uppdrag\ntitel: T\nfaser:\n  - {namn: A, status: klar}\n",
        "S004",
    ),
    "events not a list": ("typ: plan\ntitel: T\nhändelser: {datum: 2022}\n", "S003"),
}

# Files validate rejects for rules across dates or files, which a schema cannot express.
SCHEMA_CANNOT_SEE = {
    "month 13": ("typ: plan\ntitel: T\nhändelser:\n  - datum: 2022-13\n    typ: beslut\n", "D001"),
    "no such day": (
        "typ: plan\ntitel: T\nhändelser:\n  - {datum: 2022-02-30, typ: beslut}\n",
        "D001",
    ),
}

VALID_PROCESSES = {
    "minimal": "typ: plan\ntitel: T\n",
    "NO is a title": "typ: plan\ntitel: NO\n",
    "year as number": "typ: plan\ntitel: T\nhändelser:\n  - {datum: 2022, typ: beslut}\n",
    "quoted date with spaces": (
        "typ: plan\ntitel: T\nhändelser:\n  - {datum: ' 2022-03 ', typ: remiss}\n"
    ),
    "one client as text": "typ: uppdrag\ntitel: T\nuppdragsgivare: ks\n",
    "empty optional value": "typ: plan\ntitel: T\nunderrubrik:\n",
    "full": """\
        typ: uppdrag
        titel: Dialog
        status: pågår
        uppdragsgivare: [ks]
        ansvarig: ks
        syfte: Att pröva
        huvudfokus: [Ett, Två]
        avgränsning: [Inte bolagen]
        faser:
          - {namn: Fas I, status: avslutad, start: 2021, slut: 2021-12}
          - namn: Fas II
            status: pågår
        kontakt:
          - {namn: Anna, roll: Utredare, telefon: '090', epost: a@example.se}
        händelser:
          - datum: 2022-03-15
            typ: remiss
            organ: ks
            rubrik: Remiss
            svar_senast: 2022-04-30
            diarienummer: KS 2022/1
          - {datum: 2022-06, typ: beslut, organ: kf, planerad: true}
        """,
}

TIMELINE_INVALID = {
    "unknown key": ("organisation: X\norgan: []\norganisationen: Y\n", "S001"),
    "missing bodies": ("organisation: X\n", "S002"),
    "review years out of range": (
        "organisation: X\norgan: []\naktualitetsprövning_år: 0\n",
        "S004",
    ),
    "body id not a slug": ("organisation: X\norgan:\n  - {id: K S, namn: KS}\n", "I001"),
}


def _process_codes(make_tree: TreeMaker, text: str) -> list[str]:
    root = make_tree({"processes/planer/p.yaml": text})
    result = validate(WorkingTree(root), dt.date(2026, 1, 1))
    return [p.code for p in result.problems if p.path == "processes/planer/p.yaml" and p.is_error]


@pytest.mark.parametrize("name", list(INVALID_PROCESSES))
def test_invalid_process_rejected_by_both(name: str, make_tree: TreeMaker) -> None:
    text, code = INVALID_PROCESSES[name]
    assert code in _process_codes(make_tree, text)
    assert schema_errors(PROCESS_SCHEMA, data_of(text)), name


def test_unknown_key_named_by_the_schema() -> None:
    (message,) = schema_errors(PROCESS_SCHEMA, data_of(INVALID_PROCESSES["unknown key"][0]))
    assert "'titell' was unexpected" in message


@pytest.mark.parametrize("name", list(SCHEMA_CANNOT_SEE))
def test_rules_beyond_a_schema_only_validate_sees(name: str, make_tree: TreeMaker) -> None:
    text, code = SCHEMA_CANNOT_SEE[name]
    assert code in _process_codes(make_tree, text)
    assert schema_errors(PROCESS_SCHEMA, data_of(text)) == []


@pytest.mark.parametrize("name", list(VALID_PROCESSES))
def test_valid_process_accepted_by_both(name: str, make_tree: TreeMaker) -> None:
    text = VALID_PROCESSES[name]
    assert _process_codes(make_tree, text) == []
    assert schema_errors(PROCESS_SCHEMA, data_of(text)) == []


@pytest.mark.parametrize("name", list(TIMELINE_INVALID))
def test_invalid_timeline_rejected_by_both(name: str, make_tree: TreeMaker) -> None:
    text, code = TIMELINE_INVALID[name]
    root = make_tree({"timeline.yaml": text})
    result = validate(WorkingTree(root), dt.date(2026, 1, 1))
    assert code in [p.code for p in result.problems if p.path == "timeline.yaml"]
    assert schema_errors(TIMELINE_SCHEMA, data_of(text)), name


# Property: over generated files, whatever the model accepts the schema accepts.
# Values are mostly of the right kind, so that many files pass the model and the
# schema's side is tested on them; the odd wrong value probes the edges.


def _mostly(good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    # one_of picks its branches evenly; this picks the odd one about one time in eight
    return st.integers(0, 7).flatmap(lambda i: odd if i == 0 else good)


_dates = _mostly(
    st.one_of(
        st.from_regex(r"\A ?\d{4}(-\d{1,2}(-\d{1,2})?)? ?\Z"),
        st.integers(900, 10001),
        st.sampled_from(["2022-03", "2024-02-29", " 2022 ", "２０２２"]),
    ),
    st.one_of(
        st.sampled_from(["0000", "2022-00", "mars 2022", "2022-02-29", -2022]),
        st.booleans(),
        st.none(),
    ),
)
_texts = _mostly(st.text(min_size=1, max_size=5), st.one_of(st.just(""), st.integers(), st.none()))
_slugs = _mostly(
    st.from_regex(r"\A[a-z0-9]{1,3}(-[a-z0-9]{1,3})?\Z"),
    st.sampled_from(["K", "a--b", "", "-a", "å", None]),
)
_event = st.fixed_dictionaries(
    {"datum": _dates, "typ": _mostly(st.sampled_from(list(EventType)), st.just("möte"))},
    optional={
        "organ": _slugs,
        "planerad": _mostly(st.booleans(), st.sampled_from(["ja", 1, None])),
        "svar_senast": _dates,
        "rubrik": _texts,
    },
)
_process = st.fixed_dictionaries(
    {"typ": _mostly(st.sampled_from(list(ProcessType)), st.just("planer")), "titel": _texts},
    optional={
        "status": st.sampled_from([*ProcessStatus, "klar", None]),
        "uppdragsgivare": st.one_of(_slugs, st.lists(_slugs, max_size=2)),
        "ersätter": st.one_of(_slugs, st.lists(_slugs, max_size=2)),
        "huvudfokus": _mostly(st.lists(_texts, max_size=2), _texts),
        "aktualitetsprövning": _dates,
        "faser": st.lists(
            st.fixed_dictionaries({"namn": _texts}, optional={"start": _dates}), max_size=2
        ),
        "händelser": _mostly(st.lists(_event, max_size=3), st.none()),
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_process)
def test_model_accepts_implies_schema_accepts(data: dict[str, Any]) -> None:
    try:
        Process.model_validate(data)
    except ValidationError:
        return  # validate rejects: the schema may say either
    assert schema_errors(PROCESS_SCHEMA, data) == [], data


def test_schema_command_prints_and_writes(tmp_path: Path) -> None:
    shown = runner.invoke(app, ["schema", "--kind", "timeline"])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["$id"] == "urn:styrning:schema:timeline"
    target = tmp_path / "timeline.schema.json"
    written = runner.invoke(app, ["schema", "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == render(SchemaKind.timeline)  # kind from the name
    again = runner.invoke(app, ["schema", "-o", str(target)])
    assert again.exit_code == 2
    assert "finns redan – ange --force" in again.stderr
    forced = runner.invoke(app, ["schema", "-k", "process", "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$id"] == "urn:styrning:schema:process"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


_body = st.fixed_dictionaries(
    {"id": _slugs, "namn": _texts},
    optional={
        "kortnamn": _texts,
        "under": _slugs,
        "bereder": st.one_of(_slugs, st.lists(_slugs, max_size=2)),
    },
)
_timeline = st.fixed_dictionaries(
    {"organisation": _texts, "organ": st.one_of(st.lists(_body, max_size=3), st.none())},
    optional={
        "aktualitetsprövning_år": st.one_of(st.integers(-1, 25), st.floats(0, 25), st.booleans()),
        "diarienummer_mönster": _texts,
        "händelser": st.lists(_event, max_size=2),
        "kontakt": st.lists(st.fixed_dictionaries({"namn": _texts}), max_size=1),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_timeline)
def test_timeline_model_accepts_implies_schema_accepts(data: dict[str, Any]) -> None:
    try:
        Timeline.model_validate(data)
    except ValidationError:
        return
    assert schema_errors(TIMELINE_SCHEMA, data) == [], data
