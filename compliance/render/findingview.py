"""One finding as the report prints it: its status and when it held, the wording of
the provision, the facts relied on as sentences, the readings it rests on, the
obligated States with their bases, and its notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from compliance.countries import country_name
from compliance.engine.assess import headline
from compliance.models.findings import Finding, Interval, Obligation, ReadingUsed, TraceStep
from compliance.models.rules import RuleSpec
from compliance.render.citations import Notes
from compliance.render.provisions import primary_texts
from compliance.render.questions import join_words, outcome_text
from compliance.render.sentences import relied_on
from compliance.render.viewtypes import (
    STATUS_LABELS,
    FactView,
    FindingView,
    HistoryLine,
    ReadingView,
    TextView,
)

CHOSEN_BY = {"default": "the rule's default", "case": "the case file",
             "command line": "the command line", "open": "no one: the reading is open"}


@dataclass(frozen=True)
class Where:
    """What a finding view needs to know of the report around it."""

    names: dict[str, str]
    """Party names by id."""
    notes: Notes
    shown: dict[str, tuple[str, str]]
    """Rules whose wording an earlier finding printed: (anchor, label)."""
    as_of: dt.date
    said: set[str] = field(default_factory=set)
    """Sentences and assumptions the current section printed for all its findings
    (not repeated in each)."""

    def name(self, party: str | None) -> str:
        """A party's name, its id if the case has no such party, or empty."""
        return self.names.get(party, party) if party else ""


def finding_view(label: str, f: Finding, spec: RuleSpec | None, where: Where,
                 relationship_title: str, questions: tuple[int, ...]) -> FindingView:
    """The view of finding ``f`` (numbered ``label``) in its relationship's section."""
    texts: tuple[TextView, ...] = ()
    title = paragraph_status = provision_title = ""
    if spec is not None:
        texts = primary_texts(spec.provision.texts)
        title, paragraph_status = spec.title, spec.provision.paragraph_status
        provision_title = spec.provision.title or ""
    own = tuple(s for s in f.trace if s.fact != "relationship.operating")
    printed = set(where.said)  # assumptions the section printed are not repeated
    facts = fact_views(own, where, printed)
    past = f.explains == "most_serious" and f.most_serious is not None
    status = headline(f)
    deadline = (f.most_serious.deadline if past and f.most_serious else f.deadline)
    explained = f.most_serious if past else _at(f.history, where.as_of)
    return FindingView(
        anchor=f"finding-{label.replace('.', '-')}", label=label, status=status,
        status_label=STATUS_LABELS[status] + (" (past)" if past else ""),
        relationship_id=f.relationship, relationship_title=relationship_title,
        rule_id=f.rule, rule_version=f.rule_version, rule_title=title,
        pinpoint=f.provision.pinpoint, provision_url=f.provision.url,
        provision_anchor=f"provision-{f.rule}",
        provision_title=provision_title, paragraph_status=paragraph_status, texts=texts,
        wording_ref=where.shown.get(f.rule),
        reason=" ".join(f.reason.split()), facts=facts,
        when=_when(f, explained, past, where.as_of),
        history=_history(f.history, explained) if len(f.history) > 1 else (),
        readings=tuple(_reading(r, spec) for r in f.relies_on),
        states=obligations(f.obligations) or tuple(_state(c) for c in f.obligated_states),
        deadline=deadline.isoformat() if deadline else "",
        route=f"{f.route.title} ({f.route.citation})" if f.route else "",
        remarks=tuple(" ".join(r.split()) for r in f.remarks),
        caveats=tuple(" ".join(c.split()) for c in f.caveats),
        assumptions=tuple(a for a in (" ".join(a.split()) for a in f.assumptions)
                          if a not in printed),
        possible=join_words([STATUS_LABELS.get(s, s).lower() for s in f.possible_statuses],
                            "or"),
        questions=questions, past=past,
    )


def fact_views(trace: tuple[TraceStep, ...], where: Where, printed: set[str]
               ) -> tuple[FactView, ...]:
    """The facts relied on, as sentences; an assumption is printed beside the first
    fact resting on it only (``printed`` remembers them)."""
    out = []
    for fact in relied_on(trace, where.names):
        if fact.sentence in where.said:
            continue
        assumption = fact.assumption
        if assumption in printed:
            assumption = ""
        elif assumption:
            printed.add(assumption)
        evidence = tuple(e for step in fact.steps for e in step.evidence)
        out.append(FactView(fact.sentence, assumption, fact.assumed_by if assumption else "",
                            where.notes.cite(tuple(dict.fromkeys(evidence)))))
    return tuple(out)


def obligations(found: Sequence[Obligation]) -> tuple[str, ...]:
    """``Russian Federation (RU), as State of nationality or incorporation of ...``."""
    return tuple(f"{_state(o.state)}, as {join_words(list(o.bases), 'and')}"
                 if o.bases else _state(o.state) for o in found)


def _state(code: str) -> str:
    return f"{country_name(code)} ({code})"


def period(interval: Interval) -> str:
    """``on 2018-03-01``, ``2017-09-11 to 2018-01-09`` or ``from 2018-01-10``."""
    first = interval.from_.isoformat()
    if interval.to is None:
        return f"from {first}"
    if interval.to == interval.from_:
        return f"on {first}"
    return f"{first} to {interval.to.isoformat()}"


def _at(history: tuple[Interval, ...], day: dt.date) -> Interval | None:
    for interval in history:
        if interval.from_ <= day and (interval.to is None or day <= interval.to):
            return interval
    return history[-1] if history else None


def _when(f: Finding, explained: Interval | None, past: bool, as_of: dt.date) -> str:
    """When the status shown began and ended."""
    if explained is None:
        return ""
    label = STATUS_LABELS[explained.status]
    if past:
        return (f"{label} {period(explained)}; not applicable on the assessment date"
                f" ({as_of.isoformat()}). The reason, facts and questions below are those of"
                " that period.")
    if f.history and explained is f.history[0] and explained.to is None:
        return (f"{label} on every day of the period assessed (from"
                f" {explained.from_.isoformat()}).")
    ends = (" (still so on the assessment date)" if explained.to is None
            else f" to {explained.to.isoformat()}")
    return f"{label} since {explained.from_.isoformat()}{ends}."


def _history(history: tuple[Interval, ...], explained: Interval | None
             ) -> tuple[HistoryLine, ...]:
    out = []
    for interval in history:
        notes = []
        if interval.deadline is not None:
            notes.append(f"last permitted day {interval.deadline.isoformat()}")
        if interval is not explained:
            notes.append(" ".join(interval.reason.split()))
        out.append(HistoryLine(period(interval), interval.status,
                               STATUS_LABELS[interval.status], "; ".join(notes)))
    return tuple(out)


def _reading(used: ReadingUsed, spec: RuleSpec | None) -> ReadingView:
    interpretation = next((i for i in spec.interpretations if i.id == used.id), None) \
        if spec is not None else None
    statements = {r.id: " ".join(r.statement.split())
                  for r in (interpretation.readings if interpretation else ())}
    reading = (f"{used.reading}: {statements.get(used.reading, '')}".rstrip(": ")
               if used.reading else "open")
    others = "; ".join(f"{a.answer}: {outcome_text(a.status)}" for a in used.outcomes
                       if a.answer != used.reading)
    return ReadingView(" ".join(used.question.split()), reading,
                       CHOSEN_BY.get(used.chosen_by, used.chosen_by), others)
