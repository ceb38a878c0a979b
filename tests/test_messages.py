"""Messages that teach: country names, roles by kind, quoting, tabs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from compliance.errors import InvalidInputError
from compliance.inputs.cases import load_case
from compliance.inputs.documents import load_yaml_text
from compliance.inputs.hints import country_codes, role_message
from compliance.models.case import RelationshipKind, Role
from compliance.vocabulary import role_synonyms, roles_for

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("written", "codes"), [
    ("North Korea", ("KP",)), ("DPRK", ("KP",)), ("Russia", ("RU",)), ("South Korea", ("KR",)),
    ("Norway", ("NO",)), ("rus", ("RU",)), ("kp", ("KP",)), ("Iran", ("IR",)),
    ("Korea", ("KP", "KR")), ("the moon", ()), ("", ()),
])
def test_country_names_suggest_the_iso_code(written: str, codes: tuple[str, ...]) -> None:
    assert country_codes(written) == codes


@pytest.mark.parametrize(("kind", "written", "meant"), [
    ("equipment_supply", "seller", "supplier"), ("managed_service", "seller", "provider"),
    ("equipment_supply", "buyer", "recipient"), ("internet_transit", "client", "customer"),
    ("training", "student", "trainee"), ("employment", "staff", "employee"),
    ("ownership", "subsidiary", "owned"),
])
def test_roles_are_suggested_from_the_kind(kind: str, written: str, meant: str) -> None:
    doc = load_yaml_text(f"kind: {kind}\nparties:\n  - {{party: a, role: {written}}}\n", "x")
    message = role_message(doc, ("parties", 0, "role"), written)
    assert message is not None
    assert f"did you mean '{meant}'?" in message


def test_role_vocabulary_is_consistent_and_documented() -> None:
    roles, kinds = set(get_args(Role)), get_args(RelationshipKind)
    docs = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    for kind in kinds:
        usual = roles_for(kind)
        assert usual, kind
        assert set(usual) <= roles, kind
        row = "| `" + kind + "` | " + ", ".join(f"`{r}`" for r in usual) + " |"
        assert row in docs, row
    for word in ("seller", "buyer", "shareholder"):
        assert set(role_synonyms(word)) <= roles


def test_a_tab_is_named(tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("id: x\ntitle: y\nparties:\n  - id: a\n  \tkind: company\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_case(path)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.col) == (5, 3)
    assert diagnostic.message.startswith("a tab character at line 5, column 3;")


def test_a_json_hs_code_number_is_told_to_be_quoted(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"id": "x", "title": "y", "relationships": [{"id": "r", "kind":'
                    ' "equipment_supply", "parties": [{"party": "a", "role": "supplier"}],'
                    ' "attributes": {"hs_codes": [8517.62]}}], "parties": [{"id": "a",'
                    ' "name": "A", "kind": "company"}]}', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_case(path)
    (diagnostic,) = caught.value.diagnostics
    assert re.search(r'quote a code such as an HS code to keep it as written: "8517.62"',
                     diagnostic.message), diagnostic.message
