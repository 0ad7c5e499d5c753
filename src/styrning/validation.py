"""One validation run: read the tree, run the checks, keep what was asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from styrning.checks import run_checks
from styrning.loader import Dataset, FileSet, load
from styrning.problems import Problem


@dataclass
class ValidationResult:
    dataset: Dataset
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def validate(files: FileSet, today: dt.date, only: list[str] | None = None) -> ValidationResult:
    """Every problem in every file; with `only`, those in the named files or folders.

    The whole tree is always read, so references across files are checked
    even when only some files are reported.
    """
    dataset = load(files)
    problems = dataset.problems + run_checks(dataset, today)
    if only is not None:
        problems = [p for p in problems if _selected(p.path, only)]
    problems = sorted(set(problems), key=Problem.sort_key)
    return ValidationResult(dataset, problems)


def _selected(path: str, only: list[str]) -> bool:
    return any(path == o or o in ("", ".") or path.startswith(o.rstrip("/") + "/") for o in only)
