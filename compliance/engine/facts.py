"""The fact paths rules may read, with fast getters and evidence-bearing views.

Every path is checked when rules compile, never during evaluation.  Getters
return ``None`` for an unknown value; date facts return ``(earliest, latest)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Literal, get_args

from compliance.models.case import (
    ApprovalStatus,
    Attributes,
    Party,
    PartyKind,
    Relationship,
    RelationshipKind,
)
from compliance.models.common import DateFact, Evidence, Fact

Kind = Literal["bool", "enum", "text", "number", "date", "strings"]
Bounds = tuple[dt.date | None, dt.date | None]


class Context:
    """Everything one relationship's evaluation reads, built once per relationship."""

    __slots__ = ("as_of", "memo", "overrides", "participants", "parties", "relationship",
                 "visiting")

    def __init__(
        self,
        relationship: Relationship,
        parties: Mapping[str, Party],
        as_of: dt.date,
        overrides: Mapping[tuple[str, str | None], Any] | None = None,
        memo: dict[tuple[int, str], bool | None] | None = None,
    ) -> None:
        self.relationship = relationship
        self.parties = parties
        self.as_of = as_of
        self.participants = tuple(
            (parties[p.party], p.role) for p in relationship.parties if p.party in parties
        )
        self.overrides: Mapping[tuple[str, str | None], Any] = overrides or {}
        self.visiting: set[tuple[int, str]] = set()
        self.memo: dict[tuple[int, str], bool | None] = {} if memo is None else memo
        """Party definitions that read only party facts, by (definition, party id).

        Shared by every relationship assessed with the same parties and date."""

    def suppose(self, overrides: Mapping[tuple[str, str | None], Any]) -> Context:
        """The same relationship with some facts replaced by supposed answers."""
        other = Context.__new__(Context)
        other.relationship, other.parties, other.as_of = self.relationship, self.parties, self.as_of
        other.participants, other.memo, other.visiting = self.participants, self.memo, set()
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


def _fact_view(fact: Fact[Any]) -> FactView:
    evidence = fact.evidence + tuple(e for p in fact.contested for e in p.evidence)
    if fact.contested and fact.value is None:
        sides = " vs ".join(_show(p.value) for p in fact.contested)
        return None, evidence, f"contested ({sides})", None
    return fact.value, evidence, _show(fact.value), fact.assumption


def _date_view(fact: DateFact) -> FactView:
    evidence = fact.evidence + tuple(e for p in fact.contested for e in p.evidence)
    lo, hi = fact.bounds()
    if fact.value is not None:
        shown = fact.value.isoformat()
    elif lo is None and hi is None:
        shown = "unknown"
    elif lo == hi and lo is not None:
        shown = lo.isoformat()
    else:
        shown = f"between {lo.isoformat() if lo else '?'} and {hi.isoformat() if hi else '?'}"
    if fact.contested and fact.value is None:
        shown = "contested: " + shown
    return (lo, hi), evidence, shown, fact.assumption


def _show(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "none"
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
                return value, (), f"{_show(value)} (supposed)", None
        return view(ctx, party)

    return get, see


def _relationship_fact(path: str, attr: str, kind: Kind, description: str,
                       domain: tuple[str, ...] = ()) -> FactSpec:
    if kind == "date":
        fact_of: Callable[[Any], Any] = attrgetter(attr)
        fast: Getter = lambda ctx, _p: fact_of(ctx.relationship).bounds()  # noqa: E731
        view: View = lambda ctx, _p: _date_view(fact_of(ctx.relationship))  # noqa: E731
    else:
        value_of = attrgetter(attr + ".value")
        fact_of = attrgetter(attr)
        fast = lambda ctx, _p: value_of(ctx.relationship)  # noqa: E731
        view = lambda ctx, _p: _fact_view(fact_of(ctx.relationship))  # noqa: E731
    get, see = _override(path, fast, view)
    return FactSpec(path, "relationship", kind, description, get, see, domain)


def _party_fact(path: str, attr: str, kind: Kind, description: str,
                domain: tuple[str, ...] = ()) -> FactSpec:
    value_of = attrgetter(attr + ".value")
    fact_of = attrgetter(attr)
    get, see = _override(
        path,
        lambda _c, party: value_of(party),
        lambda _c, party: _fact_view(fact_of(party)),
    )
    return FactSpec(path, "party", kind, description, get, see, domain)


def _on_or_before(a: Bounds, b: Bounds) -> bool | None:
    """Three-valued ``a <= b`` for date intervals (``None`` ends are open)."""
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_hi is not None and b_lo is not None and a_hi <= b_lo:
        return True
    if a_lo is not None and b_hi is not None and a_lo > b_hi:
        return False
    return None


def _before(a: Bounds, b: Bounds) -> bool | None:
    """Three-valued ``a < b`` for date intervals."""
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_hi is not None and b_lo is not None and a_hi < b_lo:
        return True
    if a_lo is not None and b_hi is not None and a_lo >= b_hi:
        return False
    return None


DATE_COMPARISONS: dict[str, Callable[[Bounds, Bounds], bool | None]] = {
    "before": _before,
    "on_or_before": _on_or_before,
    "after": lambda a, b: _before(b, a),
    "on_or_after": lambda a, b: _on_or_before(b, a),
}


def and3(a: bool | None, b: bool | None) -> bool | None:
    """Kleene conjunction."""
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _operating(ctx: Context) -> bool | None:
    day = (ctx.as_of, ctx.as_of)
    rel = ctx.relationship
    return and3(_on_or_before(rel.start.bounds(), day), _on_or_before(day, rel.end.bounds()))


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
    return _on_or_before(approval.decided_on.bounds(), (ctx.as_of, ctx.as_of))


def _pending(ctx: Context) -> bool | None:
    approval = ctx.relationship.attributes.committee_approval
    status = _status(ctx)
    day = (ctx.as_of, ctx.as_of)
    if status is None:
        return None
    if status == "none":
        return False
    requested = _on_or_before(approval.requested_on.bounds(), day)
    if status == "pending":
        return requested
    undecided = _before(day, approval.decided_on.bounds())
    return and3(requested, undecided)


def _derived(path: str, kind: Kind, description: str, compute: Callable[[Context], bool | None],
             shows: Callable[[Context], Any]) -> FactSpec:
    def view(ctx: Context, _p: Party | None) -> FactView:
        value = compute(ctx)
        evidence: tuple[Evidence, ...] = ()
        assumptions = []
        for fact in shows(ctx):
            evidence += fact.evidence
            if fact.assumption:
                assumptions.append(fact.assumption)
        return value, evidence, _show(value), " ".join(assumptions) or None

    get, see = _override(path, lambda ctx, _p: compute(ctx), view)
    return FactSpec(path, "relationship", kind, description, get, see, ("yes", "no"))


def _approval_facts(ctx: Context) -> tuple[Any, ...]:
    a = ctx.relationship.attributes.committee_approval
    return (a.status, a.requested_on, a.decided_on)


def _build_registry() -> dict[str, FactSpec]:
    specs: list[FactSpec] = [
        _relationship_fact("relationship.start", "start", "date", "when the relationship began"),
        _relationship_fact("relationship.end", "end", "date", "when the relationship ended"),
        _derived("relationship.operating", "bool",
                 "the relationship was in operation on the assessment date",
                 _operating, lambda ctx: (ctx.relationship.start, ctx.relationship.end)),
        _relationship_fact("relationship.committee_approval.status",
                           "attributes.committee_approval.status", "enum",
                           "the Committee's final decision on a request, if any",
                           get_args(ApprovalStatus)),
        _relationship_fact("relationship.committee_approval.requested_on",
                           "attributes.committee_approval.requested_on", "date",
                           "when approval was requested"),
        _relationship_fact("relationship.committee_approval.decided_on",
                           "attributes.committee_approval.decided_on", "date",
                           "when the Committee decided"),
        _derived("relationship.committee_approval.approved", "bool",
                 "the Committee had approved the arrangement by the assessment date",
                 lambda ctx: _approval(ctx, "approved"), _approval_facts),
        _derived("relationship.committee_approval.denied", "bool",
                 "the Committee had denied approval by the assessment date",
                 lambda ctx: _approval(ctx, "denied"), _approval_facts),
        _derived("relationship.committee_approval.pending", "bool",
                 "a request for approval was pending on the assessment date",
                 _pending, _approval_facts),
        _party_fact("party.country", "country", "text",
                    "country of incorporation, or nationality of an individual"),
        _party_fact("party.state_owned", "state_owned", "bool", "owned by a State"),
        _party_fact("party.government_entity", "government_entity", "bool",
                    "an entity of a Government (a ministry, or a body it runs)"),
    ]
    kinds: dict[str, Kind] = {}
    for name, info in Attributes.model_fields.items():
        annotation = str(info.annotation)
        if name == "committee_approval":
            continue
        if "DateFact" in annotation:
            kinds[name] = "date"
        elif "bool" in annotation:
            kinds[name] = "bool"
        elif "float" in annotation:
            kinds[name] = "number"
        elif "tuple" in annotation:
            kinds[name] = "strings"
        else:
            kinds[name] = "text"
    for name, kind in kinds.items():
        description = name.replace("_", " ")
        specs.append(_relationship_fact(f"relationship.{name}", f"attributes.{name}", kind,
                                        description))
    registry = {s.path: s for s in specs}
    registry["relationship.kind"] = FactSpec(
        "relationship.kind", "relationship", "enum", "the kind of relationship",
        lambda ctx, _p: ctx.relationship.kind,
        lambda ctx, _p: (ctx.relationship.kind, ctx.relationship.evidence,
                         ctx.relationship.kind, None),
        get_args(RelationshipKind),
    )
    registry["party.kind"] = FactSpec(
        "party.kind", "party", "enum", "the kind of party",
        lambda _c, party: party.kind if party else None,
        lambda _c, party: (party.kind, party.evidence, party.kind, None) if party
        else (None, (), "unknown", None),
        get_args(PartyKind),
    )
    return registry


FACTS: dict[str, FactSpec] = _build_registry()
"""Every fact path a rule may read."""


def designated(party: Party, regimes: tuple[str, ...], as_of: dt.date) -> tuple[bool | None, str]:
    """Whether ``party`` was designated under one of ``regimes`` on ``as_of``.

    A listing in force on the date gives yes.  A screening against the list dated on
    or after ``as_of`` that found no listing gives no, assuming no listing and
    delisting in between; without either the answer is unknown.
    """
    for d in party.designations:
        if d.regime in regimes and d.listed_on <= as_of and (
            d.delisted_on is None or d.delisted_on > as_of
        ):
            ref = f" ({d.reference})" if d.reference else ""
            return True, f"listed{ref} on {d.listed_on.isoformat()}"
    for s in party.screenings:
        if s.regime in regimes and s.result == "not_listed" and s.list_date >= as_of:
            return False, f"not on the {s.regime} list dated {s.list_date.isoformat()}"
    return None, "no listing or screening recorded"


def designation_evidence(party: Party, regimes: tuple[str, ...]) -> tuple[Evidence, ...]:
    """Evidence behind a party's designations and screenings for ``regimes``."""
    out: tuple[Evidence, ...] = ()
    for d in party.designations:
        if d.regime in regimes:
            out += d.evidence
    for s in party.screenings:
        if s.regime in regimes:
            out += s.evidence
    return out
