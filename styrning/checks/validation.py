"""One validation run: read the tree, run the checks, keep what was asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from styrning.checks.rules import CHECKS, run_checks
from styrning.core.problems import DataErrors, Problem, Severity
from styrning.read.loader import Dataset, load
from styrning.read.tree import FileSet


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


def data_errors(dataset: Dataset, today: dt.date) -> DataErrors | None:
    """What an output resting on `dataset` must say about its errors, or None when it has none.

    The errors are those `validate` reports for the same day: the file's own and the
    checks'. A file with errors that still gave its model is used from the keys that
    are right; one that gave nothing is left out.
    """
    # the checks of warnings give only warnings: they need not run for a count of errors
    found = [p for c in CHECKS if c.severity is Severity.ERROR for p in c.run(dataset, today)]
    errors = [p for p in dataset.problems + found if p.is_error]
    if not errors:
        return None
    files = sorted({p.path for p in errors})
    built = dataset.built_paths()
    partial = [p for p in dataset.partial_paths() if p in files]
    return DataErrors(
        errors=len(set(errors)),
        files=tuple(files),
        partial=tuple(partial),
        left_out=tuple(p for p in files if p not in built),
    )
