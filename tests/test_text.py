"""The one Markdown escaper and the one truncation helper (styrning.core.text)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from styrning.core.text import markdown, truncate


def test_truncate_leaves_short_text_alone_and_cuts_long_text_with_an_ellipsis() -> None:
    assert truncate("Plan för vatten", 15) == "Plan för vatten"
    assert truncate("Plan för vatten", 10) == "Plan för…"  # 9 characters kept, the space dropped
    assert truncate("abcdef", 4) == "abc…"
    # at a word boundary, without the comma before it
    assert truncate("Program för social hållbarhet, remiss", 32, at_word=True) == (
        "Program för social hållbarhet…"
    )
    assert truncate("Rubrik\n  på två\trader", 100, flat=True) == "Rubrik på två rader"


@given(st.text(), st.integers(min_value=2, max_value=200), st.booleans(), st.booleans())
def test_truncate_never_exceeds_its_limit_and_keeps_a_prefix(
    text: str, limit: int, flat: bool, at_word: bool
) -> None:
    shown = truncate(text, limit, flat=flat, at_word=at_word)
    source = " ".join(text.split()) if flat else text
    assert len(shown) <= limit
    if len(source) <= limit:
        assert shown == source
    else:
        assert shown.endswith("…")
        assert source.startswith(shown[:-1])


def test_markdown_escapes_markup_and_keeps_text_on_one_line() -> None:
    assert markdown("a | b") == "a \\| b"
    assert markdown("*viktigt* och _så_") == "\\*viktigt\\* och \\_så\\_"
    assert markdown("- inte en lista") == "\\- inte en lista"
    assert markdown("1. inte heller") == "1\\. inte heller"
    assert markdown("rad ett\nrad två") == "rad ett rad två"
    assert markdown("Fas I – Kartlägga") == "Fas I – Kartlägga"


@given(st.text())
def test_markdown_leaves_no_markup_character_unescaped(text: str) -> None:
    escaped = markdown(text)
    assert "\n" not in escaped and "\r" not in escaped
    # every markup character is preceded by an odd number of backslashes
    for m in re.finditer(r"(\\*)([`*_\[\]<>|#])", escaped):
        assert len(m[1]) % 2 == 1, escaped
