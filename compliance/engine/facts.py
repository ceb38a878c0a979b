"""The fact paths rules may read, with fast getters and evidence-bearing views.

Paths, kinds and labels come from the vocabulary (``compliance/vocabulary``);
this module supplies how each is read.  Every path is checked when rules
compile, never during evaluation.

A :class:`Context` covers one relationship over a *period* of days (one day for
an assessment date).  Every getter is three-valued over the period: it gives a
value only when that value holds on every day of it, and ``None`` (unknown)
otherwise.  Evaluating a rule over a period therefore gives a determined answer
only when the answer is the same on every day; status histories split a period
until it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Literal

from compliance.engine.days import Bounds, Day, and3, before, on_or_before
from compliance.models.case import Party, Relationship
from compliance.models.common import DateFact, Evidence, Fact
from compliance.vocabulary import FactDef, definitions

Kind = Literal["bool", "enum", "text", "number", "date", "codes"]
ALL_DAYS: Day = (dt.date.min, dt.date.max)

_KINDS: dict[str, Kind] = {"bool": "bool", "text": "text", "country": "text", "enum": "enum",
                           "number": "number", "percent": "number", "date": "date",
                           "codes": "codes", "countries": "codes"}


class Context:
    """Everything one relationship's evaluation over a period reads."""

    __slots__ = ("day", "memos", "overrides", "participants", "parties", "readings",
                 "relationship", "steady", "visiting")

    def __init__(
        self,
        relationship: Relationship,
        parties: Mapping[str, Party],
        day: dt.date | Day,
        overrides: Mapping[tuple[str, str | None], Any] | None = None,
        memos: dict[Day, dict[tuple[int, str], bool | None]] | None = None,
        readings: Mapping[str, tuple[str, str]] | None = None,
        steady: Callable[[str, frozenset[str]], bool] | None = None,
    ) -> None:
        self.relationship = relationship
        self.readings: Mapping[str, tuple[str, str]] = readings or {}
        """Readings of named interpretations chosen for this run: id -> (reading, by whom)."""
        self.parties = parties
        self.day: Day = (day, day) if isinstance(day, dt.date) else day
        self.participants = tuple(
            (parties[p.party], p.role) for p in relationship.parties if p.party in parties
        )
        self.overrides: Mapping[tuple[str, str | None], Any] = overrides or {}
        self.visiting: set[tuple[int, str]] = set()
        self.memos: dict[Day, dict[tuple[int, str], bool | None]] = (
            {} if memos is None else memos)
        """Party definitions that read only party facts, by period, then by (definition,
        party id): shared by every relationship assessed with the same parties."""
        self.steady = steady
        """Whether a party (with its owners) records no dated value of any of some facts:
        a definition reading only those is then the same on every day, and is remembered
        for all periods at once."""

    def memo(self, party: str, facts: frozenset[str]) -> dict[tuple[int, str], bool | None]:
        """Where the answers of a party definition reading ``facts`` about ``party`` are
        remembered: for all days when nothing it reads is dated, else for this period."""
        steady = self.steady
        day = ALL_DAYS if steady is not None and steady(party, facts) else self.day
        known = self.memos.get(day)
        if known is None:
            known = self.memos[day] = {}
        return known

    @property
    def as_of(self) -> dt.date:
        """The first day of the period (the assessment date of a one-day context)."""
        return self.day[0]

    def during(self, day: Day) -> Context:
        """The same relationship over another period."""
        other = Context.__new__(Context)
        other.relationship, other.parties, other.day = self.relationship, self.parties, day
        other.participants, other.memos, other.readings = (self.participants, self.memos,
                                                           self.readings)
        other.overrides, other.visiting, other.steady = self.overrides, set(), self.steady
        return other

    def suppose(self, overrides: Mapping[tuple[str, str | None], Any]) -> Context:
        """The same relationship with some facts replaced by supposed answers."""
        other = Context.__new__(Context)
        other.relationship, other.parties, other.day = self.relationship, self.parties, self.day
        other.participants, other.memos, other.steady = self.participants, self.memos, self.steady
        other.readings = self.readings
        other.visiting = set()
        other.overrides = {**self.overrides, **overrides}
        return other


Getter = Callable[[Context, Party | None], Any]
FactView = tuple[Any, tuple[Evidence, ...], str, str | None]
"""(value, evidence, value as shown, the analyst's assumption if any)."""
View = Callable[[Context, Party | None], FactView]


@dataclass(frozen=True)
class FactSpec:
    """One readable fact path."""

    path: str
    context: Literal["relationship", "party"]
    kind: Kind
    description: str
    get: Getter
    view: View
    domain: tuple[str, ...] = field(default=())


def value_over(fact: Fact[Any], day: Day) -> Any:
    """The fact's value on every day of ``day``, or ``None``."""
    if fact.periods or fact.since is not None or fact.until is not None:
        return fact.over(*day)
    return fact.value


def _fact_view(fact: Fact[Any], day: Day) -> FactView:
    held = fact.holding(*day) if fact.dated else fact
    if held is None:
        evidence = tuple(e for p in (fact.periods or (fact,)) for e in p.evidence)
        return None, evidence, "not recorded for the whole period", None
    evidence = held.evidence + tuple(e for p in held.contested for e in p.evidence)
    if held.contested and held.value is None:
        sides = " vs ".join(show(p.value) for p in held.contested)
        return None, evidence, f"contested ({sides})", None
    shown = show(held.value)
    if fact.dated and held.value is not None:
        shown += _period_note(held)
    return held.value, evidence, shown, held.assumption


def _period_note(fact: Fact[Any]) -> str:
    since = f"from {fact.since.isoformat()}" if fact.since else ""
    until = f"until {fact.until.isoformat()}" if fact.until else ""
    return f" ({' '.join(p for p in (since, until) if p)})"


def _date_view(fact: DateFact) -> FactView:
    evidence = fact.evidence + tuple(e for p in fact.contested for e in p.evidence)
    lo, hi = fact.bounds()
    if fact.value is not None:
        shown = fact.value.isoformat()
    elif lo is None and hi is None:
        shown = "unknown"
    elif lo == hi and lo is not None:
        shown = lo.isoformat()
    elif lo is None and hi is not None:
        shown = f"on or before {hi.isoformat()}"
    elif hi is None and lo is not None:
        shown = f"on or after {lo.isoformat()}"
    else:
        shown = f"between {lo} and {hi}"
    if fact.contested and fact.value is None:
        shown = "contested: " + shown
    return (lo, hi), evidence, shown, fact.assumption


def show(value: Any) -> str:
    """A value as the trace prints it.

    >>> show(True), show(None), show(("8517.62", "8471.30")), show(25.0)
    ('yes', 'unknown', '8517.62, 8471.30', '25')
    """
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _override(path: str, getter: Getter, view: View) -> tuple[Getter, View]:
    """Wrap getters so counterfactual evaluation can substitute an answer."""

    def get(ctx: Context, party: Party | None) -> Any:
        if ctx.overrides:
            key = (path, party.id if party else None)
            if key in ctx.overrides:
                return ctx.overrides[key]
        return getter(ctx, party)

    def see(ctx: Context, party: Party | None) -> FactView:
        if ctx.overrides:
            key = (path, party.id if party else None)
            if key in ctx.overrides:
                value = ctx.overrides[key]
                return value, (), f"{show(value)} (supposed)", None
        return view(ctx, party)

    return get, see


def _spec(definition: FactDef, get: Getter, view: View) -> FactSpec:
    get, view = _override(definition.path, get, view)
    return FactSpec(definition.path, definition.context, _KINDS[definition.type],
                    definition.label, get, view, definition.values)


def _attribute(definition: FactDef, attr: str) -> FactSpec:
    """A relationship fact read from ``attr`` of the relationship."""
    fact_of: Callable[[Any], Any] = attrgetter(attr)
    if definition.type == "date":
        return _spec(definition, lambda ctx, _p: fact_of(ctx.relationship).bounds(),
                     lambda ctx, _p: _date_view(fact_of(ctx.relationship)))
    def get(ctx: Context, _p: Party | None) -> Any:
        fact = fact_of(ctx.relationship)
        if fact.periods or fact.since or fact.until:  # inlined value_over: the hot path
            return fact.over(*ctx.day)
        return fact.value

    return _spec(definition, get,
                 lambda ctx, _p: _fact_view(fact_of(ctx.relationship), ctx.day))


def _party_attribute(definition: FactDef) -> FactSpec:
    fact_of: Callable[[Any], Any] = attrgetter(definition.name)

    def get(ctx: Context, party: Party | None) -> Any:
        if party is None:
            return None
        fact = fact_of(party)
        if fact.periods or fact.since or fact.until:  # inlined value_over: the hot path
            return fact.over(*ctx.day)
        return fact.value

    def view(ctx: Context, party: Party | None) -> FactView:
        if party is None:
            return None, (), "unknown", None
        return _fact_view(fact_of(party), ctx.day)

    return _spec(definition, get, view)


def operating(ctx: Context) -> bool | None:
    """Whether the relationship is in operation on every day of the period."""
    rel = ctx.relationship
    day: Bounds = ctx.day
    return and3(on_or_before(rel.start.bounds(), day), on_or_before(day, rel.end.bounds()))


def _status(ctx: Context) -> str | None:
    value: str | None = FACTS["relationship.committee_approval.status"].get(ctx, None)
    return value


def _approval(ctx: Context, wanted: str) -> bool | None:
    approval = ctx.relationship.attributes.committee_approval
    status = _status(ctx)
    if status is None:
        return None
    if status != wanted:
        return False
    return on_or_before(approval.decided_on.bounds(), ctx.day)


def _pending(ctx: Context) -> bool | None:
    approval = ctx.relationship.attributes.committee_approval
    status = _status(ctx)
    if status is None:
        return None
    if status == "none":
        return False
    requested = on_or_before(approval.requested_on.bounds(), ctx.day)
    if status == "pending":
        return requested
    undecided = before(ctx.day, approval.decided_on.bounds())
    return and3(requested, undecided)


def _derived(definition: FactDef, compute: Callable[[Context], bool | None],
             shows: Callable[[Context], Any]) -> FactSpec:
    def view(ctx: Context, _p: Party | None) -> FactView:
        value = compute(ctx)
        evidence: tuple[Evidence, ...] = ()
        assumptions = []
        for fact in shows(ctx):
            evidence += fact.evidence
            if fact.assumption:
                assumptions.append(fact.assumption)
        return value, evidence, show(value), " ".join(assumptions) or None

    return _spec(definition, lambda ctx, _p: compute(ctx), view)


def _approval_facts(ctx: Context) -> tuple[Any, ...]:
    a = ctx.relationship.attributes.committee_approval
    return (a.status, a.requested_on, a.decided_on)


def _kind(definition: FactDef) -> FactSpec:
    if definition.context == "relationship":
        return _spec(definition, lambda ctx, _p: ctx.relationship.kind,
                     lambda ctx, _p: (ctx.relationship.kind, ctx.relationship.evidence,
                                      ctx.relationship.kind, None))
    return _spec(definition, lambda _c, party: party.kind if party else None,
                 lambda _c, party: (party.kind, party.evidence, party.kind, None) if party
                 else (None, (), "unknown", None))


_BUILT_IN: dict[str, Callable[[FactDef], FactSpec]] = {
    "relationship.kind": _kind,
    "party.kind": _kind,
    "party.country": _party_attribute,
    "relationship.start": lambda d: _attribute(d, "start"),
    "relationship.end": lambda d: _attribute(d, "end"),
    "relationship.committee_approval.status":
        lambda d: _attribute(d, "attributes.committee_approval.status"),
    "relationship.committee_approval.requested_on":
        lambda d: _attribute(d, "attributes.committee_approval.requested_on"),
    "relationship.committee_approval.decided_on":
        lambda d: _attribute(d, "attributes.committee_approval.decided_on"),
    "relationship.operating": lambda d: _derived(
        d, operating, lambda ctx: (ctx.relationship.start, ctx.relationship.end)),
    "relationship.committee_approval.approved": lambda d: _derived(
        d, lambda ctx: _approval(ctx, "approved"), _approval_facts),
    "relationship.committee_approval.denied": lambda d: _derived(
        d, lambda ctx: _approval(ctx, "denied"), _approval_facts),
    "relationship.committee_approval.pending": lambda d: _derived(d, _pending, _approval_facts),
}
"""How the structural and derived facts of the vocabulary are read."""

OPERATOR_FACTS = frozenset({"party.designated", "party.owners.share"})
"""Vocabulary facts that operators (``designated``, ``owned_by``) read, not ``fact:``."""


def _build_registry() -> dict[str, FactSpec]:
    registry: dict[str, FactSpec] = {}
    for path, definition in definitions().items():
        if path in OPERATOR_FACTS:
            continue
        if definition.source == "recorded":
            registry[path] = (_attribute(definition, f"attributes.{definition.name}")
                              if definition.context == "relationship"
                              else _party_attribute(definition))
        elif path in _BUILT_IN:
            registry[path] = _BUILT_IN[path](definition)
        else:  # pragma: no cover - a vocabulary entry without a reader
            raise RuntimeError(f"the vocabulary defines {path} but the engine cannot read it")
    missing = set(_BUILT_IN) - set(registry)
    if missing:  # pragma: no cover - a reader without a vocabulary entry
        raise RuntimeError(f"no vocabulary entry for {sorted(missing)}")
    return registry


FACTS: dict[str, FactSpec] = _build_registry()
"""Every fact path a rule may read."""
