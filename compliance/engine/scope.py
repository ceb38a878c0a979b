"""The scope statement of an assessment: what it covers, and what it does not.

"30 not applicable" must never read as a clean bill.  Every assessment says which
provisions it applied (and how far their wording is sourced), which relevant
provisions the catalogue does not encode and why, which sanctions-list records
the case holds, which readings of ambiguous provisions it rests on, and which
assumptions it makes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from compliance.engine.compile import Rulebook
from compliance.models.case import Case
from compliance.models.common import DateFact, Fact
from compliance.models.findings import (
    InterpretationInForce,
    NotEncoded,
    ProvisionApplied,
    Scope,
)

STATEMENT = ("'Not applicable' means only that the provisions as encoded do not reach a"
             " relationship on a day; it is not a finding of compliance. This statement says"
             " what the assessment covers and what it does not.")
MAX_PARTIES_NAMED = 12


def scope_statement(case: Case, rulebook: Rulebook,
                    readings: Mapping[str, tuple[str, str]]) -> Scope:
    """The scope statement for ``case`` assessed with ``rulebook`` and ``readings``."""
    notes = rulebook.scope
    applied = tuple(ProvisionApplied(
        rule=r.id, version=r.spec.version, pinpoint=r.spec.provision.pinpoint,
        in_force_from=r.spec.in_force.from_, wording=r.spec.provision.wording,
        paragraph=r.spec.provision.paragraph_provenance) for r in rulebook.rules)
    interpretations = []
    for ident, (interpretation, rules) in sorted(rulebook.interpretations().items()):
        chosen = readings.get(ident)
        if chosen is not None:
            reading, by = chosen
        elif interpretation.default is not None:
            reading, by = interpretation.default, "default"
        else:
            reading, by = None, "open"
        interpretations.append(InterpretationInForce(
            id=ident, question=" ".join(interpretation.question.split()), reading=reading,
            chosen_by=by, rules=rules))  # type: ignore[arg-type]
    assumptions = [*_case_assumptions(case), *(notes.tool_assumptions if notes else ())]
    for rule in rulebook.rules:
        for default in rule.spec.defaults:
            assumptions.append(f"{rule.spec.provision.pinpoint} ({rule.id}): where nothing is"
                               f" recorded, {' '.join(default.because.split())}")
    return Scope(
        statement=STATEMENT,
        provisions_applied=applied,
        not_encoded=tuple(NotEncoded(provision=n.provision, subject=n.subject,
                                     reason=n.reason) for n in (notes.not_encoded if notes
                                                                else ())),
        lists_consulted=tuple(_lists(case)),
        interpretations=tuple(interpretations),
        assumptions=tuple(dict.fromkeys(" ".join(a.split()) for a in assumptions)),
        not_checked=tuple(notes.not_checked) if notes else (
            "This catalogue states nothing about what it does not check (it has no"
            " scope.yaml).",),
    )


def _lists(case: Case) -> Iterator[str]:
    """The sanctions-list records the case holds, per regime and list date."""
    yield "The tool consults no sanctions list itself; it uses what the case records."
    screened: dict[tuple[str, str], list[str]] = {}
    for party in case.parties:
        for d in party.designations:
            ref = f" ({d.reference})" if d.reference else ""
            until = f", delisted on {d.delisted_on.isoformat()}" if d.delisted_on else ""
            yield (f"{party.name}: listed under {d.regime}{ref} on {d.listed_on.isoformat()}"
                   f"{until}.")
        for s in party.screenings:
            screened.setdefault((s.regime, s.list_date.isoformat()), []).append(
                f"{party.name} ({s.result.replace('_', ' ')})")
    for (regime, day), names in sorted(screened.items()):
        shown = ", ".join(names[:MAX_PARTIES_NAMED]) + (
            f" and {len(names) - MAX_PARTIES_NAMED} more" if len(names) > MAX_PARTIES_NAMED
            else "")
        yield f"{regime} list dated {day}: {len(names)} part{'y' if len(names) == 1 else 'ies'}" \
              f" screened: {shown}."
    unknown = [p.name for p in case.parties if not p.designations and not p.screenings]
    if unknown:
        shown = ", ".join(unknown[:MAX_PARTIES_NAMED]) + (
            f" and {len(unknown) - MAX_PARTIES_NAMED} more" if len(unknown) > MAX_PARTIES_NAMED
            else "")
        yield f"No listing or screening is recorded for: {shown}; their designation is unknown."


def _case_assumptions(case: Case) -> Iterator[str]:
    """Every assumption the analyst recorded in the case, once each, in file order."""
    stack: deque[Any] = deque([case])
    while stack:
        value = stack.popleft()
        if isinstance(value, Fact | DateFact) and value.assumption:
            yield value.assumption
        if isinstance(value, BaseModel):
            stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, tuple | list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
