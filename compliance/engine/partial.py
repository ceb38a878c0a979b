"""Check the conditions of a rule file that does not validate, from what of it does.

A rule file with a bad ``severity`` used to have its conditions compiled only once
that was fixed, so a misspelt operator surfaced on the next run.  Here each field
of the rule is validated on its own (each item of a list or mapping too), what
validates makes a partial rule, and that rule is compiled as usual: every problem
of the file is reported in one run.  Only compile problems at a place where the
schema reported nothing are kept, so nothing is said twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Annotated, Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from compliance.engine.compile import compile_rule
from compliance.errors import Diagnostic, InvalidInputError
from compliance.inputs.documents import Document
from compliance.models.rules import Definition, RuleSpec

_STAND_IN_DATE = dt.date(1945, 10, 24)
"""A date for ``provision.adopted`` or ``in_force.from`` when the file's is invalid (the
day the UN Charter came into force); only deadlines shown in no diagnostic use it."""


def partial_problems(doc: Document, reported: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The compile problems of ``doc``'s valid parts at places ``reported`` does not cover."""
    if not isinstance(doc.data, dict):
        return []
    spec = partial_spec(doc.data)
    try:
        compile_rule(spec, doc)
    except InvalidInputError as exc:
        seen = {(d.line, d.col) for d in reported}
        return [d for d in exc.diagnostics if (d.line, d.col) not in seen]
    return []


def partial_spec(data: dict[str, Any]) -> RuleSpec:
    """A rule spec of the fields of ``data`` that validate, item by item where a field
    is a list or mapping; others are left at their defaults (or empty)."""
    values: dict[str, Any] = {}
    for name, info in RuleSpec.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        raw = data[key]
        try:
            values[name] = _adapter(name).validate_python(raw)
        except ValidationError:
            kept = _items(name, raw)
            if kept is not None:
                values[name] = kept
    values.setdefault("definitions", {})
    values.setdefault("applies_when", data.get("applies_when"))
    spec: RuleSpec = _construct(RuleSpec)(**values)
    return _with_dates(spec, data)


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    info = RuleSpec.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


def _items(name: str, raw: Any) -> Any:
    """The items of a list or mapping field that validate on their own."""
    annotation = RuleSpec.model_fields[name].annotation
    if name == "definitions" and isinstance(raw, dict):
        # A definition that does not validate still names a notion conditions use;
        # keep its condition so that 'use:' finds it and its own errors are found.
        out = {}
        for key, item in raw.items():
            try:
                out[key] = TypeAdapter(Definition).validate_python(item)
            except ValidationError:
                if isinstance(item, dict):
                    context = item.get("context")
                    out[key] = _construct(Definition)(
                        meaning="", when=item.get("when"),
                        context=context if context in ("party", "relationship") else "party")
        return out
    args = get_args(annotation)
    if isinstance(raw, list) and args and args[-1] is Ellipsis:
        adapter: TypeAdapter[Any] = TypeAdapter(args[0])
        return tuple(_valid(adapter, raw))
    return None


def _valid(adapter: TypeAdapter[Any], items: Sequence[Any]) -> Iterable[Any]:
    for item in items:
        try:
            yield adapter.validate_python(item)
        except ValidationError:
            continue


def _with_dates(spec: RuleSpec, data: dict[str, Any]) -> RuleSpec:
    """Stand-ins for a provision or in-force period that did not validate, so compiling
    can read their dates; the schema already reported them."""
    from compliance.models.provenance import Provision
    from compliance.models.rules import InForce, Reasons

    update: dict[str, Any] = {}
    if "provision" not in spec.__dict__:
        update["provision"] = _construct(Provision)(adopted=_STAND_IN_DATE)
    if "in_force" not in spec.__dict__:
        update["in_force"] = _construct(InForce)(from_=_STAND_IN_DATE)
    if "reasons" not in spec.__dict__:
        raw = data.get("reasons")
        texts = {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(
            raw, dict) else {}
        update["reasons"] = _construct(Reasons)(**texts)
    return spec.model_copy(update=update) if update else spec


def _construct(model: type[BaseModel]) -> Any:
    """``model.model_construct``: an instance of the fields given, without validation
    (the fields missing are never read for what is compiled here)."""
    return model.model_construct
