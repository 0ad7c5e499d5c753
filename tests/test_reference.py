"""The generated references in docs/ say what the app and the code table say today."""

from __future__ import annotations

import pytest

from reference import CODES_FILE, COMMANDS_FILE, codes_reference, commands_reference
from styrning.checks.rules import all_codes


@pytest.mark.parametrize(
    ("path", "make"),
    [(COMMANDS_FILE, commands_reference), (CODES_FILE, codes_reference)],
    ids=["kommandon", "koder"],
)
def test_a_generated_reference_is_current(path: object, make: object) -> None:
    assert callable(make) and hasattr(path, "read_text")
    assert path.read_text(encoding="utf-8") == make(), (
        f"{path} är inaktuell: kör .venv/bin/python tests/reference.py"
    )


def test_the_code_list_names_every_code_once() -> None:
    text = CODES_FILE.read_text(encoding="utf-8")
    for code in all_codes():
        assert text.count(f"\n## {code}\n") == 1, code
