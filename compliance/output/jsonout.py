"""The documented JSON output of ``compliance check`` (see docs/json-output.md).

Written incrementally so that bulk inputs stream: findings are emitted as they
are produced and the counts follow them.  Problems met on the way are records of
the document (``errors`` of an assessment, and of the run), so the output is one
valid JSON document whatever fails part-way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import IO, Any

from compliance.engine.assess import RelationshipResult, Screened
from compliance.engine.compile import Rulebook
from compliance.errors import Diagnostic
from compliance.models.findings import Window
from compliance.output.protocol import CaseRun, Place, diagnostic_record
from compliance.version import __version__

SCHEMA_VERSION = 2


def case_head(case_id: str, as_of: dt.date, window: Window, case_sha256: str,
              rulebook: Rulebook) -> dict[str, Any]:
    """An assessment's fields before its findings."""
    return {
        "case": case_id,
        "as_of": as_of.isoformat(),
        "window": {"since": window.since.isoformat(), "until": window.until.isoformat()},
        "case_sha256": case_sha256,
        "rulebook_sha256": rulebook.sha256,
        "rulebook_source": rulebook.source,
        "rules": [{"id": r.id, "version": r.spec.version, "sha256": r.sha256}
                  for r in rulebook.rules],
    }


def brief_record(relationship: str, screened: Screened) -> dict[str, Any]:
    """A finding without its explanation (``--explain``, ``--quiet``)."""
    worst = screened.most_serious
    return {"relationship": relationship, "rule": screened.rule,
            "pinpoint": screened.pinpoint, "status": screened.status,
            "deadline": screened.deadline.isoformat() if screened.deadline else None,
            "most_serious": worst.model_dump(mode="json") if worst else None}


class JsonWriter:
    """Writes ``{"schema_version", "tool_version", "assessments": [...], "errors": [...]}``
    as it goes."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._first_assessment = True
        self._first_finding = True
        self._errors: list[Diagnostic] = []
        self._scope = ""
        out.write(f'{{"schema_version": {SCHEMA_VERSION}, '
                  f'"tool_version": {json.dumps(__version__)}, "assessments": [')

    def begin_case(self, run: CaseRun) -> None:
        head = case_head(run.case.id, run.as_of, run.window, run.sha256, run.rulebook)
        text = json.dumps(head, ensure_ascii=False)
        self.out.write(("" if self._first_assessment else ", ") + "\n" + text[:-1]
                       + ', "findings": [')
        self._first_assessment = False
        self._first_finding = True
        self._scope = run.scope.model_dump_json()

    def relationship(self, result: RelationshipResult, place: Place) -> None:
        for finding in result.findings:
            # pydantic's serializer: 3x json.dumps(model_dump())
            self._entry(finding.model_dump_json())
        for brief in result.screened:
            self._entry(json.dumps(brief_record(result.relationship.id, brief),
                                   ensure_ascii=False))

    def _entry(self, text: str) -> None:
        self.out.write(("" if self._first_finding else ",") + "\n  " + text)
        self._first_finding = False

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 errors: Sequence[Diagnostic]) -> None:
        self._errors.extend(errors)
        self.out.write(f'\n], "errors": {_records(errors)},'
                       f' "counts": {json.dumps(dict(counts))},'
                       f' "counts_in_window": {json.dumps(dict(in_window))},'
                       f' "scope": {self._scope}}}')

    def errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        self._errors.extend(diagnostics)

    def close(self, exit_status: int) -> None:
        self.out.write(f'\n], "errors": {_records(sorted(self._errors))},'
                       f' "exit_status": {exit_status}}}\n')


def _records(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([diagnostic_record(d) for d in diagnostics], ensure_ascii=False)
