"""YAML rule tests: small inline cases with the finding each rule must produce.

A rule-test file names one rule and lists tests.  Each test gives an assessment
date, a minimal case (the case-file schema; ``id`` and ``title`` may be left
out) and, per relationship, the expected status with an optional deadline,
route and questions.  :func:`run` evaluates only the named rule and reports
expected against actual values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from compliance.engine.compile import Rule, Rulebook
from compliance.engine.evaluate import screen, status_of
from compliance.engine.explain import build_finding
from compliance.engine.facts import Context
from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.inputs.documents import Document, load_path
from compliance.inputs.loading import rule_files
from compliance.inputs.validation import validate
from compliance.models.case import Case
from compliance.models.common import Date, Id, Model, ShortText, Text
from compliance.models.findings import Finding, Status

TEST_CASE_ID = "rule-test"


class Expectation(Model):
    """What one relationship's finding must be."""

    status: Status
    deadline: Date | None = None
    """The last permitted day of a ``wind_down`` finding."""
    route: Id | None = None
    """The carve-out or exemption id of an ``exempt`` finding."""
    questions: tuple[ShortText, ...] | None = None
    """Fact paths that must be among the finding's questions."""


class RuleTest(Model):
    """One test: a date, an inline case and the expected findings."""

    name: ShortText
    as_of: Date
    case: Case
    expect: dict[Id, Expectation] = Field(min_length=1)
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _case_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("case"), dict):
            case = {"id": TEST_CASE_ID, "title": str(data.get("name") or "rule test"),
                    **data["case"]}
            return {**data, "case": case}
        return data


class RuleTestFile(Model):
    """A file of tests for one rule."""

    rule: Id
    tests: tuple[RuleTest, ...] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedTests:
    """A validated rule-test file and where it came from."""

    path: Path
    doc: Document
    spec: RuleTestFile

    @property
    def rule(self) -> str:
        return self.spec.rule


@dataclass(frozen=True)
class Mismatch:
    """One expected value that the actual finding does not match."""

    relationship: str
    field: str
    expected: str
    actual: str


@dataclass(frozen=True)
class RuleTestResult:
    """The outcome of one rule test."""

    path: Path
    rule: str
    name: str
    findings: Mapping[str, Finding]
    windows: Mapping[str, str | None]
    """Per relationship: the wind-down window id that set the deadline, if any."""
    mismatches: tuple[Mismatch, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.mismatches

    @property
    def test_id(self) -> str:
        return f"{self.rule}::{self.name}"


def rule_test_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their ``*.yaml`` test files, sorted (as for rule files)."""
    return rule_files(paths)


def load_rule_tests(paths: Iterable[Path]) -> list[LoadedTests]:
    """Load and validate rule-test files; raise every problem in every file at once."""
    loaded: list[LoadedTests] = []
    problems: list[Diagnostic] = []
    files = rule_test_files(paths)
    if not files:
        raise InvalidInputError([Diagnostic(str(next(iter(paths), ".")), 1, 1, "no-tests",
                                            "no rule-test files (*.yaml) found")])
    for path in files:
        try:
            doc = load_path(path)
            spec = validate(RuleTestFile, doc)
        except InvalidInputError as exc:
            problems.extend(exc.diagnostics)
            continue
        file_problems = list(_check_references(spec, doc))
        problems.extend(file_problems)
        if not file_problems:
            loaded.append(LoadedTests(path, doc, spec))
    if problems:
        raise InvalidInputError(problems)
    return loaded


def _check_references(spec: RuleTestFile, doc: Document) -> Iterator[Diagnostic]:
    for i, test in enumerate(spec.tests):
        loc = ("tests", i)
        parties = {p.id for p in test.case.parties}
        relationships = {r.id for r in test.case.relationships}
        for j, rel in enumerate(test.case.relationships):
            for k, participant in enumerate(rel.parties):
                if participant.party not in parties:
                    yield doc.diagnostic((*loc, "case", "relationships", j, "parties", k, "party"),
                                         "unknown-party",
                                         f"'{participant.party}' is not a party id in this test"
                                         f"{did_you_mean(participant.party, parties)}")
        for rel_id in test.expect:
            if rel_id not in relationships:
                yield doc.diagnostic((*loc, "expect", rel_id), "unknown-relationship",
                                     f"'{rel_id}' is not a relationship id in this test's case"
                                     f"{did_you_mean(rel_id, relationships)}")


def check_rules_exist(files: Iterable[LoadedTests], rulebook: Rulebook) -> None:
    """Raise if a test file names a rule the rulebook lacks."""
    known = {r.id for r in rulebook.rules}
    problems = [
        t.doc.diagnostic(("rule",), "unknown-rule",
                         f"'{t.rule}' is not a rule id{did_you_mean(t.rule, known)}")
        for t in files if t.rule not in known
    ]
    if problems:
        raise InvalidInputError(problems)


def find_rule(rulebook: Rulebook, rule_id: str) -> Rule:
    """The compiled rule with ``rule_id``; ``KeyError`` if absent."""
    for rule in rulebook.rules:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def run(test: RuleTest, rulebook: Rulebook, rule_id: str, path: Path = Path()) -> RuleTestResult:
    """Evaluate ``rule_id`` on every relationship of the test's case and compare."""
    rule = find_rule(rulebook, rule_id)
    parties = {p.id: p for p in test.case.parties}
    sources = {s.id: s for s in test.case.sources}
    findings: dict[str, Finding] = {}
    windows: dict[str, str | None] = {}
    for relationship in test.case.relationships:
        ctx = Context(relationship, parties, test.as_of)
        outcomes = screen(rule, ctx)
        finding = build_finding(rule, ctx, outcomes, sources)
        findings[relationship.id] = finding
        windows[relationship.id] = (min(outcomes).cause
                                    if status_of(outcomes) == "wind_down" else None)
    mismatches: list[Mismatch] = []
    for rel_id, want in test.expect.items():
        mismatches.extend(compare(rel_id, want, findings[rel_id]))
    return RuleTestResult(path, rule_id, test.name, findings, windows, tuple(mismatches))


def compare(rel_id: str, want: Expectation, got: Finding) -> Iterator[Mismatch]:
    """Every difference between an expectation and a finding."""
    if want.status != got.status:
        extra = f" ({' or '.join(got.possible_statuses)})" if got.possible_statuses else ""
        yield Mismatch(rel_id, "status", want.status, got.status + extra)
    if want.deadline is not None and want.deadline != got.deadline:
        yield Mismatch(rel_id, "deadline", want.deadline.isoformat(), _date(got.deadline))
    if want.route is not None:
        actual = got.route.id if got.route else "none"
        if want.route != actual:
            yield Mismatch(rel_id, "route", want.route, actual)
    if want.questions is not None:
        asked = {q.fact for q in got.questions}
        missing = [q for q in want.questions if q not in asked]
        if missing:
            yield Mismatch(rel_id, "questions", ", ".join(want.questions),
                           ", ".join(sorted(asked)) or "none")


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "none"


def run_all(files: Iterable[LoadedTests], rulebook: Rulebook,
            keyword: str | None = None) -> list[RuleTestResult]:
    """Run every test in ``files`` whose id contains ``keyword`` (case-insensitive)."""
    results = []
    for loaded in files:
        for test in loaded.spec.tests:
            test_id = f"{loaded.rule}::{test.name}"
            if keyword and keyword.lower() not in test_id.lower():
                continue
            results.append(run(test, rulebook, loaded.rule, loaded.path))
    return results


@dataclass
class Coverage:
    """What the tests exercised for one rule."""

    tests: int = 0
    statuses: set[str] = field(default_factory=set)
    routes: set[str] = field(default_factory=set)
    windows: set[str] = field(default_factory=set)


def coverage(results: Iterable[RuleTestResult], rulebook: Rulebook) -> dict[str, Coverage]:
    """Per rule: the statuses, routes and wind-down windows its tests produced."""
    out = {rule.id: Coverage() for rule in rulebook.rules}
    for result in results:
        cov = out.setdefault(result.rule, Coverage())
        cov.tests += 1
        for rel_id, finding in result.findings.items():
            cov.statuses.add(finding.status)
            if finding.route is not None:
                cov.routes.add(finding.route.id)
            window = result.windows.get(rel_id)
            if window:
                cov.windows.add(window)
    return out


def available(rule: Rule) -> tuple[set[str], set[str]]:
    """The route ids and window ids a rule defines."""
    routes = {r.spec.id for r in rule.routes}
    windows = {w.spec.id for w in rule.windows}
    return routes, windows
