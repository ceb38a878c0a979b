"""Assess a case: every relationship against every rule, as of one date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from compliance import __version__
from compliance.engine.compile import Rule, Rulebook, compile_rulebook
from compliance.engine.evaluate import (
    NOT_IN_FORCE_OUTCOMES,
    Outcome,
    in_force,
    operating,
    screen_in_force,
    status_of,
)
from compliance.engine.explain import build_finding
from compliance.engine.facts import Context
from compliance.inputs.loading import LoadedCase, load_rule_specs
from compliance.models.case import Case, Relationship
from compliance.models.findings import STATUS_ORDER, Assessment, Finding, RuleRef

STATUSES = ("prohibited", "wind_down", "undetermined", "exempt", "not_applicable")


def load_rulebook(paths: Iterable[Path]) -> Rulebook:
    """Load, validate and compile the rule files under ``paths``."""
    return compile_rulebook(load_rule_specs(paths))


def resolve_as_of(case: Case, as_of: dt.date | None) -> dt.date:
    """The assessment date: ``--as-of`` if given, else the case's; never the clock."""
    chosen = as_of or case.as_of
    if chosen is None:
        from compliance.errors import UsageError

        raise UsageError("no assessment date: give --as-of YYYY-MM-DD or set 'as_of' in the case")
    return chosen


@dataclass(frozen=True)
class Screened:
    """A finding's status without its explanation (for ``check --quiet``)."""

    rule: str
    pinpoint: str
    status: str
    deadline: dt.date | None


@dataclass(frozen=True)
class RelationshipResult:
    """The findings for one relationship, with how many rules did not apply.

    ``findings`` are explained; ``screened`` holds the statuses of reported
    findings that were not asked to be explained (``check --explain``), which
    are always less serious than the explained ones.
    """

    relationship: Relationship
    findings: tuple[Finding, ...]
    not_applicable: int
    screened: tuple[Screened, ...] = ()


def assess_relationships(case: Case, relationships: Iterable[Relationship], rulebook: Rulebook,
                         as_of: dt.date, counts: Counter[str], *,
                         include_not_applicable: bool = False,
                         explain: bool | frozenset[str] = True) -> Iterator[RelationshipResult]:
    """Yield each relationship's findings, most serious first, in input order.

    Every rule is evaluated for one relationship before moving on (record-major).
    Only reported findings are explained (reason, trace, questions), and with
    ``explain`` as a set of statuses only findings of those statuses: explaining
    is most of the cost of a large input.
    """
    explained = frozenset(STATUSES) if explain is True else explain or frozenset()
    parties = {p.id: p for p in case.parties}
    sources = {s.id: s for s in case.sources}
    key = sort_key(rulebook)
    order = {r.id: r.spec.severity for r in rulebook.rules}
    binds = [(rule, in_force(rule, as_of)) for rule in rulebook.rules]
    memos: dict[tuple[dt.date, dt.date], dict[tuple[int, str], bool | None]] = {}
    for relationship in relationships:
        ctx = Context(relationship, parties, as_of, memos=memos)
        batch = []
        brief = []
        skipped = 0
        live = operating(ctx)
        for rule, bound in binds:
            outcomes = screen_in_force(rule, ctx, live) if bound else NOT_IN_FORCE_OUTCOMES
            status = status_of(outcomes)
            counts[status] += 1
            if status == "not_applicable" and not include_not_applicable:
                skipped += 1
            elif status in explained:
                batch.append((rule, outcomes))
            else:
                brief.append((rule, outcomes))
        findings = sorted((build_finding(rule, ctx, outcomes, sources)
                           for rule, outcomes in batch), key=key)
        yield RelationshipResult(relationship, tuple(findings), skipped, _screened(brief, order))


def _screened(batch: list[tuple[Rule, frozenset[Outcome]]],
              order: Mapping[str, int]) -> tuple[Screened, ...]:
    out = []
    for rule, outcomes in batch:
        status = status_of(outcomes)
        deadline = min(outcomes).deadline if status == "wind_down" else None
        out.append(Screened(rule.id, rule.spec.provision.pinpoint, status, deadline))
    out.sort(key=lambda s: (STATUS_ORDER[s.status], -order[s.rule], s.rule))
    return tuple(out)


def sort_key(rulebook: Rulebook) -> Callable[[Finding], tuple[int, int, str, str]]:
    """Most serious status first, then rule severity, then rule id."""
    severity = {r.id: r.spec.severity for r in rulebook.rules}
    return lambda f: (STATUS_ORDER[f.status], -severity.get(f.rule, 0), f.rule, f.relationship)


def assess(loaded: LoadedCase, rulebook: Rulebook, as_of: dt.date | None = None, *,
           include_not_applicable: bool = False) -> Assessment:
    """Assess every relationship of a loaded case; the result is deterministic."""
    day = resolve_as_of(loaded.case, as_of)
    counts: Counter[str] = Counter()
    findings = tuple(
        finding
        for result in assess_relationships(loaded.case, loaded.relationships(), rulebook, day,
                                           counts, include_not_applicable=include_not_applicable)
        for finding in result.findings
    )
    return Assessment(
        case=loaded.case.id,
        as_of=day,
        tool_version=__version__,
        case_sha256=loaded.sha256,
        rulebook_sha256=rulebook.sha256,
        rules=tuple(RuleRef(id=r.id, version=r.spec.version, sha256=r.sha256)
                    for r in rulebook.rules),
        counts={s: counts.get(s, 0) for s in STATUSES},
        findings=findings,
    )
