"""A relationship's questions are asked once each, and no answer's effect is lost."""

from __future__ import annotations

from pathlib import Path

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import report as prepare
from compliance.render.questions import join_words, outcome_text
from tests.conftest import CASES


def _check_sections(loaded: LoadedCase, rulebook: Rulebook) -> int:
    """Assert the merge keeps everything; return how many questions were shared."""
    prepared = prepare(loaded, rulebook, None)
    findings = {(f.relationship, f.rule): f for f in prepared.assessment.findings}
    shared = 0
    for sec in prepared.view.sections:
        keys = [(q.fact, q.party) for q in sec.questions]
        assert len(keys) == len(set(keys)), sec.title
        assert [q.number for q in sec.questions] == list(range(1, len(keys) + 1))
        settling = [bool(q.effects) for q in sec.questions]
        assert settling == sorted(settling, reverse=True), "questions that settle come first"
        shared += sum(len(q.labels) > 1 for q in sec.questions)
        interpretive = [q.number for q in sec.interpretive]
        assert interpretive == list(range(len(keys) + 1, len(keys) + 1 + len(interpretive)))
        for view in sec.findings:
            finding = findings[(view.relationship_id, view.rule_id)]
            asked = {q.number for q in (*sec.questions, *sec.interpretive)
                     if view.label in q.labels}
            assert set(view.questions) == asked
            assert len(asked) == len(finding.questions) + len(finding.interpretive_questions)
            for q in finding.questions:
                merged = next(m for m in sec.questions if view.label in m.labels
                              and m.fact == q.fact)
                for answer in finding.telling(q):
                    effect = next(e for e in merged.effects if answer.answer in e.answers)
                    expected = outcome_text(answer.status)
                    assert any(outcome == expected
                               and (not labels or view.label in labels.replace(",", " ").split())
                               for labels, outcome in effect.outcomes), (view.label, q.fact)
    return shared


def test_flagship_questions_are_merged_without_loss(flagship: LoadedCase,
                                                    rulebook: Rulebook) -> None:
    # TransTeleCom's transit for Star JV: 2375 para. 18 and 2371 para. 12 both ask
    # whether the arrangement is a cooperative entity; the Committee's decision is
    # asked by three rules.
    assert _check_sections(flagship, rulebook) >= 4


def test_example_cases_questions_are_merged_without_loss(rulebook: Rulebook) -> None:
    for path in sorted(Path(CASES).glob("*.yaml")):
        _check_sections(load_case(path), rulebook)


def test_join_words() -> None:
    assert join_words([]) == ""
    assert join_words(["1"]) == "1"
    assert join_words(["1", "2"]) == "1 and 2"
    assert join_words(["yes", "no", "unknown"], "or") == "yes, no or unknown"


def test_a_caveat_every_finding_carries_is_printed_once_per_section(
        flagship: LoadedCase, rulebook: Rulebook) -> None:
    """Star JV's caveat (Loxpac is in Hong Kong) concerns all its findings: printed once."""
    prepared = prepare(flagship, rulebook, None)
    by_key = {(f.relationship, f.rule): f for f in prepared.assessment.findings}
    moved = 0
    for sec in prepared.view.sections:
        for view in sec.findings:
            finding = by_key[(view.relationship_id, view.rule_id)]
            printed = [*view.caveats, *sec.caveats]
            assert sorted(printed) == sorted(" ".join(c.split()) for c in finding.caveats)
        moved += len(sec.caveats)
        assert not sec.caveats or len(sec.findings) > 1
    assert moved >= 1
    assert prepared.html.count("Loxpac Hong Kong is incorporated in Hong Kong") == 1
