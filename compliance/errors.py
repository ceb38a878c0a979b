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


MAX_SUGGESTION_WORK = 2_000_000
"""Choices compared, in all, by one :class:`Suggestions`; past it, no more hints."""
_SHORTLIST = 20
"""Closest choices by a fast measure that difflib then ranks exactly."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or ``""``.

    >>> did_you_mean("partys", ["parties", "sources"])
    "; did you mean 'parties'?"
    >>> did_you_mean("zzz", ["parties"])
    ''
    """
    match = _closest(word, list(choices))
    return f"; did you mean '{match}'?" if match else ""


def _closest(word: str, choices: Sequence[str]) -> str | None:
    """difflib's closest match (ratio at least 0.6), at a bounded cost.

    difflib compares pairs in Python, up to quadratically in their lengths; over
    thousands of ids, for each of hundreds of misspelt references, that took
    minutes.  rapidfuzz's ratio (in C) is never below difflib's, so the choices it
    scores under 60 cannot match and are dropped first; difflib then ranks a
    short list of the rest as before, so the suggestions stay the same.
    """
    if len(choices) > _SHORTLIST:
        from rapidfuzz import fuzz, process  # only when there are many: start-up stays fast

        scored = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=59.9,
                                 limit=_SHORTLIST)
        choices = [choice for choice, _score, _index in scored]
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


class Suggestions:
    """Ids to check references against, with spelling hints at a bounded total cost.

    One file can hold thousands of misspelt references to thousands of ids; each
    hint compares the word with every id, so past ``budget`` comparisons in all
    the messages simply go without a hint.
    """

    def __init__(self, choices: Iterable[str], budget: int = MAX_SUGGESTION_WORK) -> None:
        self.choices = frozenset(choices)
        self._sorted = sorted(self.choices)
        self._left = budget
        self._memo: dict[str, str] = {}

    def __contains__(self, word: object) -> bool:
        return word in self.choices

    def __len__(self) -> int:
        return len(self.choices)

    def hint(self, word: str) -> str:
        """``"; did you mean 'x'?"`` or ``""``, as :func:`did_you_mean`."""
        known = self._memo.get(word)
        if known is not None:
            return known
        if self._left < len(self._sorted):
            return ""
        self._left -= len(self._sorted)
        match = _closest(word, self._sorted)
        hint = self._memo[word] = f"; did you mean '{match}'?" if match else ""
        return hint


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
