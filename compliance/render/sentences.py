"""The facts a finding relied on, as plain sentences for the report's reader.

The trace names facts by path and tests (``party.country equals KP``); the report
prints what the case records, in the vocabulary's sentences ("Loxpac Hong Kong is
incorporated in, or a national of, Hong Kong (HK)."), each with its evidence and
any assumption behind it.  Fact paths stay in the findings JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from compliance.models.findings import TraceStep
from compliance.vocabulary import definitions

RULE_ASSUMED = " (assumed by the rule)"


@dataclass(frozen=True)
class Relied:
    """A fact a finding relied on: its sentence and the trace steps that read it."""

    sentence: str
    steps: tuple[TraceStep, ...]
    assumption: str
    """Why it is taken as true without a record: the analyst's assumption, or the
    rule's (its default for this kind of arrangement); empty when recorded."""
    assumed_by: str
    """``analyst`` or ``rule`` (who made the assumption), or empty."""


def relied_on(trace: tuple[TraceStep, ...], names: dict[str, str]) -> list[Relied]:
    """The facts (with evidence or an assumption) that decided a finding, once each.

    Below the top-level stages only the decisive branches are followed: children
    whose result equals their parent's (the true branch of a satisfied "any", the
    false branch of a failed "all"), every child of an open question (what is
    known beside what is not), and every share held in a party whose ownership
    was tested, so that the sentence gives all of its owners.
    The attached findings JSON has the full trace.
    """
    found: dict[str, Relied] = {}
    shares: dict[str, list[TraceStep]] = {}
    order: list[tuple[str, str]] = []  # ("fact", sentence) or ("shares", owned party)
    for step, owned in _decisive(trace):
        if step.fact == "party.owners.share" and owned is not None:
            if owned not in shares:
                shares[owned] = []
                order.append(("shares", owned))
            if step not in shares[owned]:
                shares[owned].append(step)
            continue
        text = sentence(step, names)
        if text in found:
            prior = found[text]
            found[text] = Relied(text, (*prior.steps, step), prior.assumption, prior.assumed_by)
            continue
        assumption, by = _assumption(step)
        found[text] = Relied(text, (step,), assumption, by)
        order.append(("fact", text))
    out = []
    for kind, key in order:
        if kind == "fact":
            out.append(found[key])
        else:
            out.append(Relied(_shares(key, shares[key], names), tuple(shares[key]), "", ""))
    return out


def _decisive(trace: tuple[TraceStep, ...]) -> Iterator[tuple[TraceStep, str | None]]:
    """Each decisive step with evidence or an assumption, with the party whose
    owners it is about (for a share held) or ``None``."""

    def walk(step: TraceStep, owned: str | None) -> Iterator[tuple[TraceStep, str | None]]:
        if step.evidence or step.assumption:
            yield step, owned
        for child in step.children:
            if child.result == step.result or step.result == "unknown":
                yield from walk(child, step.party)
            elif child.fact == "party.owners.share" and (child.evidence or child.assumption):
                yield child, step.party  # every share of an owner test, not the decisive ones only

    for step in trace:
        yield from walk(step, None)


def sentence(step: TraceStep, names: dict[str, str]) -> str:
    """The plain sentence for what a trace step read.

    A fact the vocabulary defines reads as its sentence; a derived test (whether the
    relationship was in operation on a day) reads as its own words.
    """
    definition = definitions().get(step.fact or "")
    party = names.get(step.party or "", step.party or "")
    shown = (step.value or "unknown").removesuffix(RULE_ASSUMED)
    if definition is None or (definition.source == "derived" and definition.type != "bool"):
        return _capital(step.label) + (f": {shown}." if step.value else ".")
    if step.fact == "relationship.operating":
        return _capital(step.label) + ("." if shown == "yes" else f": {shown}.")
    return definition.sentence(shown, party)


def _shares(owned: str, steps: list[TraceStep], names: dict[str, str]) -> str:
    """``Star Joint Venture Co. Ltd is owned 70% by Loxpac Hong Kong and 30% by KPTC.``"""
    held = []
    for step in steps:
        share = step.value if step.value and step.value != "unknown" else "a share not recorded"
        held.append(f"{share} by {names.get(step.party or '', step.party or 'an owner')}")
    joined = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    return f"{names.get(owned, owned)} is owned {joined}."


def _assumption(step: TraceStep) -> tuple[str, str]:
    text = " ".join((step.assumption or "").split())
    if not text:
        return "", ""
    if (step.value or "").endswith(RULE_ASSUMED):
        return text.removeprefix("Assumed: "), "rule"
    return text, "analyst"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
