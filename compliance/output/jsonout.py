"""The documented JSON output of ``compliance check`` (see docs/json-output.md).

Written incrementally so that bulk inputs stream: findings are emitted as they
are produced and the counts follow them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import IO, Any

from compliance import __version__
from compliance.engine.assess import Screened
from compliance.engine.compile import Rulebook
from compliance.models.findings import Finding, Scope, Window

SCHEMA_VERSION = 2


class JsonWriter:
    """Writes ``{"schema_version", "tool_version", "assessments": [...]}`` as it goes."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._first_assessment = True
        self._first_finding = True
        out.write(f'{{"schema_version": {SCHEMA_VERSION}, '
                  f'"tool_version": {json.dumps(__version__)}, "assessments": [')

    def begin_case(self, case_id: str, as_of: dt.date, window: Window, case_sha256: str,
                   rulebook: Rulebook) -> None:
        head: dict[str, Any] = {
            "case": case_id,
            "as_of": as_of.isoformat(),
            "window": {"since": window.since.isoformat(), "until": window.until.isoformat()},
            "case_sha256": case_sha256,
            "rulebook_sha256": rulebook.sha256,
            "rulebook_source": rulebook.source,
            "rules": [{"id": r.id, "version": r.spec.version, "sha256": r.sha256}
                      for r in rulebook.rules],
        }
        text = json.dumps(head, ensure_ascii=False)
        self.out.write(("" if self._first_assessment else ", ") + "\n" + text[:-1]
                       + ', "findings": [')
        self._first_assessment = False
        self._first_finding = True

    def finding(self, finding: Finding) -> None:
        text = finding.model_dump_json()  # pydantic's serializer: 3x json.dumps(model_dump())
        self.out.write(("" if self._first_finding else ",") + "\n  " + text)
        self._first_finding = False

    def brief(self, relationship: str, screened: Screened) -> None:
        """A finding without its explanation (``--quiet``)."""
        worst = screened.most_serious
        entry = {"relationship": relationship, "rule": screened.rule,
                 "pinpoint": screened.pinpoint, "status": screened.status,
                 "deadline": screened.deadline.isoformat() if screened.deadline else None,
                 "most_serious": worst.model_dump(mode="json") if worst else None}
        self.out.write(("" if self._first_finding else ",") + "\n  "
                       + json.dumps(entry, ensure_ascii=False))
        self._first_finding = False

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 scope: Scope) -> None:
        self.out.write(f'\n], "counts": {json.dumps(dict(counts))},'
                       f' "counts_in_window": {json.dumps(dict(in_window))},'
                       f' "scope": {scope.model_dump_json()}}}')

    def close(self) -> None:
        self.out.write("\n]}\n")
