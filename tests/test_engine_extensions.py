"""Small engine features the catalogue needs: the ``day_assessed`` operator (with status-history
cuts), the ``any_other_than`` comparison of codes, answers offered for list-valued
questions, and groups of natural persons, which no list designates as such."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from compliance.engine.compile import Rule
from compliance.engine.evaluate import screen, status_of
from compliance.engine.explain import build_finding
from compliance.engine.facts import Context
from compliance.engine.history import Dates, history
from compliance.errors import InvalidInputError
from compliance.models.case import Party, Relationship
from compliance.pipeline import load_rulebook

RULE = """\
id: unscr-9999-op1
version: 1
title: Test rule
regime: dprk
summary: A rule for engine tests only.
provision:
  instrument: S/RES/9999 (2016)
  adopted: 2016-03-02
  paragraph: "1"
  paragraph_status: unverified
  url: https://undocs.org/S/RES/9999(2016)
  texts: [{kind: summary, text: Test only., basis: none}]
in_force: {from: 2016-03-02}
applies_when:
%s
questions:
  - fact: relationship.approved_under
    ask: Under which provisions was the approval given?
reasons:
  prohibited: "{relationship} is prohibited."
  exempt: "{relationship} is exempt."
  not_applicable: "{relationship} is outside: {because}"
  undetermined: "{relationship} is undetermined."
"""


def _rule(tmp_path: Path, scope: str) -> Rule:
    (tmp_path / "unscr-9999-op1.yaml").write_text(RULE % scope, encoding="utf-8")
    return load_rulebook([tmp_path]).rules[0]


def _relationship(kind: str = "other", **attributes: Any) -> tuple[Relationship, dict[str, Party]]:
    parties = {
        "kp": Party.model_validate({"id": "kp", "name": "DPRK workers", "kind": "group",
                                    "country": "KP"}),
        "cn": Party.model_validate({"id": "cn", "name": "CN Co", "kind": "company",
                                    "country": "CN"}),
    }
    rel = Relationship.model_validate({
        "id": "r", "kind": kind, "start": "2016-01-01", "end": {"earliest": "2030-01-01"},
        "parties": [{"party": "kp", "role": "worker"}, {"party": "cn", "role": "customer"}],
        "attributes": attributes})
    return rel, parties


def _status(rule: Rule, day: str, **attributes: Any) -> str:
    rel, parties = _relationship(**attributes)
    return status_of(screen(rule, Context(rel, parties, dt.date.fromisoformat(day))))


def test_day_assessed_compares_the_day_assessed(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "  day_assessed: {on_or_after: 2016-11-30}")
    assert _status(rule, "2016-11-29") == "not_applicable"
    assert _status(rule, "2016-11-30") == "prohibited"
    assert rule.cuts == frozenset({dt.date(2016, 11, 30)})


def test_a_history_is_cut_where_an_as_of_test_changes(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "  day_assessed: {on_or_after: 2016-11-30}")
    rel, parties = _relationship()
    ctx = Context(rel, parties, dt.date(2017, 1, 1))
    spans = history(rule, ctx, (dt.date(2016, 3, 2), dt.date(2017, 1, 1)),
                    Dates(parties).relationship(rel))
    assert [(s.first, s.last, s.status) for s in spans] == [
        (dt.date(2016, 3, 2), dt.date(2016, 11, 29), "not_applicable"),
        (dt.date(2016, 11, 30), dt.date(2017, 1, 1), "prohibited")]


def test_day_assessed_takes_one_comparison_with_a_date(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError) as raised:
        _rule(tmp_path, "  day_assessed: {after: relationship.start}")
    assert [d.code for d in raised.value.diagnostics] == ["invalid-operand"]


def test_any_other_than_needs_a_code_outside_the_list(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "  fact: relationship.income_jurisdiction\n  any_other_than: [KP]")
    assert _status(rule, "2018-01-01", income_jurisdiction=["KP"]) == "not_applicable"
    assert _status(rule, "2018-01-01", income_jurisdiction=["KP", "CN"]) == "prohibited"
    assert _status(rule, "2018-01-01", income_jurisdiction=[]) == "not_applicable"
    assert _status(rule, "2018-01-01") == "undetermined"


def test_a_list_question_offers_the_codes_the_rule_names(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "  fact: relationship.approved_under\n"
                           "  contains_any: [unscr-9999-op1]")
    rel, parties = _relationship()
    ctx = Context(rel, parties, dt.date(2018, 1, 1))
    finding = build_finding(rule, ctx, screen(rule, ctx), {})
    answers = {a.answer: a.status for q in finding.questions for a in q.leads_to}
    assert answers == {"unscr-9999-op1": "prohibited", "none of these": "not_applicable"}


def test_a_group_is_never_designated(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "  some_party:\n    where: {designated: {regimes: [UN-1718]}}")
    # The group is not designated, and the company is unscreened: only the company is asked.
    rel, parties = _relationship()
    ctx = Context(rel, parties, dt.date(2018, 1, 1))
    finding = build_finding(rule, ctx, screen(rule, ctx), {})
    assert finding.status == "undetermined"
    assert [(q.fact, q.party) for q in finding.questions] == [("party.designated", "cn")]


def test_a_case_cannot_record_a_group_as_designated(tmp_path: Path) -> None:
    from compliance.inputs.cases import load_case

    case = tmp_path / "group.yaml"
    case.write_text("id: c\ntitle: t\nparties:\n"
                    "  - {id: kp, name: Listed group, kind: group, country: KP,\n"
                    "     designations: [{regime: UN-1718, listed_on: 2016-03-02}]}\n",
                    encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_case(case)
    assert [d.code for d in raised.value.diagnostics] == ["group-designated"]


def test_an_undated_holding_counts_on_every_day(tmp_path: Path) -> None:
    """An owner recorded without since/until holds its share throughout, as an undated
    fact holds on every day; a dated holding counts only inside its dates."""
    rule = _rule(tmp_path, "  some_party:\n    where:\n      owned_by:\n"
                           "        share_at_least: 50\n"
                           "        where: {fact: party.country, equals: KP}")
    rel, parties = _relationship()
    owner = Party.model_validate({"id": "parent", "name": "DPRK parent", "kind": "company",
                                  "country": "KP"})

    def owned(**dates: str) -> dict[str, Party]:
        sub = Party.model_validate({"id": "cn", "name": "CN Co", "kind": "company",
                                    "country": "CN",
                                    "owners": [{"owner": "parent", "share": 60, **dates}]})
        return {**parties, "cn": sub, "parent": owner}

    day = dt.date(2018, 1, 1)
    assert status_of(screen(rule, Context(rel, owned(), day))) == "prohibited"
    assert status_of(screen(rule, Context(rel, owned(since="2018-06-01"), day))) == (
        "not_applicable")
    assert status_of(screen(rule, Context(rel, owned(until="2017-06-01"), day))) == (
        "not_applicable")


def test_income_of_dprk_nationals_needs_them_as_a_party(tmp_path: Path) -> None:
    """2397 para. 8 is scoped on a DPRK natural person taking part, so a recorded 'yes'
    with no such party is refused rather than silently left out of scope."""
    from compliance.inputs.cases import load_case

    case = tmp_path / "income.yaml"
    case.write_text("id: c\ntitle: t\nparties:\n"
                    "  - {id: firm, name: DPRK IT firm, kind: company, country: KP}\n"
                    "  - {id: client, name: Client, kind: company, country: CN}\n"
                    "relationships:\n"
                    "  - id: r\n    kind: managed_service\n"
                    "    parties: [{party: firm, role: provider},\n"
                    "              {party: client, role: customer}]\n"
                    "    attributes: {dprk_nationals_earning_income: true}\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_case(case)
    assert [d.code for d in raised.value.diagnostics] == ["missing-dprk-nationals"]
