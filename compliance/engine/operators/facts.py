"""The ``fact`` operator: compare one fact path with a value, a list or a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from compliance.engine.conditions import (
    DATE_CONSTANTS,
    ConditionError,
    Env,
    Loc,
    Node,
    Operator,
    operator,
    tv,
)
from compliance.engine.days import DATE_COMPARISONS
from compliance.engine.facts import FACTS, Context, FactSpec
from compliance.errors import did_you_mean
from compliance.models.case import Party
from compliance.models.common import Bool, Fact, as_bool
from compliance.models.findings import TraceStep

COMPARISONS: dict[str, tuple[str, ...]] = {
    "bool": ("is",),
    "enum": ("equals", "not_equals", "in", "not_in"),
    "text": ("equals", "not_equals", "in", "not_in"),
    "number": ("at_least", "above", "at_most", "below", "equals"),
    "date": tuple(DATE_COMPARISONS),
    "codes": ("any_starts_with", "contains_any", "any_other_than"),
}
"""The comparisons each kind of fact allows (``known`` is allowed in remarks only)."""

DateOperand = str | dt.date


class FactTest(BaseModel):
    """``{fact: <path>, <comparison>: <operand>}`` with exactly one comparison."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fact: str = Field(description="A fact path, e.g. relationship.kind or party.country")
    is_: Bool | None = Field(None, alias="is", description="yes/no facts")
    equals: str | float | None = None
    not_equals: str | None = None
    in_: list[str] | None = Field(None, alias="in")
    not_in: list[str] | None = None
    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    below: float | None = None
    before: DateOperand | None = Field(None, description="YYYY-MM-DD, as_of,"
                                       " provision.adopted, in_force.from or a date fact")
    on_or_before: DateOperand | None = None
    after: DateOperand | None = None
    on_or_after: DateOperand | None = None
    any_starts_with: list[str] | None = None
    contains_any: list[str] | None = None
    any_other_than: list[str] | None = Field(
        None, description="some recorded code is not in the list (e.g. a State other than KP)")
    known: Bool | None = Field(None, description="remarks only")


@operator
class FactOperator(Operator):
    key = "fact"
    Args = FactTest
    summary: ClassVar[str] = "compare a fact of the relationship (or of a party) with a value"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        path = raw["fact"]
        spec = FACTS.get(path) if isinstance(path, str) else None
        if spec is None:
            choices = [p for p, s in FACTS.items() if s.context in (env.context, "relationship")]
            raise ConditionError((*loc, "fact"), "unknown-fact",
                                 f"'{path}' is not a fact path{did_you_mean(str(path), choices)};"
                                 " see docs/case-format.md for the list")
        if spec.context == "party" and env.context != "party":
            raise ConditionError((*loc, "fact"), "wrong-context",
                                 f"'{path}' reads a party; use it inside some_party, owned_by"
                                 " or a party definition")
        if path in env.defaults:
            spec = defaulted(spec, *env.defaults[path])
        ops = [k for k in raw if k != "fact"]
        allowed = (*COMPARISONS[spec.kind], "known")
        if len(ops) != 1:
            raise ConditionError(loc, "invalid-condition",
                                 f"a fact test needs exactly one comparison; for '{path}' use"
                                 f" one of {', '.join(allowed)}")
        op = ops[0]
        if op not in allowed:
            raise ConditionError((*loc, op), "unknown-comparison",
                                 f"'{op}' cannot compare {spec.kind} fact '{path}'"
                                 f"{did_you_mean(op, allowed)}; expected one of"
                                 f" {', '.join(allowed)}")
        operand = raw[op]
        if op == "known":
            if not env.allow_known:
                raise ConditionError((*loc, op), "non-monotone",
                                     "'known' is allowed only in remarks: in a scope, route or"
                                     " window an unknown fact would settle the finding, and"
                                     " learning it could flip it; test the relationship kind"
                                     " instead")
            return _known(spec, operand, (*loc, op))
        if spec.kind == "date":
            return _date_test(spec, op, operand, (*loc, op), env)
        test, shown = _value_test(spec, op, operand, (*loc, op), env.literals)
        get = spec.get

        def fast(ctx: Context, party: Party | None) -> bool | None:
            value = get(ctx, party)
            return None if value is None else test(value)

        node = _leaf(f"{path} {op.replace('_', ' ')} {shown}", spec, fast)
        if path in env.defaults:  # reading it may test the default's condition too
            node.cost += env.defaults[path][1].cost
        return node


def defaulted(spec: FactSpec, value: bool, when: Node, because: str) -> FactSpec:
    """``spec`` (a recorded attribute of a relationship) with the rule's assumed value
    when nothing is recorded for it and ``when`` holds.

    The assumption is printed with the fact in every trace and finding; a recorded
    value always wins.  Over a period the default applies only when nothing is
    recorded for any day of it: where a value is recorded for some days only, the
    fact is unknown over the whole period (a status history cuts at the recorded
    dates, and each part then gets the value or the default)."""
    get, view, test = spec.get, spec.view, when.fast
    name = spec.path.removeprefix("relationship.")

    def silent(ctx: Context) -> bool:
        fact = getattr(ctx.relationship.attributes, name, None)
        return not isinstance(fact, Fact) or fact.silent(*ctx.day)

    def assumed(ctx: Context, party: Party | None) -> Any:
        recorded = get(ctx, party)
        if recorded is None and test(ctx, None) is True and silent(ctx):
            return value
        return recorded

    def see(ctx: Context, party: Party | None) -> Any:
        seen = view(ctx, party)
        if seen[0] is None and test(ctx, None) is True and silent(ctx):
            shown = "yes" if value else "no"
            return value, seen[1], f"{shown} (assumed by the rule)", f"Assumed: {because}"
        return seen

    return FactSpec(spec.path, spec.context, spec.kind, spec.description, assumed, see,
                    spec.domain)


def _leaf(label: str, spec: FactSpec, fast: Callable[[Context, Party | None], bool | None]
          ) -> Node:
    def tracer(ctx: Context, party: Party | None) -> TraceStep:
        _value, evidence, shown, assumption = spec.view(ctx, party)
        return TraceStep(label=label, result=tv(fast(ctx, party)), fact=spec.path,
                         party=party.id if party else None, value=shown, evidence=evidence,
                         assumption=assumption)

    return Node(label, fast, tracer, frozenset({spec.path}))


def _known(spec: FactSpec, operand: Any, loc: Loc) -> Node:
    operand = as_bool(operand)
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
        operand = as_bool(operand)
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
    # codes: lists such as HS headings
    if not isinstance(operand, list) or not all(isinstance(v, str) for v in operand):
        raise ConditionError(loc, "invalid-operand", f"'{op}' takes a list of strings")
    items = tuple(operand)
    # Codes compared with are offered as answers to the fact's question; a prefix is
    # marked with "*" so the answer says "a code starting with".
    literals.setdefault(spec.path, set()).update(
        f"{item}*" if op == "any_starts_with" else item for item in items)
    if op == "any_starts_with":
        return (lambda v: any(code.startswith(items) for code in v)), ", ".join(items)
    members = frozenset(items)
    if op == "any_other_than":
        return (lambda v: any(code not in members for code in v)), ", ".join(items)
    return (lambda v: any(code in members for code in v)), ", ".join(items)


DateGetter = Callable[[Context, Party | None], Any]


def date_operand(operand: Any, loc: Loc, env: Env) -> tuple[DateGetter, str]:
    """A date to compare with: a literal, ``as_of`` (the period assessed), a rule date
    such as ``provision.adopted``, or a date fact path."""
    if isinstance(operand, dt.date) and not isinstance(operand, dt.datetime):
        fixed = (operand, operand)
        return (lambda _c, _p: fixed), operand.isoformat()
    if operand == "as_of":
        return (lambda ctx, _p: ctx.day), "the assessment date"
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


AS_OF = "as_of"
"""Marks, among a node's facts, a comparison with the day assessed (it changes with time)."""


def _date_test(spec: FactSpec, op: str, operand: Any, loc: Loc, env: Env) -> Node:
    other, shown = date_operand(operand, loc, env)
    compare = DATE_COMPARISONS[op]
    get = spec.get

    def fast(ctx: Context, party: Party | None) -> bool | None:
        return compare(get(ctx, party), other(ctx, party))

    node = _leaf(f"{spec.path} {op.replace('_', ' ')} {shown}", spec, fast)
    if operand == "as_of" or spec.path == "relationship.operating":
        node.facts = node.facts | {AS_OF}
    return node
