"""Decide a rule's status for one relationship, with three-valued logic.

A rule is evaluated in stages that follow the provision's structure: is the
provision in force, is the relationship in operation, is it within the
provision's scope, does a carve-out or an exemption apply, is it inside a
wind-down window.  Each stage is true, false or unknown, over the period the
context covers (one day, or several: a stage that differs between the days is
unknown).  The possible outcomes are those of every way of settling the unknown
stages; a finding is determined only when they agree, so learning a fact can
settle a finding but never flip a determined one.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from compliance.engine.compile import Rule
from compliance.engine.days import Day, on_or_before
from compliance.engine.facts import FACTS, Context

TV = bool | None
_OPERATING = FACTS["relationship.operating"].get


@dataclass(frozen=True, order=True)
class Outcome:
    """One possible result: a status, what caused it, and any deadline."""

    status: str
    cause: str
    deadline: dt.date | None = None


NOT_IN_FORCE = "not-in-force"
NOT_OPERATING = "not-operating"
OUT_OF_SCOPE = "out-of-scope"
NO_ROUTE = "no-exemption"
_NOT_OPERATING_OUTCOME = Outcome("not_applicable", NOT_OPERATING)
_OUT_OF_SCOPE_OUTCOME = Outcome("not_applicable", OUT_OF_SCOPE)
_PROHIBITED = Outcome("prohibited", NO_ROUTE)
NOT_IN_FORCE_OUTCOMES = frozenset({Outcome("not_applicable", NOT_IN_FORCE)})
_NOT_OPERATING = NOT_OPERATING_OUTCOMES = frozenset({_NOT_OPERATING_OUTCOME})
_OUT_OF_SCOPE = frozenset({_OUT_OF_SCOPE_OUTCOME})
_NOT_OPERATING_OR_OUT_OF_SCOPE = frozenset({_NOT_OPERATING_OUTCOME, _OUT_OF_SCOPE_OUTCOME})


@dataclass(frozen=True)
class Stages:
    """The three-valued value of each stage for one relationship."""

    in_force: TV
    operating: TV
    scope: TV
    routes: tuple[TV, ...]
    wind_down: TV
    windows: tuple[tuple[TV, TV, dt.date | None], ...]
    """(window applies, as-of date within it, last permitted day if known)."""


def in_force(rule: Rule, day: dt.date | Day) -> TV:
    """Whether the provision binds on every day of ``day`` (dates only, never facts):
    false when it binds on none of them, unknown when on some."""
    lo, hi = (day, day) if isinstance(day, dt.date) else day
    period = rule.spec.in_force
    if period.from_ <= lo and (period.until is None or hi <= period.until):
        return True
    if hi < period.from_ or (period.until is not None and lo > period.until):
        return False
    return None


def operating(ctx: Context) -> TV:
    """Whether the relationship is in operation on every day of the period (three-valued)."""
    result: TV = _OPERATING(ctx, None)
    return result


def stages(rule: Rule, ctx: Context) -> Stages:
    """Evaluate every stage with the fast evaluators."""
    bound = in_force(rule, ctx.day)
    if bound is False:
        return Stages(False, False, False, (), False, ())
    live = operating(ctx)
    if live is False:
        return Stages(bound, False, False, (), False, ())
    scope = rule.scope.fast(ctx, None)
    if scope is False:
        return Stages(bound, live, False, (), False, ())
    return _later_stages(rule, ctx, live, scope, bound)


def _later_stages(rule: Rule, ctx: Context, live: TV, scope: TV, bound: TV = True) -> Stages:
    """The stages after the scope, for a rule in force whose scope is not false."""
    routes = tuple(r.node.fast(ctx, None) for r in rule.routes)
    wind_down: TV = False
    windows: list[tuple[TV, TV, dt.date | None]] = []
    if rule.wind_down is not None:
        wind_down = rule.wind_down.fast(ctx, None)
        for w in rule.windows:
            applies = True if w.node is None else w.node.fast(ctx, None)
            if w.open_ended:  # lasts while its condition holds: no last day
                windows.append((applies, True, None))
                continue
            lo, hi = w.deadline(ctx, None)
            within = on_or_before(ctx.day, (lo, hi))
            windows.append((applies, within, hi if lo == hi else None))
    return Stages(bound, live, scope, routes, wind_down, tuple(windows))


def decide(rule: Rule, s: Stages) -> frozenset[Outcome]:
    """Every outcome consistent with the stages; one outcome means determined.

    Walks the stages in the order :func:`_decide_known` reads them, following
    both branches of an unknown stage only as far as it matters.  The result
    equals :func:`decide_by_enumeration` (every way of settling every unknown)
    without its exponential cost.
    """
    if s.in_force is False:
        return NOT_IN_FORCE_OUTCOMES
    if s.in_force is None:
        # In force on some of the days only: not applicable on the others.
        rest = decide(rule, Stages(True, s.operating, s.scope, s.routes, s.wind_down,
                                   s.windows))
        return rest | NOT_IN_FORCE_OUTCOMES
    if s.operating is False:
        return _NOT_OPERATING
    if s.scope is False and s.operating is True:
        return _OUT_OF_SCOPE
    results: set[Outcome] = set()
    if s.operating is None:
        results.add(_NOT_OPERATING_OUTCOME)
    if s.scope is not True:
        results.add(_OUT_OF_SCOPE_OUTCOME)
        if s.scope is False:
            return frozenset(results)
    for route, holds in zip(rule.routes, s.routes, strict=True):
        if holds is False:
            continue
        results.add(Outcome("exempt", route.spec.id))
        if holds is True:
            return frozenset(results)
    if s.wind_down is not True:
        results.add(_PROHIBITED)
        if s.wind_down is False:
            return frozenset(results)
    # Each window is live (applies and within), not live, or either.
    live: list[tuple[bool, ...]] = []
    for applies, within, _ in s.windows:
        if applies is False or within is False:
            live.append((False,))
        elif applies is True and within is True:
            live.append((True,))
        else:
            live.append((True, False))
    for choice in itertools.product(*live):
        best: tuple[dt.date | None, str] | None = None
        for i, window in enumerate(rule.windows):
            if choice[i]:
                deadline = s.windows[i][2]
                if best is None or (deadline or dt.date.max) > (best[0] or dt.date.max):
                    best = (deadline, window.spec.id)
        results.add(_PROHIBITED if best is None else Outcome("wind_down", best[1], best[0]))
    return frozenset(results)


def decide_by_enumeration(rule: Rule, s: Stages) -> frozenset[Outcome]:
    """Reference for :func:`decide`: settle every unknown stage both ways (exponential)."""
    if s.in_force is False:
        return frozenset({Outcome("not_applicable", NOT_IN_FORCE)})
    if s.in_force is None:
        known = Stages(True, s.operating, s.scope, s.routes, s.wind_down, s.windows)
        return decide_by_enumeration(rule, known) | NOT_IN_FORCE_OUTCOMES
    flat: list[TV] = [s.operating, s.scope, *s.routes, s.wind_down]
    for applies, within, _ in s.windows:
        flat += [applies, within]
    unknown = [i for i, v in enumerate(flat) if v is None]
    if not unknown:
        return frozenset({_decide_known(rule, [bool(v) for v in flat], s)})
    results = set()
    for choice in itertools.product((True, False), repeat=len(unknown)):
        filled = [bool(v) for v in flat]
        for i, value in zip(unknown, choice, strict=True):
            filled[i] = value
        results.add(_decide_known(rule, filled, s))
    return frozenset(results)


def _decide_known(rule: Rule, values: list[bool], s: Stages) -> Outcome:
    operating, scope = values[0], values[1]
    if not operating:
        return Outcome("not_applicable", NOT_OPERATING)
    if not scope:
        return Outcome("not_applicable", OUT_OF_SCOPE)
    n = len(rule.routes)
    for route, holds in zip(rule.routes, values[2:2 + n], strict=True):
        if holds:
            return Outcome("exempt", route.spec.id)
    if values[2 + n]:
        best: tuple[dt.date | None, str] | None = None
        rest = values[3 + n:]
        for i, window in enumerate(rule.windows):
            applies, within = rest[2 * i], rest[2 * i + 1]
            if applies and within:
                deadline = s.windows[i][2]
                key = (deadline, window.spec.id)
                if best is None or (deadline or dt.date.max) > (best[0] or dt.date.max):
                    best = key
        if best is not None:
            return Outcome("wind_down", best[1], best[0])
    return Outcome("prohibited", NO_ROUTE)


def screen(rule: Rule, ctx: Context) -> frozenset[Outcome]:
    """Fast path: the possible outcomes of ``rule`` for ``ctx``, without a trace."""
    bound = in_force(rule, ctx.day)
    if bound is False:
        return NOT_IN_FORCE_OUTCOMES
    if bound is None:
        return decide(rule, stages(rule, ctx))
    return screen_in_force(rule, ctx, operating(ctx))


def screen_in_force(rule: Rule, ctx: Context, operating: TV) -> frozenset[Outcome]:
    """:func:`screen` for a rule known to be in force, given ``relationship.operating``.

    Bulk screening tests ``in_force`` once per case and ``operating`` once per
    relationship.  Most rules do not reach most relationships, so the
    out-of-scope answer is returned before the other stages are evaluated; the
    outcomes are those :func:`decide` gives (a property test checks it).
    """
    if operating is False:
        return _NOT_OPERATING
    scope = rule.scope.fast(ctx, None)
    if scope is False:
        return _OUT_OF_SCOPE if operating else _NOT_OPERATING_OR_OUT_OF_SCOPE
    return decide(rule, _later_stages(rule, ctx, operating, scope))


_STATUS: dict[frozenset[Outcome], str] = {}
"""Statuses of outcome sets seen (few distinct sets recur across a whole case)."""


def status_of(outcomes: frozenset[Outcome]) -> str:
    """The finding status: the single outcome's status, else ``undetermined``.

    Outcomes that agree on status and deadline but differ in cause (two
    exemption routes) still determine the status.
    """
    known = _STATUS.get(outcomes)
    if known is None:
        known = _status_of(outcomes)
        if len(_STATUS) < 4096:  # bounded: a bulk run meets few distinct sets
            _STATUS[outcomes] = known
    return known


def _status_of(outcomes: frozenset[Outcome]) -> str:
    if len(outcomes) == 1:
        for only in outcomes:
            return only.status
    kinds = {(o.status, o.deadline) for o in outcomes}
    if len(kinds) == 1:
        return next(iter(outcomes)).status
    return "undetermined"
