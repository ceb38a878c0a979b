"""yes and no mean the same in the tool as in an editor reading YAML 1.2."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from compliance.engine.conditions import Env
from compliance.engine.operators import compile_condition
from compliance.inputs.documents import load_yaml_text
from compliance.models.case import field_type
from compliance.models.common import Fact, Number, Percent
from compliance.vocabulary import fact


def test_only_true_and_false_are_booleans() -> None:
    data = load_yaml_text("a: yes\nb: NO\nc: true\nd: FALSE\ne: off\nno: 1\n", "x.yaml").data
    assert data == {"a": "yes", "b": "NO", "c": True, "d": False, "e": "off", "no": 1}


@pytest.mark.parametrize(("written", "meaning"), [
    (True, True), (False, False), ("yes", True), ("No", False), ("ON", True), ("off", False),
])
def test_yes_no_facts_take_both_spellings(written: object, meaning: bool) -> None:
    model = field_type(fact("relationship.cooperative_entity"))
    assert model.model_validate(written).value is meaning
    assert model.model_validate({"value": written}).value is meaning


@pytest.mark.parametrize("written", [1, 0, "y", "maybe", "true", 1.0])
def test_yes_no_facts_refuse_anything_else(written: object) -> None:
    with pytest.raises(ValidationError):
        field_type(fact("relationship.cooperative_entity")).model_validate(written)


def test_text_stays_text() -> None:
    assert field_type(fact("party.country")).model_validate("NO").value == "NO"
    assert Fact[str].model_validate("no").value == "no"


@pytest.mark.parametrize("kind", [Number, Percent])
@pytest.mark.parametrize("written", ["70", True])
def test_numbers_are_not_text_or_booleans(kind: object, written: object) -> None:
    with pytest.raises(ValidationError):
        Fact[kind].model_validate(written)  # type: ignore[valid-type]


def test_conditions_take_yes_and_no() -> None:
    env = Env({}, {})
    node = compile_condition({"fact": "relationship.cooperative_entity", "is": "yes"}, (), env)
    assert node.label == "relationship.cooperative_entity is yes"
