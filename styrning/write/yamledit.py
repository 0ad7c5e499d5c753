"""Surgical edits of a YAML data file at the places the parser knows.

Each edit replaces, inserts or removes a span of characters found from the
node positions libyaml gives (`read/source.py`); everything outside those
spans is the file's own bytes, so comments, blank lines, key order, quoting,
folded and literal texts, CRLF line endings and a byte-order mark stay as
they were by construction. New lines take the indentation and the style
(block or flow) of their neighbours.

Every edit is also applied to a copy of the parsed values; `result` parses
the edited text and refuses it unless it reads back as exactly that copy, so
a mistake here can never write something other than what was meant.
"""

from __future__ import annotations

import codecs
import copy
import itertools
import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

from styrning.read.source import parse

# Long texts in a block mapping are written folded (`>-`) at this width, like the data's own.
FOLD_WIDTH = 88

Scalar = str | int | bool
# Line breaks libyaml counts and '\n'-based positions do not: such a file is not edited.
_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class EditRefused(Exception):
    """The edit cannot be made as asked; the message (Swedish) says why and what would work."""


class FileRefused(EditRefused):
    """The file itself cannot be edited safely (it does not parse, or the edit would touch
    more than it should); the message (Swedish) says what to do."""


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str
    seq: int


class YamlDocument:
    """One data file opened for editing: its text, nodes and values."""

    def __init__(self, path: str, raw: bytes) -> None:
        parsed = parse(path, raw)
        if parsed.source.root is None or any(p.is_error for p in parsed.problems):
            raise FileRefused(
                f"{path} kan inte läsas som en datafil – rätta den först (styrning validate {path})"
            )
        if not isinstance(parsed.data, dict):
            raise FileRefused(f"{path} är ingen mappning av nycklar – rätta filen först")
        self.path = path
        self.bom = raw.startswith(codecs.BOM_UTF8)
        self.text = raw.decode("utf-8-sig")
        if _ODD_BREAKS.search(self.text):
            raise FileRefused(
                f"{path} har radbrytningar av ovanligt slag (ensam CR, NEL eller U+2028) – "
                "spara filen med vanliga radslut (LF eller CRLF) först"
            )
        self.nl = "\r\n" if "\r\n" in self.text else "\n"
        self.root: yaml.MappingNode = parsed.source.root  # type: ignore[assignment]
        self.data: dict[str, Any] = parsed.data
        self.expected: dict[str, Any] = copy.deepcopy(parsed.data)
        self._splices: list[_Splice] = []

    # positions -------------------------------------------------------------------------

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def next_line(self, index: int) -> int:
        """The start of the line after the one holding `index` (the end of the text if none)."""
        at = self.text.find("\n", index)
        return len(self.text) if at < 0 else at + 1

    def col(self, index: int) -> int:
        return index - self.line_start(index)

    def end_of(self, node: yaml.Node) -> int:
        """Just past the last character of the node's content (trailing blank lines excluded)."""
        if isinstance(node, yaml.ScalarNode):
            end = int(node.end_mark.index)
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                    end -= 1
            return end
        assert isinstance(node, yaml.CollectionNode)
        if node.flow_style or not node.value:
            return int(node.end_mark.index)
        last = node.value[-1]
        return self.end_of(last[1] if isinstance(node, yaml.MappingNode) else last)

    def alone_on_line(self, index: int) -> bool:
        """Whether only spaces stand before `index` on its line."""
        return self.text[self.line_start(index) : index].strip(" ") == ""

    # nodes -----------------------------------------------------------------------------

    @staticmethod
    def entry(mapping: yaml.MappingNode, key: str) -> tuple[int, yaml.Node, yaml.Node] | None:
        for i, (knode, vnode) in enumerate(mapping.value):
            if isinstance(knode, yaml.ScalarNode) and knode.value == key:
                return i, knode, vnode
        return None

    def child(self, mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
        found = self.entry(mapping, key)
        return None if found is None else found[2]

    # edits -----------------------------------------------------------------------------

    def _splice(self, start: int, end: int, text: str) -> None:
        self._splices.append(_Splice(start, end, text.replace("\n", self.nl), len(self._splices)))

    def set_key(
        self,
        mapping: yaml.MappingNode,
        values: dict[str, Any],
        key: str,
        value: Scalar,
        order: list[str],
        *,
        flow: bool = False,
    ) -> None:
        """Give `key` the scalar `value`: its value replaced in place, or a new entry added
        after the keys that come before it in `order`."""
        flow = flow or bool(mapping.flow_style)
        found = self.entry(mapping, key)
        if found is not None:
            _i, knode, vnode = found
            indent = self.col(knode.start_mark.index) + 2
            folded = isinstance(vnode, yaml.ScalarNode) and vnode.style == ">"
            text, loaded = render_scalar(value, flow=flow, indent=indent, fold=folded)
            if isinstance(vnode, yaml.ScalarNode) and vnode.value == "" and not vnode.style:
                # `key:` with nothing after it
                colon = self.text.find(":", knode.end_mark.index)
                self._splice(colon + 1, colon + 1, " " + text)
            else:
                self._splice(vnode.start_mark.index, self.end_of(vnode), text)
            values[key] = loaded
            return
        self.add_key(mapping, values, key, value, order, flow=flow)

    def add_key(
        self,
        mapping: yaml.MappingNode,
        values: dict[str, Any],
        key: str,
        value: Scalar | list[Any],
        order: list[str],
        *,
        flow: bool = False,
    ) -> None:
        """Add a new entry `key: value` (a scalar, or a list of scalars or mappings)."""
        flow = flow or bool(mapping.flow_style)
        entries = mapping.value
        rank = order.index(key) if key in order else len(order)
        before = [
            i
            for i, (k, _v) in enumerate(entries)
            if isinstance(k, yaml.ScalarNode) and k.value in order and order.index(k.value) < rank
        ]
        if flow:
            rendered, loaded = render_value(value, flow=True, indent=0)
            if not entries:
                self._splice(
                    mapping.start_mark.index + 1,
                    mapping.start_mark.index + 1,
                    f"{key}: {rendered}",
                )
            elif before:
                at = self.end_of(entries[before[-1]][1])
                self._splice(at, at, f", {key}: {rendered}")
            else:
                at = entries[0][0].start_mark.index
                self._splice(at, at, f"{key}: {rendered}, ")
        else:
            first_key = entries[0][0].start_mark.index
            keycol = self.col(first_key)
            if isinstance(value, list):
                rendered, loaded = render_value(value, flow=False, indent=keycol)
            else:
                rendered, loaded = render_scalar(value, flow=False, indent=keycol + 2)
            line = " " * keycol + f"{key}:" + ("" if rendered.startswith("\n") else " ") + rendered
            if not before and self.alone_on_line(first_key):
                at = self.line_start(first_key)
                self._splice(at, at, line + "\n")
            else:
                after = entries[before[-1] if before else 0][1]
                self._insert_line_after(self.end_of(after), line)
        values[key] = loaded

    def _insert_line_after(self, content_end: int, text: str) -> None:
        at = self.next_line(content_end)
        lead = ""
        if at == len(self.text) and not self.text.endswith("\n"):
            lead = "\n"
            if parse(self.path, (self.text + self.nl).encode("utf-8")).data != self.data:
                # a block text (`|`, `>`) that ends the file would gain a line break
                raise FileRefused(
                    f"{self.path} slutar mitt i en text utan radslut – avsluta filen med en "
                    "radbrytning först"
                )
        self._splice(at, at, lead + text + "\n")

    def remove_key(self, mapping: yaml.MappingNode, values: dict[str, Any], key: str) -> None:
        found = self.entry(mapping, key)
        if found is None:
            return
        i, knode, vnode = found
        entries = mapping.value
        start = knode.start_mark.index
        if mapping.flow_style:
            if i > 0:
                self._splice(self.end_of(entries[i - 1][1]), self.end_of(vnode), "")
            elif i + 1 < len(entries):
                self._splice(start, entries[i + 1][0].start_mark.index, "")
            else:
                self._splice(mapping.start_mark.index + 1, mapping.end_mark.index - 1, "")
        elif self.alone_on_line(start):
            self._splice(self.line_start(start), self.next_line(self.end_of(vnode)), "")
        elif i + 1 < len(entries):
            # the first key of a list item, after its '- ': the next key takes its place
            self._splice(start, entries[i + 1][0].start_mark.index, "")
        else:
            raise EditRefused(f"{self.path}: kan inte ta bort den enda nyckeln '{key}' i en post")
        del values[key]

    def insert_item(
        self,
        seq: yaml.SequenceNode,
        values: list[Any],
        index: int,
        item: Scalar | dict[str, Scalar],
    ) -> None:
        """Insert `item` into the list at `index`, in the style of the items around it."""
        items = seq.value
        loaded: Any
        if seq.flow_style:
            rendered, loaded = render_value(item, flow=True, indent=0)
            if not items:
                at = seq.start_mark.index + 1
                self._splice(at, at, rendered)
            elif index > 0:
                at = self.end_of(items[index - 1])
                self._splice(at, at, ", " + rendered)
            else:
                at = items[0].start_mark.index
                self._splice(at, at, rendered + ", ")
            values.insert(index, loaded)
            return
        dash = self.col(seq.start_mark.index)
        first = items[0]
        content = dash + 2
        if isinstance(first, yaml.MappingNode) and not first.flow_style and first.value:
            key_at = first.value[0][0].start_mark.index
            if self.line_start(key_at) == self.line_start(seq.start_mark.index):
                content = self.col(key_at)
        flow_items = isinstance(items[-1], yaml.CollectionNode) and bool(items[-1].flow_style)
        if isinstance(item, dict) and not flow_items:
            lines = []
            loaded_item: dict[str, Any] = {}
            for key, value in item.items():
                rendered, loaded_item[key] = render_scalar(value, flow=False, indent=content + 2)
                lines.append(" " * content + f"{key}: {rendered}")
            lines[0] = " " * dash + "-" + " " * (content - dash - 1) + lines[0][content:]
            new_text = "\n".join(lines)
            loaded = loaded_item
        else:
            rendered, loaded = render_value(item, flow=True, indent=0)
            new_text = " " * dash + "- " + rendered
        blank = "\n" if self._blank_separated(items) else ""
        if index == 0:
            at = self.line_start(self.text.rfind("-", 0, items[0].start_mark.index))
            self._splice(at, at, new_text + "\n" + blank)
        else:
            self._insert_line_after(self.end_of(items[index - 1]), blank + new_text)
        values.insert(index, loaded)

    def move_item(self, seq: yaml.SequenceNode, values: list[Any], i: int, j: int) -> None:
        """Move item `i` of the list to index `j` (counted without it), its text as written:
        in a block list with the comment lines just above it, and the list's blank lines
        between items kept as they were."""
        items = seq.value
        rest = items[:i] + items[i + 1 :]
        item = items[i]
        if seq.flow_style:
            text = self.text[item.start_mark.index : self.end_of(item)]
            if i > 0:
                self._splice(self.end_of(items[i - 1]), self.end_of(item), "")
            else:
                self._splice(item.start_mark.index, items[1].start_mark.index, "")
            if j > 0:
                at = self.end_of(rest[j - 1])
                self._splice(at, at, ", " + text)
            else:
                at = rest[0].start_mark.index
                self._splice(at, at, text + ", ")
            values.insert(j, values.pop(i))
            return
        floor = self.next_line(self.end_of(items[i - 1])) if i > 0 else seq.start_mark.index
        start = self.line_start(self.text.rfind("-", 0, item.start_mark.index))
        while start > floor:
            above = self.line_start(start - 1)
            if not self.text[above:start].strip().startswith("#"):
                break
            start = above
        end = self.next_line(self.end_of(item))
        text = self.text[start:end].replace(self.nl, "\n")
        if not text.endswith("\n"):
            text += "\n"
        blank = self._blank_separated(items)
        if blank and i + 1 < len(items):
            while end < len(self.text) and self.text[end : self.next_line(end)].strip() == "":
                end = self.next_line(end)
        elif blank:
            while start > floor and self.text[self.line_start(start - 1) : start].strip() == "":
                start = self.line_start(start - 1)
        self._splice(start, end, "")
        sep = "\n" if blank else ""
        if j == 0:
            at = self.line_start(self.text.rfind("-", 0, rest[0].start_mark.index))
            self._splice(at, at, text + sep)
        else:
            at = self.next_line(self.end_of(rest[j - 1]))
            if at == len(self.text) and not self.text.endswith("\n"):
                text, sep = "\n" + sep + text.removesuffix("\n"), ""
            self._splice(at, at, sep + text)
        values.insert(j, values.pop(i))

    def _blank_separated(self, items: list[yaml.Node]) -> bool:
        """Whether a blank line stands between every two items of a block list."""
        if len(items) < 2:
            return False
        for a, b in itertools.pairwise(items):
            gap = self.text[self.next_line(self.end_of(a)) : self.line_start(b.start_mark.index)]
            if not any(line.strip() == "" for line in gap.split("\n")[:-1]):
                return False
        return True

    def replace_node(
        self, node: yaml.Node, values: dict[str, Any], key: str, value: list[Scalar]
    ) -> None:
        """Replace the value `node` of `key` with a flow list (for a scalar that becomes a list)."""
        rendered, loaded = render_value(value, flow=True, indent=0)
        self._splice(node.start_mark.index, self.end_of(node), rendered)
        values[key] = loaded

    # result ----------------------------------------------------------------------------

    def result(self) -> bytes:
        """The edited file's bytes; refused unless they read back as exactly what was meant."""
        text = self.text
        ordered = sorted(self._splices, key=lambda s: (s.start, s.end, s.seq))
        for a, b in itertools.pairwise(ordered):
            if b.start < a.end:
                raise FileRefused(f"{self.path}: ändringarna överlappar – ändra filen för hand")
        for s in reversed(ordered):
            text = text[: s.start] + s.text + text[s.end :]
        raw = (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")
        check = parse(self.path, raw)
        if check.data != self.expected or any(p.is_error for p in check.problems):
            raise FileRefused(
                f"{self.path}: ändringen kunde inte göras utan att röra annat i filen – "
                "ändra filen för hand"
            )
        return raw


def _reads_as(text: str, value: Any, flow: bool) -> bool:
    source = "{k: " + text + "}\n" if flow else "k: " + text + "\n"
    parsed = parse("-", source.encode("utf-8"))
    return not parsed.problems and parsed.data == {"k": value}


def render_scalar(value: Scalar, *, flow: bool, indent: int, fold: bool = False) -> tuple[str, Any]:
    """A scalar as YAML text, plain where it reads back the same, else double-quoted; a long
    text in a block mapping folded (`>-`) at FOLD_WIDTH. Also the value it reads back as."""
    if isinstance(value, bool):
        return ("true" if value else "false"), value
    if isinstance(value, int):
        return str(value), value
    foldable = (
        not flow
        and "\n" not in value
        and "  " not in value
        and "\t" not in value
        and value == value.strip()
        and value != ""
    )
    if foldable and (fold or indent + len(value) > FOLD_WIDTH):
        lines = textwrap.wrap(
            value,
            width=max(40, FOLD_WIDTH - indent),
            break_long_words=False,
            break_on_hyphens=False,
        )
        text = ">-\n" + "\n".join(" " * indent + line for line in lines)
        if _reads_as(text, value, False):
            return text, value
    if _reads_as(value, value, flow) and (not flow or _reads_as(value, value, False)):
        return value, value
    quoted = json.dumps(value, ensure_ascii=False)
    if not _reads_as(quoted, value, flow):
        raise EditRefused(f"kan inte skriva texten {quoted} i YAML")
    return quoted, value


def render_value(
    value: Scalar | list[Any] | dict[str, Any], *, flow: bool, indent: int
) -> tuple[str, Any]:
    """A scalar, a list or a mapping of scalars as YAML text: flow style, or for a list in a
    block mapping a block list indented under its key. Also the value it reads back as."""
    if isinstance(value, dict):
        parts, loaded = [], {}
        for key, item in value.items():
            text, loaded[key] = render_value(item, flow=True, indent=0)
            parts.append(f"{key}: {text}")
        return "{" + ", ".join(parts) + "}", loaded
    if isinstance(value, list):
        if flow or not all(isinstance(v, dict) for v in value):
            rendered = [render_value(v, flow=True, indent=0) for v in value]
            return "[" + ", ".join(t for t, _ in rendered) + "]", [v for _, v in rendered]
        lines: list[str] = []
        loaded_items: list[Any] = []
        for item in value:
            loaded_item: dict[str, Any] = {}
            for n, (key, v) in enumerate(item.items()):
                text, loaded_item[key] = render_scalar(v, flow=False, indent=indent + 6)
                lead = " " * (indent + 2) + "- " if n == 0 else " " * (indent + 4)
                lines.append(f"{lead}{key}: {text}")
            loaded_items.append(loaded_item)
        return "\n" + "\n".join(lines), loaded_items
    return render_scalar(value, flow=flow, indent=indent)
