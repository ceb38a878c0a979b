"""``compliance check --format jsonl``: one JSON object per line, each valid on its own.

Every line has a ``type``: ``assessment`` (a case begins: the fields of an
assessment in the JSON output, without its findings), ``finding`` (one reported
finding, full or brief, with its ``case``), ``error`` (one problem, located),
``counts`` (a case ends) and, last, ``end`` with the exit status.  A consumer can
stop reading anywhere and still have parsed every line it read (docs/ci.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import IO, Any

from compliance.engine.assess import RelationshipResult
from compliance.errors import Diagnostic
from compliance.output.jsonout import SCHEMA_VERSION, brief_record, case_head
from compliance.output.protocol import CaseRun, Place, diagnostic_record
from compliance.version import __version__


class JsonLinesWriter:
    """Writes one record per line as the run goes."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._case = ""
        self._scope: dict[str, Any] = {}
        self._errors = 0

    def _line(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def begin_case(self, run: CaseRun) -> None:
        self._case = run.case.id
        self._scope = run.scope.model_dump(mode="json")
        self._line({"type": "assessment", "schema_version": SCHEMA_VERSION,
                    "tool_version": __version__, "path": run.path,
                    **case_head(run.case.id, run.as_of, run.window, run.sha256,
                                run.rulebook)})

    def relationship(self, result: RelationshipResult, place: Place) -> None:
        where = {"path": place.path, "line": place.line}
        for finding in result.findings:
            self.out.write(f'{{"type": "finding", "case": {json.dumps(self._case)},'
                           f' "at": {json.dumps(where)}, ' + finding.model_dump_json()[1:] + "\n")
        for brief in result.screened:
            self._line({"type": "finding", "case": self._case, "at": where,
                        **brief_record(result.relationship.id, brief)})

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 errors: Sequence[Diagnostic]) -> None:
        self.errors(errors)
        self._line({"type": "counts", "case": self._case, "counts": dict(counts),
                    "counts_in_window": dict(in_window), "scope": self._scope})
        self._case = ""

    def errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        for d in diagnostics:
            self._errors += 1
            self._line({"type": "error", **({"case": self._case} if self._case else {}),
                        **diagnostic_record(d)})

    def close(self, exit_status: int) -> None:
        self._line({"type": "end", "errors": self._errors, "exit_status": exit_status})
