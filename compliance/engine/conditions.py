"""The condition language of rule files, compiled once into three-valued nodes.

A condition is a mapping with one operator: ``all``, ``any``, ``not``, ``use``
(a definition), ``fact`` with a comparison, ``some_party``, ``owned_by`` or
``designated``.  Each node offers a fast evaluator (a closure returning
``True``, ``False`` or ``None`` for unknown) and a tracing evaluator that
records every value read and its evidence.  Nothing in a rule file is executed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from compliance.engine.facts import (
    DATE_COMPARISONS,
    FACTS,
    Context,
    FactSpec,
    designated,
    designation_evidence,
)
from compliance.errors import did_you_mean
from compliance.models.case import Party
from compliance.models.findings import TraceStep, TruthValue

Fast = Callable[[Context, Party | None], bool | None]
Loc = tuple[str | int, ...]

_COMPARISONS: dict[str, tuple[str, ...]] = {
    "bool": ("is",),
    "enum": ("equals", "not_equals", "in", "not_in"),
    "text": ("equals", "not_equals", "in", "not_in"),
    "number": ("at_least", "above", "at_most", "below", "equals"),
    "date": tuple(DATE_COMPARISONS),
    "strings": ("any_starts_with", "contains_any"),
}
_OPERATORS = ("all", "any", "not", "use", "fact", "some_party", "owned_by", "designated")
DATE_CONSTANTS = ("provision.adopted", "in_force.from", "as_of")


class ConditionError(Exception):
    """A problem in a condition, located by its path inside the rule file."""

    def __init__(self, loc: Loc, code: str, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.code = code
        self.message = message


def tv(value: bool | None) -> TruthValue:
    """Render a three-valued result."""
    return "unknown" if value is None else ("true" if value else "false")


@dataclass
class Node:
    """A compiled condition: ``fast`` for screening, ``trace`` for explaining."""

    label: str
    fast: Fast
    tracer: Callable[[Context, Party | None], TraceStep]
    facts: frozenset[str] = field(default_factory=frozenset)
    cost: int = 1
    """A rough relative price of ``fast``: junctions try cheap tests first."""

    def trace(self, ctx: Context, party: Party | None = None) -> TraceStep:
        return self.tracer(ctx, party)


@dataclass
class Env:
    """What a condition may refer to while compiling."""

    definitions: Mapping[str, Any]
    dates: Mapping[str, dt.date]
    context: str = "relationship"
    compiled: dict[tuple[str, str], Node] = field(default_factory=dict)
    literals: dict[str, set[str]] = field(default_factory=dict)
    allow_known: bool = False
    """``known:`` is allowed only in remarks: anywhere else it is not monotone."""
    """Values each text or enum fact is compared with; answers to offer in questions."""


def compile_condition(raw: Any, loc: Loc, env: Env) -> Node:
    """Parse and compile one condition mapping, raising :class:`ConditionError`."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(loc, "invalid-condition",
                             "a condition must be a mapping with one operator, e.g."
                             " {fact: relationship.kind, in: [joint_venture]}")
    if "fact" in raw:
        return _fact(raw, loc, env)
    keys = list(raw)
    if len(keys) != 1:
        raise ConditionError(loc, "invalid-condition",
                             f"a condition has exactly one operator; got {', '.join(keys)}")
    op = keys[0]
    arg = raw[op]
    here = (*loc, op)
    if op in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            raise ConditionError(here, "invalid-condition", f"'{op}' takes a non-empty list")
        return _junction(op, [compile_condition(c, (*here, i), env) for i, c in enumerate(arg)])
    if op == "not":
        return _negate(compile_condition(arg, here, env))
    if op == "use":
        return _use(arg, here, env)
    if op == "some_party":
        return _some_party(arg, here, env)
    if op == "owned_by":
        return _owned_by(arg, here, env)
    if op == "designated":
        return _designated(arg, here, env)
    raise ConditionError(loc, "unknown-operator",
                         f"'{op}' is not a condition operator{did_you_mean(op, _OPERATORS)};"
                         f" expected one of {', '.join(_OPERATORS)}")


def _junction(op: str, children: list[Node]) -> Node:
    # Kleene and/or do not depend on the order of their operands, so screening
    # tests cheap facts (the relationship kind) before quantifiers over parties.
    # Traces keep the order the rule author wrote.
    fasts = tuple(c.fast for c in sorted(children, key=lambda c: c.cost))
    if op == "all":
        def fast(ctx: Context, party: Party | None) -> bool | None:
            result: bool | None = True
            for f in fasts:
                v = f(ctx, party)
                if v is False:
                    return False
                if v is None:
                    result = None
            return result
    else:
        def fast(ctx: Context, party: Party | None) -> bool | None:
            result: bool | None = False
            for f in fasts:
                v = f(ctx, party)
                if v is True:
                    return True
                if v is None:
                    result = None
            return result
    label = "all of the following hold" if op == "all" else "at least one of the following holds"

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        steps = tuple(c.trace(ctx, party) for c in children)
        return TraceStep(label=label, result=tv(fast(ctx, party)),
                         party=party.id if party else None, children=steps)

    return Node(label, fast, tracer, frozenset().union(*(c.facts for c in children)),
                sum(c.cost for c in children))


def _negate(child: Node) -> Node:
    inner = child.fast

    def fast(ctx: Context, party: Party | None) -> bool | None:
        v = inner(ctx, party)
        return None if v is None else not v

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        return TraceStep(label=f"not: {child.label}", result=tv(fast(ctx, party)),
                         children=(child.trace(ctx, party),))

    return Node(f"not ({child.label})", fast, tracer, child.facts, child.cost)


def _use(name: Any, loc: Loc, env: Env) -> Node:
    if not isinstance(name, str) or name not in env.definitions:
        shown = name if isinstance(name, str) else repr(name)
        raise ConditionError(loc, "unknown-definition",
                             f"'{shown}' is not defined in this rule's 'definitions'"
                             f"{did_you_mean(str(name), env.definitions)}")
    definition = env.definitions[name]
    if definition.context != env.context:
        raise ConditionError(loc, "wrong-context",
                             f"'{name}' describes a {definition.context}, but it is used where a"
                             f" {env.context} is being tested")
    key = (name, env.context)
    if key in env.compiled:
        return env.compiled[key]
    holder: dict[str, Node] = {}
    memoize = False  # set once the definition is compiled; the closure reads the final value
    token = id(holder)

    def fast(ctx: Context, party: Party | None) -> bool | None:
        node = holder["node"]
        # A party definition that reads only party facts gives the same answer
        # for a party in every relationship on the same date, so it is
        # remembered per case.  Not inside an ownership walk (its cycle guard
        # makes answers there partial) nor when answers are being supposed.
        if party is None or ctx.visiting or ctx.overrides or not memoize:
            return node.fast(ctx, party)
        key = (token, party.id)
        memo = ctx.memo
        if key in memo:
            return memo[key]
        value = memo[key] = node.fast(ctx, party)
        return value

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        step = holder["node"].trace(ctx, party)
        return TraceStep(label=f"{name}: {definition.meaning}", result=step.result,
                         party=party.id if party else None, children=(step,))

    proxy = Node(name, fast, tracer, cost=50)
    env.compiled[key] = proxy  # recursion (ownership chains) resolves through the proxy
    node = compile_condition(definition.when, ("definitions", name, "when"), env)
    holder["node"] = node
    memoize = env.context == "party" and all(f.startswith("party.") for f in node.facts)
    proxy.facts = node.facts
    proxy.cost = node.cost
    return proxy


def _fact(raw: dict[str, Any], loc: Loc, env: Env) -> Node:
    path = raw["fact"]
    spec = FACTS.get(path) if isinstance(path, str) else None
    if spec is None:
        choices = [p for p, s in FACTS.items() if s.context in (env.context, "relationship")]
        raise ConditionError((*loc, "fact"), "unknown-fact",
                             f"'{path}' is not a fact path{did_you_mean(str(path), choices)};"
                             " see docs/case-format.md for the list")
    if spec.context == "party" and env.context != "party":
        raise ConditionError((*loc, "fact"), "wrong-context",
                             f"'{path}' reads a party; use it inside some_party, owned_by or a"
                             " party definition")
    ops = [k for k in raw if k != "fact"]
    allowed = _COMPARISONS[spec.kind] + ("known",)
    if len(ops) != 1:
        raise ConditionError(loc, "invalid-condition",
                             f"a fact test needs exactly one comparison; for '{path}' use one of"
                             f" {', '.join(allowed)}")
    op = ops[0]
    if op not in allowed:
        raise ConditionError((*loc, op), "unknown-comparison",
                             f"'{op}' cannot compare {spec.kind} fact '{path}'"
                             f"{did_you_mean(op, allowed)}; expected one of {', '.join(allowed)}")
    operand = raw[op]
    if op == "known":
        if not env.allow_known:
            raise ConditionError((*loc, op), "non-monotone",
                                 "'known' is allowed only in remarks: in a scope, route or window"
                                 " an unknown fact would settle the finding, and learning it"
                                 " could flip it; test the relationship kind instead")
        return _known(spec, operand, (*loc, op))
    if spec.kind == "date":
        return _date_test(spec, op, operand, (*loc, op), env)
    test, shown = _value_test(spec, op, operand, (*loc, op), env.literals)
    get = spec.get

    def fast(ctx: Context, party: Party | None) -> bool | None:
        value = get(ctx, party)
        return None if value is None else test(value)

    label = f"{path} {op.replace('_', ' ')} {shown}"
    return _leaf(label, spec, fast)


def _leaf(label: str, spec: FactSpec, fast: Fast) -> Node:
    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        _value, evidence, shown, assumption = spec.view(ctx, party)
        return TraceStep(label=label, result=tv(fast(ctx, party)), fact=spec.path,
                         party=party.id if party else None, value=shown, evidence=evidence,
                         assumption=assumption)

    return Node(label, fast, tracer, frozenset({spec.path}))


def _known(spec: FactSpec, operand: Any, loc: Loc) -> Node:
    if not isinstance(operand, bool):
        raise ConditionError(loc, "invalid-operand", "'known' takes true or false")
    get = spec.get

    def fast(ctx: Context, party: Party | None) -> bool | None:
        value = get(ctx, party)
        if spec.kind == "date":
            value = None if value == (None, None) else value
        return (value is not None) == operand

    return _leaf(f"{spec.path} is {'known' if operand else 'unknown'}", spec, fast)


def _value_test(spec: FactSpec, op: str, operand: Any, loc: Loc,
                literals: dict[str, set[str]]) -> tuple[Callable[[Any], bool], str]:
    kind = spec.kind
    if kind == "bool":
        if not isinstance(operand, bool):
            raise ConditionError(loc, "invalid-operand",
                                 f"'is' takes true or false for '{spec.path}'")
        return (lambda v: v is operand), ("yes" if operand else "no")
    if kind in ("enum", "text"):
        values = operand if op in ("in", "not_in") else [operand]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            wanted = "a list of values" if op.endswith("in") else "a value"
            raise ConditionError(loc, "invalid-operand", f"'{op}' takes {wanted}")
        for i, v in enumerate(values):
            if spec.domain and v not in spec.domain:
                raise ConditionError((*loc, i) if op.endswith("in") else loc, "unknown-value",
                                     f"'{v}' is not a value of '{spec.path}'"
                                     f"{did_you_mean(v, spec.domain)}; expected one of"
                                     f" {', '.join(spec.domain)}")
        chosen = frozenset(values)
        shown = ", ".join(values)
        literals.setdefault(spec.path, set()).update(values)
        if op in ("equals", "in"):
            return (lambda v: v in chosen), shown
        return (lambda v: v not in chosen), shown
    if kind == "number":
        if not isinstance(operand, int | float) or isinstance(operand, bool):
            raise ConditionError(loc, "invalid-operand", f"'{op}' takes a number")
        n = float(operand)
        tests: dict[str, Callable[[Any], bool]] = {
            "at_least": lambda v: v >= n, "above": lambda v: v > n,
            "at_most": lambda v: v <= n, "below": lambda v: v < n, "equals": lambda v: v == n,
        }
        return tests[op], f"{operand:g}"
    # strings: lists of codes such as HS headings
    if not isinstance(operand, list) or not all(isinstance(v, str) for v in operand):
        raise ConditionError(loc, "invalid-operand", f"'{op}' takes a list of strings")
    items = tuple(operand)
    if op == "any_starts_with":
        return (lambda v: any(code.startswith(items) for code in v)), ", ".join(items)
    members = frozenset(items)
    return (lambda v: any(code in members for code in v)), ", ".join(items)


DateOperand = tuple[Callable[[Context, Party | None], Any], str]


def _date_operand(operand: Any, loc: Loc, env: Env) -> DateOperand:
    if isinstance(operand, dt.date) and not isinstance(operand, dt.datetime):
        fixed = (operand, operand)
        return (lambda _c, _p: fixed), operand.isoformat()
    if operand == "as_of":
        return (lambda ctx, _p: (ctx.as_of, ctx.as_of)), "the assessment date"
    if isinstance(operand, str) and operand in env.dates:
        day = env.dates[operand]
        fixed = (day, day)
        return (lambda _c, _p: fixed), f"{operand} ({day.isoformat()})"
    spec = FACTS.get(operand) if isinstance(operand, str) else None
    if spec is not None and spec.kind == "date":
        return spec.get, operand
    choices = [*DATE_CONSTANTS, *(p for p, s in FACTS.items() if s.kind == "date")]
    raise ConditionError(loc, "invalid-operand",
                         f"'{operand}' is not a date{did_you_mean(str(operand), choices)};"
                         " expected YYYY-MM-DD, as_of, provision.adopted or a date fact path")


def _date_test(spec: FactSpec, op: str, operand: Any, loc: Loc, env: Env) -> Node:
    other, shown = _date_operand(operand, loc, env)
    compare = DATE_COMPARISONS[op]
    get = spec.get

    def fast(ctx: Context, party: Party | None) -> bool | None:
        return compare(get(ctx, party), other(ctx, party))

    return _leaf(f"{spec.path} {op.replace('_', ' ')} {shown}", spec, fast)


def _party_env(env: Env) -> Env:
    return Env(env.definitions, env.dates, "party", env.compiled, env.literals, env.allow_known)


def _roles(arg: dict[str, Any], loc: Loc) -> frozenset[str] | None:
    from typing import get_args

    from compliance.models.case import Role

    roles = arg.get("role")
    if roles is None:
        return None
    roles = [roles] if isinstance(roles, str) else roles
    valid = get_args(Role)
    for r in roles:
        if r not in valid:
            raise ConditionError((*loc, "role"), "unknown-value",
                                 f"'{r}' is not a role{did_you_mean(str(r), valid)}")
    return frozenset(roles)


def _some_party(arg: Any, loc: Loc, env: Env) -> Node:
    if not isinstance(arg, dict) or "where" not in arg or set(arg) - {"where", "role"}:
        raise ConditionError(loc, "invalid-condition",
                             "'some_party' takes {where: condition} and optionally role: [...]")
    if env.context != "relationship":
        raise ConditionError(loc, "wrong-context", "'some_party' is used on a relationship")
    roles = _roles(arg, loc)
    where = compile_condition(arg["where"], (*loc, "where"), _party_env(env))
    test = where.fast

    def fast(ctx: Context, _p: Party | None) -> bool | None:
        result: bool | None = False
        for party, role in ctx.participants:
            if roles is not None and role not in roles:
                continue
            v = test(ctx, party)
            if v is True:
                return True
            if v is None:
                result = None
        return result

    who = f"a party with role {', '.join(sorted(roles))}" if roles else "some party"
    label = f"{who}: {where.label}"

    def tracer(ctx: Context, _p: Party | None) -> TraceStep:
        steps = tuple(where.trace(ctx, party) for party, role in ctx.participants
                      if roles is None or role in roles)
        return TraceStep(label=label, result=tv(fast(ctx, None)), children=steps)

    return Node(label, fast, tracer, where.facts, 5 + 3 * where.cost)


def _owned_by(arg: Any, loc: Loc, env: Env) -> Node:
    if (not isinstance(arg, dict) or "where" not in arg or "share_at_least" not in arg
            or set(arg) - {"where", "share_at_least"}):
        raise ConditionError(loc, "invalid-condition",
                             "'owned_by' takes {where: condition, share_at_least: percent}")
    if env.context != "party":
        raise ConditionError(loc, "wrong-context", "'owned_by' tests a party")
    threshold = arg["share_at_least"]
    if not isinstance(threshold, int | float) or not 0 < threshold <= 100:
        raise ConditionError((*loc, "share_at_least"), "invalid-operand",
                             "'share_at_least' takes a percentage above 0 and at most 100")
    where = compile_condition(arg["where"], (*loc, "where"), env)
    test = where.fast
    token = id(arg)

    def holdings(ctx: Context, party: Party) -> tuple[float, float]:
        sure = possible = 0.0
        for o in party.owners:
            owner = ctx.parties.get(o.owner)
            if owner is None:
                continue
            v = test(ctx, owner)
            share = o.share.value
            if v is True and share is not None:
                sure += share
                possible += share
            elif v is not False:
                possible += share if share is not None else 100.0
        return sure, possible

    def fast(ctx: Context, party: Party | None) -> bool | None:
        if party is None:
            return None
        key = (token, party.id)
        if key in ctx.visiting:
            return False  # an ownership cycle adds nothing to itself
        ctx.visiting.add(key)
        try:
            sure, possible = holdings(ctx, party)
        finally:
            ctx.visiting.discard(key)
        if sure >= threshold:
            return True
        return False if possible < threshold else None

    label = f"owned {threshold:g}% or more by parties where {where.label}"

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        steps = []
        if party is not None:
            for o in party.owners:
                owner = ctx.parties.get(o.owner)
                if owner is None:
                    continue
                inner = where.trace(ctx, owner)
                share = "unknown" if o.share.value is None else f"{o.share.value:g}%"
                steps.append(TraceStep(label=f"{owner.name} holds {share}", result=inner.result,
                                       fact="party.owners.share", party=owner.id, value=share,
                                       evidence=o.share.evidence + o.evidence, children=(inner,)))
        return TraceStep(label=label, result=tv(fast(ctx, party)),
                         party=party.id if party else None, children=tuple(steps))

    return Node(label, fast, tracer, where.facts | {"party.owners.share"}, 10 + 5 * where.cost)


def _designated(arg: Any, loc: Loc, env: Env) -> Node:
    if not isinstance(arg, dict) or set(arg) != {"regimes"} or not isinstance(arg["regimes"], list):
        raise ConditionError(loc, "invalid-condition",
                             "'designated' takes {regimes: [UN-1718]}")
    if env.context != "party":
        raise ConditionError(loc, "wrong-context", "'designated' tests a party")
    regimes = tuple(str(r) for r in arg["regimes"])

    def fast(ctx: Context, party: Party | None) -> bool | None:
        if party is None:
            return None
        key = ("party.designated", party.id)
        if ctx.overrides and key in ctx.overrides:
            value: bool | None = ctx.overrides[key]
            return value
        return designated(party, regimes, ctx.as_of)[0]

    label = f"designated under {', '.join(regimes)}"

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        shown = designated(party, regimes, ctx.as_of)[1] if party else "unknown"
        evidence = designation_evidence(party, regimes) if party else ()
        return TraceStep(label=label, result=tv(fast(ctx, party)), fact="party.designated",
                         party=party.id if party else None, value=shown, evidence=evidence)

    return Node(label, fast, tracer, frozenset({"party.designated"}), 3)
