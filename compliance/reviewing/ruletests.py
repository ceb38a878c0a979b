"""Run YAML rule tests: evaluate the named rule on each test's case and compare.

The tests are read by :mod:`compliance.inputs.ruletests`; :func:`run` evaluates
only the named rule and reports expected against actual values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from compliance.engine.compile import Rule, Rulebook
from compliance.engine.evaluate import screen, status_of
from compliance.engine.explain import build_finding
from compliance.engine.facts import Context
from compliance.errors import InvalidInputError, did_you_mean
from compliance.inputs.ruletests import Expectation, LoadedTests, RuleTest
from compliance.models.findings import Finding


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


def rule_by_id(rulebook: Rulebook, rule_id: str) -> Rule:
    """The compiled rule with ``rule_id``; ``KeyError`` if absent."""
    for rule in rulebook.rules:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def run(test: RuleTest, rulebook: Rulebook, rule_id: str, path: Path = Path()) -> RuleTestResult:
    """Evaluate ``rule_id`` on every relationship of the test's case and compare."""
    rule = rule_by_id(rulebook, rule_id)
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
