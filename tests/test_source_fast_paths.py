"""The parser's shortcuts give what the long way gives."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import PROJECT
from styrning.read import source


class _LongWay(yaml.CSafeLoader):
    """PyYAML's own resolver with no implicit resolvers: what source._Loader answers directly."""

    yaml_implicit_resolvers: dict[str, Any] = {}  # noqa: RUF012


def _tree(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.style, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [_tree(n) for n in node.value])
    return (node.tag, [(_tree(k), _tree(v)) for k, v in node.value])


TRICKY = [
    "a: 1\nb: [x, 'y', !!int 3, ! z, !custom w]\nc: {d: ~, e: null}\n",
    "- !!str 2022\n- ! 2022\n- !!map {a: b}\n- !!seq [1]\n- ? complex\n  : key\n",
    "&a {x: *a}\n",
    "tom:\nlista: []\nmappning: {}\n",
]


def test_resolving_directly_builds_the_same_trees() -> None:
    # every YAML file of the project but the test data (tests/ holds broken YAML on purpose)
    paths = [
        p for p in sorted(PROJECT.rglob("*.yaml")) if p.relative_to(PROJECT).parts[0] != "tests"
    ]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(texts) > 5
    for text in [*texts, *TRICKY[:2], TRICKY[3]]:
        fast = yaml.compose(text, Loader=source._Loader)
        slow = yaml.compose(text, Loader=_LongWay)
        assert fast is not None and slow is not None, text
        assert _tree(fast) == _tree(slow), text


def _long_scalar(value: str) -> Any:
    """`_Builder._scalar` for a plain scalar without the first-character shortcut."""
    if value == "" or source._NULL.fullmatch(value):
        return None
    if value in source._BOOL:
        return source._BOOL[value]
    if source._INT.fullmatch(value):
        return value if len(value) > source.MAX_INT_DIGITS else int(value)
    if source._INT_OCT.fullmatch(value):
        return int(value[2:], 8) if len(value) <= source.MAX_INT_DIGITS else value
    if source._INT_HEX.fullmatch(value):
        return int(value[2:], 16) if len(value) <= source.MAX_INT_DIGITS else value
    if source._FLOAT.fullmatch(value) and len(value) <= source.MAX_INT_DIGITS:
        return float(value)
    if source._INF.fullmatch(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if source._NAN.fullmatch(value):
        return float("nan")
    return value


SCALAR_PARTS = st.sampled_from(
    ["0", "1", "9", "x", "e", "E", "+", "-", ".", "o", "n", "a", "inf", "nan", "NaN",
     "null", "true", "False", "~", " ", "å", "2022-03", "0o7", "0x1F", "1e3", "Inf"]
)  # fmt: skip


EVERY_FORM = [
    "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
    "0", "-1", "+2", "0o17", "0x1F", "1.5", ".5", "-.5", "1e3", "+1.", ".inf", "-.Inf",
    "+.INF", ".nan", ".NaN", ".NAN", "nej", "text", "2022-03",
]  # fmt: skip


@pytest.mark.parametrize("value", EVERY_FORM)
def test_every_typed_form_is_typed_as_the_patterns_say(value: str) -> None:
    _same_as_long_way(value)


@given(st.lists(SCALAR_PARTS, min_size=0, max_size=5).map("".join))
def test_the_first_character_shortcut_types_scalars_like_the_patterns(value: str) -> None:
    _same_as_long_way(value)


def _same_as_long_way(value: str) -> None:
    node = yaml.ScalarNode(source.STR_TAG, value, style=None)
    got = source._Builder(source.SourceFile("x.yaml"))._scalar(node)
    want = _long_scalar(value)
    if isinstance(want, float) and math.isnan(want):
        assert isinstance(got, float) and math.isnan(got)
    else:
        assert (type(got), got) == (type(want), want)
