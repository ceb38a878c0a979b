"""JSON Schema for rule, rule-test and case files, generated from the pydantic models.

The generated files in ``docs/schema/`` let an editor's YAML language server
complete and check rule files, rule tests and cases as they are typed.  The models
give the shape; three things are added so the schema accepts what the tool accepts,
as an editor reading YAML 1.2 sees it: a fact may be written short (the value
itself), as ``unknown`` or ``null``, or long (``{value, evidence, ...}``); a date is
a ``YYYY-MM-DD`` string; and a condition is one of the registered operators, each
with its typed arguments (:mod:`compliance.reviewing.schema_conditions`).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from compliance.inputs.ruletests import RuleTestFile
from compliance.models.case import Case
from compliance.models.common import UNKNOWN, DateFact, Fact
from compliance.models.rules import CONDITION_MARK, RuleSpec
from compliance.reviewing.schema_conditions import DATE, condition_defs, refine_rule_defs

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "rules": (RuleSpec, "rule.schema.json", "compliance rule file"),
    "case": (Case, "case.schema.json", "compliance case file"),
    "tests": (RuleTestFile, "rule-test.schema.json", "compliance rule-test file"),
}
"""Schema name -> (model, file name under docs/schema/, title)."""

REF = "#/$defs/{model}"
CONDITION_REF = REF.format(model="Condition")
NULL = {"type": "null"}
UNKNOWN_SCHEMA = {"const": UNKNOWN, "description": "explicitly unknown"}
SLUGS = {"true or false (yes or no)": "yes_no", "percentage": "percent", "number": "number",
         "two-letter country code": "country", "list of codes": "codes",
         "date as YYYY-MM-DD": "date"}
"""Definition names for the kinds of fact values (see :func:`describe`)."""
TEST_CASE_OPTIONAL = ("id", "title")
"""Keys a rule test's inline case may leave out (``inputs.ruletests`` fills them in)."""


class Generator(GenerateJsonSchema):
    """Pydantic's generator, with dates as strings and facts in every written form."""

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        # Editors read YAML 1.2, where 2017-09-11 is a string; the tool accepts both.
        return dict(DATE)

    def url_schema(self, schema: core_schema.UrlSchema) -> JsonSchemaValue:
        out = super().url_schema(schema)
        out["pattern"] = r"^[Hh][Tt][Tt][Pp][Ss]?://\S"  # HttpUrl: http or https only
        return out

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        out = super().model_schema(schema)
        cls = schema["cls"]
        if isinstance(cls, type) and issubclass(cls, Fact | DateFact):
            return fact_forms(out, cls)
        return out


def fact_forms(long: JsonSchemaValue, cls: type[BaseModel]) -> JsonSchemaValue:
    """A fact's schema: its short form, ``unknown``, ``null`` or its long form.

    ``long`` is the model's object schema; the short form is whatever its ``value``
    accepts (a boolean, a code, a date...), exactly as the model's shorthand does
    (``models.common._fact_shorthand``).
    """
    value = long["properties"]["value"]
    short = [s for s in value.get("anyOf", [value]) if s != NULL]
    long["properties"]["value"] = {"anyOf": [*short, UNKNOWN_SCHEMA, NULL],
                                   "description": "the value, or unknown"}
    described = describe(short[0]) if len(short) == 1 else "a value"
    title = "date fact" if cls is DateFact else f"fact: {described}"
    long["title"] = f"{title}, long form"
    more = "'earliest'/'latest' bounds" if cls is DateFact else "'since'/'until', 'periods'"
    doc = (f"{described}; or unknown; or a mapping with 'value' and its 'evidence'"
           f" (and 'contested', 'assumption', 'note', {more})")
    return {"title": title, "description": doc,
            "anyOf": [*short, UNKNOWN_SCHEMA, NULL, long]}


def describe(schema: JsonSchemaValue) -> str:
    """A few words for a value schema, for titles and hover text.

    >>> describe({"type": "array", "items": {"type": "string"}})
    'a list of codes'
    """
    if "ISO 3166" in schema.get("description", ""):
        return "a two-letter country code"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"] if isinstance(v, str))
    if "anyOf" in schema:
        return str(schema.get("description", "a value"))
    kind = schema.get("type")
    if schema.get("format") == "date":
        return "a date as YYYY-MM-DD"
    if kind == "string":
        return "text"
    if kind == "number":
        return "a percentage" if schema.get("maximum") == 100 else "a number"
    if kind == "array":
        return "a list of codes"
    return str(kind or "a value")


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``rules``, ``tests`` or ``case``."""
    model, _file, title = SCHEMAS[name]
    body = model.model_json_schema(by_alias=True, mode="validation",
                                   schema_generator=Generator, ref_template=REF)
    defs: dict[str, Any] = body.setdefault("$defs", {})
    if name == "rules":
        defs.update(condition_defs(Generator))
        refine_rule_defs(defs)
    if name == "tests":
        _optional_case_ids(body)
    body["title"] = title
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **body}
    out: dict[str, Any] = _renamed(_conditions_referenced(schema), _readable_names(defs))
    out["$defs"] = dict(sorted(out["$defs"].items()))
    return out


def _readable_names(defs: dict[str, Any]) -> dict[str, str]:
    """``Fact_yes_no`` for pydantic's ``Fact_Annotated_bool__BeforeValidator__...``."""
    out = {}
    for name, body in defs.items():
        prefix = name.split("_", 1)[0]
        if prefix == "Fact" and "anyOf" in body:
            value = body["anyOf"][0]
        elif prefix == "Position":
            value = body["properties"]["value"]
        else:
            continue
        words = describe(value).removeprefix("one of ").removeprefix("a ")
        slug = SLUGS.get(words, words.replace(", ", "_").replace(" ", "_"))
        out[name] = f"{prefix}_{slug}"
    if len(set(out.values())) != len(out):  # pragma: no cover - two facts of one kind
        return {}
    return out


def _renamed(schema: Any, names: dict[str, str]) -> Any:
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                value = REF.format(model=names.get(value[8:], value[8:]))
            out[names.get(key, key) if schema is not None else key] = _renamed(value, names)
        return out
    if isinstance(schema, list):
        return [_renamed(v, names) for v in schema]
    return schema


def _conditions_referenced(schema: Any) -> Any:
    """Every place ``models.rules.Condition`` marked, as a reference to ``$defs/Condition``."""
    if isinstance(schema, dict):
        if schema.get(CONDITION_MARK) is True:
            rest = {k: v for k, v in schema.items() if k != CONDITION_MARK}
            return {"$ref": CONDITION_REF, **_conditions_referenced(rest)}
        return {k: _conditions_referenced(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_conditions_referenced(v) for v in schema]
    return schema


def _optional_case_ids(body: dict[str, Any]) -> None:
    """A rule test's case is a case whose ``id`` and ``title`` may be left out."""
    defs = body["$defs"]
    case = copy.deepcopy(defs["Case"])
    case["required"] = [k for k in case.get("required", []) if k not in TEST_CASE_OPTIONAL]
    case["title"] = "rule-test case"
    case["description"] = ("A case as in a case file; 'id' and 'title' may be left out.")
    defs["RuleTestCase"] = case
    defs["RuleTest"]["properties"]["case"] = {"$ref": REF.format(model="RuleTestCase")}


def schema_text(name: str) -> str:
    """The schema as stable, indented JSON ending in a newline."""
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
