"""The ``day_assessed`` operator: compare the day assessed with a date.

A provision sometimes changes another from a date of its own: resolution 2321
(2016), para. 10, clarifies from 30 November 2016 what 2270 (2016), para. 17
covers.  ``{day_assessed: {on_or_after: 2016-11-30}}`` is true on the days from then on.
Over a period that straddles the date it is unknown, so status histories cut
their periods at that date (the rule records it in ``Rule.cuts``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from compliance.engine.conditions import ConditionError, Env, Loc, Node, Operator, operator, tv
from compliance.engine.days import DATE_COMPARISONS
from compliance.engine.facts import Context
from compliance.engine.operators.facts import AS_OF
from compliance.models.case import Party
from compliance.models.findings import TraceStep


class AsOfTest(BaseModel):
    """``{before|on_or_before|after|on_or_after: <date>}``: exactly one comparison."""

    model_config = ConfigDict(extra="forbid")

    before: dt.date | str | None = Field(None, description="YYYY-MM-DD or provision.adopted")
    on_or_before: dt.date | str | None = None
    after: dt.date | str | None = None
    on_or_after: dt.date | str | None = None


@operator
class AsOf(Operator):
    key = "day_assessed"
    Args = AsOfTest
    summary: ClassVar[str] = "the day assessed compares with a date (e.g. a later resolution's)"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        if not isinstance(raw, dict) or len(raw) != 1 or not set(raw) <= set(DATE_COMPARISONS):
            raise ConditionError(loc, "invalid-condition",
                                 "'day_assessed' takes one comparison, e.g."
                                 " {on_or_after: 2016-11-30}; expected one of"
                                 f" {', '.join(DATE_COMPARISONS)}")
        op, operand = next(iter(raw.items()))
        if isinstance(operand, str) and operand in env.dates:
            day = env.dates[operand]
        elif isinstance(operand, dt.date) and not isinstance(operand, dt.datetime):
            day = operand
        else:
            raise ConditionError((*loc, op), "invalid-operand",
                                 f"'{op}' takes a date (YYYY-MM-DD) or one of"
                                 f" {', '.join(env.dates)}")
        env.cuts.add(day)
        compare = DATE_COMPARISONS[op]
        fixed = (day, day)

        def fast(ctx: Context, _party: Party | None) -> bool | None:
            return compare(ctx.day, fixed)

        label = f"the day assessed is {op.replace('_', ' ')} {day.isoformat()}"

        def tracer(ctx: Context, _party: Party | None) -> TraceStep:
            lo, hi = ctx.day
            shown = lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
            return TraceStep(label=label, result=tv(fast(ctx, None)), value=shown)

        # It reads the day itself: a scope with it is not the same on every day.
        return Node(label, fast, tracer, frozenset({AS_OF}), 1)
