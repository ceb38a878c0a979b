"""``compliance check --format sarif``: SARIF 2.1.0 for code-scanning annotations.

One result per reported finding, located at the relationship's line in the case
file (or in its JSON Lines file), with the rule's pinpoint in the message and the
provision's summary and link as the rule's help.  The level says whether the
finding reaches ``--fail-on`` (``error``) or not (``warning`` for prohibited,
wind-down and undetermined findings, ``note`` otherwise).  A problem in the input
is a result of the ``invalid-input`` rule at the bad line, and a tool execution
notification of the invocation, so the file is complete whatever fails.

Results stream as they come; the tool and its rules follow them in the same run
object (JSON objects are unordered), so memory does not grow with the input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any

from compliance.engine.assess import RelationshipResult, Screened
from compliance.engine.compile import Rule
from compliance.errors import Diagnostic
from compliance.models.findings import Finding
from compliance.output.protocol import CaseRun, Options, Place, reported, worst
from compliance.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_RULE = "invalid-input"
REPORTED_LEVEL = {"prohibited": "warning", "wind_down": "warning", "undetermined": "warning",
                  "exempt": "note", "not_applicable": "note"}


def artifact_uri(path: str) -> str:
    """A path as SARIF wants it: relative and with ``/`` (resolved against the checkout
    by code-scanning services), or a ``file:`` URI when absolute."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


class SarifWriter:
    """Writes one SARIF log with one run."""

    def __init__(self, out: IO[str], options: Options) -> None:
        self.out = out
        self.options = options
        self._rules: dict[str, tuple[int, dict[str, Any]]] = {}
        self._notifications: list[dict[str, Any]] = []
        self._first = True
        self._case = ""
        out.write(f'{{"$schema": {json.dumps(SCHEMA)}, "version": "2.1.0", "runs": [{{'
                  '"results": [')

    def begin_case(self, run: CaseRun) -> None:
        self._case = run.case.id
        for rule in run.rulebook.rules:
            self._rule(rule.id, partial(_descriptor, rule))

    def _rule(self, rule_id: str, make: Callable[[], dict[str, Any]]) -> int:
        known = self._rules.get(rule_id)
        if known is None:
            known = self._rules[rule_id] = (len(self._rules), make())
        return known[0]

    def relationship(self, result: RelationshipResult, place: Place) -> None:
        rel = result.relationship
        for item in reported(result):
            status = worst(item)
            level = "error" if status in self.options.failing else REPORTED_LEVEL[status]
            pinpoint = (item.provision.pinpoint if isinstance(item, Finding)
                        else item.pinpoint)
            self._result({
                "ruleId": item.rule,
                "ruleIndex": self._rules[item.rule][0],
                "level": level,
                "message": {"text": _message(item, rel.title or rel.id, pinpoint)},
                "locations": [_location(place.path, place.line, place.col)],
                "partialFingerprints": {"relationshipRule/v1":
                                        f"{self._case}/{rel.id}/{item.rule}"},
                "properties": {"case": self._case, "relationship": rel.id,
                               "status": item.status, "most_serious": status,
                               "pinpoint": pinpoint,
                               "deadline": item.deadline.isoformat() if item.deadline
                               else None},
            })

    def _result(self, result: dict[str, Any]) -> None:
        self.out.write(("" if self._first else ",") + "\n  "
                       + json.dumps(result, ensure_ascii=False))
        self._first = False

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 errors: Sequence[Diagnostic]) -> None:
        self.errors(errors)
        self._case = ""

    def errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        index = self._rule(INPUT_RULE, _input_descriptor) if diagnostics else 0
        for d in diagnostics:
            location = _location(d.path, d.line, d.col)
            message = {"text": f"{d.message} [{d.code}]"}
            self._result({"ruleId": INPUT_RULE, "ruleIndex": index, "level": "error",
                          "message": message, "locations": [location],
                          "properties": {"code": d.code}})
            self._notifications.append({"level": "error", "message": message,
                                        "locations": [location],
                                        "descriptor": {"id": d.code}})

    def close(self, exit_status: int) -> None:
        rules = [descriptor for _index, descriptor in
                 sorted(self._rules.values(), key=lambda item: item[0])]
        tool = {"driver": {"name": "compliance", "version": __version__,
                           "semanticVersion": __version__, "rules": rules}}
        invocation = {"executionSuccessful": exit_status != 2, "exitCode": exit_status,
                      "toolExecutionNotifications": self._notifications}
        self.out.write(f'\n], "tool": {json.dumps(tool, ensure_ascii=False)},'
                       f' "invocations": [{json.dumps(invocation, ensure_ascii=False)}],'
                       ' "columnKind": "unicodeCodePoints"}]}\n')


def _location(path: str, line: int, col: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)},
                                 "region": {"startLine": max(line, 1),
                                            "startColumn": max(col, 1)}}}


def _message(item: Finding | Screened, title: str, pinpoint: str) -> str:
    status = worst(item)
    head = f"{title}: {status.replace('_', ' ')} under {pinpoint}"
    if item.deadline is not None:
        head += f" (last permitted day {item.deadline.isoformat()})"
    if isinstance(item, Finding) and item.reason:
        return f"{head}. {' '.join(item.reason.split())}"
    return head + "."


def _descriptor(rule: Rule) -> dict[str, Any]:
    spec = rule.spec
    p = spec.provision
    summary = " ".join(spec.summary.split())
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": f"{p.pinpoint}: {spec.title}"},
        "fullDescription": {"text": summary},
        "help": {"text": f"{p.pinpoint}. {summary} Official text: {p.url}",
                 "markdown": f"**[{p.pinpoint}]({p.url})**: {spec.title}\n\n{summary}"},
        "helpUri": str(p.url),
        "properties": {"pinpoint": p.pinpoint, "instrument": p.instrument,
                       "paragraph": p.paragraph, "version": spec.version,
                       "severity": spec.severity, "wording": p.wording,
                       "paragraph_status": p.paragraph_status},
    }


def _input_descriptor() -> dict[str, Any]:
    return {"id": INPUT_RULE, "name": "InvalidInput",
            "shortDescription": {"text": "The input cannot be assessed as written"},
            "fullDescription": {"text": "A case, JSON Lines or rule file has a problem the"
                                        " tool reports with a located diagnostic; fix it and"
                                        " run again."},
            "help": {"text": "See docs/case-format.md and docs/writing-rules.md."},
            "defaultConfiguration": {"level": "error"}}
