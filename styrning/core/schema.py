"""The JSON Schema (draft 2020-12) of the data files, generated from the models.

Editors read it to complete keys and explain them (the VS Code YAML extension
through a `# yaml-language-server: $schema=...` line), and any JSON Schema
validator can use it. It says what a single file can say: keys, kinds of
value, allowed words, date syntax. Rules across files (references, the order
of dates, governance) stay with `styrning validate`, so a file the schema
accepts may still fail there; the reverse never happens (tested).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema

from styrning.core.model import Process, Timeline

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class SchemaKind(StrEnum):
    process = "process"
    timeline = "timeline"


# The committed copies, relative to the repository root; data files point at them.
FILES = {
    SchemaKind.process: "schema/process.schema.json",
    SchemaKind.timeline: "schema/timeline.schema.json",
}

_MODELS: dict[SchemaKind, type[BaseModel]] = {
    SchemaKind.process: Process,
    SchemaKind.timeline: Timeline,
}

_TOP = {
    SchemaKind.process: (
        "Processfil för styrning",
        "Ett uppdrag eller ett styrdokument (riktlinje, program, policy, plan ...): en fil "
        "under processes/, vars namn utan .yaml är processens id.",
    ),
    SchemaKind.timeline: (
        "timeline.yaml för styrning",
        "Organisationen, dess organ och daterade händelser som inte hör till en enskild process.",
    ),
}

# Swedish titles and descriptions of the parts; the models' docstrings are English,
# for the people who read the code.
_DEFS: dict[str, tuple[str, str]] = {
    "Event": (
        "Händelse",
        "En daterad händelse: ett beslut, en remiss, en presentation ... "
        "Sätt planerad: true för det som ännu inte har skett.",
    ),
    "Phase": ("Fas", "En fas i ett uppdrag; faserna står i den ordning de kommer."),
    "Contact": ("Kontakt", "En kontaktperson."),
    "Body": ("Organ", "Ett organ i organisationen: KF, KS, en beredning, ett kontor."),
    "EventType": ("Händelsetyp", "Vad som händer på datumet."),
    "ProcessType": ("Processtyp", "Vad filen beskriver: ett uppdrag eller ett slags styrdokument."),
    "ProcessStatus": (
        "Status",
        "Angiven status. Uppdrag: ej påbörjad, pågår, pausad, avslutad, avbruten. "
        "Styrdokument: utkast, på remiss, för beslut, gällande, ersatt, upphävd.",
    ),
    "PhaseStatus": ("Fasens status", "Var fasen står."),
    "Accessibility": (
        "Tillgänglighet",
        "Organisationens uppgifter till webbplatsens tillgänglighetsredogörelse enligt lagen "
        "(2018:1937) om tillgänglighet till digital offentlig service.",
    ),
    "Conformance": (
        "Förenlighet",
        "Hur väl webbplatsen uppfyller lagen: helt, delvis eller inte förenlig.",
    ),
}


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with the draft named and Swedish texts on every part."""

    kind: SchemaKind = SchemaKind.process

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        result = super().generate(schema, mode=mode)
        title, description = _TOP[self.kind]
        result["title"] = title
        result["description"] = description
        for name, definition in result.get("$defs", {}).items():
            if name not in _DEFS:
                raise KeyError(f"no Swedish title for the schema part {name}")
            definition["title"], definition["description"] = _DEFS[name]
        return {"$schema": DRAFT, "$id": schema_id(self.kind), **result}


def schema_id(kind: SchemaKind) -> str:
    # No web address belongs to the project, so the id is a name, not a place to fetch.
    return f"urn:styrning:schema:{kind.value}"


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    """The schema of one kind of file, as a JSON-ready dict."""

    class Generator(_Generator):
        pass

    Generator.kind = kind
    return _MODELS[kind].model_json_schema(
        by_alias=True, mode="validation", schema_generator=Generator
    )


def render(kind: SchemaKind) -> str:
    """The schema as the committed file holds it: stable order, UTF-8, final newline."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def modeline(schema_path: str) -> str:
    """The first line of a data file that tells yaml-language-server where its schema is."""
    return f"# yaml-language-server: $schema={schema_path}\n"
