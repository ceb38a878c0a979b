"""The questions that would settle an undetermined finding, and the readings it rests on.

A question is asked only if some answer to it would change the finding.
Questions of interpretation (which reading of an ambiguous provision applies) are
listed apart from questions of fact, and a determined finding that depends on a
reading says which reading it rests on and what the others would make of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from compliance.engine.compile import Rule
from compliance.engine.evaluate import screen, status_of
from compliance.engine.facts import FACTS, Context
from compliance.engine.operators.readings import PREFIX, reading_in_force
from compliance.models.findings import Answer, QuestionOut, ReadingUsed, TraceStep
from compliance.models.rules import Interpretation
from compliance.vocabulary import definitions

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

Overrides = dict[tuple[str, str | None], object]
Outcomes = dict[frozenset[tuple[tuple[str, str | None], Any]], str]
"""Outcomes already worked out for one finding, by the answers supposed."""

WIND_DOWN_STEP = "an existing arrangement that may be wound down"
WINDOW_STEP = "wind-down window:"
"""Trace labels (see :func:`compliance.engine.explain._trace`)."""


def _unknown_leaves(step: TraceStep) -> Iterator[tuple[str, str | None]]:
    if step.result != "unknown":
        return
    if step.fact is not None and not step.children:
        yield step.fact, step.party
    for child in step.children:
        yield from _unknown_leaves(child)


MAX_ANSWERED = 64
"""Questions about parties, per finding, whose answers are worked out (see :func:`questions`)."""


def questions(rule: Rule, ctx: Context, trace: tuple[TraceStep, ...], current: str,
              memo: Outcomes | None = None
              ) -> tuple[tuple[QuestionOut, ...], tuple[QuestionOut, ...], tuple[str, ...]]:
    """(questions of fact, questions of interpretation, caveats) for an undetermined
    finding whose possible outcomes read ``current``; each is asked only if an answer
    changes that.

    Working out what an answer leads to evaluates the rule again over every party, so
    with a question or two about each party it grows with the square of the parties
    (a joint venture of 500 parties took half a minute).  Questions about the
    relationship are all worked out, and the first :data:`MAX_ANSWERED` about parties;
    the others are asked without their effect (never dropped on a guess), and a
    caveat says so.  ``memo`` keeps the outcomes worked out, for
    :func:`readings_relied_on` on the same finding.
    """
    seen: dict[tuple[str, str | None], None] = {}
    no_wind_down = False
    for step in trace:
        if step.fact == "relationship.operating":
            if step.result == "unknown":
                seen.setdefault(("relationship.operating", None))
            continue
        if step.label == WIND_DOWN_STEP:
            no_wind_down = step.result == "false"
        elif no_wind_down and step.label.startswith(WINDOW_STEP):
            continue  # the arrangement cannot be wound down: its windows ask nothing
        for fact, party in _unknown_leaves(step):
            seen.setdefault((APPROVAL if fact in _DERIVED_APPROVAL else fact, party))
    names = {k: v.name for k, v in ctx.parties.items()}
    memo = {} if memo is None else memo
    memo.setdefault(frozenset(), current)
    factual, interpretive = [], []
    asked = list(seen)
    worked = unworked = 0
    for fact, party in seen:
        leads_to: tuple[Answer, ...] = ()
        if party is not None and worked >= MAX_ANSWERED:
            unworked += 1
        else:
            worked += party is not None
            leads_to = _leads_to(rule, ctx, fact, party, memo)
            if leads_to and all(a.status == current for a in leads_to) and not _matters_jointly(
                    rule, ctx, (fact, party), asked, memo):
                continue  # no answer can change the finding: not worth asking
        who = names.get(party or "", "")
        if fact.startswith(PREFIX):
            interpretation = _interpretation(rule, fact)
            interpretive.append(QuestionOut(
                fact=fact, party=None, ask=interpretation.question,
                why="The text supports more than one reading; see the readings and their"
                    " bases in the rule.", leads_to=leads_to))
            continue
        question = rule.questions.get(fact)
        if question is None and fact == APPROVAL:
            question = next((rule.questions[d] for d in sorted(_DERIVED_APPROVAL)
                             if d in rule.questions), None)
        if question is not None:
            ask, why = _filled(question.ask, who, ctx), question.why
        else:
            ask, why = _default_question(fact, who, ctx), None
        factual.append(QuestionOut(fact=fact, party=party, ask=ask, why=why, leads_to=leads_to))
    caveats = (f"What each answer would lead to is worked out for the questions about the"
               f" relationship and the first {MAX_ANSWERED} questions about its parties, not"
               f" for the other {unworked}.",) if unworked else ()
    return tuple(sorted(factual, key=_decisiveness)), tuple(interpretive), caveats


JOINT_LIMIT = 64
"""Combinations of other answers tried before a question is judged unable to matter."""


def _matters_jointly(rule: Rule, ctx: Context, question: tuple[str, str | None],
                     asked: list[tuple[str, str | None]], memo: Outcomes) -> bool:
    """Whether, once some other questions are answered, this one's answer could change
    the finding.  Judged by trying every combination of the other answers; with more
    combinations than :data:`JOINT_LIMIT` the question is kept (never dropped on a guess)."""
    own = _candidates(rule, *question)
    others = []
    total = 1
    for other in asked:  # counted as they are made: stops early (asked can be thousands)
        if other == question:
            continue
        options = _candidates(rule, *other)
        total *= max(len(options), 1)
        if total > JOINT_LIMIT:
            return True
        others.append(options)
    for combo in itertools.product(*[o for o in others if o]):
        merged: Overrides = {}
        for _label, overrides in combo:
            merged.update(overrides)
        results = {supposed(rule, ctx, {**merged, **overrides}, memo)
                   for _label, overrides in own}
        if len(results) > 1:
            return True
    return False


def _filled(template: str, who: str, ctx: Context) -> str:
    lo, hi = ctx.day
    when = f"on {lo.isoformat()}" if lo == hi else f"from {lo.isoformat()} to {hi.isoformat()}"
    return (template.replace("{party}", who or "the party").replace("{when}", when)
            .replace("{as_of}", lo.isoformat()))


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
    return _filled(template, who, ctx)


def _interpretation(rule: Rule, fact: str) -> Interpretation:
    ident = fact.removeprefix(PREFIX)
    return next(i for i in rule.spec.interpretations if i.id == ident)


def _candidates(rule: Rule, fact: str, party: str | None) -> list[tuple[str, Overrides]]:
    if fact == APPROVAL:
        approval: list[tuple[str, Overrides]] = [
            (answer, {(k, None): v for k, v in values.items()})
            for answer, values in _APPROVAL_ANSWERS
        ]
        return approval
    if fact.startswith(PREFIX):
        interpretation = _interpretation(rule, fact)
        return [(r.id, {(fact, None): r.id}) for r in interpretation.readings]
    spec = FACTS.get(fact)
    if fact == "party.designated" or (spec is not None and spec.kind == "bool"):
        return [("yes", {(fact, party): True}), ("no", {(fact, party): False})]
    if spec is not None and spec.kind in ("enum", "text"):
        values = sorted(rule.literals.get(fact, ())) or list(spec.domain)
        options: list[tuple[str, Overrides]] = [(v, {(fact, party): v}) for v in values]
        if spec.kind == "text":
            options.append(("none of these", {(fact, party): "\0none"}))
        return options
    if spec is not None and spec.kind == "codes" and rule.literals.get(fact):
        # A list is answered as "one of the codes the rule names" or "none of them",
        # e.g. whether an approval was given under this provision or another.
        codes = sorted(rule.literals[fact])
        if all(c.endswith("*") for c in codes):
            named = "a code starting with " + ", ".join(c[:-1] for c in codes)
        else:
            named = codes[0] if len(codes) == 1 else "one of " + ", ".join(codes)
        return [(named, {(fact, party): (codes[0].removesuffix("*"),)}),
                ("none of these", {(fact, party): ("\0other",)})]
    return []


def outcome_text(rule: Rule, ctx: Context) -> str:
    """The finding's status for ``ctx`` as a short phrase (``wind_down until ...``)."""
    outcomes = screen(rule, ctx)
    status = status_of(outcomes)
    if status == "wind_down":
        deadline = min(outcomes).deadline
        status += f" until {deadline.isoformat()}" if deadline else " (no fixed last day)"
    elif status == "undetermined":
        status += " (" + " or ".join(sorted({o.status for o in outcomes})) + ")"
    return status


def supposed(rule: Rule, ctx: Context, overrides: Overrides, memo: Outcomes) -> str:
    """:func:`outcome_text` with ``overrides`` supposed, worked out once per finding:
    the same answers come up for several questions (question A tried with B's answers,
    then B with A's) and for the readings the finding relies on."""
    key = frozenset(overrides.items())
    found = memo.get(key)
    if found is None:
        found = memo[key] = outcome_text(rule, ctx.suppose(overrides))
    return found


def _leads_to(rule: Rule, ctx: Context, fact: str, party: str | None,
              memo: Outcomes) -> tuple[Answer, ...]:
    return tuple(Answer(answer=label, status=supposed(rule, ctx, overrides, memo))
                 for label, overrides in _candidates(rule, fact, party))


def readings_relied_on(rule: Rule, ctx: Context, memo: Outcomes | None = None
                       ) -> tuple[ReadingUsed, ...]:
    """The named interpretations whose readings would change this finding (``memo``:
    the outcomes :func:`questions` worked out for it, if it was asked)."""
    memo = {} if memo is None else memo
    out = []
    for interpretation in rule.spec.interpretations:
        fact = PREFIX + interpretation.id
        answers = _leads_to(rule, ctx, fact, None, memo)
        if len({a.status for a in answers}) < 2:
            continue  # every reading gives the same finding: it does not rest on one
        reading, by = reading_in_force(ctx, interpretation)
        chosen_by = by if by in ("default", "case", "command line") else "open"
        out.append(ReadingUsed(id=interpretation.id, question=interpretation.question,
                               reading=reading, chosen_by=chosen_by,  # type: ignore[arg-type]
                               outcomes=answers))
    return tuple(out)
