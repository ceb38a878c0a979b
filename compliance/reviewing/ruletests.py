"""Run YAML rule tests: evaluate the named rule on each test's case and compare.

The tests are read by :mod:`compliance.inputs.ruletests`; :func:`run` evaluates
only the named rule and reports expected against actual values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from compliance.engine.assess import choose_readings
from compliance.engine.compile import Rule, Rulebook
from compliance.engine.evaluate import screen, status_of
from compliance.engine.explain import build_finding
from compliance.engine.facts import Context
from compliance.engine.history import Dates, Span, history
from compliance.engine.obligations import BASIS_WORDS
from compliance.engine.operators.readings import PREFIX
from compliance.errors import InvalidInputError, did_you_mean
from compliance.inputs.ruletests import Expectation, LoadedTests, Period, RuleTest
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
    readings, problems = choose_readings(rulebook, test.case, test.interpretations)
    mismatches: list[Mismatch] = [Mismatch("(test)", "interpretations", "a known reading",
                                           message) for _who, _ident, message in problems]
    findings: dict[str, Finding] = {}
    windows: dict[str, str | None] = {}
    spans: dict[str, list[Span]] = {}
    dates = Dates(parties)
    first = min(test.since or rule.spec.in_force.from_, test.as_of)
    for relationship in test.case.relationships:
        ctx = Context(relationship, parties, test.as_of, readings=readings)
        outcomes = screen(rule, ctx)
        finding = build_finding(rule, ctx, outcomes, sources)
        findings[relationship.id] = finding
        windows[relationship.id] = (min(outcomes).cause
                                    if status_of(outcomes) == "wind_down" else None)
        want = test.expect.get(relationship.id)
        if want is not None and (want.history is not None or want.ever is not None):
            spans[relationship.id] = history(rule, ctx, (first, test.as_of),
                                             dates.relationship(relationship))
    for rel_id, want in test.expect.items():
        mismatches.extend(compare(rel_id, want, findings[rel_id]))
        if rel_id in spans:
            mismatches.extend(compare_history(rel_id, want, spans[rel_id], test.as_of))
    return RuleTestResult(path, rule_id, test.name, findings, windows, tuple(mismatches))


def compare(rel_id: str, want: Expectation, got: Finding) -> Iterator[Mismatch]:
    """Every difference between an expectation and a finding (its history aside)."""
    if want.status != got.status:
        extra = f" ({' or '.join(got.possible_statuses)})" if got.possible_statuses else ""
        yield Mismatch(rel_id, "status", want.status, got.status + extra)
    if want.deadline is not None and want.deadline != got.deadline:
        yield Mismatch(rel_id, "deadline", want.deadline.isoformat(), _date(got.deadline))
    if want.route is not None:
        actual = got.route.id if got.route else "none"
        if want.route != actual:
            yield Mismatch(rel_id, "route", want.route, actual)
    asked = {q.fact for q in got.questions}
    if want.questions is not None:
        missing = [q for q in want.questions if q not in asked]
        if missing:
            yield Mismatch(rel_id, "questions", ", ".join(want.questions),
                           ", ".join(sorted(asked)) or "none")
    if want.not_questions is not None:
        unwanted = [q for q in want.not_questions if q in asked]
        if unwanted:
            yield Mismatch(rel_id, "not_questions", "none of " + ", ".join(want.not_questions),
                           ", ".join(sorted(asked)))
    if want.interpretive_questions is not None:
        open_ = {q.fact.removeprefix(PREFIX) for q in got.interpretive_questions}
        if not set(want.interpretive_questions) <= open_:
            yield Mismatch(rel_id, "interpretive_questions",
                           ", ".join(want.interpretive_questions),
                           ", ".join(sorted(open_)) or "none")
    if want.relies_on is not None:
        relied = {r.id: r.reading or "open" for r in got.relies_on}
        wrong = {k: v for k, v in want.relies_on.items() if relied.get(k) != v}
        if wrong:
            yield Mismatch(rel_id, "relies_on", _pairs(want.relies_on), _pairs(relied) or "none")
    yield from _compare_states(rel_id, want, got)
    for words in want.caveats_exclude or ():
        found = [c for c in got.caveats if words in c]
        if found:
            yield Mismatch(rel_id, "caveats_exclude", f"no caveat containing {words!r}",
                           found[0])


def _compare_states(rel_id: str, want: Expectation, got: Finding) -> Iterator[Mismatch]:
    if want.states is not None and set(want.states) != set(got.obligated_states):
        yield Mismatch(rel_id, "states", ", ".join(sorted(want.states)) or "none",
                       ", ".join(got.obligated_states) or "none")
    if want.state_bases is not None:
        actual = {o.state: tuple(sorted({basis_kind(b) for b in o.bases}))
                  for o in got.obligations}
        for state, bases in want.state_bases.items():
            if tuple(sorted(set(bases))) != actual.get(state, ()):
                yield Mismatch(rel_id, f"state_bases[{state}]", ", ".join(sorted(bases)),
                               ", ".join(actual.get(state, ())) or "not obligated")


def basis_kind(words: str) -> str:
    """The jurisdictional basis (``state_of_income``...) a finding's words name."""
    for kind, template in BASIS_WORDS.items():
        if words.startswith(template.split("{", 1)[0]):
            return kind
    return words  # pragma: no cover - every basis the engine prints has a template


def compare_history(rel_id: str, want: Expectation, spans: list[Span], as_of: dt.date
                    ) -> Iterator[Mismatch]:
    """Differences between the expected and the actual status history."""
    actual = [Period.model_validate({"from": s.first, "to": None if s.last == as_of else s.last,
                                     "status": s.status, "deadline": s.deadline})
              for s in spans]
    if want.history is not None and list(want.history) != actual:
        yield Mismatch(rel_id, "history", _periods(want.history), _periods(actual))
    if want.ever is not None and not any(p.status == want.ever for p in actual):
        yield Mismatch(rel_id, "ever", want.ever, _periods(actual))


def _periods(periods: Iterable[Period]) -> str:
    return "; ".join(
        f"{p.from_.isoformat()}..{p.to.isoformat() if p.to else 'as_of'} {p.status}"
        + (f" until {p.deadline.isoformat()}" if p.deadline else "") for p in periods)


def _pairs(mapping: Mapping[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(mapping.items()))


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
