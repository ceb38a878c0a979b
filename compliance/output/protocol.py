"""What every output of ``compliance check`` is told (the writers' protocol).

``check`` drives one writer through the run: each case begins, each relationship's
result arrives with the place it was read from, each case ends with its counts and
the problems met while reading it, problems outside any case (a case file that
cannot be read, broken rules) arrive on their own, and the run closes with its exit
status.  Machine formats therefore stay valid when the input fails part-way: the
errors are records of the output, not an interruption of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from compliance.engine.assess import STATUSES, RelationshipResult, Screened
from compliance.engine.compile import Rulebook
from compliance.errors import Diagnostic
from compliance.models.case import Case
from compliance.models.findings import Finding, Scope, Window

FORMATS = ("text", "json", "jsonl", "sarif", "junit")


@dataclass(frozen=True)
class CaseRun:
    """The case being assessed, as the writers need it."""

    case: Case
    path: str
    as_of: dt.date
    window: Window
    sha256: str
    rulebook: Rulebook
    scope: Scope
    """What the assessment covers and rests on (``engine.scope``)."""


@dataclass(frozen=True)
class Place:
    """Where a relationship was read: the case file, or a line of its JSON Lines file.

    The line of a relationship of the case file is found only when a writer asks
    (it means composing the file's nodes again), so text and JSON never pay for it.
    """

    path: str
    where: int | Callable[[], tuple[int, int]]

    @property
    def line(self) -> int:
        return self.position[0]

    @property
    def col(self) -> int:
        return self.position[1]

    @cached_property
    def position(self) -> tuple[int, int]:
        return (self.where, 1) if isinstance(self.where, int) else self.where()


class Writer(Protocol):
    """An output of ``compliance check``."""

    def begin_case(self, run: CaseRun) -> None: ...

    def relationship(self, result: RelationshipResult, place: Place) -> None: ...

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 errors: Sequence[Diagnostic]) -> None: ...

    def errors(self, diagnostics: Sequence[Diagnostic]) -> None: ...

    def close(self, exit_status: int) -> None: ...


@dataclass(frozen=True)
class Options:
    """What the command line decided that writers reflect."""

    failing: frozenset[str]
    """Statuses that reach ``--fail-on`` (on any day of the history)."""
    explained: frozenset[str] = frozenset(STATUSES)
    color: bool = False


def worst(item: Finding | Screened) -> str:
    """The most serious status of a finding over the history (what ``--fail-on`` reads)."""
    return item.most_serious.status if item.most_serious is not None else item.status


def reported(result: RelationshipResult) -> tuple[Finding | Screened, ...]:
    """A relationship's reported findings, explained or not, most serious first."""
    return (*result.findings, *result.screened)


def diagnostic_record(d: Diagnostic) -> dict[str, object]:
    """A diagnostic as a JSON object (``path``, ``line``, ``col``, ``code``, ``message``)."""
    return {"path": d.path, "line": d.line, "col": d.col, "severity": d.severity,
            "code": d.code, "message": d.message}
