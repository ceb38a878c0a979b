"""The ``Condition`` of the rule schema, built from the operator registry and fact paths.

Each operator of :data:`compliance.engine.operators.OPERATORS` contributes one
alternative: a mapping with its key and its typed ``Args``.  ``fact`` is the one
with two keys (the path and exactly one comparison); the paths, the comparisons
each kind of fact allows and the values of enum facts come from the vocabulary,
so an editor completes them and underlines a misspelt path or comparison.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from compliance.engine.conditions import DATE_CONSTANTS
from compliance.engine.facts import FACTS
from compliance.engine.operators import OPERATORS
from compliance.engine.operators.facts import COMPARISONS
from compliance.models.common import EDITOR_MESSAGE

DATE: dict[str, Any] = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                        "description": "a date as YYYY-MM-DD, e.g. 2017-09-11",
                        EDITOR_MESSAGE: "expected a date as YYYY-MM-DD, e.g. 2017-09-11"}
"""A date in every schema: the editors' message names the format."""

REF = "#/$defs/{model}"
CONDITION = {"$ref": REF.format(model="Condition")}
DATE_OPS = COMPARISONS["date"]


def condition_defs(generator: type[GenerateJsonSchema]) -> dict[str, Any]:
    """``$defs`` entries: ``Condition`` and what its operators' arguments refer to."""
    defs: dict[str, Any] = {}
    alternatives = []
    for key, op in OPERATORS.items():
        args = op.Args.model_json_schema(by_alias=True, mode="validation",
                                         schema_generator=generator, ref_template=REF)
        defs.update(args.pop("$defs", {}))
        if key == "fact":
            alternative = _fact_test(args)
        else:
            args.pop("title", None)
            if "properties" in args:  # an absent key is not a null one
                args["properties"] = {k: _not_null(v) for k, v in args["properties"].items()}
            alternative = {"type": "object", "properties": {key: args}, "required": [key],
                           "additionalProperties": False}
        alternative["title"] = key
        alternative["description"] = op.summary
        alternatives.append(alternative)
    defs["Condition"] = {
        "title": "condition",
        "description": "A mapping with exactly one operator: " + ", ".join(OPERATORS)
                       + " (see docs/writing-rules.md).",
        "oneOf": alternatives,
    }
    return defs


def refine_rule_defs(defs: dict[str, Any]) -> None:
    """The fact paths a question may ask about and a window may start from, as enums."""
    from compliance.engine.compile import QUESTION_FACTS

    question = defs["Question"]["properties"]["fact"]
    question["enum"] = sorted(QUESTION_FACTS)
    starts = defs["Window"]["properties"]["starts"]
    starts["enum"] = [c for c in DATE_CONSTANTS if c != "as_of"] + _paths("date")


def _fact_test(args: dict[str, Any]) -> dict[str, Any]:
    """``{fact: path, <comparison>: operand}``: the comparisons and operands the path's
    kind allows (``engine.operators.facts``), ``known`` included (remarks only)."""
    properties = {name: _not_null(schema) for name, schema in args["properties"].items()}
    date_operand = {"anyOf": [DATE,
                              {"enum": [*DATE_CONSTANTS, *_paths("date")]}],
                    "description": "YYYY-MM-DD, as_of, provision.adopted, in_force.from or"
                                   " a date fact path"}
    for name in DATE_OPS:
        properties[name] = date_operand
    properties["fact"] = {"enum": list(FACTS), "description": "a fact path",
                          "errorMessage": "not a fact path; see docs/case-format.md for the"
                                          " list, or complete one in the editor"}
    rules: list[dict[str, Any]] = []
    for kind, allowed in COMPARISONS.items():
        paths = _paths(kind)
        if paths:
            rules.append({"if": {"properties": {"fact": {"enum": paths}}},
                          "then": {"propertyNames": {"enum": ["fact", *allowed, "known"]}}})
    for path, spec in FACTS.items():
        if spec.domain:
            one = {"enum": list(spec.domain)}
            many = {"type": "array", "minItems": 1, "items": one}
            rules.append({"if": {"properties": {"fact": {"const": path}}},
                          "then": {"properties": {"equals": one, "not_equals": one,
                                                  "in": many, "not_in": many}}})
    return {"type": "object", "properties": properties, "required": ["fact"],
            "additionalProperties": False, "minProperties": 2, "maxProperties": 2,
            "allOf": rules}


def _paths(kind: str) -> list[str]:
    return [path for path, spec in FACTS.items() if spec.kind == kind]


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional argument's schema without its ``null`` (an absent key is not null)."""
    out = {k: v for k, v in schema.items() if k not in ("default", "title")}
    options = [s for s in out.pop("anyOf", []) if s != {"type": "null"}]
    if len(options) == 1:
        out.update(options[0])
    elif options:
        out["anyOf"] = options
    return out
