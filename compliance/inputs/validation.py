"""Validate loaded documents into models, turning every problem into a located diagnostic."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.inputs.documents import Document, Loc
from compliance.inputs.hints import country_hint, quoting_hint, role_message
from compliance.memory import gc_paused

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
}


def validate(model: type[M], doc: Document) -> M:
    """Validate ``doc.data`` as ``model``, raising every problem at once, located."""
    if not isinstance(doc.data, dict):
        got = "an empty document" if doc.data is None else f"a {type(doc.data).__name__}"
        raise InvalidInputError([doc.diagnostic((), "invalid-document",
                                                f"expected a mapping at the top level; got {got}")])
    try:
        with gc_paused():
            return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidInputError(diagnostics(model, doc, exc)) from None


def diagnostics(model: type[BaseModel], doc: Document, exc: ValidationError,
                prefix: Loc = ()) -> list[Diagnostic]:
    """Convert pydantic errors to diagnostics, one per problem, deduplicated."""
    out: dict[tuple[int, int, str], Diagnostic] = {}
    errors = exc.errors(include_url=False)
    failed_items = {tuple(e["loc"][:i]) for e in errors for i, part in enumerate(e["loc"])
                    if isinstance(part, int)}
    for error in errors:
        if error["type"] == "too_short" and tuple(error["loc"]) in failed_items:
            continue  # pydantic counts only the items that validated: not a real problem
        d = _diagnostic(model, doc, error, prefix)
        out.setdefault((d.line, d.col, d.code), d)
    return sorted(out.values())


def _diagnostic(model: type[BaseModel], doc: Document, error: ErrorDetails,
                prefix: Loc) -> Diagnostic:
    loc: Loc = tuple(p for p in error["loc"] if isinstance(p, int | str))
    kind = error["type"]
    field = _field_name(loc)
    full = (*prefix, *loc)
    got = error.get("input")
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        hint = did_you_mean(str(field), allowed)
        expected = f"; expected one of: {', '.join(allowed)}" if allowed and not hint else ""
        return doc.diagnostic(full, "unknown-key",
                              f"unknown key '{field}'{hint}{expected}", key=True)
    if kind == "missing":
        return doc.diagnostic(full[:-1], "missing-key",
                              f"'{field}' is required here; add it, e.g. {field}: ...", key=True)
    if kind == "literal_error":
        role = role_message(doc, full, got)
        if role is not None:
            return doc.diagnostic(full, "invalid-value", role)
        expected_values = _literal_values(error)
        return doc.diagnostic(full, "invalid-value",
                              f"'{got}' is not a valid {field}"
                              f"{did_you_mean(str(got), expected_values)};"
                              f" expected one of: {', '.join(expected_values)}")
    if kind in _TYPE_NAMES:
        hint = quoting_hint(doc, full, got) if kind == "string_type" else ""
        if kind in ("tuple_type", "list_type") and isinstance(got, int | float | str):
            shown = doc.source_text(full) or str(got)
            hint = f" (write a list, e.g. [\"{shown}\"])"
        return doc.diagnostic(full, "wrong-type",
                              f"'{field}' must be {_TYPE_NAMES[kind]}; got {_describe(got)}{hint}")
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        if "A-Z" in pattern:
            return doc.diagnostic(full, "invalid-country",
                                  f"'{got}' is not an ISO 3166-1 alpha-2 code{country_hint(got)};"
                                  " expected two capital letters, e.g. KP, RU, CN")
        return doc.diagnostic(full, "invalid-id",
                              f"'{got}' is not a valid identifier; expected lowercase letters,"
                              " digits, '-', '.' or '_', e.g. star-jv")
    if kind.startswith(("url_", "url")):
        return doc.diagnostic(full, "invalid-url",
                              f"'{got}' is not a valid URL; expected e.g. https://undocs.org/S/RES/2375(2017)")
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return doc.diagnostic(full, "invalid-length", _length_message(kind, field, error))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return doc.diagnostic(full, "out-of-range", f"'{field}': {error['msg'].lower()}")
    if kind == "invalid_country":
        return doc.diagnostic(full, "invalid-country",
                              f"'{got}' is not an ISO 3166-1 alpha-2 country code"
                              f"{country_hint(got)}; expected e.g. KP, RU, CN")
    code = kind.replace("_", "-")
    message = error["msg"]
    message = message[0].lower() + message[1:] if message else "invalid value"
    return doc.diagnostic(full, code, message.removeprefix("value error, "))


def _length_message(kind: str, field: str, error: ErrorDetails) -> str:
    ctx = error.get("ctx") or {}
    got = error.get("input")
    if kind == "string_too_short":
        return f"'{field}' must not be empty; expected some text"
    if kind == "string_too_long":
        size = len(got) if isinstance(got, str) else "too many"
        return (f"'{field}' is {size} characters long;"
                f" expected at most {ctx.get('max_length')}")
    actual = ctx.get("actual_length", len(got) if isinstance(got, list | tuple) else "?")
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"'{field}' needs at least {least} item{'s' * (least != 1)}; got {actual}"
    return f"'{field}' allows at most {ctx.get('max_length')} items; got {actual}"


def _field_name(loc: Loc) -> str:
    """The key a problem is about; a fact's ``value`` is named after the fact.

    >>> _field_name(("parties", 0, "state_owned", "value"))
    'state_owned'
    >>> _field_name(("parties", 0, "country", "contested", 1, "value"))
    'country'
    """
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return "value"
    if names[-1] == "value":
        for name in reversed(names[:-1]):
            if name != "contested":
                return name
    return names[-1]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) < 60 else text[:57] + "...'"


def _literal_values(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _fields_at(model: type[BaseModel], loc: Loc) -> set[str]:
    """The keys allowed by the model found at ``loc`` (empty if not a model)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return set()
    current = _unwrap_model(current)
    if current is None:
        return set()
    return {info.alias or name for name, info in current.model_fields.items()}


def _step(annotation: Any, part: str | int) -> Any:
    model = _unwrap_model(annotation)
    if isinstance(part, str):
        if model is not None:
            for name, info in model.model_fields.items():
                if part in (name, info.alias):
                    return info.annotation
            return None
        for arg in _args(annotation):
            if get_origin(arg) is dict or arg is dict:
                return get_args(arg)[1] if get_args(arg) else None
        if get_origin(annotation) is dict:
            return get_args(annotation)[1]
        return None
    for arg in _args(annotation):
        origin = get_origin(arg)
        if origin in (tuple, list):
            return get_args(arg)[0]
    return None


def _args(annotation: Any) -> Iterator[Any]:
    yield annotation
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in get_args(annotation):
            yield from _args(arg)


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
