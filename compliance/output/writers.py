"""What every output of ``compliance check`` is told, and the writer for each ``--format``.

``check`` drives one writer through the run: each case begins, each relationship's
result arrives with the place it was read from, each case ends with its counts and
the problems met while reading it, problems outside any case (a case file that
cannot be read, broken rules) arrive on their own, and the run closes with its exit
status.  Machine formats therefore stay valid when the input fails part-way: the
errors are records of the output, not an interruption of it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, Protocol

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


@dataclass
class TextWriter:
    """The readable terminal output (``compliance.output.text``)."""

    stream: IO[str]
    options: Options
    _totals: Counter[str] = field(default_factory=Counter)
    _worst: Counter[str] = field(default_factory=Counter)
    _relationships: int = 0
    _cases: int = 0

    def __post_init__(self) -> None:
        from compliance.output import text  # rich's styles: only for this format

        self._text = text
        self._out = text.Out(self.stream, self.options.color)

    def begin_case(self, run: CaseRun) -> None:
        self._cases += 1
        self._text.case_header(self._out, run.case, run.as_of, run.window,
                               len(run.rulebook.rules))

    def relationship(self, result: RelationshipResult, place: Place) -> None:
        self._relationships += 1
        if result.findings or (self.options.explained and not result.screened):
            # A block per relationship, also when no rule reaches it; status lines
            # alone when nothing here is to be explained.
            self._text.relationship_block(self._out, result)
        else:
            self._text.brief_lines(self._out, result)

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 errors: Sequence[Diagnostic]) -> None:
        self._totals.update(counts)
        self._worst.update(in_window)

    def errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Problems go to standard error, where ``check`` prints them for every format."""

    def close(self, exit_status: int) -> None:
        if self._cases:
            self._text.summary(self._out, self._totals, self._worst, self._relationships,
                               self._cases)


def writer_for(name: str, stream: IO[str], options: Options) -> Writer:
    """The writer of ``--format name``."""
    if name == "json":
        from compliance.output.jsonout import JsonWriter

        return JsonWriter(stream)
    if name == "jsonl":
        from compliance.output.jsonl import JsonLinesWriter

        return JsonLinesWriter(stream)
    if name == "sarif":
        from compliance.output.sarif import SarifWriter

        return SarifWriter(stream, options)
    if name == "junit":
        from compliance.output.junit import JUnitWriter

        return JUnitWriter(stream, options)
    return TextWriter(stream, options)
