"""Assess a case: every relationship against every rule, on a date and over a window.

The position on the assessment date is one evaluation per (relationship, rule).
The status history over the window (:mod:`compliance.engine.history`) costs one
more evaluation for a rule that reaches the relationship on no day of it, and a
few for the others.  Nothing here reads a file: relationships are whatever
iterable the caller passes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from compliance.engine.compile import Rule, Rulebook
from compliance.engine.days import Day
from compliance.engine.evaluate import (
    NOT_IN_FORCE_OUTCOMES,
    OUT_OF_SCOPE,
    Outcome,
    in_force,
    operating,
    screen,
    screen_in_force,
    status_of,
)
from compliance.engine.explain import build_finding, interval_reason
from compliance.engine.facts import Context
from compliance.engine.history import Cuts, Dates, Span, history
from compliance.engine.scope import scope_statement
from compliance.errors import NoAssessmentDateError, did_you_mean
from compliance.models.case import Case, Relationship, Source
from compliance.models.findings import (
    STATUS_ORDER,
    Assessment,
    Finding,
    Interval,
    RuleRef,
    Window,
)
from compliance.version import __version__

STATUSES = ("prohibited", "wind_down", "undetermined", "exempt", "not_applicable")


def resolve_as_of(case: Case, as_of: dt.date | None) -> dt.date:
    """The assessment date: the one given, else the case's; never the clock."""
    chosen = as_of or case.as_of
    if chosen is None:
        raise NoAssessmentDateError(
            "no assessment date: give one (--as-of YYYY-MM-DD) or set 'as_of' in the case")
    return chosen


def default_window(rulebook: Rulebook, as_of: dt.date, since: dt.date | None = None,
                   until: dt.date | None = None) -> Window:
    """From the earliest date any rule binds (or ``since``) to the assessment date
    (or ``until``)."""
    earliest = min((r.spec.in_force.from_ for r in rulebook.rules), default=as_of)
    first = since or min(earliest, as_of)
    last = until or as_of
    if first > last:
        raise ValueError(f"the window starts ({first.isoformat()}) after it ends"
                         f" ({last.isoformat()})")
    return Window(since=first, until=last)


@dataclass(frozen=True)
class Screened:
    """A finding's status without its explanation (``check --explain``/``--quiet``)."""

    rule: str
    pinpoint: str
    status: str
    deadline: dt.date | None
    most_serious: Interval | None = None

    @property
    def headline(self) -> str:
        """The status to show first: the current one, or the most serious earlier one."""
        return _headline(self.status, self.most_serious)


@dataclass(frozen=True)
class RelationshipResult:
    """The findings for one relationship, with how many rules did not apply.

    ``findings`` are explained; ``screened`` holds the statuses of reported
    findings that were not asked to be explained (``check --explain``), which
    are always less serious than the explained ones.
    """

    relationship: Relationship
    findings: tuple[Finding, ...]
    not_applicable: int
    screened: tuple[Screened, ...] = ()


def _headline(status: str, most_serious: Interval | None) -> str:
    if status == "not_applicable" and most_serious is not None:
        return most_serious.status
    return status


def headline(finding: Finding) -> str:
    """The status a finding is listed under: the one on the assessment date, or, when
    nothing applies on that date, the most serious status of its history."""
    return _headline(finding.status, finding.most_serious)


@dataclass
class _Judged:
    rule: Rule
    outcomes: frozenset[Outcome]
    spans: list[Span]
    status: str
    worst: Span | None


def assess_relationships(case: Case, relationships: Iterable[Relationship], rulebook: Rulebook,
                         as_of: dt.date, counts: Counter[str], *,
                         window: Window | None = None,
                         counts_in_window: Counter[str] | None = None,
                         include_not_applicable: bool = False,
                         explain: bool | frozenset[str] = True,
                         readings: Mapping[str, tuple[str, str]] | None = None,
                         ) -> Iterator[RelationshipResult]:
    """Yield each relationship's findings, most serious first, in input order.

    Every rule is evaluated for one relationship before moving on (record-major).
    Without a ``window`` only the assessment date is evaluated.  Only reported
    findings are explained (reason, trace, questions, history), and with
    ``explain`` as a set of statuses only findings of those statuses: explaining
    is most of the cost of a large input.
    """
    explained = frozenset(STATUSES) if explain is True else explain or frozenset()
    in_window = counts_in_window if counts_in_window is not None else Counter()
    parties = {p.id: p for p in case.parties}
    sources = {s.id: s for s in case.sources}
    key = sort_key(rulebook)
    order = {r.id: r.spec.severity for r in rulebook.rules}
    memos: dict[Day, dict[tuple[int, str], bool | None]] = {}
    dates = Dates(parties)
    span: Day | None = (window.since, window.until) if window is not None else None
    point = span is None or span == (as_of, as_of)
    binds = [(rule, in_force(rule, as_of)) for rule in rulebook.rules]
    for relationship in relationships:
        ctx = Context(relationship, parties, as_of, memos=memos, readings=readings,
                      steady=dates.steady)
        live = operating(ctx)
        judged: list[_Judged] = []
        skipped = 0
        cuts: Cuts | None = None
        for rule, bound in binds:
            outcomes = screen_in_force(rule, ctx, live) if bound else NOT_IN_FORCE_OUTCOMES
            status = status_of(outcomes)
            spans: list[Span] = []
            worst: Span | None = None
            if not point and span is not None:
                if cuts is None:
                    cuts = dates.relationship(relationship)
                if _outside_on_every_day(rule, ctx, outcomes, cuts):
                    spans = [Span(span[0], span[1], _OUTSIDE, "not_applicable", None)]
                else:
                    spans = history(rule, ctx, span, cuts, known=(as_of, outcomes))
                worst = min(spans, key=lambda s: STATUS_ORDER[s.status])
            counts[status] += 1
            if worst is not None:
                in_window[worst.status] += 1
            reportable = status != "not_applicable" or (
                worst is not None and worst.status != "not_applicable")
            if reportable or include_not_applicable:
                judged.append(_Judged(rule, outcomes, spans, status, worst))
            else:
                skipped += 1
        if point:  # the window is the assessment date: its counts are the same
            in_window.update(s for s in (status_of(j.outcomes) for j in judged))
            in_window["not_applicable"] += skipped
        batch, brief = [], []
        window_end = span[1] if span is not None else as_of
        for item in judged:
            most = None if item.worst is None else _interval(item.worst, window_end, "")
            if _headline(item.status, most) in explained:
                intervals = _intervals(item.rule, ctx, item.spans, window_end, sources)
                batch.append((item, intervals, _most_serious(intervals)))
            else:  # a status line: no reasons to build
                deadline = min(item.outcomes).deadline if item.status == "wind_down" else None
                brief.append(Screened(item.rule.id, item.rule.spec.provision.pinpoint,
                                      item.status, deadline, most))
        findings = sorted((_finding(item, intervals, most, ctx, sources)
                           for item, intervals, most in batch), key=key)
        brief.sort(key=lambda s: (STATUS_ORDER[s.headline], -order[s.rule], s.rule))
        yield RelationshipResult(relationship, tuple(findings), skipped, tuple(brief))


_OUTSIDE = frozenset({Outcome("not_applicable", OUT_OF_SCOPE)})


def _outside_on_every_day(rule: Rule, ctx: Context, outcomes: frozenset[Outcome],
                          cuts: Cuts) -> bool:
    """Whether the relationship is outside the rule's scope on every day, known from the
    assessment date alone: the scope reads nothing that changes with the day, none of
    the facts it reads is dated, and it is false on the assessment date.  Most rules
    reach most relationships on no day at all; this spares them a history."""
    if not rule.scope_timeless or any(o.status != "not_applicable" for o in outcomes):
        return False
    if outcomes != _OUTSIDE and rule.scope.fast(ctx, None) is not False:
        return False  # not applicable for another reason (not in operation, not in force)
    return not cuts.dated(rule.scope.facts)


def _interval(span: Span, window_end: dt.date, reason: str) -> Interval:
    return Interval(from_=span.first, to=None if span.last == window_end else span.last,
                    status=span.status,  # type: ignore[arg-type]
                    deadline=span.deadline, reason=reason)


def _intervals(rule: Rule, ctx: Context, spans: list[Span], window_end: dt.date,
               sources: Mapping[str, Source]) -> tuple[Interval, ...]:
    return tuple(_interval(s, window_end, " ".join(dict.fromkeys(
        interval_reason(rule, ctx.during(day), outcomes, sources)
        for day, outcomes in s.causes()))) for s in spans)


def _most_serious(intervals: tuple[Interval, ...]) -> Interval | None:
    if not intervals:
        return None
    return min(intervals, key=lambda i: STATUS_ORDER[i.status])


def _finding(item: _Judged, intervals: tuple[Interval, ...], most: Interval | None,
             ctx: Context, sources: Mapping[str, Source]) -> Finding:
    explains_past = (item.status == "not_applicable" and most is not None
                     and most.status != "not_applicable")
    if explains_past and most is not None:
        last = most.to or (item.spans[-1].last if item.spans else ctx.as_of)
        past = ctx.during((most.from_, last))
        finding = build_finding(item.rule, past, screen(item.rule, past), sources)
        finding = finding.model_copy(update={"status": item.status, "deadline": None,
                                             "route": None, "possible_statuses": ()})
    else:
        finding = build_finding(item.rule, ctx, item.outcomes, sources)
    return finding.model_copy(update={
        "history": intervals, "most_serious": most,
        "explains": "most_serious" if explains_past else "as_of"})


def sort_key(rulebook: Rulebook) -> Callable[[Finding], tuple[int, int, str, str]]:
    """Most serious status first (current or earlier), then rule severity, then rule id."""
    severity = {r.id: r.spec.severity for r in rulebook.rules}
    return lambda f: (STATUS_ORDER[headline(f)], -severity.get(f.rule, 0), f.rule,
                      f.relationship)


def assess(case: Case, relationships: Iterable[Relationship], rulebook: Rulebook,
           as_of: dt.date | None = None, *, since: dt.date | None = None,
           until: dt.date | None = None, include_not_applicable: bool = False,
           case_sha256: str = "",
           readings: Mapping[str, tuple[str, str]] | None = None) -> Assessment:
    """Assess every relationship of a case; the result is deterministic.

    The history covers ``since`` to ``until`` (by default from the earliest date
    a rule binds to the assessment date); ``since == until == as_of`` evaluates
    the assessment date alone.
    """
    day = resolve_as_of(case, as_of)
    window = default_window(rulebook, day, since, until)
    counts: Counter[str] = Counter()
    in_window: Counter[str] = Counter()
    findings = tuple(
        finding
        for result in assess_relationships(case, relationships, rulebook, day, counts,
                                           window=window, counts_in_window=in_window,
                                           include_not_applicable=include_not_applicable,
                                           readings=readings)
        for finding in result.findings
    )
    return Assessment(
        case=case.id,
        as_of=day,
        window=window,
        tool_version=__version__,
        case_sha256=case_sha256,
        rulebook_sha256=rulebook.sha256,
        rules=tuple(RuleRef(id=r.id, version=r.spec.version, sha256=r.sha256)
                    for r in rulebook.rules),
        counts={s: counts.get(s, 0) for s in STATUSES},
        counts_in_window={s: in_window.get(s, 0) for s in STATUSES},
        findings=findings,
        scope=scope_statement(case, rulebook, readings or {}),
    )


def choose_readings(rulebook: Rulebook, case: Case, command_line: Mapping[str, str]
                    ) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """The readings in force (command line over case), and each unknown choice as
    (where: "case" or "command line", interpretation id, message)."""
    known = rulebook.interpretations()
    chosen: dict[str, tuple[str, str]] = {}
    problems: list[tuple[str, str, str]] = []
    sources = [("case", {k: v.reading for k, v in case.interpretations.items()}),
               ("command line", dict(command_line))]
    for who, choices in sources:
        for ident, reading in choices.items():
            found = known.get(ident)
            if found is None:
                problems.append((who, ident, f"'{ident}' is not a named interpretation of the"
                                 f" rules{did_you_mean(ident, known)}; expected one of:"
                                 f" {', '.join(sorted(known)) or 'none'}"))
                continue
            readings = [r.id for r in found[0].readings]
            if reading not in readings:
                problems.append((who, ident, f"'{reading}' is not a reading of '{ident}'"
                                 f"{did_you_mean(reading, readings)}; expected one of:"
                                 f" {', '.join(readings)}"))
                continue
            chosen[ident] = (reading, who)
    return chosen, problems
