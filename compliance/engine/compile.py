"""Compile validated rule specs into rules, once, checking every reference."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from compliance.engine.conditions import DATE_CONSTANTS, ConditionError, Env, Node, tv
from compliance.engine.days import Bounds, and3
from compliance.engine.facts import FACTS, OPERATOR_FACTS, Context
from compliance.engine.operators import compile_condition
from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.inputs.documents import Document
from compliance.models.case import Party
from compliance.models.findings import TraceStep
from compliance.models.rules import (
    REASON_PLACEHOLDERS,
    CatalogueScope,
    Interpretation,
    Question,
    Route,
    RuleSpec,
    Window,
)
from compliance.vocabulary import recorded

REASON_FIELDS = frozenset(REASON_PLACEHOLDERS)
TIME_FACTS = frozenset({"as_of", "relationship.operating"})
"""What a condition reads that changes with the day whatever the records: the day
itself.  Everything else changes only on a date some record gives (a decision, a
listing, a holding, a dated value), which a status history cuts at."""
QUESTION_FACTS = frozenset(FACTS) | OPERATOR_FACTS
"""Facts a rule may ask a question about: every fact path, and what operators read."""


@dataclass(frozen=True)
class CompiledRoute:
    """A carve-out or exemption with its compiled condition (its own dates included)."""

    spec: Route
    kind: str
    node: Node


@dataclass(frozen=True)
class CompiledWindow:
    """A wind-down window: a condition and the last permitted day (none if open-ended)."""

    spec: Window
    node: Node | None
    deadline: Callable[[Context, Party | None], Bounds]

    @property
    def open_ended(self) -> bool:
        return self.spec.open_ended


@dataclass(frozen=True)
class Rule:
    """A compiled rule, ready to evaluate against any number of relationships."""

    spec: RuleSpec
    sha256: str
    scope: Node
    routes: tuple[CompiledRoute, ...]
    wind_down: Node | None
    windows: tuple[CompiledWindow, ...]
    remarks: tuple[tuple[str, Node], ...]
    questions: dict[str, Question]
    literals: dict[str, frozenset[str]]
    reads: frozenset[str] = frozenset()
    """Every fact path any stage reads (a status history cuts only at their dates)."""
    scope_timeless: bool = False
    """The scope does not compare anything with the day assessed: when none of the
    records it reads is dated, a relationship outside it on one day is outside it on
    every day."""
    cuts: frozenset[dt.date] = frozenset()
    """Days on which a condition changes by the calendar alone (``day_assessed`` tests)."""

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Rulebook:
    """Every compiled rule, in a stable order, with a digest of their files."""

    rules: tuple[Rule, ...]
    sha256: str
    source: str = ""
    """Which catalogue: ``installed`` for the package's own, else the paths given."""
    scope: CatalogueScope | None = None
    """What the catalogue says it does not cover (its ``scope.yaml``), if it says."""

    def interpretations(self) -> dict[str, tuple[Interpretation, tuple[str, ...]]]:
        """Every named interpretation, with the ids of the rules that declare it."""
        out: dict[str, tuple[Interpretation, tuple[str, ...]]] = {}
        for rule in self.rules:
            for interpretation in rule.spec.interpretations:
                known = out.get(interpretation.id)
                rules = (*known[1], rule.id) if known else (rule.id,)
                out[interpretation.id] = (interpretation, rules)
        return out


def add_period(start: dt.date, days: int = 0, months: int = 0) -> dt.date:
    """Return the last permitted day of a period counted from ``start``.

    The day of ``start`` is not counted, so "within 120 days of 11 September 2017"
    ends on 9 January 2018.  Months keep the day of the month, clamped to the
    month's end.

    >>> add_period(dt.date(2017, 9, 11), days=120)
    datetime.date(2018, 1, 9)
    >>> add_period(dt.date(2017, 12, 22), months=24)
    datetime.date(2019, 12, 22)

    A period that would end after the last representable day (year 9999) ends
    on that day: nothing a case can record lies beyond it.

    >>> add_period(dt.date(9999, 12, 1), days=120)
    datetime.date(9999, 12, 31)
    """
    try:
        if months:
            total = start.month - 1 + months
            year, month = start.year + total // 12, total % 12 + 1
            if year > dt.MAXYEAR:
                return dt.date.max
            day = min(start.day, calendar.monthrange(year, month)[1])
            start = dt.date(year, month, day)
        return start + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def compile_rulebook(rules: Sequence[Rule], source: str = "",
                     scope: CatalogueScope | None = None) -> Rulebook:
    """The rulebook of compiled ``rules`` (ids must be unique), in a stable order,
    with a digest of their files."""
    ordered = sorted(rules, key=lambda r: r.id)
    digest = hashlib.sha256()
    for rule in ordered:
        digest.update(f"{rule.id}\0{rule.sha256}\n".encode())
    return Rulebook(tuple(ordered), digest.hexdigest(), source, scope)


def compile_rule(spec: RuleSpec, doc: Document) -> Rule:
    """Compile one rule spec; every problem is reported at its place in ``doc``."""
    problems: list[Diagnostic] = []
    dates = {"provision.adopted": spec.provision.adopted, "in_force.from": spec.in_force.from_}
    env = Env(spec.definitions, dates, interpretations={i.id: i for i in spec.interpretations})
    env.defaults = _defaults(spec, env, doc, problems)

    def build(raw: object, loc: tuple[str | int, ...]) -> Node | None:
        try:
            return compile_condition(raw, loc, env)
        except ConditionError as exc:
            problems.append(doc.diagnostic(exc.loc, exc.code, exc.message))
            return None

    for name, definition in spec.definitions.items():
        sub = env.within(definition.context)
        try:
            compile_condition({"use": name}, ("definitions", name), sub)
        except ConditionError as exc:
            problems.append(doc.diagnostic(exc.loc, exc.code, exc.message))
    scope = build(spec.applies_when, ("applies_when",))
    routes = []
    for group, kind in (("carve_outs", "carve_out"), ("exemptions", "exemption")):
        for i, route in enumerate(getattr(spec, group)):
            node = build(route.when, (group, i, "when"))
            if node is not None:
                routes.append(CompiledRoute(route, kind, dated_route(route, node)))
    wind_down = windows = None
    if spec.wind_down is not None:
        wind_down = build(spec.wind_down.applies_when, ("wind_down", "applies_when"))
        windows = []
        for i, window in enumerate(spec.wind_down.windows):
            loc = ("wind_down", "windows", i)
            node = build(window.when, (*loc, "when")) if window.when is not None else None
            deadline = (_no_deadline if window.open_ended
                        else _deadline(window, dates, doc, (*loc, "starts"), problems))
            windows.append(CompiledWindow(window, node, deadline))
    remarks = []
    remark_env = Env(spec.definitions, dates, "relationship", {}, env.literals, allow_known=True,
                     interpretations=env.interpretations, defaults=env.defaults, cuts=env.cuts)
    for i, remark in enumerate(spec.remarks):
        # Remarks are filled like reasons, so they get the same template checks.
        problems.extend(_check_template(remark.text, ("remarks", i, "text"), doc))
        try:
            remarks.append((remark.text,
                            compile_condition(remark.when, ("remarks", i, "when"), remark_env)))
        except ConditionError as exc:
            problems.append(doc.diagnostic(exc.loc, exc.code, exc.message))
    questions = {}
    for i, question in enumerate(spec.questions):
        if question.fact not in QUESTION_FACTS:
            problems.append(doc.diagnostic(
                ("questions", i, "fact"), "unknown-fact",
                f"'{question.fact}' is not a fact path"
                f"{did_you_mean(question.fact, QUESTION_FACTS)}"))
        questions[question.fact] = question
    for status, template in spec.reasons.model_dump().items():
        if template is not None:
            problems.extend(_check_template(template, ("reasons", status), doc))
    if problems or scope is None:
        raise InvalidInputError(problems)
    sha = hashlib.sha256(doc.text.encode()).hexdigest()
    literals = {path: frozenset(values) for path, values in env.literals.items()}
    stages = [scope, *(r.node for r in routes), *([wind_down] if wind_down else []),
              *(w.node for w in windows or () if w.node is not None)]
    reads = frozenset().union(*(n.facts for n in stages)) | {
        w.spec.starts for w in windows or () if w.spec.starts}
    reads |= set(env.defaults)
    return Rule(spec, sha, scope, tuple(routes), wind_down, tuple(windows or ()),
                tuple(remarks), questions, literals, reads,
                scope_timeless=not scope.facts & TIME_FACTS, cuts=frozenset(env.cuts))


def _no_deadline(_ctx: Context, _party: Party | None) -> Bounds:
    return (None, None)


def dated_route(route: Route, node: Node) -> Node:
    """The route's condition, true only on days the route exists (``in_force``)."""
    period = route.in_force
    if period is None:
        return node
    first, last = period.from_, period.until
    inner = node.fast

    def fast(ctx: Context, party: Party | None) -> bool | None:
        lo, hi = ctx.day
        if hi < first or (last is not None and lo > last):
            return False
        exists = True if first <= lo and (last is None or hi <= last) else None
        return and3(exists, inner(ctx, party))

    until = f" until {last.isoformat()}" if last else ""

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        step = node.trace(ctx, party)
        return TraceStep(label=f"{step.label} (the route exists from {first.isoformat()}{until})",
                         result=tv(fast(ctx, party)), children=(step,))

    return Node(node.label, fast, tracer, node.facts, node.cost + 1)


def _defaults(spec: RuleSpec, env: Env, doc: Document, problems: list[Diagnostic]
              ) -> dict[str, tuple[bool, Node, str]]:
    """The rule's assumed values for unrecorded facts: path -> (value, when, because)."""
    out: dict[str, tuple[bool, Node, str]] = {}
    for i, default in enumerate(spec.defaults):
        loc = ("defaults", i)
        fact = FACTS.get(default.fact)
        recordable = [d.path for d in recorded("relationship") if d.type == "bool"]
        if fact is None or default.fact not in recordable:
            problems.append(doc.diagnostic(
                (*loc, "fact"), "unknown-fact",
                f"'{default.fact}' is not a recorded yes/no fact of a relationship"
                f"{did_you_mean(default.fact, recordable)}; defaults are given for such"
                " facts only (an attribute a case can record)"))
            continue
        try:
            when = compile_condition(default.when, (*loc, "when"), env)
        except ConditionError as exc:
            problems.append(doc.diagnostic(exc.loc, exc.code, exc.message))
            continue
        if default.fact in when.facts:
            problems.append(doc.diagnostic((*loc, "when"), "circular-default",
                                           "a default's condition cannot read the fact it"
                                           " sets; test the relationship kind instead"))
            continue
        out[default.fact] = (default.value, when, " ".join(default.because.split()))
    return out


def _deadline(window: Window, dates: dict[str, dt.date], doc: Document,
              loc: tuple[str | int, ...], problems: list[Diagnostic]
              ) -> Callable[[Context, Party | None], Bounds]:
    days, months = window.days, window.months

    def shift(bounds: Bounds) -> Bounds:
        lo, hi = bounds
        return (add_period(lo, days, months) if lo else None,
                add_period(hi, days, months) if hi else None)

    if window.starts in dates:
        start = dates[window.starts]
        fixed = shift((start, start))
        return lambda _c, _p: fixed
    spec = FACTS.get(window.starts or "")
    if spec is None or spec.kind != "date":
        choices = [*DATE_CONSTANTS, *(p for p, s in FACTS.items() if s.kind == "date")]
        hint = did_you_mean(str(window.starts), choices)
        problems.append(doc.diagnostic(loc, "invalid-operand",
                                       f"'{window.starts}' is not a date{hint};"
                                       " expected provision.adopted or a date fact path"))
        return lambda _c, _p: (None, None)
    get = spec.get
    return lambda ctx, party: shift(get(ctx, party))


def _check_template(template: str, loc: tuple[str | int, ...], doc: Document) -> list[Diagnostic]:
    out = []
    try:
        fields = [(name, spec, conversion)
                  for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
    except ValueError as exc:
        return [doc.diagnostic(loc, "invalid-template", f"{exc}; use {{name}} placeholders")]
    for name, spec, conversion in fields:
        if spec or conversion:
            # A format spec is code-like (padding to two billion characters, date
            # formats that fail on text): placeholders are filled with plain text.
            written = "{" + name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "") + "}"
            out.append(doc.diagnostic(loc, "invalid-template",
                                      f"'{written[:60]}' has a format specification;"
                                      f" expected a plain placeholder such as {{{name[:40]}}}"))
    names = {name for name, _, _ in fields}
    for name in sorted(names - REASON_FIELDS):
        out.append(doc.diagnostic(loc, "unknown-placeholder",
                                  f"'{{{name}}}' is not a reason placeholder"
                                  f"{did_you_mean(name, REASON_FIELDS)}; expected one of"
                                  f" {', '.join(sorted(REASON_FIELDS))}"))
    return out
