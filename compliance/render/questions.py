"""A relationship's open questions, asked once each, with their effect on every finding.

Rules ask about facts: several findings of one relationship often turn on the same
fact (whether the arrangement is a cooperative entity, what the 1718 Committee
decided), each rule in its own words.  The report asks each fact once per
relationship, in the words of the most serious finding that asks it, and lists what
each answer would make of every finding concerned.  Nothing is dropped: every answer
that changes a finding appears, and questions whose answers change no finding on
their own are listed after the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from compliance.models.findings import Finding, QuestionOut
from compliance.render.viewtypes import AnswerEffect, SectionQuestion


def outcome_text(status: str) -> str:
    """``wind_down until 2018-01-09`` as ``wind down until 2018-01-09``."""
    return status.replace("not_applicable", "not applicable").replace("wind_down", "wind down")


def merge_questions(findings: Sequence[tuple[str, Finding]], party_name: Callable[[str | None],
                    str], *, interpretive: bool = False, first: int = 1
                    ) -> tuple[SectionQuestion, ...]:
    """The questions of ``findings`` (label, finding), one per (fact, party).

    Questions that settle something come first, in the order the findings ask them
    (the engine puts decisive questions first); the rest follow.  Numbered from
    ``first``.  With ``interpretive``, the questions of interpretation (which reading
    of an ambiguous text applies) instead of the questions of fact.
    """
    def asks(f: Finding) -> tuple[QuestionOut, ...]:
        return f.interpretive_questions if interpretive else f.questions

    order: list[tuple[str, str | None]] = []
    asked: dict[tuple[str, str | None], list[tuple[str, Finding, int]]] = {}
    for label, f in findings:
        for i, q in enumerate(asks(f)):
            key = (q.fact, q.party)
            if key not in asked:
                order.append(key)
                asked[key] = []
            asked[key].append((label, f, i))
    telling = [k for k in order if any(f.telling(asks(f)[i]) for _, f, i in asked[k])]
    quiet = [k for k in order if k not in telling]
    out = []
    for number, key in enumerate(telling + quiet, first):
        uses = asked[key]
        question = asks(uses[0][1])[uses[0][2]]
        why = next((asks(f)[i].why for _, f, i in uses if asks(f)[i].why), None)
        out.append(SectionQuestion(
            number=number, fact=key[0], ask=" ".join(question.ask.split()),
            why=" ".join((why or "").split()), party=party_name(question.party),
            labels=tuple(label for label, _, _ in uses),
            effects=_effects([(label, asks(f)[i], f) for label, f, i in uses])))
    return tuple(out)


def _effects(uses: list[tuple[str, QuestionOut, Finding]]) -> tuple[AnswerEffect, ...]:
    """Per answer, the findings it would change and what each would become.

    Answers with the same effect are joined: ``denied by then, pending or never
    requested -> 2.1: undetermined (not applicable or prohibited)``.
    """
    answers: dict[str, dict[str, list[str]]] = {}
    for label, question, f in uses:
        for a in f.telling(question):
            answers.setdefault(a.answer, {}).setdefault(outcome_text(a.status), []).append(label)
    single = len(uses) == 1
    same: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for answer, outcomes in answers.items():
        effect = tuple(("" if single else join_words(labels), outcome)
                       for outcome, labels in outcomes.items())
        same.setdefault(effect, []).append(answer)
    return tuple(AnswerEffect(tuple(names), effect) for effect, names in same.items())


def explain_once(questions: tuple[SectionQuestion, ...], section: int,
                 explained: dict[str, str]) -> tuple[SectionQuestion, ...]:
    """Print each "why it matters" note once in a report; later copies point back.

    ``explained`` maps each note already printed to where (``section 1, question
    2``); only questions printed with their answers carry a note.
    """
    out = []
    for q in questions:
        where = f"section {section}, question {q.number}"
        if q.why and q.effects:
            first = explained.setdefault(q.why, where)
            if first != where:
                q = replace(q, why="", why_ref=first)
        out.append(q)
    return tuple(out)


def join_words(words: Sequence[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
