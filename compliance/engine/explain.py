"""Turn a decided outcome into a finding: reason, trace, questions, States, caveats.

Only reported findings reach this module, so traces are built for them alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from compliance.engine.compile import Rule
from compliance.engine.evaluate import (
    NOT_IN_FORCE,
    NOT_OPERATING,
    OUT_OF_SCOPE,
    Outcome,
    in_force,
    screen,
    status_of,
)
from compliance.engine.facts import FACTS, Context, Day, on_or_before
from compliance.models.case import Source
from compliance.models.common import Evidence, country_name
from compliance.models.findings import (
    Answer,
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
    states, state_notes = obligated_states(ctx)
    route = _route(rule, outcome) if status == "exempt" else None
    deadline = outcome.deadline if status == "wind_down" else None
    questions = _questions(rule, ctx, trace) if status == "undetermined" else ()
    remarks = tuple(_fill(text, rule, ctx, deadline, route, states)
                    for text, node in rule.remarks if node.fast(ctx, None) is True)
    caveats = _caveats(status, route, trace, sources) + state_notes
    return Finding(
        relationship=ctx.relationship.id,
        rule=rule.id,
        rule_version=rule.spec.version,
        provision=ProvisionRef(
            instrument=rule.spec.provision.instrument,
            paragraph=rule.spec.provision.paragraph,
            pinpoint=rule.spec.provision.pinpoint,
            url=str(rule.spec.provision.url),
            verification=rule.spec.provision.verification,
        ),
        status=status,  # type: ignore[arg-type]
        reason=_reason(rule, ctx, status, outcome, deadline, route, states),
        deadline=deadline,
        route=route,
        obligated_states=states,
        possible_statuses=tuple(sorted({o.status for o in outcomes}))
        if status == "undetermined" else (),
        questions=questions,
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
    states, _notes = obligated_states(ctx)
    return _reason(rule, ctx, status, outcome, deadline, route, states)


def _chosen(rule: Rule, ctx: Context, outcomes: frozenset[Outcome], status: str) -> Outcome:
    """The outcome a finding reports; for an exemption, a route that certainly holds."""
    outcome = min(outcomes)
    if status == "exempt":
        certain = [r.spec.id for r in rule.routes if r.node.fast(ctx, None) is True]
        outcome = next((o for o in sorted(outcomes) if o.cause in certain), outcome)
    return outcome


def obligated_states(ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """States whose obligation is engaged: non-DPRK parties' countries and territory."""
    codes: set[str] = set(ctx.relationship.territory) - {DPRK}
    notes: list[str] = []
    for party, _role in ctx.participants:
        code = party.country.value
        if code is None:
            notes.append(f"The country of {party.name} is not established, so the State"
                         " whose obligation is engaged may be incomplete.")
        elif code != DPRK:
            if code in PARENT_STATE:
                notes.append(f"{party.name} is incorporated in {country_name(code)}, whose"
                             f" obligations here are those of {country_name(PARENT_STATE[code])}.")
            codes.add(PARENT_STATE.get(code, code))
    return tuple(sorted(codes)), tuple(notes)


def _route(rule: Rule, outcome: Outcome) -> RouteRef | None:
    for r in rule.routes:
        if r.spec.id == outcome.cause:
            return RouteRef(id=r.spec.id, kind=r.kind, title=r.spec.title,  # type: ignore[arg-type]
                            citation=r.spec.citation)
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
        steps.append(_labelled("an existing arrangement that may be wound down",
                               rule.wind_down.trace(ctx)))
        for w in rule.windows:
            lo, hi = w.deadline(ctx, None)
            shown = hi.isoformat() if lo == hi and hi else "unknown"
            children = (w.node.trace(ctx),) if w.node is not None else ()
            applies = True if w.node is None else w.node.fast(ctx, None)
            steps.append(TraceStep(label=f"wind-down window: {w.spec.title}; last permitted day",
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


def _unknown_leaves(step: TraceStep) -> Iterator[tuple[str, str | None]]:
    if step.result != "unknown":
        return
    if step.fact is not None and not step.children:
        yield step.fact, step.party
    for child in step.children:
        yield from _unknown_leaves(child)


APPROVAL = "relationship.committee_approval.status"
_DERIVED_APPROVAL = {
    "relationship.committee_approval.approved",
    "relationship.committee_approval.denied",
    "relationship.committee_approval.pending",
}
_APPROVAL_ANSWERS: tuple[tuple[str, dict[str, bool]], ...] = tuple(
    (answer, {f"relationship.committee_approval.{k}": k == key for k in
              ("approved", "denied", "pending")})
    for answer, key in (("approved by then", "approved"), ("denied by then", "denied"),
                        ("pending", "pending"), ("never requested", ""))
)
"""One question stands for the three facts derived from the Committee's decision."""


def _questions(rule: Rule, ctx: Context, trace: tuple[TraceStep, ...]) -> tuple[QuestionOut, ...]:
    seen: dict[tuple[str, str | None], None] = {}
    for step in trace:
        if step.fact == "relationship.operating":
            if step.result == "unknown":
                seen.setdefault(("relationship.operating", None))
            continue
        for fact, party in _unknown_leaves(step):
            seen.setdefault((APPROVAL if fact in _DERIVED_APPROVAL else fact, party))
    names = {k: v.name for k, v in ctx.parties.items()}
    out = []
    for fact, party in seen:
        question = rule.questions.get(fact)
        if question is None and fact == APPROVAL:
            question = next((rule.questions[d] for d in sorted(_DERIVED_APPROVAL)
                             if d in rule.questions), None)
        who = names.get(party or "", "")
        if question is not None:
            ask, why = question.ask.replace("{party}", who), question.why
        else:
            ask, why = _default_question(fact, who, ctx), None
        out.append(QuestionOut(fact=fact, party=party, ask=ask, why=why,
                               leads_to=_leads_to(rule, ctx, fact, party)))
    return tuple(sorted(out, key=_decisiveness))


def _decisiveness(question: QuestionOut) -> int:
    """Questions one answer of which settles the finding come first (stable otherwise)."""
    settled = [a for a in question.leads_to if not a.status.startswith("undetermined")]
    return 0 if settled else 1


def _default_question(fact: str, who: str, ctx: Context) -> str:
    definition = definitions().get(fact)
    if definition is None:  # pragma: no cover - every question fact is in the vocabulary
        template = "What is recorded about '" + fact + "'" + (" for {party}" if who else "") + "?"
    else:
        template = definition.ask
    return template.replace("{party}", who or "the party").replace("{as_of}", ctx.as_of.isoformat())


Overrides = dict[tuple[str, str | None], object]


def _candidates(rule: Rule, fact: str, party: str | None) -> list[tuple[str, Overrides]]:
    if fact == APPROVAL:
        approval: list[tuple[str, Overrides]] = [
            (answer, {(k, None): v for k, v in values.items()})
            for answer, values in _APPROVAL_ANSWERS
        ]
        return approval
    spec = FACTS.get(fact)
    if fact == "party.designated" or (spec is not None and spec.kind == "bool"):
        return [("yes", {(fact, party): True}), ("no", {(fact, party): False})]
    if spec is not None and spec.kind in ("enum", "text"):
        values = sorted(rule.literals.get(fact, ())) or list(spec.domain)
        options: list[tuple[str, Overrides]] = [(v, {(fact, party): v}) for v in values]
        if spec.kind == "text":
            options.append(("none of these", {(fact, party): "\0none"}))
        return options
    return []


def _leads_to(rule: Rule, ctx: Context, fact: str, party: str | None) -> tuple[Answer, ...]:
    answers = []
    for label, overrides in _candidates(rule, fact, party):
        outcomes = screen(rule, ctx.suppose(overrides))
        status = status_of(outcomes)
        if status == "wind_down":
            deadline = min(outcomes).deadline
            status += f" until {deadline.isoformat()}" if deadline else ""
        elif status == "undetermined":
            status += " (" + " or ".join(sorted({o.status for o in outcomes})) + ")"
        answers.append(Answer(answer=label, status=status))
    return tuple(answers)


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
    if not evidence:
        return (f"The {route.kind.replace('_', '-')} rests on facts recorded without evidence.",)
    if "official_document" not in kinds:
        named = ", ".join(sorted(k.replace("_", " ") for k in kinds))
        return (f"The {route.kind.replace('_', '-')} rests only on sources of kind: {named};"
                " no official document (such as a Committee decision) is cited.",)
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
            deadline: dt.date | None, route: RouteRef | None, states: tuple[str, ...]) -> str:
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
    return _fill(template, rule, ctx, deadline, route, states)


def _fill(template: str, rule: Rule, ctx: Context, deadline: dt.date | None,
          route: RouteRef | None, states: tuple[str, ...]) -> str:
    rel = ctx.relationship
    values = {
        "relationship": rel.title or rel.id,
        "provision": rule.spec.provision.pinpoint,
        "as_of": ctx.as_of.isoformat(),
        "deadline": deadline.isoformat() if deadline else "an undetermined date",
        "route": route.title if route else "",
        "states": ", ".join(country_name(c) for c in states) or "no State identified",
        "in_force_from": rule.spec.in_force.from_.isoformat(),
    }
    return template.format_map(values)
