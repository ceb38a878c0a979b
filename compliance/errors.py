"""Located diagnostics and the exceptions that carry them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file, at a 1-based line and column.

    The CLI prints it in the compiler convention editors understand:
    ``path:line:col: error[code]: message``.
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        """Return the one-line form, e.g. ``a.yaml:3:1: error[missing-key]: ...``."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"


class ComplianceError(Exception):
    """Base class for every error the tool reports to a user."""


class InvalidInputError(ComplianceError):
    """One or more input files are invalid; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics))
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class NoAssessmentDateError(ComplianceError):
    """Neither the caller nor the case gives an assessment date (the clock is never read)."""


class UsageError(ComplianceError):
    """The command line itself is wrong (a missing file, a bad option value)."""


class RenderError(ComplianceError):
    """A report could not be rendered."""


class OutputError(ComplianceError):
    """An output file could not be written (it exists, it is not a file, no space...)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or ``""``.

    >>> did_you_mean("partys", ["parties", "sources"])
    "; did you mean 'parties'?"
    >>> did_you_mean("zzz", ["parties"])
    ''
    """
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    """Return e.g. ``2 files, 3 errors.`` for a batch of diagnostics."""
    files = len({d.path for d in diagnostics})
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    parts = [_plural(files, "file"), _plural(errors, "error")]
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return ", ".join(parts) + "."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
