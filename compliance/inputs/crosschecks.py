"""Checks on a case that its models cannot make alone: unique ids, references to parties
and sources that resolve, dates in order, shares of at most 100% on any day.

They run on the loaded data, located in its document, for a case file
(:mod:`compliance.inputs.cases`), each JSON Lines record, each rule test's case
(:mod:`compliance.inputs.ruletests`) and an adapter's models
(:mod:`compliance.inputs.adopted`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from compliance.errors import Diagnostic, InvalidInputError, Suggestions
from compliance.inputs.documents import Document, Loc
from compliance.inputs.validation import diagnostics, validate
from compliance.models.case import Case, Relationship


def checked_case(doc: Document) -> tuple[Case, list[Diagnostic]]:
    """Validate a case document and cross-check it: the case and the problems found
    (raised at once, with the cross-checks, when it does not validate)."""
    try:
        case = validate(Case, doc)
    except InvalidInputError as exc:
        if not isinstance(doc.data, dict):
            raise
        raise InvalidInputError(merge_diagnostics(exc.diagnostics, check_case(doc))) from None
    return case, [*check_case(doc), *check_model(case, doc)]


def checked_relationship(doc: Document, parties: Suggestions, sources: Suggestions,
                         problems: list[Diagnostic]) -> Relationship | None:
    """One JSON Lines record validated and cross-checked, or None with its problems
    appended to ``problems``."""
    found = list(check_relationship(doc, parties, sources))
    try:
        rel = Relationship.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(merge_diagnostics(diagnostics(Relationship, doc, exc), found))
        return None
    found.extend(check_relationship_dates(rel, doc, ()))
    problems.extend(found)
    return None if found else rel


def merge_diagnostics(first: Iterable[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Both lists, without a second diagnostic at the same place with the same code."""
    out = {(d.line, d.col, d.code): d for d in more}
    out.update({(d.line, d.col, d.code): d for d in first})
    return list(out.values())


def _entries(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in the list ``data[key]``, with their indexes (raw data)."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _ids(data: Any, key: str) -> Suggestions:
    return Suggestions(item["id"] for _, item in _entries(data, key)
                       if isinstance(item.get("id"), str))


def check_case(doc: Document, at: Loc = ()) -> Iterator[Diagnostic]:
    """Cross-file checks pydantic cannot do: unique ids and resolvable references.

    Works on the loaded data (at ``at`` inside ``doc``: a rule test holds its case
    under ``tests[i].case``), so it also runs on a document that failed validation.
    """
    data = doc.value_at(at)
    for group in ("sources", "parties", "relationships"):
        yield from _unique_ids(_entries(data, group), (*at, group), doc)
    sources = _ids(data, "sources")
    parties = _ids(data, "parties")
    yield from _evidence_refs(data, at, sources, doc)
    for i, party in _entries(data, "parties"):
        for j, owner in _entries(party, "owners"):
            ref = owner.get("owner")
            if not isinstance(ref, str):
                continue
            loc = (*at, "parties", i, "owners", j, "owner")
            if ref not in parties:
                yield _unknown_ref(doc, loc, "party", ref, parties)
            if ref == party.get("id"):
                yield doc.diagnostic(loc, "self-ownership", f"party '{ref}' cannot own itself")
    for i, rel in _entries(data, "relationships"):
        yield from _participants(rel, (*at, "relationships", i), parties, doc)


def check_model(case: Case, doc: Document, at: Loc = ()) -> Iterator[Diagnostic]:
    """Checks on the validated case that span fields: dates in order, and shares of a
    party adding up to at most 100% on any day."""
    natural = {p.id for p in case.parties if p.kind in ("individual", "group")
               and _ever(p.country, "KP")}
    for i, rel in enumerate(case.relationships):
        loc = (*at, "relationships", i)
        yield from check_relationship_dates(rel, doc, loc)
        earning = rel.attributes.fact("dprk_nationals_earning_income")
        if _ever(earning, True) and not any(p.party in natural for p in rel.parties):
            # 2397 para. 8 reaches the income of DPRK nationals: they must appear as a
            # party, or a recorded "yes" would be silently left out of its scope.
            yield doc.diagnostic((*loc, "attributes", "dprk_nationals_earning_income"),
                                 "missing-dprk-nationals",
                                 "DPRK nationals are recorded as earning income, but none"
                                 " takes part; record them as a party (kind individual or"
                                 " group, country KP) with their role, e.g. worker")
    for i, party in enumerate(case.parties):
        loc = (*at, "parties", i)
        if party.kind == "group" and party.designations:
            yield doc.diagnostic((*loc, "designations"), "group-designated",
                                 "a group of natural persons is not designated as such; record"
                                 " a listed organisation with kind company, government_body or"
                                 " other, or a listed person with kind individual")
        for j, d in enumerate(party.designations):
            if d.delisted_on is not None and d.delisted_on < d.listed_on:
                yield doc.diagnostic((*loc, "designations", j, "delisted_on"), "date-order",
                                     f"'delisted_on' ({d.delisted_on.isoformat()}) is before"
                                     f" 'listed_on' ({d.listed_on.isoformat()}); expected"
                                     " delisted_on on or after listed_on")
        for j, o in enumerate(party.owners):
            if _ordered(o.since.bounds(), o.until.bounds()) is False:
                yield doc.diagnostic((*loc, "owners", j, "until"), "date-order",
                                     "'until' is before 'since'; expected since <= until")
        total, day = _peak_share(party)
        if total > 100.0 + 1e-9:
            when = f" on {day.isoformat()}" if day is not None else ""
            yield doc.diagnostic((*loc, "owners"), "shares-over-100",
                                 f"the shares recorded in {party.id} add up to {total:g}%{when};"
                                 " expected at most 100%")


def _ever(fact: Any, value: Any) -> bool:
    """Whether a fact holds ``value`` at all (undated, or in one of its periods)."""
    return bool(getattr(fact, "value", None) == value
                or any(p.value == value for p in getattr(fact, "periods", ()) or ()))


def check_relationship_dates(rel: Relationship, doc: Document, loc: Loc
                             ) -> Iterator[Diagnostic]:
    """A relationship cannot end before it starts (an act has start == end)."""
    if _ordered(rel.start.bounds(), rel.end.bounds()) is False:
        yield doc.diagnostic((*loc, "end"), "date-order",
                             "'end' is before 'start'; expected end on or after start (a one-off"
                             " act has the same start and end)")


def _ordered(start: tuple[Any, Any], end: tuple[Any, Any]) -> bool | None:
    """False when the end is certainly before the start."""
    lo, _hi = start
    _lo, hi = end
    return not (lo is not None and hi is not None and hi < lo)


def _peak_share(party: Any) -> tuple[float, Any]:
    """The largest total of known shares held at once, and a day it is reached.

    A holding counts on the days it is certainly held (from the latest possible
    start to the earliest possible end); an undated holding counts on every day.
    """
    events: list[tuple[Any, int, float]] = []
    for o in party.owners:
        periods = o.share.periods or (o.share,)
        for period in periods:
            if period.value is None:
                continue
            first = max((d for d in (o.since.bounds()[1], period.since) if d is not None),
                        default=None)
            last = min((d for d in (o.until.bounds()[0], period.until) if d is not None),
                       default=None)
            if first is not None and last is not None and last < first:
                continue
            events.append((first or _MIN, 0, period.value))
            if last is not None:
                events.append((last, 1, -period.value))
    total = peak = 0.0
    when = None
    for day, _order, delta in sorted(events, key=lambda e: (e[0], e[1])):
        total += delta
        if total > peak:
            peak, when = total, (None if day is _MIN else day)
    return peak, when


_MIN = dt.date.min


def check_relationship(doc: Document, parties: Suggestions,
                       sources: Suggestions) -> Iterator[Diagnostic]:
    """The checks of :func:`check_case` for one streamed relationship."""
    yield from _participants(doc.data, (), parties, doc)
    yield from _evidence_refs(doc.data, (), sources, doc)


def _participants(rel: Any, loc: Loc, parties: Suggestions,
                  doc: Document) -> Iterator[Diagnostic]:
    for j, participant in _entries(rel, "parties"):
        ref = participant.get("party")
        if isinstance(ref, str) and ref not in parties:
            yield _unknown_ref(doc, (*loc, "parties", j, "party"), "party", ref, parties)


def _unique_ids(items: list[tuple[int, dict[str, Any]]], loc: Loc,
                doc: Document) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for i, item in items:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            line, _ = doc.locate((*loc, first[ident], "id"))
            yield doc.diagnostic((*loc, i, "id"), "duplicate-id",
                                 f"id '{ident}' is already used at line {line};"
                                 f" expected unique ids in '{loc[0]}'")
        else:
            first[ident] = i


def _evidence_refs(data: Any, loc: Loc, sources: Suggestions,
                   doc: Document) -> Iterator[Diagnostic]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence" and isinstance(value, list):
                for i, item in enumerate(value):
                    ref = item.get("source") if isinstance(item, dict) else None
                    if isinstance(ref, str) and ref not in sources:
                        yield _unknown_ref(doc, (*loc, key, i, "source"), "source", ref, sources)
            yield from _evidence_refs(value, (*loc, key), sources, doc)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _evidence_refs(item, (*loc, i), sources, doc)


def _unknown_ref(doc: Document, loc: Loc, what: str, ref: str,
                 known: Suggestions) -> Diagnostic:
    plural = "sources" if what == "source" else "parties"
    hint = known.hint(ref)
    if hint:
        expected = hint
    elif not known:
        expected = f"; the case has no '{plural}'"
    elif len(known) <= 6:
        expected = f"; expected one of: {', '.join(sorted(known.choices))}"
    else:
        expected = f"; expected one of the ids under '{plural}'"
    return doc.diagnostic(loc, f"unknown-{what}",
                          f"'{ref}' is not a {what} id in this case{expected}")
