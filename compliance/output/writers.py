"""The writer for each ``--format`` of ``compliance check``, and the text writer.

Every writer follows :class:`compliance.output.protocol.Writer`; the machine formats
live in modules of their own and are imported only when chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

from compliance.engine.assess import RelationshipResult
from compliance.errors import Diagnostic
from compliance.output.protocol import CaseRun, Options, Place, Writer


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
