"""An adapter's in-process models get every check a case file and a JSON Lines file get:
nothing it builds reaches the engine unchecked, and what passes is unchanged."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from compliance import adopt
from compliance.engine.compile import Rulebook
from compliance.errors import InvalidInputError
from compliance.inputs.cases import LoadedCase, load_case
from compliance.inputs.ruletests import load_rule_tests, rule_test_files
from compliance.models.case import Case, Relationship
from compliance.pipeline import assess
from tests.conftest import CASES, RULES

SHIPPED = sorted(CASES.glob("*.yaml"))
RULE_TEST_CASES = [(f"{t.path.stem}:{i}", test.case)
                   for t in load_rule_tests(rule_test_files([RULES.parent / "tests"]))
                   for i, test in enumerate(t.spec.tests)]

CASE: dict[str, Any] = {
    "id": "adapted", "title": "Made by an adapter", "as_of": "2018-03-15",
    "sources": [{"id": "s", "title": "Customs data", "publisher": "A customs service",
                 "kind": "data_set"}],
    "parties": [{"id": "vendor", "name": "A vendor", "kind": "company", "country": "CN"},
                {"id": "kptc", "name": "KPTC", "kind": "government_body", "country": "KP"}],
}


def shipment(n: int, buyer: str = "kptc", source: str = "s") -> Relationship:
    return Relationship.model_validate({
        "id": f"shipment-{n}", "kind": "equipment_supply", "start": "2018-03-01",
        "end": "2018-03-01",
        "parties": [{"party": "vendor", "role": "supplier"}, {"party": buyer, "role": "recipient"}],
        "attributes": {"hs_codes": ["8517.62"]},
        "evidence": [{"source": source, "locator": f"line {n}"}]})


def _problems(loaded: LoadedCase) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        list(loaded.relationships())
    return [d.format() for d in caught.value.diagnostics]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_a_shipped_case_adopted_assesses_as_loaded(path: Any, rulebook: Rulebook) -> None:
    loaded = load_case(path)
    extra = list(loaded.relationships())[len(loaded.case.relationships):]
    adopted = adopt(loaded.case, extra, name=path.stem)
    assert adopted.case == loaded.case
    drop = {"case_sha256"}
    assert (assess(adopted, rulebook).model_dump(exclude=drop)
            == assess(loaded, rulebook).model_dump(exclude=drop))


def test_every_rule_test_case_comes_through_unchanged() -> None:
    assert len(RULE_TEST_CASES) > 100
    for name, case in RULE_TEST_CASES:
        inline = case.model_copy(update={"relationships": ()})
        adopted = adopt(inline, iter(case.relationships), name=name)
        assert adopted.case == inline, name
        assert tuple(adopted.relationships()) == case.relationships, name


def test_relationships_are_checked_one_at_a_time() -> None:
    """An adapter's iterator is read as the engine reads: an endless one still gives
    its first relationships."""
    endless = (shipment(n) for n in itertools.count(1))
    adopted = adopt(Case.model_validate(CASE), endless, name="customs")
    assert [r.id for r in itertools.islice(adopted.relationships(), 3)] == [
        "shipment-1", "shipment-2", "shipment-3"]


def test_bad_relationships_are_refused_together_and_located() -> None:
    """Line n of ``<name>.jsonl`` is the adapter's n-th relationship, written out as
    one JSON line; every bad one is reported, the good ones pass."""
    backwards = shipment(5).model_copy(update={"end": shipment(5).end.model_copy(
        update={"value": dt.date(2018, 2, 1)})})

    def given() -> Iterator[Any]:
        yield shipment(1)
        yield shipment(2, buyer="kptcc")
        yield shipment(3, source="nowhere")
        yield {"id": "not-a-model"}
        yield backwards
        yield shipment(6)

    assert _problems(adopt(Case.model_validate(CASE), given(), name="customs")) == [
        "customs.jsonl:2:103: error[unknown-party]: 'kptcc' is not a party id in this case;"
        " did you mean 'kptc'?",
        "customs.jsonl:3:261: error[unknown-source]: 'nowhere' is not a source id in this"
        " case; expected one of: s",
        "customs.jsonl:4:1: error[invalid-type]: the adapter gave a dict; expected a"
        " Relationship",
        "customs.jsonl:5:168: error[date-order]: 'end' is before 'start'; expected end on or"
        " after start (a one-off act has the same start and end)",
    ]


def test_models_built_without_validation_are_validated() -> None:
    """``model_construct`` skips pydantic's checks; a negative share or a NaN one must
    not reach the engine (it would cancel a DPRK holding)."""
    case = Case.model_validate({**CASE, "parties": [
        *CASE["parties"],
        {"id": "jv", "name": "A JV", "kind": "joint_venture", "country": "KP",
         "owners": [{"owner": "kptc", "share": 60}, {"owner": "vendor", "share": 40}]}]})
    jv = case.parties[2]
    for bad in (-20.0, float("nan"), 500.0):
        owners = (jv.owners[0], jv.owners[1].model_copy(update={"share": bad}))
        forged = case.model_copy(update={"parties": (
            *case.parties[:2], jv.model_copy(update={"owners": owners}))})
        with pytest.raises(InvalidInputError) as caught:
            adopt(forged, name="registry")
        assert all(d.path == "registry.json" for d in caught.value.diagnostics), bad


def test_case_level_checks_run() -> None:
    case = Case.model_validate(CASE)
    twice = case.model_copy(update={"parties": (*case.parties, case.parties[0])})
    with pytest.raises(InvalidInputError) as caught:
        adopt(twice, name="list")
    assert [d.code for d in caught.value.diagnostics] == ["duplicate-id"]
    assert caught.value.diagnostics[0].path == "list.json"
    with pytest.raises(InvalidInputError) as caught:
        adopt(case.model_copy(update={"relationships_file": "more.jsonl"}), name="list")
    assert [d.code for d in caught.value.diagnostics] == ["relationships-file"]
