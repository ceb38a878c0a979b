"""The published JSON Schemas agree with the tool, file by file.

Every shipped case, rule and rule test, and every input of the bad-input corpus
(``tests/invalid/``, each JSON Lines line on its own), is validated twice: by the
tool, and by the standard ``jsonschema`` validator with the schema an editor
uses (``docs/schema/*.json``).  The data is what an editor's YAML 1.2 language
server sees: the tool's own safe loader reads the file (a file it refuses before
parsing, such as the alias bomb, is never handed to the validator) and dates
become ``YYYY-MM-DD`` strings.

Where the tool accepts a file, the schema must accept it; where the schema
refuses one, the tool must refuse it too.  Where the tool refuses a file the
schema accepts, every problem the tool found must be one JSON Schema cannot
express; those are listed in :data:`NOT_EXPRESSIBLE` with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from compliance.errors import Diagnostic, InvalidInputError
from compliance.inputs.cases import load_case
from compliance.inputs.documents import iter_jsonl, load_path
from compliance.inputs.ruletests import read_rule_tests
from compliance.pipeline import check_rules
from compliance.reviewing.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "tests" / "invalid"
SCHEMA_DIR = ROOT / "docs" / "schema"

NOT_EXPRESSIBLE: dict[str, str] = {
    "unknown-party": "a reference to a party id elsewhere in the file",
    "unknown-source": "a reference to a source id elsewhere in the file",
    "unknown-relationship": "a rule test's expectation names a relationship of its case",
    "unknown-definition": "a 'use:' names a definition of the same rule",
    "duplicate-id": "ids unique within a list (uniqueItems compares whole items)",
    "date-order": "comparing two dates (end before start, delisted before listed)",
    "conflicting-bounds": "comparing two dates of one fact (since after until)",
    "overlapping-periods": "comparing the dates of a fact's periods",
    "conflicting-periods": "periods inside a period: the same definition at another depth",
    "shares-over-100": "adding up the shares of several owners",
    "id-mismatch": "the rule id must equal the file name",
    "wrong-context": "a party fact outside some_party/owned_by depends on where it is used",
    "non-monotone": "'known' is allowed in remarks only: depends on where it is used",
    "invalid-number": "NaN and infinity: an editor's YAML parser reads .nan as a number",
    "stale-text": "numbers and dates written in a title or convention against days/months",
    "outside-case": "relationships_file is a path on disk",
    "missing-file": "relationships_file is a path on disk",
    "not-a-file": "relationships_file is a path on disk",
}
"""Problems the tool reports that JSON Schema cannot express, with the reason."""


@dataclass(frozen=True)
class Unit:
    """One thing both validators judge: a file, or one line of a JSON Lines file."""

    path: Path
    schema: str
    line: int = 0
    """For a JSON Lines line, its number; the schema is then the relationship's."""

    def __str__(self) -> str:
        shown = str(self.path.relative_to(ROOT))
        return f"{shown}:{self.line}" if self.line else shown


def _kind(path: Path) -> str:
    relative = path.relative_to(ROOT).as_posix()
    if relative.startswith(("compliance/catalogue/rules/", "tests/invalid/rules/")):
        return "rules"
    if relative.startswith("compliance/catalogue/tests/"):
        return "tests"
    return "case"


def _units() -> list[Unit]:
    paths = [*ROOT.glob("cases/*.yaml"), *ROOT.glob("compliance/catalogue/rules/**/*.yaml"),
             *ROOT.glob("compliance/catalogue/tests/*.yaml"),
             *(p for p in INVALID.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))]
    units = [Unit(p, _kind(p)) for p in sorted(paths)]
    for jsonl in sorted(INVALID.rglob("*.jsonl")):
        lines = jsonl.read_text(encoding="utf-8").splitlines()
        units += [Unit(jsonl, "relationship", n) for n, text in enumerate(lines, 1)
                  if text.strip()]
    return units


UNITS = _units()


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    key = "case" if name == "relationship" else name
    schema = json.loads((SCHEMA_DIR / SCHEMAS[key][1]).read_text(encoding="utf-8"))
    if name == "relationship":
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                  "$ref": "#/$defs/Relationship"}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _as_editor_sees(data: Any) -> Any:
    """Dates as the strings a YAML 1.2 parser reads them as."""
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, dict):
        return {str(k): _as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_editor_sees(v) for v in data]
    return data


def _editor_data(unit: Unit) -> tuple[bool, Any]:
    """(parsed, data): what the schema validates, unless the tool refuses to parse it."""
    try:
        if unit.line:
            found = [doc for n, doc in iter_jsonl(unit.path, []) if n == unit.line]
            if not found:
                return False, None
            return True, _as_editor_sees(found[0].data)
        return True, _as_editor_sees(load_path(unit.path).data)
    except InvalidInputError:
        return False, None


@cache
def _tool_diagnostics(path: Path, kind: str) -> tuple[Diagnostic, ...]:
    if kind == "rules":
        return tuple(check_rules([path]).diagnostics)
    if kind == "tests":
        return tuple(read_rule_tests([path])[1])
    try:
        load_case(path)
    except InvalidInputError as exc:
        return exc.diagnostics
    return ()


def _tool_verdict(unit: Unit) -> list[Diagnostic]:
    if unit.line:
        case = next(p for p in unit.path.parent.glob("*.yaml")
                    if f"relationships_file: {unit.path.name}" in p.read_text())
        found = _tool_diagnostics(case, "case")
        return [d for d in found if Path(d.path) == unit.path and d.line == unit.line]
    found = _tool_diagnostics(unit.path, unit.schema)
    return [d for d in found if Path(d.path).resolve() == unit.path.resolve()]


def _schema_errors(unit: Unit, data: Any) -> list[str]:
    errors = _validator(unit.schema).iter_errors(data)
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:200]}" for e in errors]


@pytest.mark.parametrize("unit", UNITS, ids=str)
def test_schema_agrees_with_the_tool(unit: Unit, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    tool = _tool_verdict(unit)
    parsed, data = _editor_data(unit)
    if not parsed:
        assert tool, f"{unit}: the loader refuses it, so the tool must report why"
        return
    schema = _schema_errors(unit, data)
    if not tool:
        assert not schema, f"{unit}: the tool accepts it but the schema refuses:\n" + "\n".join(
            schema)
    elif not schema:
        codes = {d.code for d in tool}
        unexplained = codes - set(NOT_EXPRESSIBLE)
        assert not unexplained, (
            f"{unit}: the schema accepts it but the tool reports {sorted(unexplained)};"
            " make the schema express it, or list the code in NOT_EXPRESSIBLE with the"
            " reason:\n" + "\n".join(d.format() for d in tool))


def test_every_kind_of_input_is_compared() -> None:
    kinds = {u.schema for u in UNITS}
    assert kinds == {"case", "rules", "tests", "relationship"}, kinds
    assert sum(1 for u in UNITS if u.path.is_relative_to(INVALID)) >= 30


ISSUE_EXAMPLE = """\
id: acme-transit
title: Acme's internet transit for a DPRK operator
as_of: 2019-06-01
parties:
  - {id: acme, name: Acme Telecom, kind: company, country: NO}
  - id: kptc
    name: Korea Posts and Telecommunications Corporation
    kind: state_owned_enterprise
    country: KP
    state_owned: {value: unknown, note: not recorded}
relationships:
  - id: acme-kptc-transit
    kind: internet_transit
    parties: [{party: acme, role: provider}, {party: kptc, role: customer}]
    start: 2019-03-01
    end: {earliest: 2019-06-01}
    attributes:
      cooperative_entity: no
      generates_profit: unknown
      commercial: yes
      hs_codes: ["8517.62"]
      committee_approval: {status: none}
"""


def test_the_short_forms_of_the_issue_are_valid_in_both(tmp_path: Path) -> None:
    """``country: KP``, ``value: unknown``, ``start: 2019-03-01`` and ``cooperative_entity:
    no`` were false errors in the editor; ``country: NO`` is Norway in both."""
    path = tmp_path / "example.yaml"
    path.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    loaded = load_case(path)
    acme, kptc = loaded.case.parties
    attributes = loaded.case.relationships[0].attributes
    assert acme.fact("country").value == "NO"
    assert kptc.fact("state_owned").value is None
    assert attributes.fact("cooperative_entity").value is False
    assert attributes.fact("commercial").value is True
    data = _as_editor_sees(load_path(path).data)
    assert list(_validator("case").iter_errors(data)) == []
