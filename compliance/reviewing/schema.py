"""JSON Schema for rule and case files, generated from the pydantic models.

The generated files in ``docs/schema/`` let an editor's YAML language server
complete and check ``rules/`` and ``cases/`` as they are typed.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from compliance.models.case import Case
from compliance.models.rules import RuleSpec

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "rules": (RuleSpec, "rule.schema.json", "compliance rule file"),
    "case": (Case, "case.schema.json", "compliance case file"),
}
"""Schema name -> (model, file name under docs/schema/, title)."""


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``rules`` or ``case``."""
    model, _file, title = SCHEMAS[name]
    body = model.model_json_schema(by_alias=True, mode="validation")
    body["title"] = title
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **body}


def schema_text(name: str) -> str:
    """The schema as stable, indented JSON ending in a newline."""
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
