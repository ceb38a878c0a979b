"""Status histories: the status of one relationship under one rule on every day of a window.

Every getter of the engine is three-valued over a period (it gives a value only
when that value holds on every day), so a rule evaluated over a whole period
gives a determined status only when the status is the same on each day.  The
history therefore evaluates the window once; where the answer is undetermined
and some date that matters lies inside, the period is cut at that date and each
part evaluated again.  A period with no such date inside is the same on every
day, so an undetermined status there is a real open question, not an artefact
of the period.  Adjacent periods with the same status and deadline are merged.

The dates that matter are those at which something recorded can change: the
relationship's start and end (and their bounds), dated attribute values,
Committee requests and decisions, designations, screenings and holdings of its
parties (and their owners), and the provision's in-force dates and wind-down
deadlines.  Each is a cut on its day and on the next (``a <= day`` changes at
``a``, ``day <= a`` after it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from compliance.engine.compile import Rule
from compliance.engine.days import Day
from compliance.engine.evaluate import (
    NOT_IN_FORCE_OUTCOMES,
    NOT_OPERATING_OUTCOMES,
    Outcome,
    screen,
    status_of,
)
from compliance.engine.facts import Context
from compliance.models.case import Party, Relationship
from compliance.models.common import DateFact, Fact
from compliance.vocabulary import definitions

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """A period of the history with one status (and deadline) throughout."""

    first: dt.date
    last: dt.date
    outcomes: frozenset[Outcome]
    status: str
    deadline: dt.date | None
    runs: tuple[tuple[Day, frozenset[Outcome]], ...] = ()
    """The stretches of a merged span with different causes (e.g. not yet in force,
    then not yet in operation), each with its own outcomes, so each gets its own
    reason; empty when the span has one cause throughout."""

    @property
    def day(self) -> Day:
        return (self.first, self.last)

    def causes(self) -> tuple[tuple[Day, frozenset[Outcome]], ...]:
        """Each stretch of the span with its outcomes, in date order."""
        return self.runs or ((self.day, self.outcomes),)


def status_key(outcomes: frozenset[Outcome]) -> tuple[str, dt.date | None]:
    """(status, deadline) of a set of possible outcomes."""
    status = status_of(outcomes)
    deadline = min(outcomes).deadline if status == "wind_down" else None
    return status, deadline


Known = tuple[dt.date, frozenset[Outcome]]
"""A day already evaluated (the assessment date) and its outcomes."""


def history(rule: Rule, ctx: Context, window: Day, cuts: Cuts,
            known: Known | None = None) -> list[Span]:
    """The spans of ``rule``'s status for ``ctx``'s relationship over ``window``.

    The days on which the provision is not in force, or the relationship is
    certainly not in operation (before its earliest possible start, after its latest
    possible end), are settled by their dates alone; the rest is evaluated.
    ``cuts`` are the dates where the relationship's facts may change (see
    :class:`Dates`); only those of facts the rule reads are used, with the rule's
    own dates.  ``known`` is a day already evaluated: a period containing it is
    undetermined when that day is (a period's possible outcomes include each of
    its days'), and is not evaluated again.
    """
    out: list[Span] = []
    for lo, hi, settled in _pieces(rule, ctx, window):
        if settled is not None:
            out.append(Span(lo, hi, settled, *status_key(settled)))
        else:
            out.extend(_evaluated(rule, ctx, (lo, hi), cuts, known))
    return merge(out)


def _pieces(rule: Rule, ctx: Context, window: Day
            ) -> Iterator[tuple[dt.date, dt.date, frozenset[Outcome] | None]]:
    """``window`` cut where the provision's force or the certain life of the
    relationship begins or ends, each piece with its outcomes when its dates alone
    settle it (as :func:`screen` would: not in force first, then not in operation)."""
    first, last = window
    period = rule.spec.in_force
    earliest, _ = ctx.relationship.start.bounds()
    _, latest = ctx.relationship.end.bounds()
    edges = {period.from_}
    if period.until is not None:
        edges.update(_after(period.until))
    if earliest is not None:
        edges.add(earliest)
    if latest is not None:
        edges.update(_after(latest))
    starts = [first, *sorted(d for d in edges if first < d <= last)]
    for lo, nxt in zip(starts, [*starts[1:], None], strict=True):
        hi = last if nxt is None else nxt - ONE_DAY  # last + 1 day overflows on 9999-12-31
        if hi < period.from_ or (period.until is not None and lo > period.until):
            yield lo, hi, NOT_IN_FORCE_OUTCOMES
        elif (earliest is not None and hi < earliest) or (latest is not None and lo > latest):
            yield lo, hi, NOT_OPERATING_OUTCOMES
        else:
            yield lo, hi, None


def _evaluated(rule: Rule, ctx: Context, window: Day, cuts: Cuts, known: Known | None
               ) -> list[Span]:
    """The spans of a piece of the window in which the provision is in force and the
    relationship may be in operation."""
    first, last = window
    outcomes = _screen(rule, ctx, window, known)
    status, deadline = status_key(outcomes)
    if status != "undetermined" or first == last:
        return [Span(first, last, outcomes, status, deadline)]
    # Undetermined over the whole piece: each period between two cuts is the same on
    # every day, so each is evaluated once (cutting in halves would evaluate about as
    # many periods again for the halves themselves).
    relevant = {*cuts.relevant(rule.reads), *rule_dates(rule, ctx)}
    inside = sorted(d for d in relevant if first < d <= last)
    if not inside:
        return [Span(first, last, outcomes, status, deadline)]
    out: list[Span] = []
    starts = [first, *inside]
    for lo, nxt in zip(starts, [*starts[1:], None], strict=True):
        hi = last if nxt is None else nxt - ONE_DAY  # last + 1 day overflows on 9999-12-31
        outcomes = _screen(rule, ctx, (lo, hi), known)
        out.append(Span(lo, hi, outcomes, *status_key(outcomes)))
    return out


def _screen(rule: Rule, ctx: Context, period: Day, known: Known | None) -> frozenset[Outcome]:
    """The outcomes over ``period``: those of the known day when it lies inside and is
    undetermined (the period then is too), else evaluated."""
    if known is not None and period[0] <= known[0] <= period[1] \
            and status_of(known[1]) == "undetermined":
        return known[1]
    return screen(rule, ctx.during(period))


def merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans with the same status and deadline joined into one.

    A joined span remembers the stretches whose outcomes differ, so that its reason
    is true of every day: "not in force from 2006-10-14 to 2017-09-10" and "not in
    operation from 2017-09-11 to 2017-09-30", not the first stretched over both.
    """
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].status, merged[-1].deadline) == (span.status, span.deadline):
            prev = merged[-1]
            runs = list(prev.causes())
            (lo, _), outcomes = runs[-1]
            if outcomes == span.outcomes:
                runs[-1] = ((lo, span.last), outcomes)
            else:
                runs.append((span.day, span.outcomes))
            merged[-1] = Span(prev.first, span.last, prev.outcomes | span.outcomes,
                              span.status, span.deadline, tuple(runs) if len(runs) > 1 else ())
        else:
            merged.append(span)
    return merged


def at(spans: list[Span], day: dt.date) -> Span | None:
    """The span containing ``day``, if any."""
    for span in spans:
        if span.first <= day <= span.last:
            return span
    return None


def rule_dates(rule: Rule, ctx: Context) -> Iterator[dt.date]:
    """Cuts from the rule: its in-force dates and its routes', the days its ``day_assessed``
    tests change, and this relationship's deadlines."""
    period = rule.spec.in_force
    yield period.from_
    for day in rule.cuts:
        yield from (day, *_after(day))
    for route in rule.routes:  # a route with its own dates (a later carve-out)
        if route.spec.in_force is not None:
            yield route.spec.in_force.from_
            if route.spec.in_force.until is not None:
                yield from _after(route.spec.in_force.until)
    if period.until is not None:
        yield from _after(period.until)
    for window in rule.windows:
        lo, hi = window.deadline(ctx, None)
        for d in (lo, hi):
            if d is not None:
                yield from (d, *_after(d))


def _after(day: dt.date) -> tuple[dt.date, ...]:
    return (day + ONE_DAY,) if day < dt.date.max else ()


def _date_cuts(dates: Iterable[dt.date | None]) -> set[dt.date]:
    out: set[dt.date] = set()
    for d in dates:
        if d is not None:
            out.add(d)
            out.update(_after(d))
    return out


def _fact_dates(value: object) -> Iterator[dt.date | None]:
    if isinstance(value, DateFact):
        yield from value.bounds()
        for position in value.contested:
            yield position.value
    elif isinstance(value, Fact):
        yield from value.dates()


_NONE: frozenset[dt.date] = frozenset()
_APPROVAL_PATHS = frozenset(p for p in definitions()
                             if p.startswith("relationship.committee_approval."))


class Cuts:
    """The dates at which a relationship's recorded facts may change, worked out per fact
    the first time a rule asks (most rules never need them: see :meth:`dated`)."""

    def __init__(self, rel: Relationship, dates: Dates) -> None:
        self.rel = rel
        self.dates = dates
        self._paths: dict[str, frozenset[dt.date]] = {}
        self._sets: dict[frozenset[str], frozenset[dt.date]] = {}
        self._dated: frozenset[str] | None = None

    def path(self, path: str) -> frozenset[dt.date]:
        """The cuts of one fact path (the relationship's life for ``relationship.*``
        structure, its parties' and their owners' records for ``party.*``)."""
        known = self._paths.get(path)
        if known is None:
            name = path.removeprefix("relationship.")
            value = getattr(self.rel.attributes, name, None) if name != path else None
            if isinstance(value, Fact) and not value.dated:
                known = _NONE  # the common case: an attribute with one value throughout
            else:
                known = frozenset(_date_cuts(self._dates_of(path)))
            self._paths[path] = known
        return known

    def _dates_of(self, path: str) -> Iterator[dt.date | None]:
        rel = self.rel
        if path in ("relationship.start", "relationship.end", "relationship.operating"):
            yield from (*_fact_dates(rel.start), *_fact_dates(rel.end))
        elif path.startswith("relationship.committee_approval."):
            approval = rel.attributes.committee_approval
            yield from (*_fact_dates(approval.status), *_fact_dates(approval.requested_on),
                        *_fact_dates(approval.decided_on))
        elif path.startswith("relationship."):
            name = path.removeprefix("relationship.")
            if name in type(rel.attributes).model_fields:
                yield from _fact_dates(getattr(rel.attributes, name))
        elif path.startswith("party."):
            for participant in rel.parties:
                yield from self.dates.party(participant.party, path)

    def relevant(self, facts: frozenset[str]) -> frozenset[dt.date]:
        """The cuts that can change what a rule reading ``facts`` decides (the
        relationship's life always can)."""
        known = self._sets.get(facts)
        if known is None:
            if self._dated is None:
                self._dated = self._dated_paths()
            found = set(self.path("relationship.start"))
            for path in facts & self._dated:  # the others give no dates
                found |= self.path(path)
            known = self._sets[facts] = frozenset(found)
        return known

    def dated(self, facts: frozenset[str]) -> bool:
        """Whether any of ``facts`` (the life of the relationship aside) may change.

        Answered from the fact paths that have any dated record here, worked out once
        per relationship: a relationship attribute with periods or bounds, a Committee
        decision with dates, a party fact (the party's or an owner's) with dates."""
        if self._dated is None:
            self._dated = self._dated_paths()
        return bool(self._dated) and not facts.isdisjoint(self._dated)

    def _dated_paths(self) -> frozenset[str]:
        rel = self.rel
        found: set[str] = set()
        for name, value in vars(rel.attributes).items():
            if isinstance(value, Fact | DateFact) and _has_dates(value):
                found.add(f"relationship.{name}")
        approval = rel.attributes.committee_approval
        if any(_has_dates(v) for v in (approval.status, approval.requested_on,
                                       approval.decided_on)):
            found.update(_APPROVAL_PATHS)
        for participant in rel.parties:
            found.update(self.dates.dated_paths(participant.party))
        return frozenset(found)


class Dates:
    """Remembers, per party and fact path, the dates its records give (with its owners')."""

    def __init__(self, parties: Mapping[str, Party]) -> None:
        self.parties = parties
        self._party: dict[tuple[str, str], tuple[dt.date | None, ...]] = {}
        self._steady: dict[tuple[str, frozenset[str]], bool] = {}
        self._paths: dict[str, frozenset[str]] = {}

    def steady(self, party_id: str, facts: frozenset[str]) -> bool:
        """Whether no fact of ``facts`` is dated for the party or its owners (what reads
        only them is then the same on every day)."""
        key = (party_id, facts)
        known = self._steady.get(key)
        if known is None:
            known = self._steady[key] = not self.any_dated(party_id) or not any(
                self.party(party_id, f) for f in facts)
        return known

    def relationship(self, rel: Relationship) -> Cuts:
        """The cuts of one relationship (worked out lazily)."""
        return Cuts(rel, self)

    def any_dated(self, party_id: str) -> bool:
        """Whether a party (or an owner up its chain) has any dated record: a listing, a
        screening, a holding with dates, or a fact with periods."""
        return bool(self.dated_paths(party_id))

    def dated_paths(self, party_id: str) -> frozenset[str]:
        """The party fact paths with a dated record for the party or, transitively, its
        owners (``party.designated`` for any listing or screening)."""
        known = self._paths.get(party_id)
        if known is None:
            found: set[str] = set()
            for party in self._chain(party_id):
                if party.designations or party.screenings:
                    found.add("party.designated")
                if any(_has_dates(o.since) or _has_dates(o.until) or o.share.dated
                       for o in party.owners):
                    found.add("party.owners.share")
                found.update(f"party.{n}" for n in type(party).model_fields
                             if isinstance(getattr(party, n), Fact) and getattr(party, n).dated)
            known = self._paths[party_id] = frozenset(found)
        return known

    def _chain(self, party_id: str) -> Iterator[Party]:
        """The party and, transitively, its owners, each once: without recursion, as
        ownership chains may be long, or cycle."""
        stack, seen = [party_id], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            party = self.parties.get(current)
            if party is not None:
                yield party
                stack.extend(o.owner for o in party.owners)

    def party(self, party_id: str, path: str) -> tuple[dt.date | None, ...]:
        """The dates of ``path`` for a party and, transitively, its owners (whose facts
        decide ownership tests)."""
        key = (party_id, path)
        known = self._party.get(key)
        if known is not None:
            return known
        found: list[dt.date | None] = []
        for party in self._chain(party_id):
            if path == "party.designated":
                found.extend(_designation_dates(party))
            elif path == "party.owners.share":
                found.extend(_holding_dates(party))
            else:
                name = path.removeprefix("party.")
                value = getattr(party, name, None)
                if isinstance(value, Fact) and value.dated:
                    found.extend(value.dates())
        result = self._party[key] = tuple(found)
        return result


def _has_dates(value: Fact[Any] | DateFact) -> bool:
    if isinstance(value, DateFact):
        return value.bounds() != (None, None) or bool(value.contested)
    return value.dated


def _designation_dates(party: Party) -> Iterator[dt.date | None]:
    for d in party.designations:
        yield d.listed_on
        if d.delisted_on is not None:
            yield d.delisted_on - ONE_DAY
    for s in party.screenings:
        yield s.list_date


def _holding_dates(party: Party) -> Iterator[dt.date | None]:
    for o in party.owners:
        yield from _fact_dates(o.since)
        yield from _fact_dates(o.until)
        yield from o.share.dates()
