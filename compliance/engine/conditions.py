"""The condition language of rule files, compiled once into three-valued nodes.

A condition is a mapping with one operator.  Operators are registered one class
each (:mod:`compliance.engine.operators`, which imports this module and registers
them; compile conditions through it): the class names its key, describes its
arguments with a typed model (from which the JSON Schema editors complete rule
files is generated) and compiles them into a :class:`Node`.  Each node offers a
fast evaluator (a closure returning ``True``, ``False`` or ``None`` for unknown)
and a tracing evaluator that records every value read and its evidence.
Nothing in a rule file is executed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel

from compliance.engine.facts import Context
from compliance.errors import did_you_mean
from compliance.models.case import Party
from compliance.models.findings import TraceStep, TruthValue

Fast = Callable[[Context, Party | None], bool | None]
Loc = tuple[str | int, ...]
DATE_CONSTANTS = ("provision.adopted", "in_force.from", "as_of")


class ConditionError(Exception):
    """A problem in a condition, located by its path inside the rule file."""

    def __init__(self, loc: Loc, code: str, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.code = code
        self.message = message


def tv(value: bool | None) -> TruthValue:
    """Render a three-valued result.

    >>> tv(True), tv(None)
    ('true', 'unknown')
    """
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
    """Values each text or enum fact is compared with; answers to offer in questions."""
    allow_known: bool = False
    """``known:`` is allowed only in remarks: anywhere else it is not monotone."""
    interpretations: Mapping[str, Any] = field(default_factory=dict)
    """The rule's named interpretations, by id."""
    defaults: Mapping[str, tuple[bool, Node, str]] = field(default_factory=dict)
    """The rule's assumed values for unrecorded facts: path -> (value, when, because)."""
    cuts: set[dt.date] = field(default_factory=set)
    """Days on which a condition's value may change by the calendar alone (``day_assessed``
    tests); status histories cut their periods there."""

    def within(self, context: str) -> Env:
        """The same environment for conditions about a ``context`` (party or relationship)."""
        return Env(self.definitions, self.dates, context, self.compiled, self.literals,
                   self.allow_known, self.interpretations, self.defaults, self.cuts)


class Operator:
    """One key of the condition language.

    Subclasses set :attr:`key`, :attr:`Args` (the typed arguments, for the schema
    and for documentation) and implement :meth:`compile`.  Registering a subclass
    with :func:`operator` makes the key available to every rule.
    """

    key: ClassVar[str]
    Args: ClassVar[type[BaseModel]]
    summary: ClassVar[str]

    def compile(self, raw: Any, loc: Loc, env: Env) -> Node:
        """Compile the operator's argument ``raw`` (located at ``loc``)."""
        raise NotImplementedError


OPERATORS: dict[str, Operator] = {}
"""Every operator of the condition language, by key, in registration order."""


def operator(cls: type[Operator]) -> type[Operator]:
    """Class decorator: register an operator under its key."""
    if cls.key in OPERATORS:  # pragma: no cover - a programming error
        raise RuntimeError(f"operator {cls.key!r} registered twice")
    OPERATORS[cls.key] = cls()
    return cls


def compile_condition(raw: Any, loc: Loc, env: Env) -> Node:
    """Parse and compile one condition mapping, raising :class:`ConditionError`."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(loc, "invalid-condition",
                             "a condition must be a mapping with one operator, e.g."
                             " {fact: relationship.kind, in: [joint_venture]}")
    if "fact" in raw:  # the one operator with two keys: {fact: path, <comparison>: operand}
        return OPERATORS["fact"].compile(raw, loc, env)
    keys = list(raw)
    if len(keys) != 1:
        raise ConditionError(loc, "invalid-condition",
                             f"a condition has exactly one operator; got {', '.join(keys)}")
    key = keys[0]
    found = OPERATORS.get(key) if isinstance(key, str) else None
    if found is None:
        names = list(OPERATORS)
        raise ConditionError(loc, "unknown-operator",
                             f"'{key}' is not a condition operator{did_you_mean(str(key), names)};"
                             f" expected one of {', '.join(names)}")
    return found.compile(raw[key], (*loc, key), env)
