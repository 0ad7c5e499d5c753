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
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from styrning.core.problems import START, Position, Problem
from styrning.core.text import truncate

# Limits no real data file reaches (Umeå's largest is 1.5 kB, 3 levels deep,
# 44 values); they keep a hostile file from hanging the check or
# exhausting memory, and each message names the limit that was hit.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_INT_DIGITS = 30
# libyaml stops at 1000 levels of flow or block nesting with its own error.
_LIBYAML_DEPTH = 1000

STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
# Explicit scalar tags of the core schema (`!!str 2022`); anything else, such
# as `!!python/object` or `!!binary`, is a problem and is never constructed.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# What YAML allows in a stream (c-printable): tab, line breaks, printable
# ASCII, NEL and the printable rest of Unicode.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Control characters a value can hold only through a double-quoted escape;
# tab and line feed are text, the rest would be acted on by a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line breaks libyaml counts that editors, git and GitHub do not (they count '\n').
_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


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
    ("found duplicate anchor", "samma ankare (&namn) används två gånger"),
    ("expected <document start>", "oväntat innehåll efter dokumentets slut"),
    ("expected ',' or ']'", "väntade ',' eller ']' i listan"),
    ("expected ',' or '}'", "väntade ',' eller '}' i mappningen"),
    ("did not find URI escaped octet", "ogiltig tagg"),
    ("found incompatible YAML document", "filen anger en YAML-version som inte stöds"),
    ("found unexpected document indicator", "'---' eller '...' mitt i ett värde"),
    (
        "block sequence entries are not allowed",
        "en listpunkt '- ' får inte stå här – börja listan på en egen rad, med indrag",
    ),
    ("directive", "felaktigt direktiv (en rad som börjar med %) – ta bort raden"),
    ("did not find expected comment or line break", "oväntat innehåll efter värdet på raden"),
    (
        "did not find expected alphabetic or numeric character",
        "namnet på ett ankare eller alias (&namn, *namn) saknas eller har otillåtna tecken",
    ),
    ("did not find expected whitespace or line break", "väntade mellanslag eller radbrytning"),
    ("indentation indicator equal to 0", "indraget efter | eller > kan inte vara 0"),
    ("found a tag directive", "felaktigt direktiv (en rad som börjar med %) – ta bort raden"),
)


def _syntax_sv(problem: str | None, context: str | None = None) -> str:
    for text in (problem or "", context or ""):
        for needle, swedish in _SYNTAX_SV:
            if needle in text:
                return f"YAML-syntaxfel: {swedish}"
    return f"YAML-syntaxfel: {problem}" if problem else "YAML-syntaxfel"


def position_of(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _line_starts(text: str) -> array[int]:
    starts = array("q", [0])
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


@dataclass
class SourceFile:
    """One parsed file: its root node keeps every position for later problems."""

    path: str
    root: yaml.Node | None = None
    lines: int = 0
    # Set only when the text has line breaks libyaml counts and editors do not
    # (a lone CR, NEL, U+2028/9): positions are then recounted by '\n'.
    _starts: array[int] | None = field(default=None, repr=False)
    # key -> (key node, value node) of large mappings, so that locating many
    # problems in a mapping of thousands of keys stays linear.
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )

    # Where the text ends: libyaml puts an empty value at the end of a file
    # on the line after the last newline, which no editor shows.
    _end: Position = field(default=START, repr=False)

    def position(self, node: yaml.Node) -> Position:
        """Where `node` starts, counting lines by '\n' like editors and git do."""
        if self._starts is None:
            pos = position_of(node)
        else:
            index = node.start_mark.index
            line = bisect_right(self._starts, index)
            pos = Position(line, index - self._starts[line - 1] + 1)
        return pos if pos.line <= max(1, self.lines) else self._end

    def _entry(self, node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        if len(node.value) <= 32:
            for knode, vnode in node.value:
                if isinstance(knode, yaml.ScalarNode) and knode.value == key:
                    return knode, vnode
            return None
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for knode, vnode in node.value:
                if isinstance(knode, yaml.ScalarNode):
                    index.setdefault(knode.value, (knode, vnode))
            self._keys[id(node)] = index
        return index.get(key)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        """Where the value at `loc` (keys and list indexes) was written.

        With `key=True` the position of the last key itself. A path that is
        not in the file gives the position of the deepest part that is.
        """
        node = self.root
        if node is None:
            return START
        found = self.position(node)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                entry = self._entry(node, part)
                if entry is None:
                    return found
                knode, vnode = entry
                if last and key:
                    return self.position(knode)
                node = vnode
                found = self.position(vnode)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = node.value[part]
                    found = self.position(node)
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
                f"filen är större än {_mib(MAX_FILE_BYTES)} ({_count(MAX_FILE_BYTES)} byte), "
                "gränsen för en datafil",
            )
        ]
    wide = _wide_encoding(raw)
    if wide is not None:
        return None, [
            Problem.at(path, START, "Y003", f"filen är kodad som {wide} – spara den som UTF-8")
        ]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, [
            Problem.at(
                path, _offset_position(raw, nul), "Y003", "filen innehåller binärdata (NUL-byte)"
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            Problem.at(
                path,
                _offset_position(raw, exc.start),
                "Y003",
                "filen är inte UTF-8 (kanske Latin-1 eller Windows-1252) – spara den som UTF-8",
            )
        ]
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        char = bad.group()
        return None, [
            Problem.at(
                path,
                _text_position(text, bad.start()),
                "Y003",
                f"filen innehåller kontrolltecknet U+{ord(char):04X} – ta bort det",
            )
        ]
    return text, []


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:g} MiB".replace(".", ",")


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32, by the byte-order mark or the zero bytes around the first character.

    A YAML stream starts with an ASCII character, so its first bytes show the
    encoding (YAML 1.2, section 5.2) even without a byte-order mark.
    """
    head = raw[:4]
    if head in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        return "UTF-32"
    if len(head) == 4 and head[0] == head[1] == head[2] == 0 and head[3]:
        return "UTF-32"
    if len(head) == 4 and head[0] and head[1] == head[2] == head[3] == 0:
        return "UTF-32"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "UTF-16"
    return None


def _offset_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return Position(raw.count(b"\n", 0, offset) + 1, col)


def _text_position(text: str, index: int) -> Position:
    """Line and column of a character, lines counted by '\n', never past the last line."""
    index = min(index, len(text))
    line = text.count("\n", 0, index) + 1
    last = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if line > max(1, last):
        # libyaml places an early end of file after the final newline: point at the last line
        index = len(text) - 1
        line = max(1, last)
    return Position(line, index - text.rfind("\n", 0, index))


def _mark_position(mark: yaml.Mark | None, text: str) -> Position:
    return START if mark is None else _text_position(text, mark.index)


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _past_node_limit(text: str) -> Position | None:
    """Where a file passes MAX_NODES values (keys included), before any node is built.

    Building the nodes of a 2 MiB file of `[[],[],…]` takes seconds and
    hundreds of MiB; counting libyaml's events stops at the limit in a
    fraction of that. Aliases count once here; their expansion is counted
    while the values are built.
    """
    if len(text) < MAX_NODES // 4:
        # a value takes at least half a character (`{a,b}` is four), so a
        # short file cannot reach the limit: spare every real file the second pass
        return None
    loader = _Loader(text)
    try:
        count = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _NODE_EVENTS):
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark
                    return _text_position(text, mark.index) if mark is not None else START
        return None
    finally:
        loader.dispose()


def parse(path: str, raw: bytes) -> Parsed:
    """Parse one file; every failure is a problem in the result."""
    source = SourceFile(path)
    text, problems = decode(path, raw)
    if text is None:
        return Parsed(source, None, problems)
    source.lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    source._end = _text_position(text, len(text))
    if _ODD_BREAKS.search(text):
        source._starts = _line_starts(text)
    try:
        crowded = _past_node_limit(text)
        if crowded is not None:
            message = f"fler än {_count(MAX_NODES)} värden i filen – gränsen för en datafil"
            return Parsed(source, None, [Problem.at(path, crowded, "Y006", message)])
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        pos = _mark_position(exc.problem_mark or exc.context_mark, text)
        said = f"{exc.problem} {exc.context}"
        if "another document" in said:
            message = "filen innehåller flera YAML-dokument (---) – en datafil ska ha ett"
            return Parsed(source, None, [Problem.at(path, pos, "Y005", message)])
        if "maximum nesting depth" in said:
            message = (
                f"nästlingen är djupare än {_LIBYAML_DEPTH} nivåer – gränsen för en datafil "
                f"är {MAX_DEPTH}"
            )
            return Parsed(source, None, [Problem.at(path, pos, "Y006", message)])
        message = _syntax_sv(exc.problem, exc.context)
        mark = exc.problem_mark
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            # libyaml names a tab in the indentation only in some places
            message = _syntax_sv("found a tab character")
        return Parsed(source, None, [Problem.at(path, pos, "Y001", message)])
    except yaml.YAMLError as exc:
        return Parsed(source, None, [Problem.at(path, START, "Y001", _syntax_sv(str(exc)))])
    except RecursionError:
        # only without libyaml's own depth limit (a pure-Python PyYAML)
        message = f"nästlingen är djupare än gränsen för en datafil, {MAX_DEPTH} nivåer"
        return Parsed(source, None, [Problem.at(path, START, "Y006", message)])
    if root is None:
        return Parsed(source, None, [Problem.at(path, START, "Y004", "filen är tom")])
    source.root = root
    builder = _Builder(source)
    data = builder.build(root)
    if data is None and not builder.problems:
        # `~`, `null` or a document with only '---': parsed, but nothing in it
        pos = source.position(root)
        return Parsed(source, None, [Problem.at(path, pos, "Y004", "filen har inget innehåll")])
    return Parsed(source, data, builder.problems)


class _Limit(Exception):
    def __init__(self, node: yaml.Node, message: str, *, expanded: bool = False) -> None:
        self.node = node
        self.message = message
        self.expanded = expanded


def _tag_text(tag: str) -> str:
    """A tag the way it was most likely written: `!!binary`, `!local`."""
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag
    return truncate(shown, 60)


class _Builder:
    """One pass over the node tree: values, duplicate keys, limits."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.path = source.path
        self.problems: list[Problem] = []
        self.count = 0
        self.top_key: yaml.Node | None = None
        # Collections already built (an alias repeats one) and those being
        # built (an alias to one of them never ends).
        self.built: set[int] = set()
        self.open: set[int] = set()
        self.aliased = False

    def build(self, root: yaml.Node) -> Any:
        try:
            return self._value(root, 0)
        except _Limit as limit:
            # an expanded alias keeps the anchor's position: name the top-level key instead
            node = (self.top_key if limit.expanded else None) or limit.node
            self.problems.append(
                Problem.at(self.path, self.source.position(node), "Y006", limit.message)
            )
            return None

    def _value(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            how = (
                "när alias (*namn) har utvidgats till sina ankare (&namn)"
                if self.aliased
                else "i filen"
            )
            raise _Limit(
                node,
                f"fler än {_count(MAX_NODES)} värden {how} – gränsen för en datafil",
                expanded=self.aliased,
            )
        if depth > MAX_DEPTH:
            raise _Limit(
                node, f"nästlingen är djupare än gränsen för en datafil, {MAX_DEPTH} nivåer"
            )
        if node.tag not in _CORE_TAGS and not (
            node.tag in _SCALAR_TAGS and isinstance(node, yaml.ScalarNode)
        ):
            self.problems.append(
                Problem.at(
                    self.path,
                    self.source.position(node),
                    "Y001",
                    f"taggen '{_tag_text(node.tag)}' stöds inte – ta bort den",
                )
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        key = id(node)
        if key in self.open:
            raise _Limit(
                node,
                "ett alias (*namn) står inuti sitt eget ankare (&namn), så värdet blir "
                "oändligt – skriv värdet ut i stället",
            )
        if key in self.built:
            self.aliased = True
        self.built.add(key)
        self.open.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self._value(item, depth + 1) for item in node.value]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, depth)
        finally:
            self.open.discard(key)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}  # the key nodes: a position is made only for a duplicate
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                self.problems.append(
                    Problem.at(
                        self.path,
                        self.source.position(knode),
                        "Y007",
                        "en nyckel ska vara ett ord, inte en lista eller mappning",
                    )
                )
                continue
            key = knode.value
            if key in seen:
                first = self.source.position(seen[key])
                shown = truncate(key, 60)
                self.problems.append(
                    Problem.at(
                        self.path,
                        self.source.position(knode),
                        "Y002",
                        f"nyckeln '{shown}' finns redan på rad {first.line} – ta bort den ena",
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
        control = _CONTROL.search(value)
        if control is not None:
            # written as an escape ("\e[2J"): a terminal or a report would act on it
            self.problems.append(
                Problem.at(
                    self.path,
                    self.source.position(node),
                    "Y003",
                    f"värdet innehåller kontrolltecknet U+{ord(control.group()):04X} – ta bort det",
                )
            )
            value = _CONTROL.sub("\ufffd", value)
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
