"""YAML text to plain Python values that remember where they were written.

The parse is libyaml's (`CSafeLoader`); the typing of plain scalars is our
own and follows the YAML 1.2 core schema, like the editors do: `NO` and `on`
stay text, `1:30` stays text, `2022-03` and `2022-03-15` stay text for the
date parser. Duplicate keys, aliases that expand without bound, nesting
beyond any real file, bytes that are not UTF-8 and several documents in one
file each become a `Problem` at its place; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from styrning.problems import START, Position, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_INT_DIGITS = 30

STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _Loader(yaml.CSafeLoader):
    """libyaml's parser without PyYAML's YAML 1.1 guessing: every plain scalar is text."""

    yaml_implicit_resolvers: dict[str, Any] = {}  # noqa: RUF012 – replaces the inherited table

    # libyaml calls these three back for every node; with no implicit or path
    # resolvers their answer is fixed, and answering directly makes the parse
    # a quarter faster.
    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_NULL = re.compile(r"~|null|Null|NULL")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# The first characters a null, bool or number can start with: any other plain
# scalar is text, without trying the patterns above (most values are text).
# Keep it in step with them: a new typed form needs its first characters here.
_MAYBE_TYPED = frozenset(["", *"0123456789+-.~nNtTfF"])

# libyaml's messages, said the way an official can act on them.
_SYNTAX_SV = (
    (
        "mapping values are not allowed",
        "kolon på fel plats – sätt ett värde som innehåller ': ' inom citattecken",
    ),
    (
        "could not find expected ':'",
        "hittade inget ':' – varje rad i en mappning ska vara 'nyckel: värde'",
    ),
    ("did not find expected key", "hittade ingen nyckel där en väntades – kontrollera indraget"),
    ("did not find expected '-' indicator", "väntade en listpunkt '- ' – kontrollera indraget"),
    ("did not find expected node content", "väntade ett värde här"),
    ("found a tab character", "tabbtecken i indraget – använd mellanslag"),
    ("found character '\\t'", "tabbtecken i indraget – använd mellanslag"),
    (
        "found character that cannot start any token",
        "ett tecken som inte kan inleda ett värde – sätt värdet inom citattecken",
    ),
    ("found undefined alias", "aliaset (*namn) pekar inte på något ankare (&namn)"),
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde – saknas ett avslutande citattecken eller en parentes?",
    ),
    ("found unexpected ':'", "oväntat kolon – sätt värdet inom citattecken"),
    (
        "found unknown escape character",
        "okänd escape-sekvens i text inom dubbla citattecken – skriv \\\\ för \\",
    ),
    ("control characters are not allowed", "filen innehåller otillåtna kontrolltecken"),
    ("exceeded maximum nesting depth", "för djup nästling – filen är inte en processfil"),
    ("found duplicate anchor", "samma ankare (&namn) används två gånger"),
    ("expected <document start>", "oväntat innehåll efter dokumentets slut"),
    ("expected ',' or ']'", "väntade ',' eller ']' i listan"),
    ("expected ',' or '}'", "väntade ',' eller '}' i mappningen"),
    ("did not find URI escaped octet", "ogiltig tagg"),
    ("found incompatible YAML document", "filen anger en YAML-version som inte stöds"),
    ("found unexpected document indicator", "'---' eller '...' mitt i ett värde"),
)


def _syntax_sv(problem: str | None) -> str:
    text = problem or ""
    for needle, swedish in _SYNTAX_SV:
        if needle in text:
            return f"YAML-syntaxfel: {swedish}"
    return f"YAML-syntaxfel: {text}" if text else "YAML-syntaxfel"


def position_of(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


@dataclass
class SourceFile:
    """One parsed file: its root node keeps every position for later problems."""

    path: str
    root: yaml.Node | None = None
    lines: int = 0

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        """Where the value at `loc` (keys and list indexes) was written.

        With `key=True` the position of the last key itself. A path that is
        not in the file gives the position of the deepest part that is.
        """
        node = self.root
        if node is None:
            return START
        found = position_of(node)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for knode, vnode in node.value:
                    if isinstance(knode, yaml.ScalarNode) and knode.value == part:
                        if last and key:
                            return position_of(knode)
                        node = vnode
                        found = position_of(vnode)
                        break
                else:
                    return found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = node.value[part]
                    found = position_of(node)
                else:
                    return found
            else:
                return found
        return found


@dataclass
class Parsed:
    source: SourceFile
    data: Any = None
    problems: list[Problem] = field(default_factory=list)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8, with or without a byte-order mark; anything else is a problem."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem.at(
                path,
                START,
                "Y006",
                f"filen är {len(raw) / 1024 / 1024:.1f} MiB – gränsen för en datafil är "
                f"{MAX_FILE_BYTES // 1024 // 1024} MiB",
            )
        ]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem.at(path, START, "Y003", "filen är kodad som UTF-16 – spara den som UTF-8")
        ]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, [
            Problem.at(
                path, _offset_position(raw, nul), "Y003", "filen innehåller binärdata (NUL-byte)"
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [
            Problem.at(
                path,
                _offset_position(raw, exc.start),
                "Y003",
                "filen är inte UTF-8 (kanske Latin-1 eller Windows-1252) – spara den som UTF-8",
            )
        ]


def _offset_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return Position(raw.count(b"\n", 0, offset) + 1, col)


def _clamp(pos: Position, text: str) -> Position:
    """libyaml reports an early end of file one line past the last: point at the last line."""
    last = text.count("\n") + 1
    if pos.line <= last:
        return pos
    return Position(last, len(text) - text.rfind("\n"))


def parse(path: str, raw: bytes) -> Parsed:
    """Parse one file; every failure is a problem in the result."""
    source = SourceFile(path)
    text, problems = decode(path, raw)
    if text is None:
        return Parsed(source, None, problems)
    source.lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _clamp(Position(mark.line + 1, mark.column + 1) if mark else START, text)
        if "another document" in f"{exc.problem} {exc.context}":
            message = "filen innehåller flera YAML-dokument (---) – en datafil ska ha ett"
            return Parsed(source, None, [Problem.at(path, pos, "Y005", message)])
        return Parsed(source, None, [Problem.at(path, pos, "Y001", _syntax_sv(exc.problem))])
    except yaml.YAMLError as exc:
        return Parsed(source, None, [Problem.at(path, START, "Y001", _syntax_sv(str(exc)))])
    except RecursionError:
        message = "för djup nästling – filen är inte en processfil"
        return Parsed(source, None, [Problem.at(path, START, "Y006", message)])
    if root is None:
        return Parsed(source, None, [Problem.at(path, START, "Y004", "filen är tom")])
    source.root = root
    builder = _Builder(path)
    data = builder.build(root)
    return Parsed(source, data, builder.problems)


class _Limit(Exception):
    def __init__(self, node: yaml.Node, message: str, *, expanded: bool = False) -> None:
        self.node = node
        self.message = message
        self.expanded = expanded


class _Builder:
    """One pass over the node tree: values, duplicate keys, limits."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0
        self.top_key: yaml.Node | None = None

    def build(self, root: yaml.Node) -> Any:
        try:
            return self._value(root, 0)
        except _Limit as limit:
            # an expanded alias keeps the anchor's position: name the top-level key instead
            node = (self.top_key if limit.expanded else None) or limit.node
            self.problems.append(Problem.at(self.path, position_of(node), "Y006", limit.message))
            return None

    def _value(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Limit(
                node,
                f"filen utvidgas till fler än {MAX_NODES} värden (alias/ankare) – "
                "en datafil behöver inte så många",
                expanded=True,
            )
        if depth > MAX_DEPTH:
            raise _Limit(node, f"nästlingen är djupare än {MAX_DEPTH} nivåer")
        if node.tag not in _CORE_TAGS and not (
            node.tag.startswith("tag:yaml.org,2002:") and isinstance(node, yaml.ScalarNode)
        ):
            self.problems.append(
                Problem.at(
                    self.path,
                    position_of(node),
                    "Y001",
                    f"taggen '{node.tag}' stöds inte – ta bort den",
                )
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, depth + 1) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}  # the key nodes: a position is made only for a duplicate
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                self.problems.append(
                    Problem.at(
                        self.path,
                        position_of(knode),
                        "Y007",
                        "en nyckel ska vara ett ord, inte en lista eller mappning",
                    )
                )
                continue
            key = knode.value
            if key in seen:
                first = position_of(seen[key])
                self.problems.append(
                    Problem.at(
                        self.path,
                        position_of(knode),
                        "Y002",
                        f"nyckeln '{key}' finns redan på rad {first.line} – ta bort den ena",
                    )
                )
                continue
            seen[key] = knode
            if depth == 0:
                self.top_key = knode
            result[key] = self._value(vnode, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.style or node.tag != STR_TAG or value[:1] not in _MAYBE_TYPED:
            return value
        if value == "" or _NULL.fullmatch(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.fullmatch(value):
            if len(value) > MAX_INT_DIGITS:
                return value
            return int(value)
        if _INT_OCT.fullmatch(value):
            return int(value[2:], 8) if len(value) <= MAX_INT_DIGITS else value
        if _INT_HEX.fullmatch(value):
            return int(value[2:], 16) if len(value) <= MAX_INT_DIGITS else value
        if _FLOAT.fullmatch(value) and len(value) <= MAX_INT_DIGITS:
            return float(value)
        if _INF.fullmatch(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
        return value
