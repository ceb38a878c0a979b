"""``compliance check --format junit``: JUnit XML for CI test reports (GitLab, Jenkins...).

One test suite per case and one test case per reported (relationship, rule): it
fails when the finding reaches ``--fail-on`` on any day of the history and passes
otherwise, with the status in its output.  Each problem in the input is a test
case with an ``error`` in a suite named after the file, so the report is complete
whatever fails.  A suite is written when its case ends (its counts lead it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import IO
from xml.etree import ElementTree as ET

from compliance.engine.assess import RelationshipResult
from compliance.errors import Diagnostic
from compliance.models.findings import Finding
from compliance.output.protocol import CaseRun, Options, Place, reported, worst

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class JUnitWriter:
    """Writes ``<testsuites>`` with a ``<testsuite>`` per case."""

    def __init__(self, out: IO[str], options: Options) -> None:
        self.out = out
        self.options = options
        self._suite: ET.Element | None = None
        self._path = ""
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="compliance">\n')

    def begin_case(self, run: CaseRun) -> None:
        self._path = run.path
        self._suite = ET.Element("testsuite", {"name": run.case.id, "file": run.path})
        properties = ET.SubElement(self._suite, "properties")
        for name, value in (("as_of", run.as_of.isoformat()),
                            ("since", run.window.since.isoformat()),
                            ("until", run.window.until.isoformat()),
                            ("rulebook_sha256", run.rulebook.sha256)):
            ET.SubElement(properties, "property", {"name": name, "value": value})

    def relationship(self, result: RelationshipResult, place: Place) -> None:
        suite = self._suite
        if suite is None:  # pragma: no cover - check always begins a case first
            return
        rel = result.relationship
        for item in reported(result):
            status = worst(item)
            pinpoint = (item.provision.pinpoint if isinstance(item, Finding)
                        else item.pinpoint)
            case = ET.SubElement(suite, "testcase", {
                "classname": f"{suite.get('name')}.{rel.id}",
                "name": f"{item.rule} ({pinpoint})",
                "file": place.path, "line": str(place.line)})
            shown = status.upper() + (f" (now {item.status})" if status != item.status else "")
            if item.deadline is not None:
                shown += f", last permitted day {item.deadline.isoformat()}"
            reason = item.reason if isinstance(item, Finding) else ""
            if status in self.options.failing:
                failure = ET.SubElement(case, "failure", {
                    "type": status, "message": f"{shown}: {rel.title or rel.id}"})
                failure.text = reason
            else:
                ET.SubElement(case, "system-out").text = f"{shown}. {reason}".strip()

    def end_case(self, counts: Mapping[str, int], in_window: Mapping[str, int],
                 errors: Sequence[Diagnostic]) -> None:
        suite = self._suite
        if suite is None:  # pragma: no cover - check always begins a case first
            return
        for d in errors:
            _error_case(suite, d)
        self._write(suite)
        self._suite = None

    def errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        by_file: dict[str, ET.Element] = {}
        for d in diagnostics:
            suite = by_file.get(d.path)
            if suite is None:
                suite = by_file[d.path] = ET.Element("testsuite", {"name": d.path,
                                                                   "file": d.path})
            _error_case(suite, d)
        for suite in by_file.values():
            self._write(suite)

    def _write(self, suite: ET.Element) -> None:
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
        ET.indent(suite, "  ", level=1)
        # XML 1.0 has no way to write most control characters, even escaped.
        self.out.write("  " + _NOT_XML.sub("", ET.tostring(suite, encoding="unicode")) + "\n")

    def close(self, exit_status: int) -> None:
        self.out.write("</testsuites>\n")


def _error_case(suite: ET.Element, d: Diagnostic) -> None:
    case = ET.SubElement(suite, "testcase", {
        "classname": f"{suite.get('name')}.input",
        "name": f"{d.path}:{d.line}:{d.col} [{d.code}]",
        "file": d.path, "line": str(d.line)})
    error = ET.SubElement(case, "error", {"type": d.code, "message": d.message})
    error.text = d.format()
