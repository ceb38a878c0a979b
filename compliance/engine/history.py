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

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from compliance.engine.compile import Rule
from compliance.engine.evaluate import Outcome, screen, status_of
from compliance.engine.facts import Context, Day
from compliance.models.case import Party, Relationship
from compliance.models.common import DateFact, Fact

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """A period of the history with one status (and deadline) throughout."""

    first: dt.date
    last: dt.date
    outcomes: frozenset[Outcome]
    status: str
    deadline: dt.date | None

    @property
    def day(self) -> Day:
        return (self.first, self.last)


def status_key(outcomes: frozenset[Outcome]) -> tuple[str, dt.date | None]:
    """(status, deadline) of a set of possible outcomes."""
    status = status_of(outcomes)
    deadline = min(outcomes).deadline if status == "wind_down" else None
    return status, deadline


def history(rule: Rule, ctx: Context, window: Day, cuts: Iterable[dt.date]) -> list[Span]:
    """The spans of ``rule``'s status for ``ctx``'s relationship over ``window``.

    ``cuts`` are the first days of periods where something may change (see
    :func:`relationship_dates`); the rule's own dates are added here.
    """
    first, last = window
    points = sorted({d for d in (*cuts, *rule_dates(rule, ctx)) if first < d <= last})
    out: list[Span] = []
    _visit(rule, ctx, first, last, points, out)
    return merge(out)


def _visit(rule: Rule, ctx: Context, lo: dt.date, hi: dt.date, points: list[dt.date],
           out: list[Span]) -> None:
    # Depth-first, left to right, so spans come out in date order.
    outcomes = screen(rule, ctx.during((lo, hi)))
    status, deadline = status_key(outcomes)
    if status == "undetermined" and lo < hi:
        left = bisect.bisect_right(points, lo)
        right = bisect.bisect_right(points, hi)
        if left < right:
            cut = points[(left + right) // 2]
            _visit(rule, ctx, lo, cut - ONE_DAY, points, out)
            _visit(rule, ctx, cut, hi, points, out)
            return
    out.append(Span(lo, hi, outcomes, status, deadline))


def merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans with the same status and deadline joined into one."""
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].status, merged[-1].deadline) == (span.status, span.deadline):
            prev = merged[-1]
            merged[-1] = Span(prev.first, span.last, prev.outcomes | span.outcomes,
                              span.status, span.deadline)
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


def _date_cuts(dates: Iterable[dt.date | None]) -> Iterator[dt.date]:
    for d in dates:
        if d is not None:
            yield d
            yield from _after(d)


def _fact_dates(value: object) -> Iterator[dt.date | None]:
    if isinstance(value, DateFact):
        yield from value.bounds()
        for position in value.contested:
            yield position.value
    elif isinstance(value, Fact):
        yield from value.dates()


class Dates:
    """The cuts of each relationship, with each party's (and its owners') remembered."""

    def __init__(self, parties: Mapping[str, Party]) -> None:
        self.parties = parties
        self._party: dict[str, frozenset[dt.date]] = {}

    def relationship(self, rel: Relationship) -> frozenset[dt.date]:
        """Every cut that the relationship and its parties give."""
        own: set[dt.date] = set(_date_cuts(_relationship_dates(rel)))
        for participant in rel.parties:
            own |= self.party(participant.party)
        return frozenset(own)

    def party(self, party_id: str) -> frozenset[dt.date]:
        """The cuts of a party and, transitively, of its owners."""
        known = self._party.get(party_id)
        if known is not None:
            return known
        self._party[party_id] = frozenset()  # an ownership cycle adds nothing to itself
        party = self.parties.get(party_id)
        if party is None:
            return frozenset()
        found: set[dt.date] = set(_date_cuts(_party_dates(party)))
        stack = [o.owner for o in party.owners]
        seen = {party_id}
        while stack:  # owners' own dates, without recursion (chains may be long)
            owner_id = stack.pop()
            if owner_id in seen:
                continue
            seen.add(owner_id)
            owner = self.parties.get(owner_id)
            if owner is not None:
                found |= set(_date_cuts(_party_dates(owner)))
                stack.extend(o.owner for o in owner.owners)
        result = frozenset(found)
        self._party[party_id] = result
        return result


def _relationship_dates(rel: Relationship) -> Iterator[dt.date | None]:
    yield from _fact_dates(rel.start)
    yield from _fact_dates(rel.end)
    attributes = rel.attributes
    approval = attributes.committee_approval
    yield from _fact_dates(approval.status)
    yield from _fact_dates(approval.requested_on)
    yield from _fact_dates(approval.decided_on)
    for name in type(attributes).model_fields:
        if name != "committee_approval":
            yield from _fact_dates(getattr(attributes, name))


def _party_dates(party: Party) -> Iterator[dt.date | None]:
    for name, _info in type(party).model_fields.items():
        value = getattr(party, name)
        if isinstance(value, Fact):
            yield from value.dates()
    for o in party.owners:
        yield from _fact_dates(o.since)
        yield from _fact_dates(o.until)
        yield from o.share.dates()
    for d in party.designations:
        yield d.listed_on
        if d.delisted_on is not None:
            yield d.delisted_on - ONE_DAY
    for s in party.screenings:
        yield s.list_date
