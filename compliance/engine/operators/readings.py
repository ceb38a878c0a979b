"""The ``interpretation`` operator: which reading of an ambiguous provision is in force.

A rule declares its named interpretations (``interpretations:``), each with its
readings and, perhaps, a default.  ``{interpretation: {id: X, is: R}}`` is true
when reading R of X is in force: chosen on the command line, else in the case,
else the rule's default.  With none of these it is unknown, so a finding that
depends on the reading is ``undetermined`` and the question of interpretation is
listed apart from the questions of fact.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from compliance.engine.conditions import ConditionError, Env, Loc, Node, Operator, operator, tv
from compliance.engine.facts import Context
from compliance.errors import did_you_mean
from compliance.models.case import Party
from compliance.models.findings import TraceStep

PREFIX = "interpretation."
"""Readings travel through a context as pseudo-facts ``interpretation.<id>``."""


class ReadingTest(BaseModel):
    """``{id: <interpretation>, is: <reading>}`` or ``{id: ..., in: [<readings>]}``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True,
                              json_schema_extra={"required": ["id"], "minProperties": 2,
                                                 "maxProperties": 2})

    id: str
    is_: str | None = Field(None, alias="is")
    in_: list[str] | None = Field(None, alias="in")


def reading_in_force(ctx: Context, interpretation: Any) -> tuple[str | None, str]:
    """The reading of ``interpretation`` in force for ``ctx``, and who chose it."""
    key = (PREFIX + interpretation.id, None)
    if ctx.overrides and key in ctx.overrides:
        return ctx.overrides[key], "supposed"
    chosen = ctx.readings.get(interpretation.id)
    if chosen is not None:
        return chosen  # (reading, "case" or "command line")
    if interpretation.default is not None:
        return interpretation.default, "default"
    return None, "open"


@operator
class InterpretationOperator(Operator):
    key = "interpretation"
    Args = ReadingTest
    summary: ClassVar[str] = "the reading in force of one of the rule's named interpretations"

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        if not isinstance(raw, dict) or "id" not in raw or len(set(raw) - {"id"}) != 1 \
                or not set(raw) - {"id"} <= {"is", "in"}:
            raise ConditionError(loc, "invalid-condition",
                                 "'interpretation' takes {id: <interpretation>, is: <reading>}"
                                 " or {id: ..., in: [<readings>]}")
        ident = raw["id"]
        interpretation = env.interpretations.get(ident) if isinstance(ident, str) else None
        if interpretation is None:
            raise ConditionError((*loc, "id"), "unknown-interpretation",
                                 f"'{ident}' is not one of this rule's interpretations"
                                 f"{did_you_mean(str(ident), env.interpretations)}; declare it"
                                 " under 'interpretations'")
        op = "is" if "is" in raw else "in"
        wanted = [raw[op]] if op == "is" else raw[op]
        readings = [r.id for r in interpretation.readings]
        if not isinstance(wanted, list) or not wanted:
            raise ConditionError((*loc, op), "invalid-operand", f"'{op}' takes a reading id")
        for reading in wanted:
            if reading not in readings:
                raise ConditionError((*loc, op), "unknown-reading",
                                     f"'{reading}' is not a reading of '{ident}'"
                                     f"{did_you_mean(str(reading), readings)}; expected one of"
                                     f" {', '.join(readings)}")
        chosen = frozenset(wanted)

        def fast(ctx: Context, _party: Party | None) -> bool | None:
            reading, _by = reading_in_force(ctx, interpretation)
            return None if reading is None else reading in chosen

        label = f"the reading of {ident} is {' or '.join(wanted)}"
        path = PREFIX + ident

        def tracer(ctx: Context, _party: Party | None) -> TraceStep:
            reading, by = reading_in_force(ctx, interpretation)
            shown = "open (no reading chosen)" if reading is None else f"{reading} ({by})"
            return TraceStep(label=label, result=tv(fast(ctx, None)), fact=path, value=shown)

        return Node(label, fast, tracer, frozenset({path}), 1)
