"""Turn a decided outcome into a finding: reason, trace, questions, States, caveats.

Only reported findings reach this module, so traces are built for them alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from compliance.countries import country_name
from compliance.engine.compile import Rule
from compliance.engine.days import Day, on_or_before
from compliance.engine.evaluate import (
    NOT_IN_FORCE,
    NOT_OPERATING,
    OUT_OF_SCOPE,
    Outcome,
    in_force,
    status_of,
)
from compliance.engine.facts import FACTS, Context
from compliance.engine.obligations import obligations
from compliance.engine.questions import (
    WIND_DOWN_STEP,
    WINDOW_STEP,
    Outcomes,
    outcome_text,
    questions,
    readings_relied_on,
)
from compliance.models.case import Source
from compliance.models.common import Evidence
from compliance.models.findings import (
    Finding,
    ProvisionRef,
    QuestionOut,
    RouteRef,
    TraceStep,
    TruthValue,
)
from compliance.vocabulary import definitions

DPRK = "KP"
PARENT_STATE = {"HK": "CN", "MO": "CN"}
"""Territories whose international obligations are those of another State."""


def build_finding(rule: Rule, ctx: Context, outcomes: frozenset[Outcome],
                  sources: Mapping[str, Source]) -> Finding:
    """Explain ``outcomes`` of ``rule`` for the relationship in ``ctx``."""
    status = status_of(outcomes)
    outcome = _chosen(rule, ctx, outcomes, status)  # cites a route that certainly holds
    trace = _trace(rule, ctx)
    obliged, state_notes = obligations(rule, ctx)
    states = tuple(o.state for o in obliged)
    route = _route(rule, outcome) if status == "exempt" else None
    deadline = outcome.deadline if status == "wind_down" else None
    factual: tuple[QuestionOut, ...] = ()
    interpretive: tuple[QuestionOut, ...] = ()
    unworked: tuple[str, ...] = ()
    memo: Outcomes = {}  # what supposed answers lead to, shared by questions and readings
    if status == "undetermined":
        factual, interpretive, unworked = questions(rule, ctx, trace, outcome_text(rule, ctx),
                                                    memo)
    remarks = tuple(_fill(text, rule, ctx, deadline, route, states, outcome)
                    for text, node in rule.remarks if node.fast(ctx, None) is True)
    caveats = _caveats(status, route, trace, sources) + state_notes + unworked
    return Finding(
        relationship=ctx.relationship.id,
        rule=rule.id,
        rule_version=rule.spec.version,
        provision=ProvisionRef(
            instrument=rule.spec.provision.instrument,
            paragraph=rule.spec.provision.paragraph,
            pinpoint=rule.spec.provision.pinpoint,
            url=str(rule.spec.provision.url),
            wording=rule.spec.provision.wording,
        ),
        status=status,  # type: ignore[arg-type]
        reason=_reason(rule, ctx, status, outcome, deadline, route, states, trace),
        deadline=deadline,
        route=route,
        obligated_states=states,
        obligations=obliged,
        possible_statuses=tuple(sorted({o.status for o in outcomes}))
        if status == "undetermined" else (),
        questions=factual,
        interpretive_questions=interpretive,
        relies_on=readings_relied_on(rule, ctx, memo) if rule.spec.interpretations else (),
        remarks=remarks,
        caveats=caveats,
        assumptions=_assumptions(trace) if status != "undetermined" else (),
        trace=trace,
    )


def interval_reason(rule: Rule, ctx: Context, outcomes: frozenset[Outcome],
                    sources: Mapping[str, Source]) -> str:
    """The reason for a period of a status history (``ctx`` covers the period)."""
    status = status_of(outcomes)
    outcome = _chosen(rule, ctx, outcomes, status)
    route = _route(rule, outcome) if status == "exempt" else None
    deadline = outcome.deadline if status == "wind_down" else None
    obliged, _notes = obligations(rule, ctx)
    states = tuple(o.state for o in obliged)
    trace = _trace(rule, ctx) if status == "not_applicable" and "{because}" in (
        rule.spec.reasons.not_applicable) else ()
    return _reason(rule, ctx, status, outcome, deadline, route, states, trace)


def _chosen(rule: Rule, ctx: Context, outcomes: frozenset[Outcome], status: str) -> Outcome:
    """The outcome a finding reports; for an exemption, a route that certainly holds."""
    outcome = min(outcomes)
    if status == "exempt":
        certain = [r.spec.id for r in rule.routes if r.node.fast(ctx, None) is True]
        outcome = next((o for o in sorted(outcomes) if o.cause in certain), outcome)
    return outcome


def _route(rule: Rule, outcome: Outcome) -> RouteRef | None:
    for r in rule.routes:
        if r.spec.id == outcome.cause:
            return RouteRef(id=r.spec.id, kind=r.kind, title=r.spec.title,  # type: ignore[arg-type]
                            citation=r.spec.citation, basis=r.spec.basis)
    return None


def period_text(day: Day) -> str:
    """``on 2018-03-01`` for one day, ``from 2018-03-01 to 2018-04-30`` for a period.

    >>> period_text((dt.date(2018, 3, 1), dt.date(2018, 3, 1)))
    'on 2018-03-01'
    """
    lo, hi = day
    if lo == hi:
        return f"on {lo.isoformat()}"
    return f"from {lo.isoformat()} to {hi.isoformat()}"


def _trace(rule: Rule, ctx: Context) -> tuple[TraceStep, ...]:
    period = rule.spec.in_force
    until = f" until {period.until.isoformat()}" if period.until else ""
    when = period_text(ctx.day)
    bound = in_force(rule, ctx.day)
    steps = [TraceStep(
        label=f"the provision is in force {when}"
              f" (from {period.from_.isoformat()}{until})",
        result=_tv(bound),
        value=when.removeprefix("on ").removeprefix("from "),
    )]
    if bound is False:
        return tuple(steps)
    operating = FACTS["relationship.operating"]
    value, evidence, shown, assumption = operating.view(ctx, None)
    rel = ctx.relationship
    steps.append(TraceStep(
        label=f"the relationship is in operation {when}",
        result=_tv(value), fact="relationship.operating", value=shown, evidence=evidence,
        assumption=assumption, children=(
            _date_step(f"it began {_first(ctx.day)}", "relationship.start",
                       on_or_before(rel.start.bounds(), ctx.day), ctx),
            _date_step(f"it was still running on {_last(ctx.day)}", "relationship.end",
                       on_or_before(ctx.day, rel.end.bounds()), ctx)),
    ))
    steps.append(_labelled("within the provision's scope", rule.scope.trace(ctx)))
    for route in rule.routes:
        kind = "carve-out" if route.kind == "carve_out" else "exemption"
        steps.append(_labelled(f"{kind}: {route.spec.title}", route.node.trace(ctx)))
    if rule.wind_down is not None:
        steps.append(_labelled(WIND_DOWN_STEP,
                               rule.wind_down.trace(ctx)))
        for w in rule.windows:
            lo, hi = w.deadline(ctx, None)
            shown = hi.isoformat() if lo == hi and hi else "unknown"
            children = (w.node.trace(ctx),) if w.node is not None else ()
            applies = True if w.node is None else w.node.fast(ctx, None)
            steps.append(TraceStep(label=f"{WINDOW_STEP} {w.spec.title}; last permitted day",
                                   result=_tv(applies), value=shown, children=children))
    return tuple(steps)


def _first(day: Day) -> str:
    return f"on or before {day[0].isoformat()}"


def _last(day: Day) -> str:
    return day[1].isoformat()


def _date_step(label: str, path: str, result: bool | None, ctx: Context) -> TraceStep:
    _value, evidence, shown, assumption = FACTS[path].view(ctx, None)
    return TraceStep(label=label, result=_tv(result), fact=path, value=shown,
                     evidence=evidence, assumption=assumption)


def _labelled(label: str, step: TraceStep) -> TraceStep:
    return TraceStep(label=label, result=step.result, children=(step,))


def _tv(value: object) -> TruthValue:
    return "unknown" if value is None else ("true" if value else "false")


_OFFICIAL_BEHIND = {
    "committee_decision": "no official document (such as a Committee decision) is cited",
    "state_determination": "no official document recording the State's determination is cited",
    "state_notification": "no official document recording the notification to the Committee"
                          " is cited",
}
"""What a route that rests on an act (not on the resolution's own text) lacks without an
official source."""


def _caveats(status: str, route: RouteRef | None, trace: tuple[TraceStep, ...],
             sources: Mapping[str, Source]) -> tuple[str, ...]:
    if status != "exempt" or route is None:
        return ()
    label_end = route.title
    evidence: list[Evidence] = []
    for step in trace:
        if step.label.endswith(label_end):
            evidence.extend(_all_evidence(step))
    kinds = {sources[e.source].kind for e in evidence if e.source in sources}
    what = route.kind.replace("_", "-")
    if not evidence:
        return (f"The {what} rests on facts recorded without evidence.",)
    missing = _OFFICIAL_BEHIND.get(route.basis)
    if missing is not None and "official_document" not in kinds:
        # A carve-out written in the resolution needs no decision behind it; only the
        # facts that bring the arrangement within it need sources, and they have some.
        named = ", ".join(sorted(k.replace("_", " ") for k in kinds))
        return (f"The {what} rests only on sources of kind: {named}; {missing}.",)
    return ()


def _assumptions(trace: tuple[TraceStep, ...]) -> tuple[str, ...]:
    """Assumptions behind facts that a determined finding actually relied on."""
    found: dict[str, None] = {}

    def walk(step: TraceStep) -> None:
        if step.assumption and step.result != "unknown":
            found.setdefault(step.assumption)
        for child in step.children:
            walk(child)

    for step in trace:
        walk(step)
    return tuple(found)


def _all_evidence(step: TraceStep) -> Iterator[Evidence]:
    yield from step.evidence
    for child in step.children:
        yield from _all_evidence(child)


def _reason(rule: Rule, ctx: Context, status: str, outcome: Outcome,
            deadline: dt.date | None, route: RouteRef | None, states: tuple[str, ...],
            trace: tuple[TraceStep, ...] = ()) -> str:
    reasons = rule.spec.reasons
    if status == "not_applicable":
        if outcome.cause == NOT_IN_FORCE:
            return (f"{rule.spec.provision.pinpoint} was not in force {period_text(ctx.day)}"
                    f" (in force from {rule.spec.in_force.from_.isoformat()}).")
        if outcome.cause == NOT_OPERATING:
            return f"The relationship was not in operation {period_text(ctx.day)}."
        assert outcome.cause == OUT_OF_SCOPE
        template = reasons.not_applicable
    else:
        template = getattr(reasons, status) or reasons.prohibited
    return _fill(template, rule, ctx, deadline, route, states, outcome, trace)


def _fill(template: str, rule: Rule, ctx: Context, deadline: dt.date | None,
          route: RouteRef | None, states: tuple[str, ...], outcome: Outcome | None = None,
          trace: tuple[TraceStep, ...] = ()) -> str:
    rel = ctx.relationship
    open_ended = outcome is not None and outcome.status == "wind_down" and deadline is None
    values = {
        "relationship": rel.title or rel.id,
        "provision": rule.spec.provision.pinpoint,
        "as_of": ctx.as_of.isoformat(),
        "deadline": deadline.isoformat() if deadline else (
            "no fixed date (while the condition of the wind-down lasts)" if open_ended
            else "an undetermined date"),
        "route": route.title if route else "",
        "states": ", ".join(country_name(c) for c in states) or "no State identified",
        "in_force_from": rule.spec.in_force.from_.isoformat(),
        "because": because(trace, ctx),
    }
    return template.format_map(values)


def because(trace: tuple[TraceStep, ...], ctx: Context) -> str:
    """The recorded facts that put a relationship outside a rule's scope, as plain
    sentences: what is recorded (or assumed, said so), never what is not."""
    scope = next((s for s in trace if s.label == "within the provision's scope"), None)
    if scope is None:
        return ""
    names = {k: v.name for k, v in ctx.parties.items()}
    sentences: dict[str, None] = {}
    for fact, party, shown, assumption in _false_leaves(scope):
        definition = definitions().get(fact)
        if definition is None or shown in ("unknown", None):
            continue
        text = definition.sentence(shown.removesuffix(" (assumed by the rule)"),
                                   names.get(party or "", ""))
        if assumption:
            text = text.rstrip(".") + f" ({assumption.rstrip('.')})."
        sentences.setdefault(text)
    return " ".join(list(sentences)[:4]) or "None of the recorded facts brings it within the scope."


def _false_leaves(step: TraceStep) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    if step.result != "false":
        return
    if step.fact is not None and not step.children:
        yield step.fact, step.party, step.value, step.assumption
    for child in step.children:
        yield from _false_leaves(child)
