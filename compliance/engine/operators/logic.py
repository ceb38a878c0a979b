"""Logical operators: ``all``, ``any``, ``not`` and ``use`` (a rule's definition)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, RootModel

from compliance.engine.conditions import (
    ConditionError,
    Env,
    Loc,
    Node,
    Operator,
    compile_condition,
    operator,
    tv,
)
from compliance.engine.facts import Context
from compliance.errors import did_you_mean
from compliance.models.case import Party
from compliance.models.findings import TraceStep
from compliance.models.rules import Condition

ConditionList = RootModel[Annotated[list[Condition], Field(min_length=1)]]
OneCondition = RootModel[Condition]
Name = RootModel[str]


def _junction(key: str, children: list[Node]) -> Node:
    # Kleene and/or do not depend on the order of their operands, so screening
    # tests cheap facts (the relationship kind) before quantifiers over parties.
    # Traces keep the order the rule author wrote.
    fasts = tuple(c.fast for c in sorted(children, key=lambda c: c.cost))
    if key == "all":
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
    label = "all of the following hold" if key == "all" else "at least one of the following holds"

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        steps = tuple(c.trace(ctx, party) for c in children)
        return TraceStep(label=label, result=tv(fast(ctx, party)),
                         party=party.id if party else None, children=steps)

    return Node(label, fast, tracer, frozenset().union(*(c.facts for c in children)),
                sum(c.cost for c in children))


def _children(key: str, raw: Any, loc: Loc, env: Env) -> list[Node]:
    if not isinstance(raw, list) or not raw:
        raise ConditionError(loc, "invalid-condition", f"'{key}' takes a non-empty list")
    return [compile_condition(c, (*loc, i), env) for i, c in enumerate(raw)]


@operator
class All(Operator):
    key = "all"
    Args = ConditionList
    summary: ClassVar[str] = "true when every condition in the list is true"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        return _junction("all", _children("all", raw, loc, env))


@operator
class AnyOf(Operator):
    key = "any"
    Args = ConditionList
    summary: ClassVar[str] = "true when at least one condition in the list is true"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        return _junction("any", _children("any", raw, loc, env))


@operator
class Not(Operator):
    key = "not"
    Args = OneCondition
    summary: ClassVar[str] = "true when the condition is false (unknown stays unknown)"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        child = compile_condition(raw, loc, env)
        inner = child.fast

        def fast(ctx: Context, party: Party | None) -> bool | None:
            v = inner(ctx, party)
            return None if v is None else not v

        def tracer(ctx: Context, party: Party | None) -> TraceStep:
            return TraceStep(label=f"not: {child.label}", result=tv(fast(ctx, party)),
                             children=(child.trace(ctx, party),))

        return Node(f"not ({child.label})", fast, tracer, child.facts, child.cost)


@operator
class Use(Operator):
    key = "use"
    Args = Name
    summary: ClassVar[str] = "the rule's definition of that name (e.g. dprk_party)"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        if not isinstance(raw, str) or raw not in env.definitions:
            shown = raw if isinstance(raw, str) else repr(raw)
            raise ConditionError(loc, "unknown-definition",
                                 f"'{shown}' is not defined in this rule's 'definitions'"
                                 f"{did_you_mean(str(raw), env.definitions)}")
        definition = env.definitions[raw]
        if definition.context != env.context:
            raise ConditionError(loc, "wrong-context",
                                 f"'{raw}' describes a {definition.context}, but it is used"
                                 f" where a {env.context} is being tested")
        key = (raw, env.context)
        if key in env.compiled:
            return env.compiled[key]
        return _definition(raw, definition, env)


def _definition(name: str, definition: Any, env: Env) -> Node:
    holder: dict[str, Node] = {}
    flags = {"memoize": False}  # set once compiled; the closure reads the final value
    token = id(holder)

    def fast(ctx: Context, party: Party | None) -> bool | None:
        node = holder["node"]
        # A party definition that reads only party facts gives the same answer
        # for a party in every relationship over the same period (over every
        # period when none of those facts is dated for the party), so it is
        # remembered per case.  Not inside an ownership walk (its cycle guard
        # makes answers there partial) nor when answers are supposed.
        if party is None or ctx.visiting or ctx.overrides or not flags["memoize"]:
            return node.fast(ctx, party)
        key = (token, party.id)
        memo = ctx.memo(party.id, node.facts)
        if key in memo:
            return memo[key]
        value = memo[key] = node.fast(ctx, party)
        return value

    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        step = holder["node"].trace(ctx, party)
        return TraceStep(label=f"{name}: {definition.meaning}", result=step.result,
                         party=party.id if party else None, children=(step,))

    proxy = Node(name, fast, tracer, cost=50)
    env.compiled[(name, env.context)] = proxy  # recursion (ownership chains) resolves here
    node = compile_condition(definition.when, ("definitions", name, "when"), env)
    holder["node"] = node
    flags["memoize"] = env.context == "party" and all(f.startswith("party.") for f in node.facts)
    proxy.facts = node.facts
    proxy.cost = node.cost
    return proxy
