"""Operators about parties: ``some_party``, ``owned_by`` and ``designated``."""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from pydantic import BaseModel, ConfigDict, Field

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
from compliance.engine.days import and3, on_or_before
from compliance.engine.designations import designated, designation_evidence
from compliance.engine.facts import Context, value_over
from compliance.errors import did_you_mean
from compliance.models.case import Ownership, Party, Role
from compliance.models.findings import TraceStep
from compliance.models.rules import Condition

MAX_OWNERSHIP_DEPTH = 32
"""Ownership chains are followed this many levels up; beyond, the answer is unknown."""


class SomePartyArgs(BaseModel):
    """``{where: condition, role: [roles]}``: some party (with one of the roles) satisfies it."""

    model_config = ConfigDict(extra="forbid")

    where: Condition
    role: Role | list[Role] | None = None


class OwnedByArgs(BaseModel):
    """``{where: condition, share_at_least: percent}``: parties satisfying ``where`` hold
    at least that share, added up (directly)."""

    model_config = ConfigDict(extra="forbid")

    where: Condition
    share_at_least: float = Field(gt=0, le=100)


class DesignatedArgs(BaseModel):
    """``{regimes: [UN-1718]}``: the party is designated under one of the regimes."""

    model_config = ConfigDict(extra="forbid")

    regimes: list[str] = Field(min_length=1)


def _roles(arg: dict[str, Any], loc: Loc) -> frozenset[str] | None:
    roles = arg.get("role")
    if roles is None:
        return None
    roles = [roles] if isinstance(roles, str) else roles
    valid = get_args(Role)
    if not isinstance(roles, list):
        raise ConditionError((*loc, "role"), "invalid-operand", "'role' takes a role or a list")
    for r in roles:
        if r not in valid:
            raise ConditionError((*loc, "role"), "unknown-value",
                                 f"'{r}' is not a role{did_you_mean(str(r), valid)}")
    return frozenset(roles)


@operator
class SomeParty(Operator):
    key = "some_party"
    Args = SomePartyArgs
    summary: ClassVar[str] = "some party of the relationship (optionally in given roles) satisfies"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        if not isinstance(raw, dict) or "where" not in raw or set(raw) - {"where", "role"}:
            raise ConditionError(loc, "invalid-condition",
                                 "'some_party' takes {where: condition} and optionally"
                                 " role: [...]")
        if env.context != "relationship":
            raise ConditionError(loc, "wrong-context", "'some_party' is used on a relationship")
        roles = _roles(raw, loc)
        where = compile_condition(raw["where"], (*loc, "where"), env.within("party"))
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


_OPEN = (None, None)


def _held(o: Ownership, ctx: Context) -> bool | None:
    """Whether the holding is in place on every day of the period.

    A holding recorded without ``since`` (or ``until``) has no recorded start (or
    end): it holds on every day as far as the case says, as an undated fact does.
    A bounded ``since``/``until`` decides only the days it certainly covers."""
    day = ctx.day
    since, until = o.since.bounds(), o.until.bounds()
    started = True if since == _OPEN else on_or_before(since, day)
    running = True if until == _OPEN else on_or_before(day, until)
    return and3(started, running)


@operator
class OwnedBy(Operator):
    key = "owned_by"
    Args = OwnedByArgs
    summary: ClassVar[str] = "parties satisfying a condition hold at least a share of the party"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        if (not isinstance(raw, dict) or "where" not in raw or "share_at_least" not in raw
                or set(raw) - {"where", "share_at_least"}):
            raise ConditionError(loc, "invalid-condition",
                                 "'owned_by' takes {where: condition, share_at_least: percent}")
        if env.context != "party":
            raise ConditionError(loc, "wrong-context", "'owned_by' tests a party")
        threshold = raw["share_at_least"]
        if (not isinstance(threshold, int | float) or isinstance(threshold, bool)
                or not 0 < threshold <= 100):
            raise ConditionError((*loc, "share_at_least"), "invalid-operand",
                                 "'share_at_least' takes a percentage above 0 and at most 100")
        where = compile_condition(raw["where"], (*loc, "where"), env)
        return _owned_by(where, float(threshold), id(raw))


def _owned_by(where: Node, threshold: float, token: int) -> Node:
    test = where.fast

    def holdings(ctx: Context, party: Party) -> tuple[float, float]:
        sure = possible = 0.0
        for o in party.owners:
            owner = ctx.parties.get(o.owner)
            held = _held(o, ctx)
            if owner is None or held is False:
                continue
            v = test(ctx, owner)
            share = value_over(o.share, ctx.day)
            if v is True and held is True and share is not None:
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
        if len(ctx.visiting) >= MAX_OWNERSHIP_DEPTH:
            return None  # a chain this long is not followed further: unknown, never false
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
        result = tv(fast(ctx, party))
        steps = []
        if party is not None and (token, party.id) not in ctx.visiting:
            deep = len(ctx.visiting) >= MAX_OWNERSHIP_DEPTH
            ctx.visiting.add((token, party.id))  # the trace follows cycles only once, too
            try:
                for o in party.owners:
                    owner = ctx.parties.get(o.owner)
                    if owner is None:
                        continue
                    share = value_over(o.share, ctx.day)
                    shown = "unknown" if share is None else f"{share:g}%"
                    inner = () if deep else (where.trace(ctx, owner),)
                    steps.append(TraceStep(
                        label=f"{owner.name} holds {shown}",
                        result=inner[0].result if inner else "unknown",
                        fact="party.owners.share", party=owner.id, value=shown,
                        evidence=o.share.evidence + o.evidence, children=inner))
            finally:
                ctx.visiting.discard((token, party.id))
        return TraceStep(label=label, result=result, party=party.id if party else None,
                         children=tuple(steps))

    return Node(label, fast, tracer, where.facts | {"party.owners.share"}, 10 + 5 * where.cost)


GROUP_NOT_LISTED = ("a group of natural persons, which a list does not name as such; a"
                    " benefit to a designated member or manager is asked separately")


def _unlisted_group(party: Party, _regimes: tuple[str, ...]) -> bool:
    """A group of natural persons (kind ``group``) is never designated as such: lists name
    persons and entities.  A listed organisation is recorded as a company, government body
    or other, and a case recording a designation on a group is refused."""
    return party.kind == "group"


@operator
class Designated(Operator):
    key = "designated"
    Args = DesignatedArgs
    summary: ClassVar[str] = "the party is designated under one of the regimes"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        if (not isinstance(raw, dict) or set(raw) != {"regimes"}
                or not isinstance(raw["regimes"], list)):
            raise ConditionError(loc, "invalid-condition",
                                 "'designated' takes {regimes: [UN-1718]}")
        if env.context != "party":
            raise ConditionError(loc, "wrong-context", "'designated' tests a party")
        regimes = tuple(str(r) for r in raw["regimes"])

        def fast(ctx: Context, party: Party | None) -> bool | None:
            if party is None:
                return None
            key = ("party.designated", party.id)
            if ctx.overrides and key in ctx.overrides:
                value: bool | None = ctx.overrides[key]
                return value
            if _unlisted_group(party, regimes):
                return False
            return designated(party, regimes, ctx.day)[0]

        label = f"designated under {', '.join(regimes)}"

        def tracer(ctx: Context, party: Party | None) -> TraceStep:
            shown = designated(party, regimes, ctx.day)[1] if party else "unknown"
            if party is not None and _unlisted_group(party, regimes):
                shown = GROUP_NOT_LISTED
            evidence = designation_evidence(party, regimes) if party else ()
            return TraceStep(label=label, result=tv(fast(ctx, party)), fact="party.designated",
                             party=party.id if party else None, value=shown, evidence=evidence)

        return Node(label, fast, tracer, frozenset({"party.designated"}), 3)
